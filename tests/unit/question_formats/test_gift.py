"""GIFT reads as Moodle reads it, reports what it cannot read by line, and round-trips."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses.question_formats import gift
from courses.question_formats.base import (
    ESSAY,
    JUDGEMENT,
    MATCHING,
    MULTIPLE,
    NUMERICAL,
    ORDERING,
    SHORT_ANSWER,
    SINGLE,
    TRUE_FALSE,
    OptionData,
    QuestionData,
    ReadResult,
)
from tests.unit.question_formats import SAMPLES, sample_id, without_location

D = Decimal


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in their English source, whatever locale/ holds later."""
    with translation.override("en"):
        yield


def only(text: str, **kwargs) -> QuestionData:
    result = gift.read(text, **kwargs)
    assert result.problems == []
    assert len(result.questions) == 1
    return result.questions[0]


def as_gift_reads(question: QuestionData) -> QuestionData:
    """What GIFT carries of a question: no mark, no settings but true/false's, no rubric."""
    return replace(
        question,
        type=SINGLE if question.type == JUDGEMENT else question.type,
        default_mark=D("1"),
        criteria=[],
        settings=question.settings if question.type == TRUE_FALSE else {},
    )


# Reading -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected_type"),
    [
        ("{=right ~wrong}", SINGLE),
        ("{~wrong =right ~%50%half}", SINGLE),
        ("{~%50%a ~%50%b ~%-100%c}", MULTIPLE),
        ("{~%100%only ~wrong}", MULTIPLE),  # Moodle: no = means multiple response
        ("{=a =b =%50%c}", SHORT_ANSWER),
        ("{=a -> 1 =b -> 2}", MATCHING),
        ("{#3.14:0.01}", NUMERICAL),
        ("{T}", TRUE_FALSE),
        ("{FALSE}", TRUE_FALSE),
        ("{}", ESSAY),
        ("{####general feedback only}", ESSAY),
    ],
)
def test_the_answers_decide_the_type_as_in_moodle(answers, expected_type):
    assert only(f"Question text {answers}").type == expected_type


def test_a_multiple_choice_question_reads_options_weights_and_feedback():
    question = only(
        "// a comment\n"
        "::Q1:: Who is buried in Grant's tomb? {\n"
        "  ~Grant#No, he is in it but not alone\n"
        "  =no one#Right\n"
        "  ~%-50%Jefferson\n"
        "  ####General feedback\n"
        "}"
    )

    assert question.name == "Q1"
    assert question.text == "Who is buried in Grant's tomb?"
    assert question.general_feedback == "General feedback"
    assert question.options == [
        OptionData("Grant", D("0"), "No, he is in it but not alone"),
        OptionData("no one", D("1"), "Right"),
        OptionData("Jefferson", D("-0.5")),
    ]
    assert question.location == "line 2"


def test_multiple_response_weights_are_percentages():
    question = only("Pick {~%33.33333%a ~%33.33333%b ~%33.33334%c ~%-100%d}")

    assert [o.fraction for o in question.options] == [
        D("0.3333333"),
        D("0.3333333"),
        D("0.3333334"),
        D("-1"),
    ]


@pytest.mark.parametrize(
    ("answers", "correct", "feedback_true", "feedback_false"),
    [
        ("{T}", True, "", ""),
        ("{TRUE}", True, "", ""),
        ("{F}", False, "", ""),
        # The first feedback is for a wrong answer, the second for a right one (Moodle).
        ("{TRUE#chose false#chose true}", True, "chose true", "chose false"),
        ("{T#chose false}", True, "", "chose false"),
        ("{FALSE#chose true#chose false}", False, "chose true", "chose false"),
        ("{F##chose false####general}", False, "", "chose false"),
    ],
)
def test_true_false_feedback_goes_to_the_answer_that_earns_it(
    answers, correct, feedback_true, feedback_false
):
    question = only(f"The sky is green. {answers}")

    assert question.settings == {
        "correct": correct,
        "feedback_true": feedback_true,
        "feedback_false": feedback_false,
    }


