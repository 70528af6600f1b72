"""The import service: every question of a file or none, with each problem where it is."""

import sys
from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from courses.exceptions import NotAllowed
from courses.models import Question, QuestionCategory, QuestionEntry
from courses.question_formats import base, excel
from courses.question_formats.base import OptionData
from courses.services import question_import
from courses.services.bank_transfer import DEFAULT_CATEGORY
from courses.services.questions import question_save
from lms.audit.models import AuditEntry
from tests.factories.questions import sample_data

pytestmark = pytest.mark.django_db

service_module = sys.modules["courses.services.bank_transfer"]


def workbook(*questions) -> bytes:
    return excel.write(list(questions))


def good_and_bad():
    bad = replace(sample_data("single", name="没有正确答案"), category_path=("题库",))
    bad.options = [OptionData("甲", Decimal("0.5")), OptionData("乙")]
    return workbook(
        sample_data("truefalse", category=("题库",)),
        bad,
        sample_data("essay", category=("题库",)),
    )


def test_a_clean_file_saves_every_question_and_reports_counts_and_new_categories(office):
    data = workbook(
        sample_data("single", category=("党建知识", "组织")),
        sample_data("multiple", category=("党建知识",)),
        sample_data("essay", category=("党建知识",)),
        sample_data("essay", name="第二道论述", category=("实务",)),
    )

    summary = question_import(actor=office, fmt="excel", data=data)

    assert summary.saved and not summary.refused and summary.problems == []
    assert summary.total == 4 == Question.objects.count()
    assert summary.counts == {"single": 1, "multiple": 1, "essay": 2}
    assert [label for _code, label, _n in summary.by_type] == [
        "single choice",
        "multiple response",
        "essay",
    ]
    assert summary.categories_created == ["党建知识", "党建知识/组织", "实务"]
    assert set(QuestionCategory.objects.values_list("path", flat=True)) == {
        "党建知识",
        "党建知识/组织",
        "实务",
    }


def test_categories_that_exist_already_are_not_reported_as_created(office):
    question_save(actor=office, data=sample_data("single", category=("党建知识",)))

    summary = question_import(
        actor=office,
        fmt="excel",
        data=workbook(sample_data("essay", category=("党建知识", "新分类"))),
    )

    assert summary.categories_created == ["党建知识/新分类"]


def test_one_bad_question_among_good_ones_saves_nothing_and_says_where(office):
    summary = question_import(actor=office, fmt="excel", data=good_and_bad())

    assert summary.refused and not summary.saved
    assert QuestionEntry.objects.count() == 0 and QuestionCategory.objects.count() == 0
    assert {problem.location for problem in summary.problems} == {"row 3"}
    assert any("full mark" in problem.message for problem in summary.problems)
    assert summary.total == 3  # what the file holds is still summarised


def test_a_dry_run_reports_what_would_happen_and_saves_nothing(office):
    data = workbook(sample_data("single", category=("新",)), sample_data("ordering"))

    summary = question_import(actor=office, fmt="excel", data=data, dry_run=True)

    assert summary.dry_run and not summary.saved and not summary.refused
    assert summary.categories_created == ["新", "党建知识"]
    assert QuestionEntry.objects.count() == 0 and QuestionCategory.objects.count() == 0
    assert not AuditEntry.objects.exists()


def test_a_dry_run_of_a_bad_file_is_refused_with_the_same_problems(office):
    preview = question_import(actor=office, fmt="excel", data=good_and_bad(), dry_run=True)
    real = question_import(actor=office, fmt="excel", data=good_and_bad())

    assert preview.refused and preview.problems == real.problems


def test_a_failure_while_saving_rolls_back_every_question(office, monkeypatch):
    calls = []

    def failing_save(*, actor, data, entry=None):
        calls.append(data.name)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return question_save(actor=actor, data=data)

    monkeypatch.setattr(service_module, "question_save", failing_save)
    data = workbook(sample_data("single"), sample_data("essay"), sample_data("ordering"))

    with pytest.raises(RuntimeError):
        question_import(actor=office, fmt="excel", data=data)

    assert QuestionEntry.objects.count() == 0 and QuestionCategory.objects.count() == 0
    assert not AuditEntry.objects.exists()


