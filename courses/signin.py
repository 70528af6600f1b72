"""QR sign-in (扫码签到): the rotating token in the QR code and the short fallback code.

Time is cut into 30-second windows, numbered from the Unix epoch. The staff screen shows a
token and a code for the current window; both are accepted in the current and the previous
window, so a scan that starts just before the screen changes still works.

Token: ``<activity id>.<day as YYYYMMDD>.<window number>:<signature>``, signed with
``django.core.signing.Signer`` under its own salt (so no other signed value of the site can
be replayed as a sign-in token). It is short on purpose: a short URL makes a coarse QR code
that a phone reads from the back of the room.

Code: six digits from an HMAC over the same three values, under another salt. Guessing is
limited by the views (a few wrong tries per trainee and activity); a code is worth nothing
outside its two windows.

Nothing here reads the database; every function takes ``now`` so tests control time.
"""

import datetime
import hmac
from dataclasses import dataclass

from django.core import signing
from django.utils import timezone
from django.utils.crypto import salted_hmac

WINDOW_SECONDS = 30
# Windows accepted besides the current one: the previous one only.
WINDOWS_ACCEPTED = 2
CODE_DIGITS = 6
# A verified scan by someone who still had to log in is honoured this long afterwards.
REMEMBER_SCAN = datetime.timedelta(minutes=10)

SCAN_SALT = "courses.signin.token"
CODE_SALT = "courses.signin.code"
_DAY_FORMAT = "%Y%m%d"


class BadToken(Exception):
    """The token cannot be used for a sign-in."""


class ForgedToken(BadToken):
    """The signature does not match, or the signed value is not one of ours."""


class ExpiredToken(BadToken):
    """An authentic token whose window has passed; ``scan`` says what it was for."""

    def __init__(self, scan):
        super().__init__("expired sign-in token")
        self.scan = scan


@dataclass(frozen=True)
class Scan:
    """What an authentic token says: this activity, this day, shown in this window."""

    activity_id: int
    day: datetime.date
    window: int


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def window_number(now: datetime.datetime | None = None) -> int:
    """The number of the 30-second window containing ``now``."""
    return int(_now(now).timestamp()) // WINDOW_SECONDS


def window_ends_at(window: int) -> datetime.datetime:
    """The moment the window closes and the screen shows the next token (aware, UTC)."""
    return datetime.datetime.fromtimestamp((window + 1) * WINDOW_SECONDS, tz=datetime.UTC)


def seconds_left(now: datetime.datetime | None = None) -> float:
    """How long until the screen should show the next token."""
    now = _now(now)
    return max((window_ends_at(window_number(now)) - now).total_seconds(), 0.0)


def _accepted_windows(now) -> list[int]:
    current = window_number(now)
    return [current - age for age in range(WINDOWS_ACCEPTED)]


def _signer() -> signing.Signer:
    return signing.Signer(salt=SCAN_SALT)


def token_make(*, activity_id: int, day: datetime.date, now=None) -> str:
    """The signed token for this activity and day in the window containing ``now``."""
    value = f"{int(activity_id)}.{day.strftime(_DAY_FORMAT)}.{window_number(now)}"
    return _signer().sign(value)


def token_read(token: str, *, now=None) -> Scan:
    """The scan a token stands for, if it is authentic and its window is still accepted.

    Raises ``ForgedToken`` for anything not signed by us (or altered), ``ExpiredToken`` for an
    authentic token that is more than one window old (or, with a fast clock, from the future).
    """
    try:
        value = _signer().unsign(token or "")
    except signing.BadSignature as error:
        raise ForgedToken("bad signature") from error
    try:
        activity, day, window = value.split(".")
        scan = Scan(
            activity_id=int(activity),
            day=datetime.datetime.strptime(day, _DAY_FORMAT).date(),
            window=int(window),
        )
    except ValueError as error:  # signed by us but not a sign-in token: treat as forged
        raise ForgedToken("malformed token") from error
    if scan.window not in _accepted_windows(now):
        raise ExpiredToken(scan)
    return scan


def _code_for(activity_id: int, day: datetime.date, window: int) -> str:
    value = f"{int(activity_id)}.{day.strftime(_DAY_FORMAT)}.{window}"
    digest = salted_hmac(CODE_SALT, value, algorithm="sha256").digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10**CODE_DIGITS:0{CODE_DIGITS}d}"


def code_make(*, activity_id: int, day: datetime.date, now=None) -> str:
    """The short code shown beside the QR code in the window containing ``now``."""
    return _code_for(activity_id, day, window_number(now))


def code_check(code: str, *, activity_id: int, day: datetime.date, now=None) -> bool:
    """Whether a typed code is the one for this activity and day, now or one window ago."""
    typed = "".join((code or "").split())
    if len(typed) != CODE_DIGITS or not typed.isdigit():
        return False
    matches = [
        hmac.compare_digest(typed, _code_for(activity_id, day, window))
        for window in _accepted_windows(now)
    ]
    return any(matches)
