"""The office's listings of streets, zones, communities, compounds and branches."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.people.models import Branch
from tests.factories.people import (
    BranchFactory,
    CommunityFactory,
    CompoundFactory,
    StreetFactory,
    UserFactory,
    ZoneFactory,
)

pytestmark = pytest.mark.django_db


_street_numbers = itertools.count(1)


def _streets(count):
    for _ in range(count):
        ZoneFactory(street=StreetFactory(name=f"第{next(_street_numbers)}街道"))


def _zones(count):
    for _ in range(count):
        CommunityFactory(zone=ZoneFactory(leader=UserFactory()))


def _communities(count):
    for _ in range(count):
        community = CommunityFactory()
        CompoundFactory(community=community)
        UserFactory(community=community)


def _compounds(count):
    for _ in range(count):
        CompoundFactory()


def _branches(count):
    for _ in range(count):
        community = CommunityFactory()
        branch = BranchFactory(community=community, secretary=UserFactory(), star_rating=4)
        branch.compounds.add(*CompoundFactory.create_batch(2, community=community))


LISTINGS = {
    "people_streets": _streets,
    "people_zones": _zones,
    "people_communities": _communities,
    "people_compounds": _compounds,
    "people_branches": _branches,
}


@pytest.fixture
def place(db):
    """One of each unit, linked, to search and filter for."""
    street = StreetFactory(name="南头街道")
    zone = ZoneFactory(name="第九责任区", street=street)
    community = CommunityFactory(name="桃源社区", zone=zone)
    compound = CompoundFactory(name="桃源花园", community=community, has_owners_committee=True)
    branch = BranchFactory(
        name="桃源花园联合党支部",
        community=community,
        formation=Branch.Formation.JOINT,
        kind=Branch.Kind.GENERAL,
        star_rating=5,
    )
    branch.compounds.add(compound)
    CompoundFactory(name="别处花园")
    BranchFactory(name="别处党支部")
    return {
        "street": street,
        "zone": zone,
        "community": community,
        "compound": compound,
        "branch": branch,
    }


@pytest.mark.parametrize(
    ("namespace", "query", "expected"),
    [
        ("people_streets", {"q": "南头"}, ["南头街道"]),
        ("people_zones", {"q": "第九"}, ["第九责任区"]),
        ("people_zones", {"street": "street"}, ["第九责任区"]),
        ("people_communities", {"q": "桃源"}, ["桃源社区"]),
        ("people_communities", {"zone": "zone"}, ["桃源社区"]),
        ("people_compounds", {"q": "桃源"}, ["桃源花园"]),
        ("people_compounds", {"community": "community"}, ["桃源花园"]),
        ("people_compounds", {"zone": "zone"}, ["桃源花园"]),
        ("people_compounds", {"has_owners_committee": "true"}, ["桃源花园"]),
        ("people_branches", {"q": "联合"}, ["桃源花园联合党支部"]),
        ("people_branches", {"formation": "joint"}, ["桃源花园联合党支部"]),
        ("people_branches", {"kind": "general"}, ["桃源花园联合党支部"]),
        ("people_branches", {"community": "community"}, ["桃源花园联合党支部"]),
        ("people_branches", {"zone": "zone"}, ["桃源花园联合党支部"]),
        ("people_branches", {"star_rating": "5"}, ["桃源花园联合党支部"]),
    ],
)
def test_search_and_filters(office_client, place, namespace, query, expected):
    query = {key: place[value].pk if value in place else value for key, value in query.items()}

    response = office_client.get(reverse(f"{namespace}:index"), query)

    assert response.status_code == 200
    assert [str(item) for item in response.context["object_list"]] == expected


def test_the_branch_listing_shows_what_the_office_looks_for(office_client, place):
    response = office_client.get(reverse("people_branches:index"))

    row = response.text
    for text in ("桃源花园联合党支部", "桃源社区", "桃源花园", "★★★★★"):
        assert text in row
    assert "formed jointly with neighbouring compounds" in row


@pytest.mark.parametrize("namespace", LISTINGS)
def test_each_listing_costs_the_same_queries_for_2_or_20_rows(
    office_client, django_assert_num_queries, namespace
):
    url = reverse(f"{namespace}:index")
    make = LISTINGS[namespace]
    office_client.get(url)  # warm the content type and permission caches
    make(2)
    with CaptureQueriesContext(connection) as two:
        assert len(office_client.get(url).context["object_list"]) == 2
    make(18)

    with django_assert_num_queries(len(two)):
        assert len(office_client.get(url).context["object_list"]) == 20


@pytest.mark.parametrize("namespace", LISTINGS)
def test_the_add_form_renders(office_client, namespace):
    assert office_client.get(reverse(f"{namespace}:add")).status_code == 200


def test_the_office_adds_a_branch_covering_compounds(office_client, place):
    community, compound = place["community"], place["compound"]
    second = CompoundFactory(name="桃源二期", community=community)

    response = office_client.post(
        reverse("people_branches:add"),
        {
            "community": community.pk,
            "name": "桃源第二党支部",
            "kind": "branch",
            "formation": "joint",
            "compounds": [compound.pk, second.pk],
            "star_rating": "3",
        },
    )

    assert response.status_code == 302
    branch = Branch.objects.get(name="桃源第二党支部")
    assert set(branch.compounds.all()) == {compound, second}


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"star_rating": "6"}, "star_rating", "less than or equal to 5"),
        ({"compounds": "elsewhere"}, "compounds", "in another community: 别处花园"),
    ],
)
def test_a_branch_is_checked(office_client, place, values, field, message):
    data = {
        "community": place["community"].pk,
        "name": "桃源第二党支部",
        "kind": "branch",
        "formation": "alone",
    }
    data.update(values)
    if data.get("compounds") == "elsewhere":
        data["compounds"] = [CompoundFactory(name="别处花园", community=CommunityFactory()).pk]

    response = office_client.post(reverse("people_branches:add"), data)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Branch.objects.filter(name="桃源第二党支部").exists()


@pytest.mark.parametrize("namespace", LISTINGS)
def test_a_trainee_cannot_reach_the_listings(trainee_client, namespace):
    response = trainee_client.get(reverse(f"{namespace}:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("namespace", LISTINGS)
def test_an_editor_cannot_reach_the_listings(editor_client, namespace):
    response = editor_client.get(reverse(f"{namespace}:index"))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_the_menu_groups_people_and_organisations(office_client):
    from wagtail.admin.menu import admin_menu

    office_request = office_client.get(reverse("wagtailadmin_home")).wsgi_request
    (group,) = [
        item
        for item in admin_menu.menu_items_for_request(office_request)
        if item.name == "people-and-organisations"
    ]
    names = [
        item.name
        for item in sorted(group.menu.menu_items_for_request(office_request), key=lambda i: i.order)
    ]
    assert names == [
        "users",
        "streets",
        "responsibility-zones",
        "communities",
        "residential-compounds",
        "compound-party-branches",
        "people-roster-import",
    ]
