"""Each question type's grading on worked examples: the rules the office relies on."""

from decimal import Decimal

import pytest

from courses.grading import ONE, ZERO
from courses.models import (
    EssayQuestion,
    MatchingQuestion,
    MultipleResponseQuestion,
    NumericalQuestion,
    OrderingQuestion,
    ShortAnswerQuestion,
    SingleChoiceQuestion,
    SituationalJudgementQuestion,
    TrueFalseQuestion,
)

from .builders import build

D = Decimal


def graded(question, raw):
    return question.grade(question.clean_response(raw))


def test_single_choice_gives_the_chosen_options_share_and_feedback():
    question = build(
        SingleChoiceQuestion,
        [
            {"text": "五年", "fraction": ONE, "feedback": "对"},
            {"text": "三年", "fraction": D("0.5")},
        ],
    )
    right, half = (option.pk for option in question.ordered_options())
    assert graded(question, {"choice": right}).fraction == ONE
    assert graded(question, {"choice": right}).feedback == ("对",)
    assert graded(question, {"choice": str(half)}).fraction == D("0.5")
    with pytest.raises(ValueError):
        question.clean_response({"choice": 999})
    assert question.clean_response({"choice": ""}) is None


def test_multiple_response_adds_shares_and_never_goes_below_zero():
    question = build(
        MultipleResponseQuestion,
        [
            {"text": "a", "fraction": D("0.5")},
            {"text": "b", "fraction": D("0.5")},
            {"text": "c", "fraction": D("-0.5")},
            {"text": "d", "fraction": D("-1")},
        ],
    )
    a, b, c, d = (option.pk for option in question.ordered_options())
    assert graded(question, {"choices": [a, b]}).fraction == ONE
    assert graded(question, {"choices": [a, b, c]}).fraction == D("0.5")
    assert graded(question, {"choices": [a, d]}).fraction == ZERO  # not -0.5
    assert graded(question, {"choices": [a, b, c, d]}).fraction == ZERO  # ticking all does not pay
    assert graded(question, {"choices": [a, a]}).fraction == D("0.5")  # a repeat counts once


def test_judgement_gives_each_option_its_weight_and_ranks_them_in_the_review():
    question = build(
        SituationalJudgementQuestion,
        [
            {"text": "请街道出面", "fraction": D("0.2")},
            {"text": "召集三方协调会", "fraction": ONE},
            {"text": "先听取居民意见", "fraction": D("0.6")},
        ],
    )
    _street, _meeting, listen = (option.pk for option in question.ordered_options())
    assert graded(question, {"choice": listen}).fraction == D("0.6")
    assert question.right_answer_text().index("召集") < question.right_answer_text().index("先听")


@pytest.mark.parametrize(("given", "expected"), [(True, ONE), ("false", ZERO), ("1", ONE)])
def test_true_false(given, expected):
    question = build(TrueFalseQuestion, correct_answer=True, feedback_false="可以联建。")
    assert graded(question, {"answer": given}).fraction == expected
    with pytest.raises(ValueError):
        question.clean_response({"answer": "maybe"})


def test_short_answer_takes_the_best_matching_answer():
    question = build(
        ShortAnswerQuestion,
        [
            {"text": "Red*", "fraction": D("0.5"), "feedback": "接近"},
            {"text": "RP", "fraction": ONE},
        ],
    )
    assert graded(question, {"text": "ｒｐ"}).fraction == ONE
    assert graded(question, {"text": "red property"}).fraction == D("0.5")
    assert graded(question, {"text": "red property"}).feedback == ("接近",)
    assert graded(question, {"text": "物业"}).fraction == ZERO


def test_short_answer_can_be_case_sensitive():
    question = build(ShortAnswerQuestion, [{"text": "RP", "fraction": ONE}], case_sensitive=True)
    assert graded(question, {"text": "rp"}).fraction == ZERO
    assert graded(question, {"text": "ＲＰ"}).fraction == ONE  # width still does not matter


def test_numerical_accepts_values_within_tolerance():
    question = build(
        NumericalQuestion,
        [
            {"text": "12", "fraction": ONE, "tolerance": D("0.5")},
            {"text": "12", "fraction": D("0.5"), "tolerance": D("2")},
            {"text": "*", "fraction": ZERO, "feedback": "再数一遍"},
        ],
    )
    assert graded(question, {"text": "１２．４"}).fraction == ONE
    assert graded(question, {"text": "13.9"}).fraction == D("0.5")
    assert graded(question, {"text": "20"}).feedback == ("再数一遍",)
    with pytest.raises(ValueError):
        question.clean_response({"text": "十二"})


def test_matching_gives_a_share_per_right_pair_and_offers_distractors():
    question = build(
        MatchingQuestion,
        [
            {"text": "业委会", "match_text": "代表业主"},
            {"text": "物业公司", "match_text": "提供服务"},
            {"text": "", "match_text": "审批预算"},
        ],
    )
    owners, company, _distractor = (option.pk for option in question.ordered_options())
    assert question.answer_choices() == sorted(["代表业主", "提供服务", "审批预算"])
    response = {"pairs": {str(owners): "代表业主", str(company): "审批预算"}}
    assert graded(question, response).fraction == D("0.5")
    with pytest.raises(ValueError):
        question.clean_response({"pairs": {str(owners): "不存在的答案"}})


@pytest.mark.parametrize(("grading", "expected"), [("partial", D("0.5")), ("all_or_nothing", ZERO)])
def test_ordering_grades_by_place_or_all_or_nothing(grading, expected):
    question = build(
        OrderingQuestion, [{"text": t} for t in ("提议", "商议", "决议", "公开")], grading=grading
    )
    a, b, c, d = (option.pk for option in question.ordered_options())
    assert graded(question, {"order": [a, b, d, c]}).fraction == expected
    assert graded(question, {"order": [a, b, c, d]}).fraction == ONE
    with pytest.raises(ValueError):
        question.clean_response({"order": [a, a, b, c]})


def test_an_essay_waits_for_a_person_unless_nothing_was_written():
    question = build(EssayQuestion, criteria=[4, 6], min_words=5)
    assert graded(question, {"text": "<p>先调研</p>"}).fraction is None
    assert question.word_problem({"text": "<p>先调研</p>"})
    assert graded(question, {"text": "<p> </p>"}).fraction == ZERO
    cleaned = question.clean_response({"text": "<p>好</p><script>alert(1)</script>"})
    assert "script" not in cleaned["text"]
