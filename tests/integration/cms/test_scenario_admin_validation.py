"""An editor cannot save a scenario that a trainee could not play to an end.

The rules live in ``courses.scenario_script``; these tests prove the admin applies them, through
the same create and edit views an editor uses, and names the culprit so it can be fixed.
"""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from cms.models import ScenarioExercisePage
from courses.scenario_script import best_score
from tests.factories import ScenarioExercisePageFactory, UserFactory

from .admin_forms import choice, ending, scenario_form_data, step

pytestmark = pytest.mark.django_db

VALID_SCRIPT = [
    step("start", choice("meeting", 3), choice("bad", -2)),
    step("meeting", choice("good", 3), choice("bad", 0)),
    ending("good"),
    ending("bad"),
]


@pytest.fixture
def editor(client):
    """A superuser whose admin speaks English, so messages can be read in the assertions."""
    user = UserFactory(is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return user


@pytest.fixture
def scenario(tree):
    return ScenarioExercisePageFactory(parent=tree["course"], slug="scenario", title="路灯不亮")


def edit(client, page, script, **extra):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        scenario_form_data(page.title, script, **extra),
    )


def script_errors(response):
    assert response.status_code == 200, "the form should be shown again, not saved"
    return " ".join(response.context["form"].errors.get("script", []))


def test_a_choice_leading_to_a_missing_key_is_refused_naming_the_key(client, editor, scenario):
    script = [step("start", choice("good"), choice("ghost")), ending("good")]

    response = edit(client, scenario, script)

    errors = script_errors(response)
    assert "ghost" in errors
    assert "does not exist" in errors
    # Shown to the editor against the script field (as JSON for the StreamField widget).
    html = response.content.decode()
    assert "The page could not be saved due to validation errors." in html
    assert r"leads to \u201cghost\u201d, which does not exist." in html
    assert not scenario.revisions.exists()  # nothing saved, not even a draft


def test_an_unreachable_ending_is_refused_naming_it(client, editor, scenario):
    script = [step("start", choice("good")), ending("good"), ending("forgotten")]

    errors = script_errors(edit(client, scenario, script))

    assert "Ending “forgotten” cannot be reached from the first step." in errors


def test_a_valid_script_is_saved_and_published(client, editor, scenario):
    response = edit(client, scenario, VALID_SCRIPT, **{"action-publish": "publish"})

    assert response.status_code == 302
    scenario.refresh_from_db()
    assert [node.key for node in scenario.script_nodes()] == ["start", "meeting", "good", "bad"]
    assert best_score(scenario.script_nodes()) == 6
    assert scenario.learning_hours == pytest.approx(1.5)


def test_a_broken_script_is_refused_when_creating_a_page(client, editor, tree):
    url = reverse("wagtailadmin_pages:add", args=["cms", "scenarioexercisepage", tree["course"].pk])
    broken = [step("start", choice("nowhere")), ending("end")]

    refused = client.post(url, scenario_form_data("新的情景", broken))
    created = client.post(url, scenario_form_data("新的情景", VALID_SCRIPT))

    assert "nowhere" in script_errors(refused)
    assert created.status_code == 302
    assert ScenarioExercisePage.objects.filter(title="新的情景").count() == 1