def test_short_answers_are_all_written_with_equals():
    question = only("Capital of France? {=Paris =%50%paris#lower case ####Well}")

    assert question.options == [
        OptionData("Paris", D("1")),
        OptionData("paris", D("0.5"), "lower case"),
    ]
    assert question.general_feedback == "Well"


@pytest.mark.parametrize(
    ("answers", "options"),
    [
        ("{#3.14:0.01}", [OptionData("3.14", D("1"), tolerance=D("0.01"))]),
        ("{#42}", [OptionData("42", D("1"), tolerance=D("0"))]),
        ("{#1..5}", [OptionData("3", D("1"), tolerance=D("2"))]),
        ("{#-1.5..0.5}", [OptionData("-0.5", D("1"), tolerance=D("1"))]),
        (
            "{#=%100%3.14:0.01#exact =%50%3:1#close}",
            [
                OptionData("3.14", D("1"), "exact", tolerance=D("0.01")),
                OptionData("3", D("0.5"), "close", tolerance=D("1")),
            ],
        ),
        (
            "{#\n=1822:0\n=%50%1822:2\n~#No, 1822}",
            [
                OptionData("1822", D("1"), tolerance=D("0")),
                OptionData("1822", D("0.5"), tolerance=D("2")),
                OptionData("*", D("0"), "No, 1822"),
            ],
        ),
    ],
)
def test_numerical_answers_with_tolerances_ranges_and_other_answers(answers, options):
    assert only(f"When? {answers}").options == options


def test_matching_pairs_and_a_distractor():
    question = only("Match {=Canada -> Ottawa =Italy->Rome = -> Paris}")

    assert question.options == [
        OptionData("Canada", match_text="Ottawa"),
        OptionData("Italy", match_text="Rome"),
        OptionData("", match_text="Paris"),
    ]


def test_a_missing_word_leaves_a_blank_in_the_text():
    question = only("Grant is {~buried =entombed ~living} in Grant's tomb.")

    assert question.text == "Grant is _____ in Grant's tomb."
    assert question.name == "Grant is _____ in Grant's tomb."


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("[html]<b>bold</b> & more", "<b>bold</b> & more"),
        ("[html]one\\ntwo", "one\ntwo"),
        ("[plain]<b>not bold</b>", "&lt;b&gt;not bold&lt;/b&gt;"),
        ("[markdown]**a** < b", "**a** &lt; b"),
        ("[moodle]one\\ntwo", "one<br>two"),
        ("<i>moodle is the default</i>\\nline", "<i>moodle is the default</i><br>line"),
        ("[unknown]stays", "[unknown]stays"),
        ("a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h", "a~b=c#d{e}f:g\\h"),
        ("中文：题目 \\{ 括号 \\}", "中文：题目 { 括号 }"),
    ],
)
def test_text_formats_and_escapes(source, text):
    assert only(f"::n::{source}{{T}}").text == text


def test_a_format_mark_on_an_option_applies_to_that_option():
    question = only("[html]Q {=[plain]<b> ~<i>x</i>}")

    assert [o.text for o in question.options] == ["&lt;b&gt;", "<i>x</i>"]


@pytest.mark.parametrize(
    ("category_line", "prefix", "path"),
    [
        ("$CATEGORY: $course$/top/A/B", (), ("A", "B")),
        ("$CATEGORY: $system$/top/A", (), ("A",)),
        ("$CATEGORY: $course$/Default for C1/A", (), ("Default for C1", "A")),
        ("$CATEGORY: A/B", (), ("A", "B")),
        ("$CATEGORY: $course$/top/a//b/c", (), ("a/b", "c")),
        ("$CATEGORY: $course$/top", (), ()),
        ("$CATEGORY: $course$/top/党建/基层", ("导入",), ("导入", "党建", "基层")),
        ("// no category line", ("导入",), ("导入",)),
    ],
)
def test_a_category_line_sets_the_path_under_the_given_prefix(category_line, prefix, path):
    result = gift.read(f"{category_line}\n\nQ {{T}}\n\nR {{F}}", category_path=prefix)

    assert [q.category_path for q in result.questions] == [path, path]


