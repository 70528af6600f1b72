"""The report's numbers on the hand-built data set of the conftest, worked out by hand."""

import math
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import Attempt
from courses.reports.quiz import quiz_report
from courses.services.attempts import attempt_start

from .conftest import enrolled_trainee, sit

pytestmark = pytest.mark.django_db

# Discrimination: the correlation of the question's score with the rest of the attempt, which
# is worth 2 marks. For A: question 1 1 0 0, rest 2/2 1/2 1/2 0/2 → r = 0.5 / √0.5.
# For B: question 1 1 1 0, rest 1 0.5 0 0 → r = 0.375 / √(0.75 · 0.6875); C is B's mirror.
DISCRIMINATION_A = 100 * 0.5 / math.sqrt(0.5)  # 70.7%
DISCRIMINATION_B = 100 * 0.375 / math.sqrt(0.75 * 0.6875)  # 52.2%


def test_summary_numbers(office, quiz, sat):
    assert [a.percent for a in sat] == [Decimal("100"), Decimal("66.67"), Decimal("33.33"), 0]

    report = quiz_report(actor=office, quiz=quiz)

    assert report.attempt_count == 4
    assert report.trainees == 3
    assert report.mean == pytest.approx(50)  # (100 + 66.67 + 33.33 + 0) / 4
    assert report.median == pytest.approx(50)  # (33.33 + 66.67) / 2
    assert report.pass_rate == 50  # 100% and 66.67% pass at 60%
    assert [band.count for band in report.bands] == [1, 0, 0, 1, 0, 0, 1, 0, 0, 1]


def test_question_numbers(office, quiz, sat):
    report = quiz_report(actor=office, quiz=quiz)
    a, b, c = report.questions

    assert [q.type_label for q in (a, b, c)] == ["single choice", "true/false", "short answer"]
    assert (a.asked, a.answered, b.answered, c.answered) == (4, 4, 4, 3)
    assert (a.facility, b.facility, c.facility) == (50, 75, 25)
    assert a.discrimination == pytest.approx(DISCRIMINATION_A)
    assert b.discrimination == pytest.approx(DISCRIMINATION_B)
    assert c.discrimination == pytest.approx(DISCRIMINATION_B)
    assert [(o.text, o.count, o.share) for o in a.options] == [
        ("五年", 2, 50),
        ("三年", 1, 25),
        ("两年", 1, 25),
    ]
    assert b.options == [] and c.options == []


def test_attempts_not_finished_are_left_out(office, course, quiz, sat):
    attempt_start(trainee=enrolled_trainee(office, course), quiz=quiz)

    report = quiz_report(actor=office, quiz=quiz)

    assert report.attempt_count == 4
    assert Attempt.objects.filter(quiz=quiz).count() == 5


def test_a_quiz_without_attempts_has_no_numbers(office, quiz):
    report = quiz_report(actor=office, quiz=quiz)

    assert report.attempt_count == report.trainees == 0
    assert report.mean is report.median is report.pass_rate is None
    assert report.questions == []
    assert sum(band.count for band in report.bands) == 0


def test_everyone_with_the_same_score_has_no_discrimination(office, course, lecture):
    from tests.factories.questions import make_question, make_quiz

    quiz = make_quiz(lecture, [make_question("single"), make_question("truefalse")])
    for _ in range(3):
        sit(enrolled_trainee(office, course), quiz, "五年", True, None)

    report = quiz_report(actor=office, quiz=quiz)

    assert report.mean == report.median == 100
    assert [band.count for band in report.bands][-1] == 3
    assert [q.facility for q in report.questions] == [100, 100]
    assert [q.discrimination for q in report.questions] == [None, None]


def test_a_quiz_of_one_question_has_no_rest_to_correlate(office, course, lecture):
    from tests.factories.questions import make_question, make_quiz

    quiz = make_quiz(lecture, [make_question("single")])
    for text in ("五年", "三年"):
        sit(enrolled_trainee(office, course), quiz, text, True, None)

    (only,) = quiz_report(actor=office, quiz=quiz).questions

    assert only.facility == 50 and only.discrimination is None


def test_versions_of_one_entry_are_one_question(office, course, quiz, sat):
    from courses.services.questions import question_save
    from tests.factories.questions import sample_data

    single = quiz.slots.get(position=1).entry
    question_save(actor=office, data=sample_data("single", name="换届年限(新版)"), entry=single)
    sit(enrolled_trainee(office, course), quiz, "五年", True, "RP")

    a = quiz_report(actor=office, quiz=quiz).questions[0]

    assert a.name == "换届年限(新版)" and a.asked == 5
    assert [(o.text, o.count) for o in a.options] == [("五年", 3), ("三年", 1), ("两年", 1)]


def report_queries(office, quiz) -> int:
    with CaptureQueriesContext(connection) as queries:
        report = quiz_report(actor=office, quiz=quiz)
    assert report.questions
    return len(queries)


def test_the_report_reads_the_same_few_queries_for_3_and_12_attempts(office, course, quiz):
    plans = [("五年", True, "RP"), ("三年", False, "错"), ("两年", True, None)]
    for plan in plans:
        sit(enrolled_trainee(office, course), quiz, *plan)
    with_three = report_queries(office, quiz)

    for n in range(9):
        sit(enrolled_trainee(office, course), quiz, *plans[n % 3])
    with_twelve = report_queries(office, quiz)

    assert with_three == with_twelve
    assert with_twelve == 4  # attempts, answers, question versions, options
