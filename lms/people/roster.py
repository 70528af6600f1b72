"""The office's people roster in Excel: reading it, checking it, and the blank template.

Offices keep their people in spreadsheets, so the import meets them there. Everything here is
pure: the database's answers (which communities exist, which usernames and mobile numbers are
taken) come in as arguments from ``selectors.roster_review``, so the same checks serve the
admin preview, the confirmation step and the management command, and can be tested without a
database.

Checking reports every problem of every row at once, because an office fixing a sheet of two
hundred people should not have to upload it twenty times.
"""

import io
import re
from collections.abc import Collection
from dataclasses import asdict, dataclass, field, fields

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .mobile import mobile_normalise
from .models.users import User, mobile_validator
from .roles import ROLES, role_named

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
_COLUMN_ORDER = {column.key: index for index, column in enumerate(COLUMNS)}


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


def _normalise_header(value) -> str:
    text = str(value).strip().strip("*＊").strip()
    return re.sub(r"[\s_]+", " ", text).casefold()


_HEADER_LOOKUP = {
    _normalise_header(spelling): column.key
    for column in COLUMNS
    for spelling in (column.header, *column.aliases)
}


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        # Excel stores a typed mobile number as a float; 13800138000.0 means 13800138000.
        return str(int(value))
    return str(value).strip()


