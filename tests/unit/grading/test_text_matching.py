"""Typed answers as phones produce them: full-width forms, stray spaces, any case, wildcards."""

from decimal import Decimal

import pytest

from courses.grading import clamp_fraction, mark_for, parse_number, wildcard_matches, word_count


@pytest.mark.parametrize(
    ("pattern", "answer", "case_sensitive", "expected"),
    [
        ("RP", "rp", False, True),
        ("RP", "ＲＰ", False, True),  # full-width letters from a Chinese input method
        ("RP", "  r  p ", False, False),  # inner spaces are kept (collapsed to one)
        ("RP", " rp ", False, True),
        ("RP", "rp", True, False),
        ("红色*", "红色物业", False, True),
        ("红色*", "物业红色", False, False),
        ("*物业*", "红色物业联盟", False, True),
        ("3.5", "3x5", False, False),  # a dot is a dot, not "any character"
        ("(a)", "（ａ）", False, True),  # full-width brackets and letter
        ("a*b", "ab", False, True),
        ("", "", False, True),
    ],
)
def test_wildcard_matches(pattern, answer, case_sensitive, expected):
    assert wildcard_matches(pattern, answer, case_sensitive=case_sensitive) is expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12", Decimal("12")),
        ("１２", Decimal("12")),
        ("１２．５", Decimal("12.5")),
        ("1,200", Decimal("1200")),
        (" -3e2 ", Decimal("-300")),
        ("十二", None),
        ("NaN", None),
        ("Infinity", None),
        ("", None),
        ("1" * 41, None),
    ],
)
def test_parse_number(typed, expected):
    assert parse_number(typed) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1.5"), Decimal("1")),
        (Decimal("-2"), Decimal("0")),
        (Decimal("0.333333"), Decimal("0.33333")),
    ],
)
def test_clamp_fraction_keeps_scores_within_zero_and_one(value, expected):
    assert clamp_fraction(value) == expected


def test_mark_for_rounds_to_hundredths():
    assert mark_for(Decimal("0.33333"), Decimal("2")) == Decimal("0.67")


@pytest.mark.parametrize(
    ("text", "expected"), [("先调研再协商", 6), ("talk to residents", 3), ("召开 meeting 两次", 5)]
)
def test_word_count_counts_each_chinese_character(text, expected):
    assert word_count(text) == expected
