"""Every page type opens in the Wagtail editor with the tabs its model promises.

The tab layouts are declared per model (``studio_tabs``); a panel naming a field that does not
exist only fails when the editor opens, so each editor is opened here.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from tests.factories import (
    ExchangeSessionPageFactory,
    LecturePageFactory,
    ScenarioExercisePageFactory,
    StudyTourPageFactory,
    UserFactory,
)

from .admin_forms import choice, ending, scenario_form_data, step

pytestmark = pytest.mark.django_db

ACTIVITY_FACTORIES = {
    "lecture": LecturePageFactory,
    "exchange_session": ExchangeSessionPageFactory,
    "scenario": ScenarioExercisePageFactory,
    "study_tour": StudyTourPageFactory,
}


@pytest.fixture
def editor(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return user


def page_of_kind(tree, kind):
    if kind in tree:
        return tree[kind].specific
    return ACTIVITY_FACTORIES[kind](parent=tree["course"], slug=kind.replace("_", "-"))


# The tab each page type exists for; the editor must be able to reach it.
OWN_TAB = {
    "home": "Content",
    "programme": "Schedule",
    "course": "Content",
    "lecture": "Video and slides",
    "exchange_session": "Schedule and venue",
    "scenario": "Script",
    "study_tour": "Itinerary",
}


@pytest.mark.parametrize("kind", list(OWN_TAB))
def test_edit_view_opens_with_the_model_tabs(client, editor, tree, kind):
    page = page_of_kind(tree, kind)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    tabs = [tab.find(string=True).strip() for tab in html.select('[role="tab"]')]
    with translation.override("en"):
        declared = [str(tab.heading) for tab in type(page).edit_handler.children]
    # Wagtail 8 keeps the publishing schedule in the status side panel, so the Settings tab,
    # holding nothing else, is not drawn.
    assert tabs == [heading for heading in declared if heading != "Settings"]
    assert tabs[0] == "Content"
    assert OWN_TAB[kind] in tabs


def test_an_editor_can_preview_a_new_scenario_before_saving_it(client, editor, tree):
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["cms", "scenarioexercisepage", tree["course"].pk],
    )
    script = [step("start", choice("end", 2)), ending("end")]

    posted = client.post(url, scenario_form_data("预览中的情景", script))
    preview = client.get(url)

    assert posted.json()["is_valid"] is True
    assert preview.status_code == 200
    html = BeautifulSoup(preview.content, "html.parser")
    assert html.h1.get_text(strip=True) == "预览中的情景"
    # The editor sees the whole script at once; trainees play it through the server.
    assert html.find(id="scenario-player") is None
    assert len(html.select(".scenario-script-preview .scenario-node--preview")) == 2
    assert [a.get_text() for a in html.select("nav.breadcrumb a")][-1] == tree["course"].title
