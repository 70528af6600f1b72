"""The office's people roster in Excel: reading it, checking it, and the blank template.

Offices keep their people in spreadsheets, so the import meets them there. Everything here is
pure: the database's answers (which communities exist, which usernames and mobile numbers are
taken) come in as arguments from ``selectors.roster_review``, so the same checks serve the
admin preview, the confirmation step and the management command, and can be tested without a
database.

Checking reports every problem of every row at once, because an office fixing a sheet of two
hundred people should not have to upload it twenty times.
"""

from .checking import roster_check
from .format import (
    COLUMNS,
    COLUMNS_BY_KEY,
    MAX_FILE_BYTES,
    MAX_ROWS,
    RosterEntry,
    RosterFileError,
    RosterProblem,
    RosterReport,
    RosterRow,
    RosterSheet,
)
from .reading import roster_read
from .template import roster_template

__all__ = [
    "COLUMNS",
    "COLUMNS_BY_KEY",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "RosterEntry",
    "RosterFileError",
    "RosterProblem",
    "RosterReport",
    "RosterRow",
    "RosterSheet",
    "roster_check",
    "roster_read",
    "roster_template",
]
