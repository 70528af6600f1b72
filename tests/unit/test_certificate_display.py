"""How a certificate's name and hours are written out."""

from decimal import Decimal

import pytest

from courses.certificates.display import hours_display, name_masked


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("张晓华", "张*华"),
        ("周敏", "周*"),
        ("欧阳娜娜", "欧**娜"),
        ("王", "*"),
        ("", ""),
        (" 林晓雯 ", "林*雯"),
    ],
)
def test_the_middle_of_the_name_is_hidden(name, shown):
    assert name_masked(name) == shown


@pytest.mark.parametrize(
    ("hours", "shown"),
    [(Decimal("12.0"), "12"), (Decimal("12.5"), "12.5"), (Decimal("0"), "0"), ("3", "3")],
)
def test_whole_hours_have_no_decimal_point(hours, shown):
    assert hours_display(hours) == shown
