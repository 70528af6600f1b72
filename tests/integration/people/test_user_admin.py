"""Wagtail's user admin with the studio's profile fields, as the office uses it."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.people.models import User
from lms.people.roles import MENTOR, TRAINEE
from tests.factories.people import CommunityFactory, UserFactory

pytestmark = pytest.mark.django_db

INDEX_URL = reverse("wagtailusers_users:index")
ADD_URL = reverse("wagtailusers_users:add")
PASSWORD = "a-Strong-pass-2026"


def _person(in_community, **overrides):
    data = {
        "username": "zhangwei",
        "display_name": "张伟",
        "mobile": "+86 138 0013 8000",
        "email": "",
        "community": in_community.pk,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "groups": [Group.objects.get(name=TRAINEE.group_name).pk],
    }
    data.update(overrides)
    return data


def test_the_form_asks_for_the_studio_fields(office_client):
    response = office_client.get(ADD_URL)

    assert response.status_code == 200
    form = response.context["form"]
    assert {"display_name", "mobile", "community"} <= set(form.fields)
    assert not {"first_name", "last_name"} & set(form.fields)
    assert form.fields["is_superuser"].disabled
    assert 'name="display_name"' in response.text and 'name="mobile"' in response.text


def test_the_office_creates_a_person(office_client, taoyuan):
    response = office_client.post(ADD_URL, _person(taoyuan))

    assert response.status_code == 302, response.context["form"].errors
    person = User.objects.get(username="zhangwei")
    assert (person.display_name, person.mobile, person.community) == (
        "张伟",
        "13800138000",
        taoyuan,
    )
    assert person.check_password(PASSWORD)
    assert list(person.groups.values_list("name", flat=True)) == [TRAINEE.group_name]


@pytest.mark.parametrize(
    ("mobile", "message"),
    [
        ("1380013800", "Enter an 11-digit mainland mobile number"),
        ("23800138000", "Enter an 11-digit mainland mobile number"),
        ("13900139000", "Another person already uses this mobile number."),
    ],
)
def test_the_mobile_number_is_checked(office_client, taoyuan, mobile, message):
    UserFactory(mobile="13900139000")

    response = office_client.post(ADD_URL, _person(taoyuan, mobile=mobile))

    assert response.status_code == 200
    assert message in response.context["form"].errors["mobile"][0]
    assert not User.objects.filter(username="zhangwei").exists()


def test_the_mobile_number_may_be_left_empty_by_several_people(office_client, taoyuan):
    UserFactory(mobile=None)

    response = office_client.post(ADD_URL, _person(taoyuan, mobile=""))

    assert response.status_code == 302
    assert User.objects.get(username="zhangwei").mobile is None


def test_a_trainee_needs_a_community(office_client, taoyuan):
    response = office_client.post(ADD_URL, _person(taoyuan, community=""))

    assert response.context["form"].errors["community"] == ["Trainee must belong to a community."]


def test_the_office_cannot_make_an_administrator(office_client, taoyuan):
    office_client.post(ADD_URL, _person(taoyuan, is_superuser="on"))

    assert User.objects.get(username="zhangwei").is_superuser is False


def test_the_office_edits_a_person(office_client, taoyuan, roles):
    person = UserFactory(community=taoyuan)
    elsewhere = CommunityFactory()
    url = reverse("wagtailusers_users:edit", args=[person.pk])

    response = office_client.post(
        url,
        {
            "username": person.username,
            "display_name": "新名字",
            "mobile": "13700137000",
            "email": "",
            "community": elsewhere.pk,
            "is_active": "on",
            "groups": [Group.objects.get(name=MENTOR.group_name).pk],
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    person.refresh_from_db()
    assert (person.display_name, person.mobile, person.community) == (
        "新名字",
        "13700137000",
        elsewhere,
    )


def test_the_office_cannot_edit_an_administrator(office_client):
    admin = UserFactory(is_superuser=True)

    response = office_client.get(reverse("wagtailusers_users:edit", args=[admin.pk]))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_the_list_shows_community_and_roles_and_filters_by_them(office_client, roles):
    taoyuan, dachong = CommunityFactory(name="桃源社区"), CommunityFactory(name="大冲社区")
    trainee_group = Group.objects.get(name=TRAINEE.group_name)
    UserFactory(display_name="张伟", community=taoyuan).groups.add(trainee_group)
    UserFactory(display_name="李娜", community=dachong)

    listing = office_client.get(INDEX_URL)
    by_community = office_client.get(INDEX_URL, {"community": dachong.pk})
    by_role = office_client.get(INDEX_URL, {"group": trainee_group.pk})
    by_search = office_client.get(INDEX_URL, {"q": "李娜"})

    assert "桃源社区" in listing.text and TRAINEE.group_name in listing.text
    assert "Import from Excel" in listing.text
    assert [u.display_name for u in by_community.context["object_list"]] == ["李娜"]
    assert [u.display_name for u in by_role.context["object_list"]] == ["张伟"]
    assert [u.display_name for u in by_search.context["object_list"]] == ["李娜"]


def test_the_list_costs_the_same_queries_for_2_or_20_people(
    office_client, roles, django_assert_num_queries
):
    groups = list(Group.objects.all()[:2])

    def add_people(count):
        for _ in range(count):
            UserFactory(community=CommunityFactory()).groups.add(*groups)

    office_client.get(INDEX_URL)  # warm the content type and permission caches
    add_people(1)  # the office admin is the first
    with CaptureQueriesContext(connection) as two:
        assert len(office_client.get(INDEX_URL).context["object_list"]) == 2
    add_people(18)

    with django_assert_num_queries(len(two)):
        assert len(office_client.get(INDEX_URL).context["object_list"]) == 20


@pytest.mark.parametrize("url", [INDEX_URL, ADD_URL])
def test_a_trainee_cannot_reach_the_user_admin(trainee_client, url):
    response = trainee_client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_an_editor_cannot_reach_the_user_admin(editor_client):
    response = editor_client.get(INDEX_URL)

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
