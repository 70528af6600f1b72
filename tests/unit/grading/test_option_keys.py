"""Property tests: the keys an attempt shows its options under carry no order.

Option ids follow authoring order, and the right answer is usually written first (an ordering
question's ids, sorted, are its answer). Whatever the question and the attempt, a trainee who
picks the lowest key, or sorts the keys, must do no better than chance. The attempt slots and
questions are built in memory, so these run without a database.
"""

import math
from collections import Counter
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from courses.models import AttemptSlot, OrderingQuestion, SingleChoiceQuestion

from .builders import build

ATTEMPTS = 600
# The 0.1% point of the chi-square distribution for 1..9 degrees of freedom: a fair placement
# fails this test about once in a thousand questions.
CHI_SQUARE_999 = {1: 10.83, 2: 13.82, 3: 16.27, 4: 18.47, 5: 20.52, 6: 22.46, 7: 24.32}

option_counts = st.integers(min_value=2, max_value=8)
first_ids = st.integers(min_value=1, max_value=10**9)
first_attempts = st.integers(min_value=1, max_value=10**9)


def _question(model, count: int, first_id: int, **fields):
    question = build(model, [{"text": f"选项{i}", "fraction": 0} for i in range(count)], **fields)
    for offset, option in enumerate(question.ordered_options()):
        option.pk = first_id + offset  # ids in authoring order, as the database gives them
    return question


def _slot(question, attempt_id: int) -> AttemptSlot:
    slot = AttemptSlot(attempt_id=attempt_id, position=1, max_mark=1)
    slot.question = question
    return slot


def _chi_square(counts: Counter, cells: int, total: int) -> float:
    expected = total / cells
    return sum((counts.get(cell, 0) - expected) ** 2 / expected for cell in range(cells))


@settings(max_examples=25, deadline=None)
@given(count=option_counts, first_id=first_ids, first_attempt=first_attempts)
def test_the_first_written_option_is_uniformly_placed_among_the_sorted_keys(
    count, first_id, first_attempt
):
    # Given a question whose first option (the lowest id) is the right answer
    question = _question(SingleChoiceQuestion, count, first_id)
    right = question.ordered_options()[0].pk

    # When many attempts show it, and a trainee picks the option with the lowest key
    ranks = Counter()
    for attempt_id in range(first_attempt, first_attempt + ATTEMPTS):
        keys = _slot(question, attempt_id).option_keys
        ranks[sorted(keys.values()).index(keys[right])] += 1

    # Then the right answer is at each place among the sorted keys about equally often
    assert _chi_square(ranks, count, ATTEMPTS) < CHI_SQUARE_999[count - 1], ranks


@settings(max_examples=25, deadline=None)
@given(
    count=st.integers(min_value=3, max_value=6), first_id=first_ids, first_attempt=first_attempts
)
def test_sorting_an_ordering_questions_keys_does_not_give_its_order(count, first_id, first_attempt):
    # Given an ordering question, whose options are stored in the right order
    question = _question(OrderingQuestion, count, first_id)
    right_order = [option.pk for option in question.ordered_options()]

    # When a trainee sorts each attempt's keys and answers in that order
    solved = 0
    for attempt_id in range(first_attempt, first_attempt + ATTEMPTS):
        slot = _slot(question, attempt_id)
        by_key = sorted(slot.option_keys.items(), key=lambda item: item[1])
        solved += [option_id for option_id, _key in by_key] == right_order

    # Then it is right about as often as a random order (1 in count!), never systematically
    assert solved <= 5 * ATTEMPTS / math.factorial(count) + 5


@settings(max_examples=100, deadline=None)
@given(count=option_counts, first_id=first_ids, attempt_id=first_attempts)
def test_keys_name_no_id_and_turn_back_into_the_same_option(count, first_id, attempt_id):
    question = _question(SingleChoiceQuestion, count, first_id)
    slot = _slot(question, attempt_id)
    keys = slot.option_keys

    # Every option has its own key, made of hex digits not the id
    assert len(set(keys.values())) == count
    for option_id, key in keys.items():
        assert len(key) == 16 and set(key) <= set("0123456789abcdef")
        assert key != str(option_id)
        # A response sent with a key is stored with the option's id, and shown with the key again
        stored = slot.response_from_trainee({"choice": key})
        assert question.clean_response(stored) == {"choice": option_id}
        assert slot.response_for_trainee(stored) == {"choice": key}
    # An option id sent instead of a key is not an option
    assert slot.response_from_trainee({"choice": str(first_id)}) == {"choice": "?"}


@settings(max_examples=50, deadline=None)
@given(count=option_counts, first_id=first_ids, attempt_id=first_attempts)
def test_an_attempt_keeps_its_keys_and_another_attempt_has_others(count, first_id, attempt_id):
    question = _question(SingleChoiceQuestion, count, first_id)
    keys = _slot(question, attempt_id).option_keys

    assert _slot(question, attempt_id).option_keys == keys  # a reload shows the same page
    other = _slot(question, attempt_id + 1).option_keys
    assert not set(keys.values()) & set(other.values())


@settings(max_examples=50, deadline=None)
@given(first_id=first_ids, first_attempt=first_attempts)
def test_keys_are_not_monotonic_in_option_id(first_id, first_attempt):
    question = _question(SingleChoiceQuestion, 4, first_id)
    monotonic = 0
    for attempt_id in range(first_attempt, first_attempt + 200):
        keys = [key for _id, key in sorted(_slot(question, attempt_id).option_keys.items())]
        monotonic += all(a < b for a, b in pairwise(keys)) or all(a > b for a, b in pairwise(keys))
    # Rising or falling by chance: 2 in 4! = 1 in 12 attempts
    assert monotonic < 200 / 12 * 2 + 10
