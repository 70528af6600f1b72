"""An id too large for the database is "not found", never a server error."""

import pytest
from django.urls import NoReverseMatch, reverse

from lms.people.roles import OFFICE_ADMIN
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "path",
    [
        f"/mentoring/dossiers/{HUGE}/download/",
        f"/mentoring/coaching/trainee/{HUGE}/",
        f"/mentoring/rotations/{HUGE}/",
        f"/mentoring/progression/readiness/{HUGE}/",
        f"/learn/certificates/{HUGE}/pdf/",
        f"/learn/work/{HUGE}/",
        f"/admin/training/courses/{HUGE}/",
        "/mentoring/desk/?mentor=" + HUGE,
    ],
)
def test_a_huge_id_is_not_found(client, path):
    client.force_login(user_with_role(OFFICE_ADMIN))

    assert client.get(path).status_code == 404


def test_ids_still_reverse_and_resolve():
    assert reverse("mentoring:rotation-detail", args=[42]) == "/mentoring/rotations/42/"
    with pytest.raises(NoReverseMatch):
        reverse("mentoring:rotation-detail", args=[HUGE + "0"])


@pytest.mark.parametrize("value", ["²", "¹²", "12a"])
def test_odd_digits_in_the_sign_in_code_page_are_ignored(client, value):
    from lms.people.roles import TRAINEE

    client.force_login(user_with_role(TRAINEE))

    assert client.get(reverse("courses:signin-code"), {"activity": value}).status_code == 200
