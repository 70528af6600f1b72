"""``manage.py import_questions``: the same checks as the admin, and a failing exit status when
anything is refused."""

import io

import pytest
from django.core.management import CommandError, call_command

from courses.management.commands.import_questions import Command as ImportQuestions
from courses.models import QuestionCategory, QuestionEntry
from courses.question_formats import excel
from lms.audit.models import AuditEntry
from tests.factories.questions import sample_data
from tests.factories.spreadsheets import xlsx_bomb

pytestmark = pytest.mark.django_db

GOOD_GIFT = """// [tag:组织]
::换届::社区党组织每届任期几年?{=五年 ~三年 ~两年}

::联建::小区党支部可以联建。{TRUE}

::经验::谈谈你的经验。{}
"""
BAD_GIFT = """::好::一道好题{=对 ~错}

::坏::没有正确答案{~甲 ~乙}
"""


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_questions", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def gift_file(tmp_path):
    path = tmp_path / "bank.txt"
    path.write_text(GOOD_GIFT, encoding="utf-8")
    return path


def test_the_command_imports_and_prints_the_count_per_type(gift_file):
    out, _err = run(gift_file, "--format", "gift", "--category", "导入/命令")

    assert "single choice (single): 1" in out
    assert "true/false (truefalse): 1" in out
    assert "essay (essay): 1" in out
    assert "3 questions imported." in out
    assert "Category created: 导入/命令" in out
    assert QuestionEntry.objects.count() == 3
    assert set(QuestionEntry.objects.values_list("category__path", flat=True)) == {"导入/命令"}
    assert AuditEntry.objects.get(action="bank.import").actor is None


def test_a_refused_file_exits_with_failure_names_each_problem_and_saves_nothing(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(BAD_GIFT, encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command(
            "import_questions",
            str(path),
            "--format",
            "gift",
            "--category",
            "导入",
            stdout=io.StringIO(),
            stderr=err,
        )

    assert "line 3:" in err.getvalue()
    assert QuestionEntry.objects.count() == 0 and QuestionCategory.objects.count() == 0


def test_a_dry_run_reports_and_saves_nothing(gift_file):
    out, _err = run(gift_file, "--format", "gift", "--category", "导入", "--dry-run")

    assert "3 questions in all." in out
    assert "Category to create: 导入" in out
    assert "Dry run: nothing was saved." in out
    assert QuestionEntry.objects.count() == 0 and QuestionCategory.objects.count() == 0


def test_an_excel_file_keeps_its_own_categories_under_the_one_given(tmp_path):
    path = tmp_path / "bank.xlsx"
    path.write_bytes(excel.write([sample_data("essay", category=("党建", "实务"))]))

    run(path, "--format", "excel", "--category", "区/街道")

    assert QuestionEntry.objects.get().category.path == "区/街道/党建/实务"


def test_an_excel_problem_is_reported_with_its_row(tmp_path):
    path = tmp_path / "bank.xlsx"
    bad = sample_data("single", name="坏")
    bad.options = bad.options[1:]  # no right answer left
    path.write_bytes(excel.write([sample_data("essay"), bad]))
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_questions", str(path), "--format", "excel", stdout=io.StringIO(), stderr=err
        )

    assert "row 3: At least one answer must earn the full mark" in err.getvalue()


def test_an_xml_problem_is_reported_with_its_line(tmp_path):
    path = tmp_path / "bank.xml"
    path.write_bytes(b"<?xml version='1.0'?>\n<quiz>\n<question type='multichoice'>\n</quiz>")
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_questions",
            str(path),
            "--format",
            "moodle-xml",
            stdout=io.StringIO(),
            stderr=err,
        )

    assert "line 4" in err.getvalue()


def test_as_an_office_user_the_import_is_theirs(gift_file, office):
    run(gift_file, "--format", "gift", "--category", "导入", "--user", "office")

    assert AuditEntry.objects.get(action="bank.import").actor == office


def test_a_user_outside_the_office_is_refused(gift_file, trainee):
    with pytest.raises(CommandError, match="Only the training office"):
        run(gift_file, "--format", "gift", "--category", "导入", "--user", "trainee")

    assert QuestionEntry.objects.count() == 0


def test_an_unknown_user_or_a_missing_file_is_an_error(gift_file, tmp_path):
    with pytest.raises(CommandError, match="There is no user"):
        run(gift_file, "--format", "gift", "--user", "nobody")
    with pytest.raises(CommandError, match="Cannot open"):
        run(tmp_path / "missing.txt", "--format", "gift")


def test_an_unknown_format_is_refused_by_the_argument_parser(gift_file):
    with pytest.raises(CommandError):
        run(gift_file, "--format", "csv")


def test_the_exit_status_is_1_when_refused_and_0_when_imported(tmp_path, gift_file, monkeypatch):
    # run_from_argv is what manage.py calls; it closes the connections when done, which
    # would end the test's transaction, so that step is left out here.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    bad = tmp_path / "bad.txt"
    bad.write_text(BAD_GIFT, encoding="utf-8")
    command = ImportQuestions(stdout=io.StringIO(), stderr=io.StringIO())

    with pytest.raises(SystemExit) as refused:
        command.run_from_argv(["manage.py", "import_questions", str(bad), "--format", "gift"])
    command.run_from_argv(
        ["manage.py", "import_questions", str(gift_file), "--format", "gift", "--category", "x"]
    )

    assert refused.value.code == 1
    assert QuestionEntry.objects.count() == 3


def test_the_command_names_the_default_category_and_what_it_left_out(tmp_path):
    path = tmp_path / "moodle.gift"
    path.write_text(
        "::无分类::社区党组织每届任期几年?{=五年 ~三年}\n\n::说明::只是说明。\n", encoding="utf-8"
    )

    out, _err = run(path, "--format", "gift")

    assert "1 question names no category: it goes into “默认”." in out
    assert "Left out: 1 question of type “description”." in out
    assert "1 question imported." in out
    assert QuestionEntry.objects.get().category.path == "默认"


def test_a_zip_bomb_workbook_is_refused_before_openpyxl_reads_it(tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(xlsx_bomb(300))

    with pytest.raises(CommandError) as refused:
        run(path, "--format", "excel", "--category", "导入")

    assert "Nothing was imported" in str(refused.value)
    assert QuestionEntry.objects.count() == 0