def test_a_refusal_from_the_bank_while_saving_becomes_a_problem_and_nothing_is_kept(
    office, monkeypatch
):
    # The bank refuses the second question in its own checks, after the first was written.
    real_save = service_module.question_save

    def refusing_save(*, actor, data):
        if data.name == "被拒":
            raise ValidationError("The bank refuses this one.")
        return real_save(actor=actor, data=data)

    monkeypatch.setattr(service_module, "question_save", refusing_save)
    data = workbook(sample_data("single"), sample_data("essay", name="被拒"))

    summary = question_import(actor=office, fmt="excel", data=data)

    assert summary.refused
    assert [problem.location for problem in summary.problems] == ["row 3"]
    assert QuestionEntry.objects.count() == 0


def test_a_default_mark_is_rounded_to_the_bank_s_two_places(office):
    odd = replace(sample_data("essay", name="三位小数"), default_mark=Decimal("1.005"))

    summary = question_import(actor=office, fmt="excel", data=workbook(odd))

    assert summary.saved
    assert Question.objects.get().default_mark == Decimal("1.00")


def test_the_target_category_takes_the_file_s_categories_under_it(office):
    data = workbook(sample_data("single", category=("组织",)), sample_data("essay", category=()))

    summary = question_import(actor=office, fmt="excel", data=data, category_path=("导入", "一月"))

    assert summary.saved
    assert sorted(QuestionEntry.objects.values_list("category__path", flat=True)) == [
        "导入/一月",
        "导入/一月/组织",
    ]


@pytest.mark.parametrize(
    ("fmt", "data"),
    [
        ("excel", workbook(sample_data("essay", category=()))),
        ("gift", "::无分类::社区党组织每届任期几年?{=五年 ~三年}".encode()),
        (
            "moodle-xml",
            b'<?xml version="1.0" encoding="UTF-8"?><quiz><question type="essay">'
            b"<name><text>E</text></name><questiontext><text>T</text></questiontext>"
            b"</question></quiz>",
        ),
    ],
)
def test_a_question_without_any_category_goes_into_the_default_category(office, fmt, data):
    summary = question_import(actor=office, fmt=fmt, data=data)

    assert summary.saved and summary.problems == []
    assert summary.default_category == DEFAULT_CATEGORY == "默认"
    assert summary.uncategorised == 1
    assert summary.categories_created == ["默认"]
    assert QuestionEntry.objects.get().category.path == "默认"


def test_with_a_target_category_nothing_goes_into_the_default_category(office):
    data = workbook(sample_data("essay", category=()))

    summary = question_import(actor=office, fmt="excel", data=data, category_path=("导入",))

    assert summary.saved and summary.default_category == "" and summary.uncategorised == 0
    assert QuestionEntry.objects.get().category.path == "导入"


def test_a_category_name_too_long_for_the_bank_is_a_problem(office):
    summary = question_import(
        actor=office, fmt="excel", data=workbook(sample_data("essay")), category_path=("长" * 101,)
    )

    assert summary.refused and "at most 100 characters" in summary.problems[0].message


def test_the_import_is_recorded_in_the_audit_trail(office):
    question_import(
        actor=office, fmt="excel", data=workbook(sample_data("single")), category_path=("导入",)
    )

    entry = AuditEntry.objects.get(action="bank.import")
    assert entry.actor == office and entry.target == QuestionCategory.objects.get(path="导入")
    assert entry.data["total"] == 1 and entry.data["format"] == "excel"


@pytest.mark.parametrize("person", ["trainee", "mentor", "admin_without_office"])
def test_only_the_office_imports(person, request):
    actor = request.getfixturevalue(person)

    with pytest.raises(NotAllowed):
        question_import(actor=actor, fmt="excel", data=workbook(sample_data("single")))


