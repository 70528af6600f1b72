"""The dossier pages: the office asks for a dossier; the office and the current primary mentor
download it; everybody else gets a 404."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from mentoring.models import Dossier, MentorAssignment
from mentoring.services import dossier_generate

from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def people(office, east, west):
    trainee = f.trainee(east, username="t1", display_name="黄志远")
    primary = f.mentor(east, username="primary")
    cross = f.mentor(west, username="cross")
    past = f.mentor(east, username="past")
    host = f.host(west, username="host")
    f.assignment(trainee, primary, starts_on=TODAY - 30 * DAY)
    f.assignment(trainee, cross, MentorAssignment.Kind.CROSS, starts_on=TODAY - 30 * DAY)
    f.assignment(trainee, past, starts_on=TODAY - 90 * DAY, ends_on=TODAY - 30 * DAY)
    f.rotation(trainee, host, starts_on=TODAY - 10 * DAY, ends_on=TODAY + 10 * DAY)
    return {
        "office": office,
        "trainee": trainee,
        "primary_mentor": primary,
        "cross_mentor": cross,
        "past_mentor": past,
        "host": host,
        "other_trainee": f.trainee(east, username="t2"),
    }


@pytest.fixture
def dossier(people):
    return dossier_generate(actor=people["office"], trainee=people["trainee"])


def download(client, trainee):
    return client.get(reverse("mentoring:dossier-download", args=[trainee.pk]))


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("office", 200),
        ("primary_mentor", 200),
        ("cross_mentor", 404),
        ("past_mentor", 404),
        ("host", 404),
        ("trainee", 404),
        ("other_trainee", 404),
    ],
)
def test_who_downloads_the_dossier(client, people, dossier, who, status):
    client.force_login(people[who])

    response = download(client, people["trainee"])

    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert 'filename="dossier-t1-' in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_anonymous_visitor_is_sent_to_log_in(client, people, dossier):
    response = download(client, people["trainee"])

    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_no_dossier_yet_is_a_404_even_for_the_office(client, people):
    client.force_login(people["office"])

    assert download(client, people["trainee"]).status_code == 404


def test_the_office_page_offers_to_generate_the_first_dossier(client, people):
    client.force_login(people["office"])

    response = client.get(reverse("mentoring:dossier-request", args=[people["trainee"].pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "No dossier has been generated for this trainee yet." in page
    assert "Generate the dossier" in page


def test_the_office_asks_for_the_dossier_and_then_downloads_it(
    client, people, django_capture_on_commit_callbacks
):
    trainee = people["trainee"]
    client.force_login(people["office"])
    url = reverse("mentoring:dossier-request", args=[trainee.pk])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url)
    assert len(callbacks) == 1  # the task, run by the (eager) worker after the commit
    assert response.status_code == 302 and response["Location"] == url

    page = client.get(url).content.decode()

    assert "is being generated" in page  # the message left by the request
    assert reverse("mentoring:dossier-download", args=[trainee.pk]) in page
    assert "Generate again" in page
    assert Dossier.objects.get(trainee=trainee).status == Dossier.Status.READY


def test_a_pending_dossier_page_refreshes_itself(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people["office"])
    url = reverse("mentoring:dossier-request", args=[people["trainee"].pk])
    with django_capture_on_commit_callbacks(execute=False):
        client.post(url)

    page = client.get(url).content.decode()

    assert 'http-equiv="refresh"' in page
    assert "Being generated since" in page


@pytest.mark.parametrize("who", ["primary_mentor", "cross_mentor", "trainee", "host"])
def test_the_request_page_is_the_offices_only(client, people, who):
    client.force_login(people[who])
    url = reverse("mentoring:dossier-request", args=[people["trainee"].pk])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not Dossier.objects.exists()


def test_the_request_page_is_only_for_trainees(client, people):
    client.force_login(people["office"])

    not_a_trainee = reverse("mentoring:dossier-request", args=[people["host"].pk])
    unknown = reverse("mentoring:dossier-request", args=[10**9])

    assert client.get(not_a_trainee).status_code == 404
    assert client.get(unknown).status_code == 404


def test_a_dossier_whose_file_was_lost_is_a_404(client, people, dossier):
    dossier.file.storage.delete(dossier.file.name)
    client.force_login(people["office"])

    assert download(client, people["trainee"]).status_code == 404
