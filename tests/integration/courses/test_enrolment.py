import datetime

import pytest
from django.utils import timezone

from courses.exceptions import EngineRefusal, NotAllowed
from courses.models import Enrolment
from courses.services import enrolment_create, enrolment_withdraw
from tests.factories import CoursePageFactory

pytestmark = pytest.mark.django_db


def test_the_office_enrols_a_trainee_and_enrolling_twice_is_harmless(office, trainee, course):
    first = enrolment_create(actor=office, trainee=trainee, course=course)
    second = enrolment_create(actor=office, trainee=trainee, course=course)

    assert first.pk == second.pk
    assert Enrolment.objects.filter(trainee=trainee).count() == 1
    assert first.status == Enrolment.Status.ACTIVE


def test_a_trainee_cannot_enrol_themselves_unless_the_course_allows_it(trainee, course):
    with pytest.raises(EngineRefusal):
        enrolment_create(actor=trainee, trainee=trainee, course=course)

    course.allow_self_enrolment = True
    course.save()
    assert enrolment_create(actor=trainee, trainee=trainee, course=course).trainee == trainee


def test_a_trainee_cannot_enrol_someone_else(trainee, course, django_user_model):
    other = django_user_model.objects.create(username="other")
    course.allow_self_enrolment = True
    course.save()

    with pytest.raises(NotAllowed):
        enrolment_create(actor=trainee, trainee=other, course=course)


@pytest.mark.parametrize(
    ("opens", "closes", "allowed"),
    [
        (-2, 2, True),
        (1, 3, False),
        (-3, -1, False),
    ],
)
def test_self_enrolment_respects_the_window(trainee, course, opens, closes, allowed):
    now = timezone.now()
    course.allow_self_enrolment = True
    course.enrolment_opens_at = now + datetime.timedelta(days=opens)
    course.enrolment_closes_at = now + datetime.timedelta(days=closes)
    course.save()

    if allowed:
        assert enrolment_create(actor=trainee, trainee=trainee, course=course)
    else:
        with pytest.raises(EngineRefusal):
            enrolment_create(actor=trainee, trainee=trainee, course=course)
        assert not Enrolment.objects.exists()


def test_prerequisites_must_be_completed_first(office, trainee, tree):
    _home, programme, course = tree
    advanced = CoursePageFactory(parent=programme, title="进阶课程")
    advanced.prerequisites.add(course)
    advanced.save()

    with pytest.raises(EngineRefusal, match=course.title):
        enrolment_create(actor=office, trainee=trainee, course=advanced)

    basic = enrolment_create(actor=office, trainee=trainee, course=course)
    basic.status = Enrolment.Status.COMPLETED
    basic.completed_at = timezone.now()
    basic.save()
    assert enrolment_create(actor=office, trainee=trainee, course=advanced)


def test_withdrawal_needs_a_reason_keeps_the_record_and_can_be_undone(office, trainee, course):
    enrolment = enrolment_create(actor=office, trainee=trainee, course=course)

    with pytest.raises(EngineRefusal):
        enrolment_withdraw(actor=office, enrolment=enrolment, reason="  ")
    enrolment_withdraw(actor=office, enrolment=enrolment, reason="工作调动")

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.WITHDRAWN
    assert enrolment.withdrawal_reason == "工作调动"
    resumed = enrolment_create(actor=office, trainee=trainee, course=course)
    assert resumed.pk == enrolment.pk
    assert resumed.status == Enrolment.Status.ACTIVE


def test_only_the_office_withdraws(trainee, office, course):
    enrolment = enrolment_create(actor=office, trainee=trainee, course=course)
    with pytest.raises(NotAllowed):
        enrolment_withdraw(actor=trainee, enrolment=enrolment, reason="不想学了")