def roster_read(data: bytes) -> RosterSheet:
    """Read the roster sheet of an .xlsx file; raise RosterFileError if it is not one."""
    from openpyxl import load_workbook

    if len(data) > MAX_FILE_BYTES:
        raise RosterFileError(
            _("The file is larger than %(limit)d MB. Split the roster into smaller files.")
            % {"limit": MAX_FILE_BYTES // (1024 * 1024)}
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of error for a file it cannot read
        raise RosterFileError(
            _(
                "This file could not be read as an Excel workbook. Save it as .xlsx "
                "(Excel 2007 or later) and upload it again."
            )
        ) from error
    try:
        if ROSTER_SHEET_TITLE in workbook.sheetnames:
            worksheet = workbook[ROSTER_SHEET_TITLE]
        else:
            worksheet = workbook.worksheets[0]
        return _read_worksheet(worksheet)
    finally:
        workbook.close()


def _read_worksheet(worksheet) -> RosterSheet:
    lines = worksheet.iter_rows(values_only=True)
    header_cells = next(lines, None)
    if header_cells is None or not any(_cell_text(cell) for cell in header_cells):
        raise RosterFileError(_("The sheet is empty. The first row must hold the column headers."))
    positions, headers = _read_headers(header_cells)

    rows = []
    for number, cells in enumerate(lines, start=2):
        if number > MAX_SHEET_ROWS:
            raise RosterFileError(
                _("The sheet has more than %(limit)d rows. Delete the empty rows at the end.")
                % {"limit": MAX_SHEET_ROWS}
            )
        values = {
            key: _cell_text(cells[index]) if index < len(cells) else ""
            for key, index in positions.items()
        }
        if not any(values.values()):
            continue
        rows.append(RosterRow(row=number, **values))
        if len(rows) > MAX_ROWS:
            raise RosterFileError(
                _("The roster has more than %(limit)d people. Split it into smaller files.")
                % {"limit": MAX_ROWS}
            )
    if not rows:
        raise RosterFileError(_("The sheet has headers but no people below them."))
    return RosterSheet(rows=tuple(rows), headers=headers)


def _read_headers(header_cells):
    positions, headers, unknown, repeated = {}, {}, [], []
    for index, cell in enumerate(header_cells):
        text = _cell_text(cell)
        if not text:
            continue
        key = _HEADER_LOOKUP.get(_normalise_header(text))
        if key is None:
            unknown.append(text)
        elif key in positions:
            repeated.append(text)
        else:
            positions[key] = index
            headers[key] = text
    missing = [
        column.header for column in COLUMNS if column.required and column.key not in positions
    ]
    if unknown or repeated or missing:
        problems = []
        if missing:
            problems.append(_("missing columns: %(names)s") % {"names": "、".join(missing)})
        if unknown:
            problems.append(_("unknown columns: %(names)s") % {"names": "、".join(unknown)})
        if repeated:
            problems.append(_("repeated columns: %(names)s") % {"names": "、".join(repeated)})
        raise RosterFileError(
            _(
                "The first row does not have the roster's headers (%(problems)s). "
                "Expected: %(expected)s. Download the template to see the format."
            )
            % {
                "problems": "; ".join(problems),
                "expected": "、".join(column.header for column in COLUMNS),
            }
        )
    return positions, headers


def roster_check(
    sheet: RosterSheet,
    *,
    communities: Collection[str],
    taken_usernames: Collection[str],
    taken_mobiles: Collection[str],
) -> RosterReport:
    """Check every row; problems name the row, the column and what to change."""
    problems: list[RosterProblem] = []
    entries: list[RosterEntry] = []
    first_row_of_username: dict[str, int] = {}
    first_row_of_mobile: dict[str, int] = {}
    email_validator = EmailValidator()
    username_validator = User.username_validator
    username_max = User._meta.get_field("username").max_length
    display_name_max = User._meta.get_field("display_name").max_length

    for row in sheet.rows:
        found: list[tuple[int, RosterProblem]] = []

        def problem(key, message, row=row, found=found):
            found.append(
                (_COLUMN_ORDER[key], RosterProblem(row.row, sheet.header_for(key), message))
            )

        for column in COLUMNS:
            if column.required and not getattr(row, column.key):
                problem(column.key, _("This cell is required."))

        username = row.username
        if username:
            if len(username) > username_max:
                problem("username", _("Use at most %(max)d characters.") % {"max": username_max})
            elif not _passes(username_validator, username):
                problem(
                    "username",
                    _("“%(value)s” may only contain letters, digits and @ . + - _.")
                    % {"value": username},
                )
            elif username in first_row_of_username:
                problem(
                    "username",
                    _("Username “%(value)s” is already used in row %(row)d.")
                    % {"value": username, "row": first_row_of_username[username]},
                )
            elif username in taken_usernames:
                problem(
                    "username",
                    _("A person with the username “%(value)s” already exists.")
                    % {"value": username},
                )
            first_row_of_username.setdefault(username, row.row)

        if len(row.display_name) > display_name_max:
            problem(
                "display_name", _("Use at most %(max)d characters.") % {"max": display_name_max}
            )

        mobile = mobile_normalise(row.mobile) if row.mobile else ""
        if mobile:
            if not _passes(mobile_validator, mobile):
                problem(
                    "mobile",
                    _("“%(value)s” is not an 11-digit mainland mobile number.")
                    % {"value": row.mobile},
                )
            elif mobile in first_row_of_mobile:
                problem(
                    "mobile",
                    _("Mobile number %(value)s is already used in row %(row)d.")
                    % {"value": mobile, "row": first_row_of_mobile[mobile]},
                )
            elif mobile in taken_mobiles:
                problem(
                    "mobile",
                    _("Another person already uses the mobile number %(value)s.")
                    % {"value": mobile},
                )
            first_row_of_mobile.setdefault(mobile, row.row)

        if row.email and not _passes(email_validator, row.email):
            problem("email", _("“%(value)s” is not an email address.") % {"value": row.email})

        role_codes = _check_roles(row, problem)

        if row.community and row.community not in communities:
            problem(
                "community",
                _("There is no community called “%(value)s”.") % {"value": row.community},
            )
        needing = [role for role in ROLES if role.code in role_codes and role.needs_community]
        if needing and not row.community:
            problem(
                "community",
                _("%(roles)s must belong to a community.")
                % {"roles": "、".join(str(role.label) for role in needing)},
            )

        if found:
            # In the sheet's column order, however the checks happen to be ordered.
            problems.extend(found_problem for _, found_problem in sorted(found, key=lambda f: f[0]))
        else:
            entries.append(
                RosterEntry(
                    row=row.row,
                    username=username,
                    display_name=row.display_name,
                    mobile=mobile,
                    email=row.email,
                    community=row.community,
                    roles=role_codes,
                )
            )
    return RosterReport(entries=tuple(entries), problems=tuple(problems))


def _check_roles(row: RosterRow, problem) -> tuple[str, ...]:
    codes = []
    for name in ROLE_SEPARATORS.split(row.roles):
        if not name.strip():
            continue
        role = role_named(name)
        if role is None:
            problem(
                "roles",
                _("There is no role called “%(value)s”. Use one of: %(roles)s.")
                % {"value": name.strip(), "roles": "、".join(r.group_name for r in ROLES)},
            )
        elif role.code not in codes:
            codes.append(role.code)
    return tuple(codes)


def _passes(validator, value) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def roster_template(*, communities: Collection[str] = ()) -> bytes:
    """A workbook to fill in: the headers, one example person, and notes on each column.

    With the studio's communities at hand, the example names a real one and the community
    column offers them as a drop-down, which prevents the commonest mistake.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    communities = list(communities)
    workbook = Workbook()
    roster = workbook.active
    roster.title = ROSTER_SHEET_TITLE
    roster.append([column.header for column in COLUMNS])
    example = {column.key: column.example for column in COLUMNS}
    if communities:
        example["community"] = communities[0]
    roster.append([example[column.key] for column in COLUMNS])
    bold = Font(bold=True)
    for cell in roster[1]:
        cell.font = bold
    for cell in roster[2]:
        cell.font = Font(italic=True, color="666666")
    roster.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        letter = roster.cell(row=1, column=index).column_letter
        roster.column_dimensions[letter].width = 24
        if column.key in {"username", "mobile"}:
            # Text, so Excel neither drops leading zeros nor shows 1.38E+10.
            roster.column_dimensions[letter].number_format = "@"
            roster.cell(row=2, column=index).number_format = "@"

    notes = workbook.create_sheet(NOTES_SHEET_TITLE)
    notes.append([_("Column"), _("Required"), _("How to fill it in")])
    for cell in notes[1]:
        cell.font = bold
    for column in COLUMNS:
        notes.append([column.header, _("yes") if column.required else _("no"), str(column.note)])
    notes.append([])
    notes.append([_("Role names"), _("Code"), _("Role")])
    for cell in notes[notes.max_row]:
        cell.font = bold
    for role in ROLES:
        notes.append([role.group_name, role.code, str(role.label)])
    notes.append([])
    notes.append(
        [_("The example row in grey is imported too: replace it with a real person or delete it.")]
    )
    notes["A" + str(notes.max_row)].fill = PatternFill("solid", fgColor="FFF2CC")
    notes.column_dimensions["A"].width = 24
    notes.column_dimensions["B"].width = 16
    notes.column_dimensions["C"].width = 80

    if communities:
        first = notes.max_row + 2
        notes.cell(row=first - 1, column=1, value=_("Communities")).font = bold
        for offset, name in enumerate(communities):
            notes.cell(row=first + offset, column=1, value=name)
        last = first + len(communities) - 1
        community_letter = roster.cell(
            row=1, column=[c.key for c in COLUMNS].index("community") + 1
        ).column_letter
        choice = DataValidation(
            type="list",
            formula1=f"'{NOTES_SHEET_TITLE}'!$A${first}:$A${last}",
            allow_blank=True,
            showErrorMessage=True,
        )
        choice.add(f"{community_letter}2:{community_letter}{MAX_ROWS + 1}")
        roster.add_data_validation(choice)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