def test_each_category_line_applies_until_the_next():
    result = gift.read("Q1 {T}\n\n$CATEGORY: A\n\nQ2 {T}\n\n$CATEGORY: B/C\nQ3 {T}")

    assert [q.category_path for q in result.questions] == [(), ("A",), ("B", "C")]


def test_tags_come_from_the_comment_line_as_moodle_writes_them():
    question = only("// question: 12  name: x\n// [id:Q12] [tag:网格] [tag:a\\]b]\n::x::Q {T}")

    assert question.tags == ["网格", "a]b"]


def test_a_moodle_export_is_read():
    text = (
        "// question: 0  name: Switch category to $course$/top/Default for C1/党建\n"
        "$CATEGORY: $course$/top/Default for C1/党建\n"
        "\n\n"
        "// question: 12  name: 选择\n"
        "// [tag:网格]\n"
        "::选择::[html]<p>谁负责？</p>{\n"
        "\t=<p>书记</p>#<p>对</p>\n"
        "\t~%-50%<p>没人</p>\n"
        "\t####<p>总评</p>\n"
        "}\n\n"
        "// question: 13  name: 填空\n"
        "::填空::[html]<p>全称？</p>{\n"
        "\t=%100%居民委员会#\n"
        "\t=%50%居委会#<p>简称</p>\n"
        "}\n"
    )

    result = gift.read(text)

    assert result.problems == []
    choice, short = result.questions
    assert (choice.name, choice.category_path, choice.tags) == (
        "选择",
        ("Default for C1", "党建"),
        ["网格"],
    )
    assert choice.options == [
        OptionData("<p>书记</p>", D("1"), "<p>对</p>"),
        OptionData("<p>没人</p>", D("-0.5")),
    ]
    assert choice.general_feedback == "<p>总评</p>"
    assert short.options == [
        OptionData("居民委员会", D("1")),
        OptionData("居委会", D("0.5"), "<p>简称</p>"),
    ]


def test_a_question_without_a_title_is_named_by_its_text():
    assert only("<p>Is <b>this</b> true?</p>{T}").name == "Is this true?"
    assert only("{T}").name == "Question at line 1"


# Problems ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("Q {=a ~b", "The braces do not match"),
        ("Q =a ~b}", "The braces do not match"),
        ("Q }=a ~b{", "The braces do not match"),
        ("Q {=a} and {=b}", "The braces do not match"),
        ("::unclosed title Q {T}", "The title is not closed"),
        ("Q {abc}", "“abc” is not an answer"),
        ("Q {right =a ~b}", "“right” is not an answer"),
        ("Q {~a ~b}", "No option is marked right"),
        ("Q {~%0%a ~%-50%b}", "No option is marked right"),
        ("Q {~only}", "needs at least two options"),
        ("Q {=a ~%150%b}", "The weight 150% is not between -100% and 100%"),
        ("Q {=%50%a ~b}", "A weight cannot follow ="),
        ("Q {=a ~}", "An answer is empty"),
        ("Q {=}", "An answer is empty"),
        ("Q {=#feedback only}", "An answer is empty"),
        ("Q {#abc}", "“abc” is not a number"),
        ("Q {#1..x}", "“1..x” is not a number"),
        ("Q {#5..1}", "“5..1” is not a number"),
        ("Q {#3:-1}", "“3:-1” is not a number"),
        ("Q {#3:x}", "“3:x” is not a number"),
        ("Q {#NaN}", "“NaN” is not a number"),
        ("Q {#1e999999}", "“1e999999” is not a number"),
        ("Q {#}", "needs at least one number"),
        ("Q {#~#only other answers}", "needs at least one number"),
        ("Q {#=3:1 ~other#fb}", "After ~ in a numerical question"),
        ("Q {=a -> 1 =b}", "“b” has no ->"),
        ("Q {=a -> 1 = -> 2}", "needs at least two pairs"),
        ("Q {=a -> 1 =b -> }", "An answer is empty"),
        ("Q {x =a -> 1 =b -> 2}", "“x” is not an answer"),
    ],
)
def test_a_question_that_cannot_be_read_is_a_problem_at_its_line(source, message):
    result = gift.read(f"::fine:: Q {{T}}\n\n// comment\n{source}\n\n::also fine:: Q {{F}}")

    assert [q.name for q in result.questions] == ["fine", "also fine"]
    assert len(result.problems) == 1
    assert result.problems[0].location == "line 4"
    assert message in result.problems[0].message


