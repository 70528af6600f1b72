"""One annual hours target: the programme page quotes the engine's figure that My learning
shows, and the readiness criterion's hours say they are something else."""

import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from cms.demo import curriculum
from courses.models import StageHoursTarget
from lms.people.roles import TRAINEE
from mentoring.models import LearningHoursCriterion
from tests.factories import studio_tree, user_with_role

pytestmark = pytest.mark.django_db


def figure(response, selector) -> str:
    return BeautifulSoup(response.content, "html.parser").select_one(selector).get_text(" ")


@pytest.mark.parametrize("hours", ["40", "55.5"])
def test_the_programme_page_and_my_learning_show_the_same_target(client, hours):
    _home, programme, _course = studio_tree()
    StageHoursTarget.objects.create(stage="trainee", hours=Decimal(hours))
    client.force_login(user_with_role(TRAINEE))

    on_programme = figure(client.get(programme.url), ".hours-target")
    on_my_learning = figure(client.get(reverse("cms:my-learning")), "#hours-heading + .progress")

    assert f" {hours} " in on_programme
    assert f"/ {hours}" in on_my_learning or f"{hours} " in on_my_learning


def test_the_programme_page_explains_the_figure(client):
    _home, programme, _course = studio_tree()

    with translation.override("en"):
        page = client.get(programme.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "The training office sets the target for each stage" in page


def test_the_readiness_hours_say_they_are_not_the_annual_target():
    criterion = LearningHoursCriterion(hours=Decimal("10"), within_days=365)

    with translation.override("en"):
        assert "separate from the annual hours target" in criterion.describe()
    with translation.override("zh-hans"):
        assert "年度学时目标" in criterion.describe()


def test_the_demo_programme_writes_no_hours_figure_of_its_own():
    body = str(curriculum.PROGRAMME["body"])

    assert not re.search(r"\d+\s*学时", body)
