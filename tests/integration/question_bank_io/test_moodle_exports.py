"""Files exported by Moodle itself import: seven decimal places, its categories, its extra
elements, and question types the studio does not have left out instead of refusing the file.

The fixtures under tests/fixtures/moodle are shaped as Moodle's ``question/format/xml/format.php``
and ``question/format/gift/format.php`` write them."""

from decimal import Decimal
from pathlib import Path

import pytest

from courses.models import Question, QuestionEntry
from courses.services import question_import

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "moodle"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_a_moodle_xml_export_of_every_supported_type_imports(office):
    summary = question_import(
        actor=office, fmt="moodle-xml", data=fixture("moodle_export_all_types.xml")
    )

    assert summary.saved and summary.problems == []
    assert summary.counts == {
        "single": 1,
        "multiple": 1,
        "truefalse": 1,
        "shortanswer": 1,
        "numerical": 1,
        "matching": 1,
        "ordering": 1,
        "essay": 1,
    }
    assert [(kind, count) for kind, count, _why in summary.left_out_by_kind] == [("description", 1)]
    assert summary.categories_created == [
        "默认 for 党建知识",
        "默认 for 党建知识/组织生活",
        "默认 for 党建知识/社区治理",
    ]
    assert summary.default_category == ""


def test_moodle_s_numbers_are_rounded_to_what_the_bank_stores(office):
    question_import(actor=office, fmt="moodle-xml", data=fixture("moodle_export_all_types.xml"))

    marks = dict(Question.objects.values_list("name", "default_mark"))
    assert marks["三会 多选"] == Decimal("2.00") and marks["物业矛盾 论述"] == Decimal("10.00")
    multiple = Question.objects.get(name="三会 多选")
    assert [o.fraction for o in multiple.ordered_options()] == [
        Decimal("0.3333333"),
        Decimal("0.3333333"),
        Decimal("0.3333333"),
        Decimal("-0.5"),
    ]
    single = Question.objects.get(name="三会一课 单选")
    assert [o.fraction for o in single.ordered_options()][-1] == Decimal("-0.3333333")
    numerical = Question.objects.get(name="小区数 数值")
    assert [o.tolerance for o in numerical.ordered_options()][:2] == [Decimal("0"), Decimal("5.5")]
    assert set(QuestionEntry.objects.get(versions__name="三会一课 单选").tags.names()) == {
        "组织生活",
        "基础",
    }


def test_a_mark_beyond_two_places_is_rounded_not_refused(office):
    data = fixture("moodle_export_all_types.xml").replace(
        b"<defaultgrade>10.0000000</defaultgrade>", b"<defaultgrade>2.3333333</defaultgrade>"
    )

    summary = question_import(actor=office, fmt="moodle-xml", data=data)

    assert summary.saved
    assert Question.objects.get(name="物业矛盾 论述").default_mark == Decimal("2.33")


def test_cloze_and_drag_and_drop_are_left_out_per_type_and_the_rest_imports(office):
    summary = question_import(
        actor=office, fmt="moodle-xml", data=fixture("moodle_export_unsupported_types.xml")
    )

    assert summary.saved and summary.problems == []
    assert summary.total == 1 == Question.objects.count()
    assert [(kind, count) for kind, count, _why in summary.left_out_by_kind] == [
        ("multianswer", 2),
        ("gapselect", 1),
        ("ddwtos", 1),
    ]
    why = {kind: message for kind, _count, message in summary.left_out_by_kind}
    assert "no question type like Moodle's “multianswer”" in why["multianswer"]
    assert len(summary.left_out) == 4


def test_a_real_problem_in_a_supported_question_still_stops_the_whole_file(office):
    data = fixture("moodle_export_unsupported_types.xml").replace(
        b'<answer fraction="100" format="moodle_auto_format">\n      <text>true</text>',
        b'<answer fraction="lots" format="moodle_auto_format">\n      <text>true</text>',
    )

    summary = question_import(actor=office, fmt="moodle-xml", data=data)

    assert summary.refused and not summary.saved
    assert "“lots” is not a percentage" in summary.problems[0].message
    assert len(summary.left_out) == 4
    assert Question.objects.count() == 0


def test_a_file_of_only_unsupported_types_is_refused_with_what_was_left_out(office):
    data = fixture("moodle_export_unsupported_types.xml")
    start = data.index(b"<!-- question: 204")
    end = data.index(b"</question>", start) + len(b"</question>")
    data = data[:start] + data[end:]

    summary = question_import(actor=office, fmt="moodle-xml", data=data)

    assert summary.refused
    assert summary.problems[0].message == "The file holds no question the studio can import."
    assert len(summary.left_out) == 4


def test_a_moodle_gift_export_with_a_description_imports_the_rest(office):
    summary = question_import(actor=office, fmt="gift", data=fixture("moodle_export.gift.txt"))

    assert summary.saved and summary.problems == []
    assert summary.total == 3
    assert [(kind, count) for kind, count, _why in summary.left_out_by_kind] == [("description", 1)]
    assert summary.categories_created == ["默认 for 党建知识", "默认 for 党建知识/组织生活"]