def test_text_without_answers_is_a_description_left_out_and_the_others_are_read():
    result = gift.read("::fine:: Q {T}\n\n::说明:: Only a description, no answers.\n\nQ2 {F}")

    assert [q.name for q in result.questions] == ["fine", "Q2"]
    assert result.problems == []
    assert [(item.location, item.kind) for item in result.left_out] == [("line 3", "description")]
    assert "no answers in braces" in result.left_out[0].message


def test_problems_name_the_first_line_of_a_question_spread_over_lines():
    text = "Q1 {T}\n\n\n// why\n::bad::\nQ2 {\n  ~a\n  ~b\n}\n\nQ3 {F}"

    result = gift.read(text)

    assert [p.location for p in result.problems] == ["line 5"]
    assert [q.location for q in result.questions] == ["line 1", "line 11"]


def test_problem_messages_are_translated():
    with translation.override("zh-hans"):
        problem = gift.read("Q {abc}").problems[0]

    assert isinstance(problem.message, str)
    assert problem.location


# Writing -----------------------------------------------------------------------------------


GIFT_SAMPLES = [q for q in SAMPLES if q.type != ORDERING]


@pytest.mark.parametrize("question", GIFT_SAMPLES, ids=sample_id)
def test_every_type_gift_can_express_survives_a_round_trip(question):
    result = gift.read(gift.write([question]))

    assert result.problems == []
    assert without_location(result.questions) == [as_gift_reads(question)]


def test_a_whole_category_exported_and_imported_gives_the_same_questions():
    text = gift.write(SAMPLES)

    result = gift.read(text)

    assert result.problems == []
    assert without_location(result.questions) == [as_gift_reads(q) for q in GIFT_SAMPLES]


def test_an_import_under_a_prefix_keeps_the_exported_tree_below_it():
    result = gift.read(gift.write(GIFT_SAMPLES), category_path=("导入",))

    assert [q.category_path for q in result.questions] == [
        ("导入", *q.category_path) for q in GIFT_SAMPLES
    ]


def test_the_written_file_is_moodle_gift():
    text = gift.write([SAMPLES[0], SAMPLES[2]])

    assert text.startswith("$CATEGORY: $course$/top/党建/基层治理\n\n// [tag:网格] [tag:2024]\n")
    assert "::单选：网格员职责::[html]<p>社区<b>网格员</b>的首要职责是什么？</p>{\n" in text
    assert "\t~%50%a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h#部分正确\\: 也算\n" in text
    assert "{FALSE#错了：居委会不是收费主体#对：\\# 居委会不收费####居委会不收费。}" in text


def test_judgement_is_written_as_weighted_single_choice_and_read_back_as_single():
    judgement = next(q for q in SAMPLES if q.type == JUDGEMENT)

    text = gift.write([judgement])

    assert "\t=联合物业" in text
    assert "\t~%60%再次上门劝说" in text
    assert only(text).type == SINGLE


def test_ordering_is_left_out_and_reported():
    ordering = next(q for q in SAMPLES if q.type == ORDERING)

    assert gift.write([ordering]) == ""
    assert [p.message for p in gift.unsupported([ordering])] == [
        "GIFT cannot express ordering questions; this one is left out."
    ]


