import pytest

from lms.people.mobile import mobile_normalise


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13800138000", "13800138000"),
        (" 138 0013 8000 ", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("008613800138000", "13800138000"),
        ("8613800138000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),
        (13800138000, "13800138000"),
        ("12345", "12345"),
    ],
)
def test_mobile_normalise(typed, stored):
    assert mobile_normalise(typed) == stored
