"""The numbers of a quiz report, as pure functions: no database, so each is tested on its own.

Scores arrive as percentages (0..100) and question scores as fractions of the question's mark
(0..1). Every function answers ``None`` rather than a misleading number when the data cannot
support one (no attempts, or no spread to correlate), and the report shows "—" for it.

Floats are enough here: these are descriptive statistics shown to one decimal place, not marks
that decide a result (those stay ``Decimal`` in the attempt service).
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

BAND_WIDTH = 10  # percentage points per band of the score distribution


def _numbers(values: Iterable) -> list[float]:
    return [float(value) for value in values if value is not None]


def mean(values: Iterable) -> float | None:
    numbers = _numbers(values)
    return sum(numbers) / len(numbers) if numbers else None


def median(values: Iterable) -> float | None:
    numbers = sorted(_numbers(values))
    if not numbers:
        return None
    middle = len(numbers) // 2
    if len(numbers) % 2:
        return numbers[middle]
    return (numbers[middle - 1] + numbers[middle]) / 2


def pass_rate(passed: Iterable[bool | None]) -> float | None:
    """The share of attempts that passed, in percent.

    It counts the verdict each attempt was given when it finished, not today's pass mark: the
    report says what trainees were told, even if the office changed the mark since.
    """
    verdicts = list(passed)
    if not verdicts:
        return None
    return 100 * sum(1 for verdict in verdicts if verdict) / len(verdicts)


@dataclass(frozen=True)
class Band:
    """A band of the score distribution: ``low`` ≤ score < ``high`` (the top band takes 100)."""

    low: int
    high: int
    count: int
    share: float  # percent of all scores in this band, for the bar's length

    @property
    def label(self) -> str:
        return f"{self.low}–{self.high}%"


def score_bands(percents: Iterable, width: int = BAND_WIDTH) -> list[Band]:
    """How many scores fall in each band of ``width`` points, from 0 to 100, all bands listed.

    A full score belongs to the top band rather than a band of its own, as in Moodle's
    overview chart; scores outside 0..100 (which the engine never writes) are clamped.
    """
    count = math.ceil(100 / width)
    tallies = [0] * count
    numbers = _numbers(percents)
    for value in numbers:
        index = int(min(max(value, 0.0), 100.0) // width)
        tallies[min(index, count - 1)] += 1
    total = len(numbers)
    return [
        Band(
            low=index * width,
            high=min((index + 1) * width, 100),
            count=tally,
            share=100 * tally / total if total else 0.0,
        )
        for index, tally in enumerate(tallies)
    ]


def facility(fractions: Iterable) -> float | None:
    """Moodle's facility index: the mean share of the mark earned, in percent.

    High means easy; a question everyone gets right (100%) or nobody does (0%) tells the office
    nothing about who has learnt the material.
    """
    average = mean(fractions)
    return None if average is None else 100 * average


def correlation(xs: Sequence, ys: Sequence) -> float | None:
    """Pearson's correlation of two paired series; None for fewer than two pairs or no spread."""
    pairs = [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]
    if len(pairs) < 2:
        return None
    mean_x = sum(x for x, _y in pairs) / len(pairs)
    mean_y = sum(y for _x, y in pairs) / len(pairs)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    spread_x = sum((x - mean_x) ** 2 for x, _y in pairs)
    spread_y = sum((y - mean_y) ** 2 for _x, y in pairs)
    if spread_x <= 1e-12 or spread_y <= 1e-12:
        return None
    return max(-1.0, min(1.0, covariance / math.sqrt(spread_x * spread_y)))


def discrimination(question_scores: Sequence, rest_scores: Sequence) -> float | None:
    """Moodle's discrimination index, in percent: how well the question separates stronger
    trainees from weaker ones.

    It is the correlation between the score on this question and the score on the *rest* of
    the attempt (the attempt without this question, so the question does not correlate with
    itself), times 100. Above 30% the question discriminates well; near zero or negative it
    does not, and is worth a second look. Undefined (None) for fewer than two attempts, or when
    either side does not vary (everyone scored the same).
    """
    r = correlation(question_scores, rest_scores)
    return None if r is None else 100 * r
