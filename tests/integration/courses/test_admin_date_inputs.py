"""The office's training pages pre-fill their dates in a form the date pickers can show, and
a form submitted without touching the dates saves them, in Chinese and in English: the hours
credit, a small-class cohort's dates (Wagtail's own date picker) and a quiz's opening times."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from courses import services
from courses.models import Cohort, HoursEntry, Quiz
from tests.integration.form_reading import input_attrs, submitted_values

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture(params=["zh-hans", "en"])
def language(request):
    return request.param


@pytest.fixture(autouse=True)
def _english_interface(settings, language):
    """Overrides the folder's English-only fixture: these pages are read in each language."""
    settings.LANGUAGE_CODE = language


@pytest.fixture
def office_client(client, office, language):
    profile = UserProfile.get_for_user(office)
    profile.preferred_language = language
    profile.save()
    client.force_login(office)
    return client


def _page(client, url, language):
    response = client.get(url)
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.text
    return response.text


def test_the_hours_credit_date_survives_an_unchanged_submit(
    office_client, language, trainee, course
):
    url = reverse("courses_office:hours")
    today = timezone.localdate()

    html = _page(office_client, url, language)
    attrs = input_attrs(html, "earned_on")
    assert (attrs["type"], attrs["value"]) == ("date", today.isoformat())
    data = submitted_values(html, "earned_on")
    data.update({"trainee": trainee.pk, "hours": "1.5", "reason": "区委党校培训"})
    response = office_client.post(url, data)

    assert response.status_code == 302
    assert HoursEntry.objects.get(trainee=trainee).earned_on == today


def test_a_cohorts_dates_survive_an_unchanged_submit(office_client, language, tree):
    cohort = Cohort.objects.create(
        programme=tree[1],
        name="第一小班",
        capacity=5,
        starts_on=datetime.date(2026, 12, 5),
        ends_on=datetime.date(2027, 1, 31),
    )
    url = reverse("training_cohorts:edit", args=[cohort.pk])

    html = _page(office_client, url, language)
    assert input_attrs(html, "starts_on")["value"] == "2026-12-05"
    assert input_attrs(html, "ends_on")["value"] == "2027-01-31"
    data = submitted_values(html, "starts_on")
    data["name"] = "第一小班（改）"
    response = office_client.post(url, data)

    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.name == "第一小班（改）"
    assert (cohort.starts_on, cohort.ends_on) == (
        datetime.date(2026, 12, 5),
        datetime.date(2027, 1, 31),
    )


def test_a_quizs_opening_times_survive_an_unchanged_submit(
    office_client, office, language, lecture
):
    opens = datetime.datetime(2026, 12, 5, 9, 0, tzinfo=SHANGHAI)
    closes = datetime.datetime(2026, 12, 20, 18, 30, tzinfo=SHANGHAI)
    quiz = services.quiz_save(
        actor=office, quiz=Quiz(activity=lecture, title="小测", opens_at=opens, closes_at=closes)
    )
    url = reverse("courses_bank:quiz-edit", args=[quiz.pk])

    html = _page(office_client, url, language)
    opens_input, closes_input = input_attrs(html, "opens_at"), input_attrs(html, "closes_at")
    assert (opens_input["type"], opens_input["value"]) == ("datetime-local", "2026-12-05T09:00")
    assert closes_input["value"] == "2026-12-20T18:30"
    data = submitted_values(html, "opens_at")
    data["title"] = "小测（改）"
    response = office_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    quiz.refresh_from_db()
    assert (quiz.title, quiz.opens_at, quiz.closes_at) == ("小测（改）", opens, closes)
