"""What every public page shares: landmarks, a skip link, one h1, and the account links."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("name", ["home", "programme", "course"])
def test_page_has_landmarks_a_skip_link_and_one_h1(client, tree, name):
    html = parse(client.get(tree[name].url))

    assert html.select_one("body > a.skip-link")["href"] == "#main"
    assert html.select_one("main#main")
    assert html.select_one("body > header") and html.select_one("body > footer")
    assert html.select_one("header nav[aria-label]")
    assert len(html.find_all("h1")) == 1
    assert html.select_one('meta[name="viewport"]')["content"].startswith("width=device-width")


def test_breadcrumb_leads_from_home_to_the_current_page(client, tree):
    html = parse(client.get(tree["course"].url))

    crumbs = html.select("nav.breadcrumb li")
    links = [(a["href"], a.get_text(strip=True)) for a in html.select("nav.breadcrumb a")]
    assert links == [(tree[n].url, tree[n].title) for n in ("home", "programme")]
    assert crumbs[-1].select_one('[aria-current="page"]').get_text() == tree["course"].title


def test_the_home_page_has_no_breadcrumb(client, tree):
    assert not parse(client.get(tree["home"].url)).select("nav.breadcrumb")


def test_visitors_get_a_login_link_back_to_the_page(client, tree):
    url = tree["course"].url

    nav = parse(client.get(url)).select_one(".site-nav")

    assert nav.find("a", href=f"{reverse('people:login')}?next={url}")
    assert not nav.find("form")


def test_signed_in_users_log_out_with_a_post_form(client, tree):
    client.force_login(UserFactory(display_name="张书记"))

    nav = parse(client.get(tree["course"].url)).select_one(".site-nav")

    form = nav.find("form", action=reverse("people:logout"))
    assert form["method"] == "post"
    assert form.select_one('input[name="csrfmiddlewaretoken"]')
    assert form.select_one('button[type="submit"]')
    assert "张书记" in nav.get_text()
    assert not nav.find("a", href=lambda href: href and "login" in href)


def test_logging_out_ends_the_session(client, tree):
    client.force_login(UserFactory())

    response = client.post(reverse("people:logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_missing_page_is_explained_inside_the_site_layout(client, tree):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = parse(response)
    assert len(html.find_all("h1")) == 1
    assert html.find("a", href="/")
    assert html.select_one("main#main")


def test_the_server_error_page_renders_without_a_request(settings):
    html = BeautifulSoup(render_to_string("500.html"), "html.parser")

    assert html.html["lang"] == settings.LANGUAGE_CODE
    assert len(html.find_all("h1")) == 1