def test_unsupported_lists_every_loss_by_question_name():
    problems = gift.unsupported(SAMPLES)

    by_name = {}
    for problem in problems:
        by_name.setdefault(problem.location, []).append(problem.message)
    assert set(by_name) == {
        "多选 {周例会}",
        "填空：组织名称",
        "数值：户数",
        "排序：议事流程",
        "论述：矛盾调解",
        "情境判断：楼道堆物",
    }
    assert any("rubric criteria" in m for m in by_name["论述：矛盾调解"])
    assert any("word limits" in m for m in by_name["论述：矛盾调解"])
    assert any("default mark 10" in m for m in by_name["论述：矛盾调解"])
    assert any("situational judgement" in m for m in by_name["情境判断：楼道堆物"])
    assert any("case matters" in m for m in by_name["填空：组织名称"])
    assert any("keep their order" in m for m in by_name["多选 {周例会}"])


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            QuestionData(SINGLE, "no full mark", "Q", options=[OptionData("a", D("0.8"))]),
            "No option earns the full mark",
        ),
        (
            QuestionData(MULTIPLE, "sum", "Q", options=[OptionData("a", D("0.5"))]),
            "add up to 50%, not 100%",
        ),
        (
            QuestionData(SHORT_ANSWER, "arrow", "Q", options=[OptionData("a->b", D("1"))]),
            "which GIFT would read as a matching question",
        ),
        (QuestionData("cloze", "unknown", "Q"), "no question type “cloze”"),
    ],
)
def test_unsupported_warns_about_what_moodle_or_gift_would_misread(question, message):
    problems = gift.unsupported([question])

    assert [p.location for p in problems] == [question.name]
    assert message in problems[0].message


def test_arrows_in_matching_items_and_short_answer_feedback_are_written_as_html():
    questions = [
        QuestionData(
            MATCHING,
            "m",
            "Q",
            options=[OptionData("a -> b", match_text="x -> y"), OptionData("c", match_text="d")],
        ),
        QuestionData(SHORT_ANSWER, "s", "Q", options=[OptionData("a", D("1"), "see -> there")]),
    ]

    result = gift.read(gift.write(questions))

    assert result.problems == []
    assert result.questions[0].options[0] == OptionData("a -&gt; b", match_text="x -> y")
    assert result.questions[1].options[0].feedback == "see -&gt; there"


def test_a_numerical_other_answer_that_is_not_last_keeps_its_place():
    question = QuestionData(
        NUMERICAL,
        "n",
        "Q",
        options=[
            OptionData("*", D("0.1"), "anything"),
            OptionData("2", D("1"), tolerance=D("0.5")),
        ],
    )

    assert without_location(gift.read(gift.write([question])).questions) == [question]


# Robustness --------------------------------------------------------------------------------

GIFT_ALPHABET = st.sampled_from([*"~=#{}:\\%->[]/$ \n\tTFab1.中", "//", "::", "####", "\r"])


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(GIFT_ALPHABET, max_size=80).map("".join))
def test_any_text_is_read_without_an_exception(text):
    result = gift.read(text)

    assert isinstance(result, ReadResult)
    for question in result.questions:
        assert question.type
        assert isinstance(question.name, str)


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_any_unicode_is_read_without_an_exception(text):
    assert isinstance(gift.read(text), ReadResult)


FIELD = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Co"), blacklist_characters="\r"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(name=FIELD, text=FIELD, right=FIELD, wrong=FIELD, feedback=FIELD)
def test_any_text_survives_a_round_trip(name, text, right, wrong, feedback):
    question = QuestionData(
        SINGLE,
        name,
        text,
        options=[OptionData(right, D("1"), feedback), OptionData(wrong, D("0"))],
    )

    result = gift.read(gift.write([question]))

    assert result.problems == []
    assert without_location(result.questions) == [question]
