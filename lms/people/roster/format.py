"""The roster's format: its columns, limits and the records passed between the steps.

The headers are written in Chinese, the office's language, so they are data rather than
messages; English headers are accepted as aliases for offices that work in English.
"""

import re
from dataclasses import asdict, dataclass, field, fields

from django.utils.translation import gettext_lazy

MAX_ROWS = 2000
MAX_FILE_BYTES = 2 * 1024 * 1024
# Rows that hold only formatting still have to be read; past this many physical rows the file
# is refused rather than read for minutes.
MAX_SHEET_ROWS = 50 * MAX_ROWS
ROSTER_SHEET_TITLE = "人员名单"
NOTES_SHEET_TITLE = "填写说明"
ROLE_SEPARATORS = re.compile(r"[,，、;；\n]+")


@dataclass(frozen=True)
class RosterColumn:
    key: str
    header: str  # as the template writes it: the office's language, so data, not a message
    aliases: tuple[str, ...]  # other headers accepted, compared case- and space-insensitively
    required: bool
    note: object  # lazily translated explanation for the template's notes sheet
    example: str


COLUMNS = (
    RosterColumn(
        "username",
        "用户名",
        ("username", "user name", "login"),
        True,
        gettext_lazy("Login name: letters, digits and @ . + - _ only; unique."),
        "zhangwei",
    ),
    RosterColumn(
        "display_name",
        "姓名",
        ("display name", "name", "full name"),
        True,
        gettext_lazy("The name shown across the studio, usually the Chinese full name."),
        "张伟",
    ),
    RosterColumn(
        "mobile",
        "手机号",
        ("手机号码", "手机", "mobile", "mobile number", "phone"),
        True,
        gettext_lazy("11-digit mainland mobile number; unique."),
        "13800138000",
    ),
    RosterColumn(
        "email",
        "邮箱",
        ("电子邮箱", "email", "e-mail", "email address"),
        False,
        gettext_lazy("Optional."),
        "zhangwei@example.com",
    ),
    RosterColumn(
        "community",
        "社区",
        ("所属社区", "community"),
        False,
        gettext_lazy(
            "The community's name exactly as in the studio. Required for trainees, "
            "mentors and host secretaries."
        ),
        "",
    ),
    RosterColumn(
        "roles",
        "角色",
        ("role", "roles"),
        True,
        gettext_lazy("One or more role names, separated by commas or 、."),
        "学员",
    ),
)
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}
COLUMN_ORDER = {column.key: index for index, column in enumerate(COLUMNS)}


class RosterFileError(Exception):
    """The file as a whole cannot be read as a roster; the message says why, for the user."""


@dataclass(frozen=True)
class RosterRow:
    """One person as typed in the sheet: text, untouched apart from surrounding spaces."""

    row: int  # the spreadsheet's own row number, so the office can find it
    username: str = ""
    display_name: str = ""
    mobile: str = ""
    email: str = ""
    community: str = ""
    roles: str = ""


@dataclass(frozen=True)
class RosterSheet:
    rows: tuple[RosterRow, ...]
    headers: dict = field(default_factory=dict)  # column key -> header as written in the file

    def header_for(self, key: str) -> str:
        return self.headers.get(key) or COLUMNS_BY_KEY[key].header

    def to_payload(self) -> dict:
        """Plain data, to carry a checked sheet from the preview to the confirmation."""
        return {"headers": dict(self.headers), "rows": [asdict(row) for row in self.rows]}

    @classmethod
    def from_payload(cls, payload: dict) -> "RosterSheet":
        names = {f.name for f in fields(RosterRow)}
        rows = tuple(
            RosterRow(**{key: value for key, value in row.items() if key in names})
            for row in payload["rows"]
        )
        return cls(rows=rows, headers=dict(payload.get("headers", {})))


@dataclass(frozen=True)
class RosterEntry:
    """A row that passed every check, in the form the service needs it."""

    row: int
    username: str
    display_name: str
    mobile: str
    email: str
    community: str
    roles: tuple[str, ...]  # role codes


@dataclass(frozen=True)
class RosterProblem:
    row: int
    column: str  # the header as the office sees it in their file
    message: str


@dataclass(frozen=True)
class RosterReport:
    entries: tuple[RosterEntry, ...]
    problems: tuple[RosterProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rows_with_problems(self) -> int:
        return len({problem.row for problem in self.problems})
