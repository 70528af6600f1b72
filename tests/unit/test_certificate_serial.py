"""Certificate serial numbers: YH-<year>-<six-digit number>."""

import pytest

from courses.certificates.serial import serial_format, serial_parse


@pytest.mark.parametrize(
    ("year", "number", "serial"),
    [
        (2026, 1, "YH-2026-000001"),
        (2026, 123, "YH-2026-000123"),
        (2027, 999_999, "YH-2027-999999"),
        (2027, 1_000_000, "YH-2027-1000000"),
    ],
)
def test_a_serial_is_the_street_the_year_and_a_padded_number(year, number, serial):
    assert serial_format(year, number) == serial
    assert serial_parse(serial) == (year, number)


@pytest.mark.parametrize(
    "bad", ["", "YH-2026-123", "XX-2026-000123", "YH-26-000123", "yh-2026-000001"]
)
def test_anything_else_is_not_a_serial(bad):
    with pytest.raises(ValueError):
        serial_parse(bad)


@pytest.mark.parametrize(("year", "number"), [(2026, 0), (2026, -1), (999, 1), (10000, 1)])
def test_there_is_no_serial_for_number_zero_or_an_odd_year(year, number):
    with pytest.raises(ValueError):
        serial_format(year, number)
