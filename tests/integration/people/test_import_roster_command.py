"""``manage.py import_roster``: the same report as the admin, and an exit status scripts can use."""

import sys

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from lms.people.models import User
from tests.factories.people import roster_workbook
from tests.factories.spreadsheets import xlsx_bomb

pytestmark = pytest.mark.django_db

GOOD = [
    ("zhangwei", "张伟", "13800138000", "", "桃源社区", "学员"),
    ("lina", "李娜", "13900139000", "", "桃源社区", "mentor"),
]
BAD = [*GOOD, ("wangfang", "王芳", "12345", "", "桃源社区", "学员")]


@pytest.fixture
def write(tmp_path):
    def write(rows, name="roster.xlsx", data=None):
        path = tmp_path / name
        path.write_bytes(data if data is not None else roster_workbook(rows))
        return str(path)

    return write


def _run(*args):
    """Run the command and return the exit status the shell would see.

    ``call_command`` rather than ``execute_from_command_line``: the latter closes the database
    connections when it ends, which would end this test's transaction on PostgreSQL.
    """
    try:
        with translation.override("en"):
            call_command("import_roster", *args)
    except CommandError as error:
        sys.stderr.write(f"CommandError: {error}\n")  # as run_from_argv reports it
        return error.returncode
    except SystemExit as exit:
        return exit.code
    return 0


def test_imports_a_good_roster(write, taoyuan, capsys):
    assert _run(write(GOOD)) == 0

    assert "2 people imported." in capsys.readouterr().out
    assert User.objects.filter(username__in=["zhangwei", "lina"]).count() == 2


def test_a_dry_run_saves_nothing(write, taoyuan, capsys):
    assert _run(write(GOOD), "--dry-run") == 0

    assert "2 people would be created" in capsys.readouterr().out
    assert not User.objects.filter(username="zhangwei").exists()


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]], ids=["import", "dry-run"])
def test_a_wrong_row_fails_with_the_report_and_saves_nothing(write, taoyuan, capsys, dry_run):
    assert _run(write(BAD), *dry_run) == 1

    err = capsys.readouterr().err
    assert "Row 4, 手机号: “12345” is not an 11-digit mainland mobile number." in err
    assert "Nothing was imported: 1 row needs correcting." in err
    assert not User.objects.filter(username="zhangwei").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"not a workbook", "could not be read"), (None, "Cannot open")],
    ids=["not-xlsx", "missing"],
)
def test_an_unreadable_file_fails(write, tmp_path, capsys, data, message):
    path = write([], data=data) if data is not None else str(tmp_path / "missing.xlsx")

    assert _run(path) == 1

    assert message in capsys.readouterr().err


def test_a_zip_bomb_is_refused_before_it_is_read(write, capsys):
    path = write([], data=xlsx_bomb(300))

    assert _run(path) == 1
    assert "expands to 300 MB when opened" in capsys.readouterr().err
    assert not User.objects.exists()
