"""The quiz report's statistics on small examples worked out by hand."""

import math
from decimal import Decimal

import pytest

from courses.quiz_statistics import (
    correlation,
    discrimination,
    facility,
    mean,
    median,
    pass_rate,
    score_bands,
)


def test_mean_and_median_of_four_scores():
    scores = [Decimal("40"), Decimal("60"), Decimal("80"), Decimal("100")]

    assert mean(scores) == 70
    assert median(scores) == 70  # (60 + 80) / 2


def test_the_median_of_an_odd_count_is_the_middle_score():
    assert median([10, 30, 20]) == 20
    assert median([55]) == 55


@pytest.mark.parametrize("function", [mean, median, facility, pass_rate])
def test_no_attempts_give_no_number(function):
    assert function([]) is None


def test_missing_values_are_left_out_not_counted_as_zero():
    assert mean([None, 50, 100]) == 75


def test_pass_rate_counts_the_verdicts():
    assert pass_rate([True, False, True, True]) == 75
    assert pass_rate([False, None]) == 0


def test_scores_fall_in_ten_point_bands_and_a_full_score_in_the_top_band():
    bands = score_bands([0, 9.99, 10, 55, 100])

    assert [band.count for band in bands] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]
    assert [band.low for band in bands] == list(range(0, 100, 10))
    assert bands[-1].high == 100 and bands[-1].label == "90–100%"
    assert bands[0].share == 40  # two of five
    assert sum(band.share for band in bands) == pytest.approx(100)


def test_no_scores_still_list_every_band_empty():
    bands = score_bands([])

    assert len(bands) == 10
    assert all(band.count == 0 and band.share == 0 for band in bands)


def test_all_the_same_score_land_in_one_band():
    bands = score_bands([70, 70, 70])

    assert [band.count for band in bands] == [0, 0, 0, 0, 0, 0, 0, 3, 0, 0]
    assert bands[7].share == 100


def test_facility_is_the_mean_fraction_in_percent():
    assert facility([Decimal("1"), Decimal("0.5"), Decimal("0"), Decimal("0.5")]) == 50
    assert facility([1, 1]) == 100


def test_correlation_worked_by_hand():
    # x: 1 0 1 0 (mean 0.5); y: 3 1 2 2 (mean 2)
    # covariance sum = 0.5·1 + (-0.5)(-1) + 0.5·0 + (-0.5)·0 = 1
    # spreads: Σ(x-x̄)² = 1, Σ(y-ȳ)² = 2  →  r = 1 / √2
    assert correlation([1, 0, 1, 0], [3, 1, 2, 2]) == pytest.approx(1 / math.sqrt(2))


def test_discrimination_is_the_correlation_with_the_rest_in_percent():
    assert discrimination([1, 0, 1, 0], [3, 1, 2, 2]) == pytest.approx(100 / math.sqrt(2))
    assert discrimination([0, 1], [1, 0]) == pytest.approx(-100)
    assert discrimination([0, 0.5, 1], [0.2, 0.5, 0.8]) == pytest.approx(100)


@pytest.mark.parametrize(
    ("question", "rest"),
    [
        ([], []),  # no attempts
        ([1], [0.5]),  # one attempt
        ([1, 1, 1], [0.2, 0.5, 0.9]),  # everyone got the question right
        ([0, 1, 0.5], [0.4, 0.4, 0.4]),  # the rest of the quiz does not vary
        ([0, 1, 1], [0, 0, 0]),  # a quiz of one question: there is no rest
    ],
)
def test_discrimination_is_undefined_without_attempts_or_spread(question, rest):
    assert discrimination(question, rest) is None


def test_paired_series_must_have_the_same_length():
    with pytest.raises(ValueError):
        correlation([1, 2], [1])