def test_the_system_imports_without_an_actor(db):
    summary = question_import(
        actor=None, fmt="excel", data=workbook(sample_data("single")), as_system=True
    )

    assert summary.saved
    assert AuditEntry.objects.get(action="bank.import").actor is None


def test_the_office_editor_imports(editor):
    assert question_import(actor=editor, fmt="excel", data=workbook(sample_data("single"))).saved


@pytest.mark.parametrize(
    ("fmt", "data", "message"),
    [
        ("excel", b"plain text", "not an Excel workbook"),
        ("gift", "题目{=对 ~错}".encode("gb18030"), "not UTF-8"),
        ("moodle-xml", b"<quiz><question", "not well-formed XML"),
        ("moodle-xml", b"", "XML"),
        ("gift", b"", "no questions"),
        ("excel", b"x" * (5 * 1024 * 1024 + 1), "larger than 5 MB"),
    ],
)
def test_an_unreadable_file_is_refused_with_a_message(office, fmt, data, message):
    summary = question_import(actor=office, fmt=fmt, data=data)

    assert summary.refused and not summary.saved
    assert any(message in problem.message for problem in summary.problems), summary.problems
    assert QuestionEntry.objects.count() == 0


def test_a_gift_file_with_a_byte_order_mark_is_read(office):
    data = "\ufeff::红色物业::“红色物业”的核心是?{=党建引领 ~收费}".encode()

    summary = question_import(actor=office, fmt="gift", data=data, category_path=("导入",))

    assert summary.saved and summary.counts == {"single": 1}
    assert Question.objects.get().name == "红色物业"


def test_a_gift_problem_names_its_line_and_nothing_is_saved(office):
    data = "::好::题{=对 ~错}\n\n::坏::没有正确答案{~甲 ~乙}\n".encode()

    summary = question_import(actor=office, fmt="gift", data=data, category_path=("导入",))

    assert summary.refused and QuestionEntry.objects.count() == 0
    assert [problem.location for problem in summary.problems] == ["line 3"]


def test_a_reader_that_breaks_is_a_message_not_an_error(office, monkeypatch):
    def broken(data, *, category_path=()):
        raise ValueError("unforeseen")

    monkeypatch.setattr(excel, "read", broken)

    summary = question_import(actor=office, fmt="excel", data=b"anything")

    assert summary.refused and "could not be read" in summary.problems[0].message


def test_too_many_questions_are_refused(office, monkeypatch):
    monkeypatch.setattr(service_module, "MAX_IMPORT_QUESTIONS", 2)
    data = workbook(*(sample_data("single", name=f"题{n}") for n in range(3)))

    summary = question_import(actor=office, fmt="excel", data=data)

    assert summary.refused and "more than 2 questions" in summary.problems[0].message


def test_shares_beyond_the_bank_s_precision_are_rounded_as_the_bank_stores_them(office):
    data = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>thirds</text></name>
    <questiontext format="html"><text>Pick</text></questiontext>
    <single>false</single>
    <answer fraction="33.333333333"><text>a</text></answer>
    <answer fraction="33.333333333"><text>b</text></answer>
    <answer fraction="33.333333333"><text>c</text></answer>
    <answer fraction="-100"><text>d</text></answer>
  </question>
</quiz>"""

    summary = question_import(actor=office, fmt="moodle-xml", data=data, category_path=("导入",))

    assert summary.saved, summary.problems
    fractions = [o.fraction for o in Question.objects.get().ordered_options()]
    assert fractions[:3] == [Decimal("0.3333333")] * 3


def test_an_unknown_type_from_a_reader_is_a_problem(office, monkeypatch):
    def reader(data, *, category_path=()):
        question = replace(sample_data("single"), type="cloze", location="row 2")
        return base.ReadResult(questions=[question])

    monkeypatch.setattr(excel, "read", reader)

    summary = question_import(actor=office, fmt="excel", data=b"x")

    assert summary.refused and summary.by_type == [("cloze", "cloze", 1)]
    assert "Unknown question type" in summary.problems[0].message
