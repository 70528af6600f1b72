"""The rotating sign-in token and short code: time is passed in, nothing reads the database."""

import datetime

import pytest
from django.core import signing

from courses.signin import (
    CODE_DIGITS,
    SCAN_SALT,
    WINDOW_SECONDS,
    ExpiredToken,
    ForgedToken,
    Scan,
    code_check,
    code_make,
    seconds_left,
    token_make,
    token_read,
    window_ends_at,
    window_number,
)

DAY = datetime.date(2026, 5, 12)
# 10:00:05 in Shenzhen, five seconds into a window.
NOW = datetime.datetime(2026, 5, 12, 2, 0, 5, tzinfo=datetime.UTC)
WINDOW = datetime.timedelta(seconds=WINDOW_SECONDS)


def later(windows: int, now=NOW) -> datetime.datetime:
    return now + windows * WINDOW


def test_windows_are_thirty_seconds_long():
    start = window_ends_at(window_number(NOW) - 1)

    assert window_number(start) == window_number(start + datetime.timedelta(seconds=29.9))
    assert window_number(start + WINDOW) == window_number(start) + 1
    assert seconds_left(NOW) == pytest.approx(25)
    assert window_ends_at(window_number(NOW)) - NOW == datetime.timedelta(seconds=25)


def test_a_token_is_read_back_in_its_own_window():
    token = token_make(activity_id=42, day=DAY, now=NOW)

    assert token_read(token, now=NOW) == Scan(activity_id=42, day=DAY, window=window_number(NOW))


def test_a_token_is_short_and_url_safe():
    token = token_make(activity_id=123456, day=DAY, now=NOW)

    assert len(token) < 80
    assert set(token) <= set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.:")


@pytest.mark.parametrize("seconds", [0, 24.9, 25, 30, 54.9])
def test_a_token_is_accepted_in_the_next_window_too(seconds):
    token = token_make(activity_id=42, day=DAY, now=NOW)

    assert token_read(token, now=NOW + datetime.timedelta(seconds=seconds)).activity_id == 42


@pytest.mark.parametrize("windows", [2, 3, 100])
def test_a_token_expires_two_windows_later(windows):
    token = token_make(activity_id=42, day=DAY, now=NOW)

    with pytest.raises(ExpiredToken) as expired:
        token_read(token, now=later(windows))
    assert expired.value.scan == Scan(activity_id=42, day=DAY, window=window_number(NOW))


def test_a_token_from_the_future_is_not_accepted():
    token = token_make(activity_id=42, day=DAY, now=later(1))

    with pytest.raises(ExpiredToken):
        token_read(token, now=NOW)


@pytest.mark.parametrize(
    "token",
    [
        "",
        "not-a-token",
        "42.20260512.59000000",
        "42.20260512.59000000:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ],
)
def test_a_forged_token_is_refused(token):
    with pytest.raises(ForgedToken):
        token_read(token, now=NOW)


def test_a_token_signed_with_another_key_is_refused():
    value = f"42.20260512.{window_number(NOW)}"
    token = signing.Signer(key="someone-else's-key", salt=SCAN_SALT).sign(value)

    with pytest.raises(ForgedToken):
        token_read(token, now=NOW)


def test_a_value_signed_by_the_site_for_another_purpose_is_refused():
    token = signing.Signer(salt="another.purpose").sign(f"42.20260512.{window_number(NOW)}")

    with pytest.raises(ForgedToken):
        token_read(token, now=NOW)


@pytest.mark.parametrize(
    "change",
    [
        lambda value: value.replace("42.", "43.", 1),  # another activity
        lambda value: value.replace("20260512", "20260513"),  # another day
        lambda value: value.replace(value.split(".")[2], str(int(value.split(".")[2]) + 5)),
    ],
    ids=["activity", "day", "window"],
)
def test_a_tampered_payload_is_refused(change):
    value, signature = token_make(activity_id=42, day=DAY, now=NOW).split(":")

    with pytest.raises(ForgedToken):
        token_read(f"{change(value)}:{signature}", now=NOW)


def test_a_signed_value_that_is_not_a_sign_in_token_is_refused():
    token = signing.Signer(salt=SCAN_SALT).sign("hello")

    with pytest.raises(ForgedToken):
        token_read(token, now=NOW)


def test_the_code_is_six_digits():
    code = code_make(activity_id=42, day=DAY, now=NOW)

    assert len(code) == CODE_DIGITS
    assert code.isdigit()


def test_the_code_is_accepted_now_and_in_the_next_window():
    code = code_make(activity_id=42, day=DAY, now=NOW)

    assert code_check(code, activity_id=42, day=DAY, now=NOW)
    assert code_check(code, activity_id=42, day=DAY, now=later(1))
    assert code_check(f" {code[:3]} {code[3:]} ", activity_id=42, day=DAY, now=NOW)


@pytest.mark.parametrize("windows", [2, 3, 50])
def test_an_old_code_is_refused(windows):
    code = code_make(activity_id=42, day=DAY, now=NOW)

    assert not code_check(code, activity_id=42, day=DAY, now=later(windows))


def test_old_codes_are_refused_however_the_windows_fall():
    """Over an hour of windows, no code is accepted once it is two windows old."""
    for step in range(120):
        now = later(step)
        old = code_make(activity_id=42, day=DAY, now=later(-2, now))
        assert not code_check(old, activity_id=42, day=DAY, now=now), step
        assert code_make(activity_id=42, day=DAY, now=now) != code_make(
            activity_id=42, day=DAY, now=later(1, now)
        )


def test_the_code_belongs_to_its_activity_and_day():
    code = code_make(activity_id=42, day=DAY, now=NOW)

    assert not code_check(code, activity_id=43, day=DAY, now=NOW)
    assert not code_check(code, activity_id=42, day=DAY + datetime.timedelta(days=1), now=NOW)


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "abcdef", None])
def test_malformed_codes_are_refused(typed):
    assert not code_check(typed, activity_id=42, day=DAY, now=NOW)
