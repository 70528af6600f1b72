"""Serial numbers: ``YH-2026-000123`` — the street (粤海, YH), the year of issue, a number.

Numbers start at 1 each year and go up by one, with no gaps. Each year has a counter row
(``CertificateSerialCounter``) holding the last number given out; :func:`serial_allocate`
raises it by one with an ``UPDATE``, which locks the row until the issuing transaction ends. A
second issuer waits on that row lock for the first one's commit (a moment: the files are drawn
after the commit) and then takes the next number, so two certificates can never be offered the
same serial, whatever the number of workers. A transaction that rolls back gives its number
back with it. The lock is the same on SQLite, where an ``UPDATE`` takes the database's single
write lock, and on PostgreSQL, where it takes a row lock; no database sequence is needed.

A year's counter starts at the highest serial already issued that year, so certificates issued
before the counter existed (or loaded from elsewhere) keep their numbers.
"""

import re

from django.db.models import F
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


def serial_highest_number(year: int) -> int:
    """The number of the highest serial issued in ``year``; 0 before the first."""
    from ..models import Certificate

    highest = (
        Certificate.objects.filter(serial__startswith=f"{SERIAL_PREFIX}-{year}-")
        # Longer is higher: a year with a millionth certificate gets a seven-digit number.
        .order_by(Length("serial").desc(), "-serial")
        .values_list("serial", flat=True)
        .first()
    )
    return serial_parse(highest)[1] if highest else 0


def serial_allocate(year: int) -> str:
    """The next serial of ``year``, taken for good once the caller's transaction commits.

    Call it inside the issuing transaction, as late as possible: the year's counter stays
    locked until that transaction ends, and every other issuer waits for it.
    """
    from ..models import CertificateSerialCounter

    counter = CertificateSerialCounter.objects.filter(year=year)
    if not counter.update(last_number=F("last_number") + 1):
        # The year's first certificate. Two issuers may both get here: the insert that loses
        # waits for the winner's commit and then does nothing, and both increment the same row.
        CertificateSerialCounter.objects.bulk_create(
            [CertificateSerialCounter(year=year, last_number=serial_highest_number(year))],
            ignore_conflicts=True,
        )
        counter.update(last_number=F("last_number") + 1)
    return serial_format(year, counter.values_list("last_number", flat=True).get())
