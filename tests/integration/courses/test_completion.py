from decimal import Decimal

import pytest

from courses.exceptions import EngineRefusal
from courses.models import ActivityProgress, Enrolment, HoursEntry
from courses.selectors import course_progress_for_trainee, hours_summary
from courses.services import (
    activity_attendance_record,
    activity_confirm,
    activity_run_finished,
    activity_view,
    activity_work_accepted,
    enrolment_create,
    enrolment_withdraw,
)
from tests.factories import (
    ExchangeSessionPageFactory,
    LecturePageFactory,
    ScenarioExercisePageFactory,
    StudyTourPageFactory,
)

pytestmark = pytest.mark.django_db


def test_an_online_lecture_completes_when_viewed_and_confirmed(
    office, trainee, course, online_lecture
):
    enrolment_create(actor=office, trainee=trainee, course=course)

    activity_view(trainee=trainee, activity=online_lecture)
    assert not ActivityProgress.objects.get(trainee=trainee).completed_at

    activity_confirm(trainee=trainee, activity=online_lecture)
    activity_confirm(trainee=trainee, activity=online_lecture)

    assert ActivityProgress.objects.get(trainee=trainee).completed_at
    assert HoursEntry.objects.filter(trainee=trainee).count() == 1
    assert hours_summary(trainee).earned == Decimal("2.0")


def test_attendance_activities_refuse_confirmation_and_complete_on_attendance(
    office, trainee, course
):
    session = ExchangeSessionPageFactory(parent=course, learning_hours="3.0")
    enrolment_create(actor=office, trainee=trainee, course=course)

    with pytest.raises(EngineRefusal):
        activity_confirm(trainee=trainee, activity=session)
    activity_attendance_record(trainee=trainee, activity=session, actor=office, how="manual")

    assert ActivityProgress.objects.get(trainee=trainee, activity_id=session.pk).completed_at
    assert hours_summary(trainee).earned == Decimal("3.0")


def test_a_scenario_needs_a_finished_run_and_an_accepted_reflection(office, trainee, course):
    scenario = ScenarioExercisePageFactory(parent=course)
    enrolment_create(actor=office, trainee=trainee, course=course)

    activity_run_finished(trainee=trainee, activity=scenario)
    assert not ActivityProgress.objects.get(activity_id=scenario.pk).completed_at
    activity_work_accepted(trainee=trainee, activity=scenario, actor=office)
    assert ActivityProgress.objects.get(activity_id=scenario.pk).completed_at


def test_a_study_tour_needs_attendance_and_an_accepted_report(office, trainee, course):
    tour = StudyTourPageFactory(parent=course)
    enrolment_create(actor=office, trainee=trainee, course=course)

    activity_work_accepted(trainee=trainee, activity=tour, actor=office)
    assert not ActivityProgress.objects.get(activity_id=tour.pk).completed_at
    activity_attendance_record(trainee=trainee, activity=tour, actor=office)
    assert ActivityProgress.objects.get(activity_id=tour.pk).completed_at


def test_the_course_completes_when_every_required_activity_does(office, trainee, course):
    first = LecturePageFactory(parent=course)
    second = LecturePageFactory(parent=course)
    LecturePageFactory(parent=course, is_required=False)
    enrolment = enrolment_create(actor=office, trainee=trainee, course=course)

    activity_confirm(trainee=trainee, activity=first)
    [progress] = course_progress_for_trainee(trainee)
    assert (progress.completed, progress.required, progress.percent) == (1, 2, 50)

    activity_confirm(trainee=trainee, activity=second)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert course_progress_for_trainee(trainee)[0].percent == 100


def test_progress_needs_an_enrolment_and_a_withdrawn_trainee_keeps_records(
    office, trainee, course, online_lecture
):
    with pytest.raises(EngineRefusal):
        activity_confirm(trainee=trainee, activity=online_lecture)
    assert activity_view(trainee=trainee, activity=online_lecture) is None

    enrolment = enrolment_create(actor=office, trainee=trainee, course=course)
    activity_confirm(trainee=trainee, activity=online_lecture)
    enrolment_withdraw(actor=office, enrolment=enrolment, reason="调岗")

    assert ActivityProgress.objects.filter(trainee=trainee).count() == 1
    assert HoursEntry.objects.filter(trainee=trainee).count() == 1
    with pytest.raises(EngineRefusal):
        activity_confirm(trainee=trainee, activity=LecturePageFactory(parent=course))
