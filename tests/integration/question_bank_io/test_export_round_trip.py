"""Export a category, import the file elsewhere: the same questions come back, in every format
for every type the format can express, and the export says what it could not express."""

from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.exceptions import NotAllowed
from courses.models import Question, QuestionCategory
from courses.question_formats import base
from courses.services import question_export, question_export_problems, question_import
from courses.services.bank_transfer import format_module
from courses.services.questions import question_save, question_to_data
from lms.audit.models import AuditEntry
from tests.factories.questions import sample_data

pytestmark = pytest.mark.django_db

FORMATS = ("gift", "moodle-xml", "excel")


def comparable(question, *, strip_prefix=()):
    data = question_to_data(question)
    path = data.category_path[len(strip_prefix) :]
    return replace(data, category_path=path, tags=sorted(data.tags), location="")


def current(category_path):
    return {
        q.name: q
        for q in Question.objects.filter(
            is_current=True, entry__category__path__startswith=category_path
        )
    }


@pytest.mark.parametrize("type_code", base.TYPE_CODES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_an_exported_question_imports_as_the_same_question(office, fmt, type_code):
    data = sample_data(type_code, category=("源", "子"))
    data.tags = ["甲", "乙"]
    original = question_save(actor=office, data=data)
    source = QuestionCategory.objects.get(path="源")
    lost = format_module(fmt).unsupported([question_to_data(original)])

    content, problems = question_export(actor=office, fmt=fmt, category=source)

    assert problems == lost
    if lost:  # the format cannot express this type: the export says so, by question
        assert {problem.location for problem in problems} == {original.name}
        return
    summary = question_import(actor=office, fmt=fmt, data=content, category_path=("副本",))
    assert summary.saved, summary.problems
    (copy,) = current("副本").values()
    assert comparable(copy, strip_prefix=("副本",)) == comparable(original)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_whole_category_round_trips_through_each_format(office, fmt):
    originals = [
        question_save(actor=office, data=sample_data(code, category=("源", code)))
        for code in base.TYPE_CODES
    ]
    source = QuestionCategory.objects.get(path="源")
    module = format_module(fmt)
    expressible = [q for q in originals if not module.unsupported([question_to_data(q)])]

    content, problems = question_export(actor=office, fmt=fmt, category=source)
    summary = question_import(actor=office, fmt=fmt, data=content, category_path=("副本",))

    assert summary.saved, summary.problems
    copies = current("副本")
    for original in expressible:
        assert comparable(copies[original.name], strip_prefix=("副本",)) == comparable(original)
    assert {p.location for p in problems} == {q.name for q in originals if q not in expressible}


def test_excel_expresses_every_type(office):
    for code in base.TYPE_CODES:
        question_save(actor=office, data=sample_data(code, category=("源",)))

    count, problems = question_export_problems(
        actor=office, fmt="excel", category=QuestionCategory.objects.get(path="源")
    )

    assert count == 9 and problems == []


def test_only_current_versions_are_exported(office):
    first = question_save(actor=office, data=sample_data("single", category=("源",)))
    Question.objects.filter(pk=first.pk).update(is_current=False)
    newer = replace(sample_data("single", name="新版本", category=("源",)))
    question_save(actor=office, data=newer)

    content, _ = question_export(
        actor=office, fmt="excel", category=QuestionCategory.objects.get(path="源")
    )
    summary = question_import(actor=office, fmt="excel", data=content, dry_run=True)

    assert [q.name for q in summary.questions] == ["新版本"]


def test_subcategories_are_included_only_when_asked(office):
    question_save(actor=office, data=sample_data("single", name="上", category=("源",)))
    question_save(actor=office, data=sample_data("essay", name="下", category=("源", "子")))
    question_save(actor=office, data=sample_data("essay", name="旁", category=("源二",)))
    source = QuestionCategory.objects.get(path="源")

    with_children, _ = question_export_problems(actor=office, fmt="excel", category=source)
    alone, _ = question_export_problems(
        actor=office, fmt="excel", category=source, include_subcategories=False
    )

    assert (with_children, alone) == (2, 1)


def test_the_export_s_queries_do_not_grow_with_the_number_of_questions(office):
    def add_one_of_each(round_):
        for code in base.TYPE_CODES:
            name = f"{code} {round_}"
            question_save(actor=office, data=sample_data(code, name=name, category=("源",)))

    def queries():
        source = QuestionCategory.objects.get(path="源")
        with CaptureQueriesContext(connection) as context:
            question_export(actor=office, fmt="excel", category=source)
        return len(context.captured_queries)

    add_one_of_each(1)
    queries()  # warms the per-process caches (content types, the actor's groups)
    few = queries()
    for round_ in range(2, 5):
        add_one_of_each(round_)
    many = queries()

    assert few == many


@pytest.mark.parametrize("person", ["trainee", "admin_without_office"])
def test_only_the_office_exports(person, request, office):
    question_save(actor=office, data=sample_data("single", category=("源",)))
    source = QuestionCategory.objects.get(path="源")

    with pytest.raises(NotAllowed):
        question_export(actor=request.getfixturevalue(person), fmt="excel", category=source)


def test_an_export_is_recorded(office):
    question_save(actor=office, data=sample_data("single", category=("源",)))
    source = QuestionCategory.objects.get(path="源")

    question_export(actor=office, fmt="gift", category=source)

    entry = AuditEntry.objects.get(action="bank.export")
    assert entry.target == source and entry.data["total"] == 1
