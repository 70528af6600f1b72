"""The office's mentoring pages pre-fill their dates in a form the date pickers can show, and
a form submitted without touching the dates saves them, in Chinese and in English.

Each test opens the page as the office would, reads the form as the browser would submit it
(``tests.integration.form_reading``), fills in only what a person must type, and posts it.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from mentoring.models import (
    Appointment,
    MatchingProposal,
    PromotionDecision,
    RotationPlan,
)
from mentoring.services import promotion_nominate, promotion_review_record
from tests.integration.form_reading import input_attrs, submitted_values

from . import factories as f

pytestmark = pytest.mark.django_db
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


@pytest.fixture(params=["zh-hans", "en"])
def language(request):
    return request.param


@pytest.fixture(autouse=True)
def _english(settings, language):
    """Overrides the folder's English-only fixture: these pages are read in each language."""
    settings.LANGUAGE_CODE = language
    yield


@pytest.fixture
def office_client(client, office, language):
    profile = UserProfile.get_for_user(office)
    profile.preferred_language = language
    profile.save()
    client.force_login(office)
    return client


def _page(client, url, language, **query):
    response = client.get(url, query)
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.text
    return response.text


def _shows_iso_date(html, field, expected):
    attrs = input_attrs(html, field)
    assert attrs["value"] == expected.isoformat(), attrs
    return attrs


# Promotion case: decision and appointment ---------------------------------------------------


def test_the_decision_and_appointment_dates_survive_an_unchanged_submit(
    office_client, office, language, east
):
    trainee = f.trainee(east, display_name="张学员")
    case = promotion_nominate(actor=office, trainee=trainee)
    promotion_review_record(actor=office, case=case, recommendation="approve", comment="同意")
    url = reverse("mentoring_progression:case", args=[case.pk])
    today = timezone.localdate()

    html = _page(office_client, url, language)
    assert input_attrs(html, "decide-decided_on")["type"] == "date"
    _shows_iso_date(html, "decide-decided_on", today)
    data = submitted_values(html, "decide-decided_on")
    data.update({"action": "decide", "decide-outcome": "approve", "decide-reason": "考察合格"})
    response = office_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert PromotionDecision.objects.get(case=case).decided_on == today

    html = _page(office_client, url, language)
    _shows_iso_date(html, "appoint-effective_on", today)
    data = submitted_values(html, "appoint-effective_on")
    data.update({"action": "appoint", "appoint-post": "社区党委委员", "appoint-community": east.pk})
    response = office_client.post(url, data)

    assert response.status_code == 302
    assert Appointment.objects.get(case=case).effective_on == today


def test_the_figures_period_survives_an_unchanged_submit(office_client, language):
    url = reverse("mentoring_progression:figures")
    today = timezone.localdate()

    html = _page(office_client, url, language)
    _shows_iso_date(html, "start", today.replace(month=1, day=1))
    _shows_iso_date(html, "end", today)
    again = _page(office_client, url, language, **submitted_values(html, "start"))

    _shows_iso_date(again, "start", today.replace(month=1, day=1))
    _shows_iso_date(again, "end", today)


# Planning: matching and rotation plans -------------------------------------------------------


def test_the_matching_start_date_survives_an_unchanged_submit(
    office_client, language, programme, east, west
):
    cohort = f.cohort(programme, [f.trainee(east), f.trainee(west)])
    f.mentor(east, capacity=3), f.mentor(west, capacity=3)
    url = reverse("mentoring_planning:matching-propose", args=[cohort.pk])

    html = _page(office_client, url, language)
    _shows_iso_date(html, "starts_on", timezone.localdate())
    response = office_client.post(url, submitted_values(html, "starts_on"))

    assert response.status_code == 302
    assert MatchingProposal.objects.get(cohort=cohort).starts_on == timezone.localdate()


def test_the_rotation_plan_dates_survive_an_unchanged_submit(
    office_client, language, programme, east, west, north
):
    trainees = [f.trainee(c) for c in (east, west, north)]
    for community in (east, west, north):
        f.host(community, capacity=2)
    cohort = f.cohort(programme, trainees)
    url = reverse("mentoring_planning:plan-propose", args=[cohort.pk])
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=7 - today.weekday())

    html = _page(office_client, url, language)
    _shows_iso_date(html, "starts_on", monday)
    _shows_iso_date(html, "ends_on", monday + datetime.timedelta(weeks=8, days=-1))
    response = office_client.post(url, submitted_values(html, "starts_on"))

    assert response.status_code == 302, response.content.decode()[:3000]
    plan = RotationPlan.objects.get(cohort=cohort)
    assert (plan.starts_on, plan.ends_on) == (monday, monday + datetime.timedelta(weeks=8, days=-1))


@pytest.mark.parametrize("name", ["matching-propose", "plan-propose"])
def test_the_planning_date_pickers_script_loads_before_the_fields_call_it(
    office_client, language, programme, name
):
    cohort = f.cohort(programme)

    html = _page(office_client, reverse(f"mentoring_planning:{name}", args=[cohort.pk]), language)

    script = html.find("wagtailadmin/js/date-time-chooser.js")
    assert script != -1, "the date picker's script is not on the page"
    assert script < html.find("initDateChooser(")
