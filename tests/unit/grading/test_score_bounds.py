"""Property tests: whatever a trainee (or a hand-made request) sends, every question type's
score stays within 0..1 of its mark, and malformed responses are refused with ``ValueError``
rather than any other error.

The questions are built in memory with their options in the prefetch cache, so these run
without a database, hundreds of times per type.
"""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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

fractions = st.decimals(min_value=-1, max_value=1, places=2, allow_nan=False)
weights = st.decimals(min_value=0, max_value=1, places=2, allow_nan=False)
short_text = st.text(max_size=12)
json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=12,
)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_bounded(question, raw):
    """The property: refused as ValueError, or graded within 0..1 (None only for essays)."""
    try:
        response = question.clean_response(raw)
    except ValueError:
        return
    fraction = question.grade(response).fraction
    if fraction is None:
        assert question.needs_marking and response
        return
    assert ZERO <= fraction <= ONE


def option_ids(question):
    return [option.pk for option in question.ordered_options()]


@st.composite
def choice_question(draw, model, weight_strategy=fractions):
    options = draw(
        st.lists(
            st.builds(lambda f, t: {"text": t or "x", "fraction": f}, weight_strategy, short_text),
            min_size=2,
            max_size=6,
        )
    )
    return build(model, options)


@PROPERTY
@given(st.data())
def test_single_choice_and_judgement_scores_stay_in_bounds(data):
    model = data.draw(st.sampled_from([SingleChoiceQuestion, SituationalJudgementQuestion]))
    question = data.draw(choice_question(model))
    raw = data.draw(
        st.one_of(
            st.builds(lambda pk: {"choice": pk}, st.sampled_from(option_ids(question))),
            st.builds(lambda v: {"choice": v}, json_values),
            json_values,
        )
    )
    assert_bounded(question, raw)


@PROPERTY
@given(st.data())
def test_multiple_response_scores_stay_in_bounds_with_negative_weights(data):
    question = data.draw(choice_question(MultipleResponseQuestion))
    ids = option_ids(question)
    picked = data.draw(st.lists(st.sampled_from(ids), max_size=len(ids) + 2))
    assert_bounded(question, {"choices": picked})
    assert_bounded(question, {"choices": data.draw(json_values)})
    assert_bounded(question, data.draw(json_values))

    cleaned = question.clean_response({"choices": picked})
    if cleaned:
        total = sum(o.fraction for o in question.ordered_options() if o.pk in set(picked))
        assert question.grade(cleaned).fraction == min(ONE, max(ZERO, total))


@PROPERTY
@given(correct=st.booleans(), raw=json_values | st.builds(lambda v: {"answer": v}, json_values))
def test_true_false_scores_are_zero_or_one(correct, raw):
    question = build(TrueFalseQuestion, correct_answer=correct)
    try:
        response = question.clean_response(raw)
    except ValueError:
        return
    assert question.grade(response).fraction in (ZERO, ONE)


@PROPERTY
@given(
    patterns=st.lists(
        st.builds(lambda t, f: {"text": t, "fraction": f}, short_text, fractions),
        min_size=1,
        max_size=4,
    ),
    typed=json_values | st.builds(lambda t: {"text": t}, st.text(max_size=250)),
    case_sensitive=st.booleans(),
)
def test_short_answer_scores_stay_in_bounds(patterns, typed, case_sensitive):
    assert_bounded(build(ShortAnswerQuestion, patterns, case_sensitive=case_sensitive), typed)


@PROPERTY
@given(
    values=st.lists(
        st.builds(
            lambda v, t, f: {"text": str(v), "tolerance": t, "fraction": f},
            st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False),
            st.decimals(min_value=0, max_value=10, places=2, allow_nan=False),
            fractions,
        ),
        min_size=1,
        max_size=3,
    ),
    typed=json_values
    | st.builds(lambda t: {"text": t}, st.text(max_size=45))
    | st.builds(lambda n: {"text": str(n)}, st.decimals(allow_nan=True, allow_infinity=True)),
)
def test_numerical_scores_stay_in_bounds(values, typed):
    assert_bounded(build(NumericalQuestion, values), typed)


@PROPERTY
@given(st.data())
def test_matching_scores_stay_in_bounds(data):
    pairs = data.draw(
        st.lists(
            st.tuples(st.text(min_size=1, max_size=5).filter(str.strip), short_text),
            min_size=2,
            max_size=5,
        )
    )
    question = build(
        MatchingQuestion, [{"text": stem, "match_text": answer} for stem, answer in pairs]
    )
    stems = option_ids(question)
    choices = question.answer_choices() or ["x"]
    raw = data.draw(
        st.one_of(
            st.builds(
                lambda chosen: {"pairs": {str(k): v for k, v in chosen.items()}},
                st.dictionaries(st.sampled_from(stems), st.sampled_from(choices)),
            ),
            st.builds(lambda v: {"pairs": v}, json_values),
            json_values,
        )
    )
    assert_bounded(question, raw)


@PROPERTY
@given(st.data())
def test_ordering_scores_stay_in_bounds_in_both_gradings(data):
    count = data.draw(st.integers(min_value=2, max_value=6))
    grading = data.draw(st.sampled_from(OrderingQuestion.Grading.values))
    question = build(
        OrderingQuestion, [{"text": f"item {n}"} for n in range(count)], grading=grading
    )
    ids = option_ids(question)
    raw = data.draw(
        st.one_of(
            st.builds(lambda order: {"order": order}, st.permutations(ids)),
            st.builds(lambda order: {"order": order}, st.lists(st.sampled_from(ids), max_size=8)),
            json_values,
        )
    )
    assert_bounded(question, raw)


@PROPERTY
@given(
    points=st.lists(st.integers(min_value=1, max_value=100), min_size=0, max_size=5),
    scores=st.dictionaries(
        st.integers(min_value=95, max_value=110), st.integers(min_value=-500, max_value=500)
    ),
    raw=json_values | st.builds(lambda t: {"text": t}, st.text(max_size=60)),
)
def test_essay_rubric_shares_stay_in_bounds(points, scores, raw):
    question = build(EssayQuestion, criteria=points)
    assert_bounded(question, raw)
    assert ZERO <= question.fraction_for_scores(scores) <= ONE


def test_a_full_rubric_earns_the_whole_mark_and_an_empty_one_nothing():
    question = build(EssayQuestion, criteria=[4, 6])
    assert question.fraction_for_scores({100: 4, 101: 6}) == ONE
    assert question.fraction_for_scores({}) == ZERO
    assert question.fraction_for_scores({100: 2, 101: 3}) == Decimal("0.5")
