"""Chinese by default; a reader can switch the interface to English and stay on the same page."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

NAV_LABELS = ["Home", "Log in"]


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def nav_labels(html):
    return [link.get_text(strip=True) for link in html.select(".site-nav a")]


def test_the_default_language_is_simplified_chinese(client, tree):
    html = parse(client.get(tree["course"].url))

    assert html.html["lang"] == "zh-hans"
    assert html.select_one("#language-switch-select option[selected]")["value"] == "zh-hans"
    with translation.override("zh-hans"):
        assert nav_labels(html) == [translation.gettext(label) for label in NAV_LABELS]


def test_the_switch_is_a_labelled_form_that_returns_to_the_current_page(client, tree):
    url = tree["course"].url

    form = parse(client.get(url)).select_one("form.language-switch")

    assert form["method"] == "post"
    assert form["action"] == reverse("set_language")
    assert form.select_one('input[name="next"]')["value"] == url
    assert form.select_one('input[name="csrfmiddlewaretoken"]')
    select = form.select_one("select[name=language]")
    assert form.select_one(f'label[for="{select["id"]}"]').get_text(strip=True)
    assert [option.get_text() for option in select.select("option")] == ["简体中文", "English"]
    assert form.select_one('button[type="submit"]').get_text(strip=True)


def test_switching_to_english_shows_the_same_page_in_english(client, tree):
    url = tree["course"].url

    switched = client.post(reverse("set_language"), {"language": "en", "next": url})
    html = parse(client.get(url))

    assert switched.status_code == 302
    assert switched["Location"] == url
    assert html.html["lang"] == "en"
    assert html.h1.get_text(strip=True) == tree["course"].title
    assert nav_labels(html) == NAV_LABELS
    assert html.select_one(".skip-link").get_text(strip=True) == "Skip to main content"
    assert html.select_one("#language-switch-select option[selected]")["value"] == "en"


def test_switching_back_to_chinese(client, tree):
    url = tree["home"].url
    client.post(reverse("set_language"), {"language": "en", "next": url})

    client.post(reverse("set_language"), {"language": "zh-hans", "next": url})

    assert parse(client.get(url)).html["lang"] == "zh-hans"
