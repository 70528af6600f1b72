"""After logging in each role lands on its own home, the header offers what the role has, and
pages a role may not open answer with the studio's own page in the reader's language."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from lms.people.roles import (
    HOST_SECRETARY,
    MENTOR,
    OFFICE_ADMIN,
    OFFICE_EDITOR,
    OFFICE_REVIEWER,
    TRAINEE,
)
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

HOMES = [
    (TRAINEE, "cms:my-learning"),
    (MENTOR, "mentoring:desk"),
    (HOST_SECRETARY, "mentoring:rotation-list"),
    (OFFICE_EDITOR, "wagtailadmin_home"),
    (OFFICE_REVIEWER, "wagtailadmin_home"),
    (OFFICE_ADMIN, "wagtailadmin_home"),
]


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def log_in(client, user, **extra):
    return client.post(
        reverse("people:login"),
        {"username": user.username, "password": "pass-for-tests", **extra},
        follow=True,
    )


@pytest.mark.parametrize(("role", "home"), HOMES, ids=[role.code for role, _ in HOMES])
def test_the_login_lands_on_the_roles_home(client, role, home):
    response = log_in(client, user_with_role(role))

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse(home)


@pytest.mark.parametrize("role", [MENTOR, OFFICE_ADMIN], ids=["mentor", "office"])
def test_next_still_wins(client, role):
    response = log_in(client, user_with_role(role), next=reverse("courses:certificate-list"))

    assert response.redirect_chain == [(reverse("courses:certificate-list"), 302)]


def test_someone_holding_two_roles_lands_on_the_first_home(client):
    trainee = user_with_role(TRAINEE)
    trainee.groups.add(*user_with_role(MENTOR).groups.all())

    response = log_in(client, trainee)

    assert response.redirect_chain[-1][0] == reverse("cms:my-learning")


@pytest.mark.parametrize(
    ("role", "home"), HOMES[1:4], ids=["mentor", "host_secretary", "office_editor"]
)
@pytest.mark.parametrize("trainee_page", ["cms:my-learning", "mentoring:my-mentoring"])
def test_the_trainees_pages_send_other_roles_home(client, role, home, trainee_page):
    client.force_login(user_with_role(role))

    response = client.get(reverse(trainee_page), follow=True)

    assert response.redirect_chain[-1][0] == reverse(home)


def test_a_trainees_own_pages_have_no_dead_links(client):
    client.force_login(user_with_role(TRAINEE))

    for name in ("cms:my-learning", "mentoring:my-mentoring"):
        page = client.get(reverse(name))
        assert page.status_code == 200
        for link in parse(page).select("main a[href^='/']"):
            assert client.get(link["href"]).status_code == 200, (name, link["href"])


NAV = {
    TRAINEE: {"cms:my-learning", "mentoring:rotation-list"},
    MENTOR: {"mentoring:desk"},
    HOST_SECRETARY: {"mentoring:rotation-list"},
    OFFICE_ADMIN: {"mentoring:desk", "wagtailadmin_home"},
}


@pytest.mark.parametrize(("role", "wanted"), NAV.items(), ids=[role.code for role in NAV])
def test_the_header_offers_the_roles_pages(client, role, wanted):
    client.force_login(user_with_role(role))
    every = {"cms:my-learning", "mentoring:desk", "mentoring:rotation-list", "wagtailadmin_home"}

    html = parse(client.get(reverse("courses:certificate-list")))

    links = {a["href"] for a in html.select(".site-nav a")}
    assert {name for name in every if reverse(name) in links} == wanted


@pytest.mark.parametrize(
    ("language", "heading", "home_link"),
    [("zh-hans", "无权访问", "回到我的首页"), ("en", "Not allowed", "Go to my start page")],
)
def test_a_refusal_is_the_studios_own_page_in_the_readers_language(
    client, language, heading, home_link
):
    client.force_login(user_with_role(MENTOR))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    # Only the office opens the sign-in screen: the view raises PermissionDenied for a mentor.
    response = client.get(reverse("courses:signin-screen", args=[1]))

    assert response.status_code == 403
    html = parse(response)
    assert html.html["lang"] == language
    assert html.select_one("link[rel=stylesheet]")  # the site's style
    assert html.select_one(".site-header")
    assert html.h1.get_text(strip=True) == heading
    assert html.find("a", string=home_link)["href"] == reverse("cms:role-home")


@pytest.mark.parametrize("name", ["403.html", "404.html", "500.html"])
def test_every_error_page_has_the_studios_template(name):
    from django.template.loader import get_template

    source = get_template(name).template.source

    assert "studio.css" in source or 'extends "base.html"' in source
    assert "{% translate" in source
