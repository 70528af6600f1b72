"""A trainee's readiness page on the site: who may open it, the evidence links, and the current
mentor's sign-off."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Certificate, Enrolment
from mentoring.models import (
    CoursesCompletedCriterion,
    MentorSignOffCriterion,
    RotationsCompletedCriterion,
    SignOff,
    TraineeStage,
)
from mentoring.selectors import readiness_for
from mentoring.services import promotion_nominate

from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def trainee(east):
    return f.trainee(east, display_name="张学员")


@pytest.fixture
def mentor(east, trainee):
    person = f.mentor(east, display_name="刘导师")
    f.assignment(trainee, person)
    return person


@pytest.fixture
def signoff_criterion(db):
    return MentorSignOffCriterion.objects.create(to_stage=f.stage("reserve_cadre"))


def _url(trainee):
    return reverse("mentoring:readiness", args=[trainee.pk])


def _met(trainee, criterion):
    return {r.criterion.pk: r.met for r in readiness_for(trainee).results}[criterion.pk]


# Who may open the page -------------------------------------------------------------------------


def test_the_trainee_sees_their_own_readiness(client, trainee, signoff_criterion):
    client.force_login(trainee)

    response = client.get(_url(trainee))

    text = response.content.decode()
    assert response.status_code == 200
    assert "My readiness" in text and "Signed off by a current mentor" in text
    assert "Not yet met" in text and "后备干部" in text
    assert "Sign off readiness" not in text


@pytest.mark.parametrize("who", ["other trainee", "host", "past mentor", "other mentor"])
def test_anyone_else_is_told_not_found(client, trainee, east, west, who):
    if who == "other trainee":
        person = f.trainee(east)
    elif who == "host":
        person = f.host(west)
        f.rotation(trainee, person, starts_on=TODAY - 5 * DAY, ends_on=TODAY + 20 * DAY)
    elif who == "past mentor":
        person = f.mentor(east)
        f.assignment(trainee, person, starts_on=TODAY - 90 * DAY, ends_on=TODAY - 10 * DAY)
    else:
        person = f.mentor(east)
    client.force_login(person)

    assert client.get(_url(trainee)).status_code == 404
    assert client.post(_url(trainee), {"action": "signoff", "comment": "x"}).status_code == 404
    assert not SignOff.objects.exists()


def test_the_current_mentor_and_the_office_may_open_it(client, trainee, mentor, office):
    client.force_login(mentor)
    as_mentor = client.get(_url(trainee))
    client.force_login(office)
    as_office = client.get(_url(trainee))

    assert as_mentor.status_code == 200 and "Sign off readiness" in as_mentor.content.decode()
    assert as_office.status_code == 200 and "Sign off readiness" not in as_office.content.decode()


def test_a_visitor_must_sign_in(client, trainee):
    response = client.get(_url(trainee))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_a_page_for_someone_who_is_not_a_trainee_is_not_found(client, office, mentor):
    client.force_login(office)
    assert client.get(_url(mentor)).status_code == 404


# The mentor's sign-off -------------------------------------------------------------------------


def test_the_mentors_sign_off_meets_the_criterion_and_can_be_withdrawn(
    client, trainee, mentor, signoff_criterion
):
    client.force_login(mentor)
    assert not _met(trainee, signoff_criterion)

    signed = client.post(_url(trainee), {"action": "signoff", "comment": "可以担当"})

    assert signed.status_code == 302 and signed["Location"] == _url(trainee)
    assert _met(trainee, signoff_criterion)
    page = client.get(_url(trainee)).content.decode()
    assert "Withdraw sign-off" in page and "可以担当" in page and "Signed off by 刘导师" in page

    withdrawn = client.post(_url(trainee), {"action": "withdraw"})

    assert withdrawn.status_code == 302
    assert not _met(trainee, signoff_criterion)
    assert SignOff.objects.get().withdrawn_at is not None


def test_signing_off_twice_is_refused_with_a_message(client, trainee, mentor, signoff_criterion):
    client.force_login(mentor)
    client.post(_url(trainee), {"action": "signoff", "comment": "可以担当"})

    again = client.post(_url(trainee), {"action": "signoff", "comment": "再签"}, follow=True)

    assert "You have already signed off this step." in again.content.decode()
    assert SignOff.objects.count() == 1


def test_a_sign_off_needs_a_reason(client, trainee, mentor, signoff_criterion):
    client.force_login(mentor)

    response = client.post(_url(trainee), {"action": "signoff", "comment": "  "})

    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert not SignOff.objects.exists()


def test_a_trainee_cannot_sign_themselves_off(client, trainee, signoff_criterion):
    client.force_login(trainee)

    response = client.post(
        _url(trainee), {"action": "signoff", "comment": "我准备好了"}, follow=True
    )

    assert response.status_code == 200
    assert "Only the trainee&#x27;s current mentors" in response.content.decode()
    assert not SignOff.objects.exists()


def test_withdrawing_without_a_sign_off_says_so(client, trainee, mentor):
    client.force_login(mentor)

    response = client.post(_url(trainee), {"action": "withdraw"}, follow=True)

    assert "You have no standing sign-off to withdraw." in response.content.decode()


def test_at_the_last_stage_there_is_nothing_to_sign_off(client, trainee, mentor):
    TraineeStage.objects.create(trainee=trainee, stage=f.stage("secretary"), since=TODAY)
    client.force_login(mentor)

    page = client.get(_url(trainee)).content.decode()
    posted = client.post(_url(trainee), {"action": "signoff", "comment": "好"}, follow=True)

    assert "This is the last stage of the path." in page and "Sign off readiness" not in page
    assert "is at the last stage" in posted.content.decode()
    assert not SignOff.objects.exists()


# Evidence links --------------------------------------------------------------------------------


def test_evidence_links_to_the_course_and_to_the_trainees_own_certificate(
    client, trainee, mentor, course, west
):
    criterion = CoursesCompletedCriterion.objects.create(to_stage=f.stage("reserve_cadre"))
    criterion.courses.set([course])
    RotationsCompletedCriterion.objects.create(to_stage=f.stage("reserve_cadre"))
    enrolment = Enrolment.objects.create(
        trainee=trainee, course=course, status="completed", completed_at=timezone.now()
    )
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        trainee=trainee,
        course=course,
        serial="ZS-2025-0001",
        trainee_name="张学员",
        course_title=course.title,
        hours=Decimal("12"),
        issued_at=timezone.now(),
    )
    rotation = f.rotation(
        trainee,
        f.host(west),
        starts_on=TODAY - 40 * DAY,
        ends_on=TODAY - 10 * DAY,
        status="completed",
    )
    verify = reverse("courses:certificate-verify", args=[certificate.verification_code])

    client.force_login(trainee)
    own = client.get(_url(trainee)).content.decode()
    client.force_login(mentor)
    as_mentor = client.get(_url(trainee)).content.decode()

    assert f'href="{course.url}"' in own and verify in own
    assert f'href="{course.url}"' in as_mentor and verify not in as_mentor
    assert reverse("mentoring:rotation-detail", args=[rotation.pk]) in own
    assert own.count("Met</p>") == 2


def test_the_trainee_sees_their_nomination_and_stage_history(client, trainee, office):
    promotion_nominate(actor=office, trainee=trainee)
    client.force_login(trainee)

    page = client.get(_url(trainee)).content.decode()

    assert "Under review" in page and "Stage history" in page
