"""The login page: usable on a phone, says what went wrong, returns the user where they were."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def test_login_form_labels_every_field(client):
    response = client.get(reverse("people:login"))

    assert response.status_code == 200
    html = parse(response)
    assert len(html.find_all("h1")) == 1
    for field in html.select("form.form input:not([type=hidden])"):
        assert html.select_one(f'label[for="{field["id"]}"]'), field["name"]


def test_a_wrong_password_is_explained(client):
    UserFactory(username="zhang")

    response = client.post(reverse("people:login"), {"username": "zhang", "password": "wrong"})

    assert response.status_code == 200
    errors = parse(response).select_one('[role="alert"]')
    assert errors is not None
    assert errors.get_text(strip=True)


def test_a_successful_login_returns_to_the_page(client, tree):
    UserFactory(username="zhang")
    url = tree["course"].url

    response = client.post(
        reverse("people:login"),
        {"username": "zhang", "password": "pass-for-tests", "next": url},
    )

    assert response.status_code == 302
    assert response["Location"] == url
