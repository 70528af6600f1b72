"""Debriefing notes give the exercise away: only mentors and the training office may read them."""

import pytest

from lms.people import roles
from tests.factories import ScenarioExercisePageFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

NOTES = "讲评:先到现场再开会"


@pytest.fixture
def scenario(tree):
    return ScenarioExercisePageFactory(
        parent=tree["course"], slug="scenario", debriefing_notes=f"<p>{NOTES}</p>"
    )


def visitor(kind):
    if kind == "anonymous":
        return None
    if kind == "superuser":
        return UserFactory(is_superuser=True)
    if kind == "no role":
        return UserFactory()
    return user_with_role(roles.ROLES_BY_CODE[kind])


@pytest.mark.parametrize(
    ("kind", "sees_notes"),
    [
        ("anonymous", False),
        ("no role", False),
        ("trainee", False),
        ("host_secretary", False),
        ("mentor", True),
        ("office_editor", True),
        ("office_reviewer", True),
        ("office_admin", True),
        ("superuser", True),
    ],
)
def test_debriefing_notes_are_shown_only_to_mentors_and_the_office(
    client, scenario, kind, sees_notes
):
    user = visitor(kind)
    if user is not None:
        client.force_login(user)

    response = client.get(scenario.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert (NOTES in html) is sees_notes
    assert ('id="debriefing-heading"' in html) is sees_notes
