"""Serial numbers: ``YH-2026-000123`` — the street (粤海, YH), the year of issue, a number.

Numbers start at 1 each year and go up by one. The next number is one more than the highest
already used that year; the ``unique`` constraint on ``Certificate.serial`` is what keeps two
issuers that read the same highest number at the same moment from both using it: the second
insert fails, and :func:`courses.services.certificates.certificate_issue` reads the highest
number again and retries. No database sequence is needed, so SQLite and PostgreSQL behave
alike. Certificates are revoked, never deleted, so numbers neither skip nor come back (were the
latest row of a year deleted by hand, its number would be issued again).
"""

import re

from django.db.models.functions import Length

SERIAL_PREFIX = "YH"
SERIAL_DIGITS = 6
SERIAL_PATTERN = re.compile(
    rf"^{SERIAL_PREFIX}-(?P<year>\d{{4}})-(?P<number>\d{{{SERIAL_DIGITS},}})$"
)


def serial_format(year: int, number: int) -> str:
    if not 1000 <= year <= 9999 or number < 1:
        raise ValueError(f"no serial for year {year}, number {number}")
    return f"{SERIAL_PREFIX}-{year}-{number:0{SERIAL_DIGITS}d}"


def serial_parse(serial: str) -> tuple[int, int]:
    """The year and number of a serial; ``ValueError`` for anything else."""
    match = SERIAL_PATTERN.match(serial or "")
    if match is None:
        raise ValueError(f"not a certificate serial: {serial!r}")
    return int(match["year"]), int(match["number"])


def serial_next(year: int) -> str:
    """The serial after the highest one issued in ``year`` (call inside the issuing transaction)."""
    from ..models import Certificate

    highest = (
        Certificate.objects.filter(serial__startswith=f"{SERIAL_PREFIX}-{year}-")
        # Longer is higher: a year with a millionth certificate gets a seven-digit number.
        .order_by(Length("serial").desc(), "-serial")
        .values_list("serial", flat=True)
        .first()
    )
    number = serial_parse(highest)[1] + 1 if highest else 1
    return serial_format(year, number)
