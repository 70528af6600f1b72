"""A person's own account pages: every page answers in both languages and is linked."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import override

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [("zh-hans", "我的账户"), ("en", "My account")]


def _reset_confirm_url(user):
    return reverse(
        "people:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


ANONYMOUS_PAGES = [
    "people:login",
    "people:password-reset",
    "people:password-reset-done",
    "people:password-reset-complete",
]
SIGNED_IN_PAGES = ["people:profile", "people:password-change", "people:password-change-done"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_anonymous_pages_answer_in_both_languages(client, name, language):
    client.cookies["django_language"] = language

    response = client.get(reverse(name))

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == language
    assert len(html.find_all("h1")) == 1


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_pages_answer_in_both_languages(client, name, language):
    client.force_login(UserFactory())
    client.cookies["django_language"] = language

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == language


@pytest.mark.parametrize(
    ("language", "heading"), [("zh-hans", "设置新密码"), ("en", "new password")]
)
def test_the_reset_link_page_answers_in_both_languages(client, language, heading):
    user = UserFactory()
    client.cookies["django_language"] = language

    response = client.get(_reset_confirm_url(user), follow=True)

    assert response.status_code == 200
    assert heading in BeautifulSoup(response.content, "html.parser").h1.get_text()


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_pages_send_visitors_to_log_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:login"))


@pytest.mark.parametrize(("language", "label"), LANGUAGES)
def test_the_header_links_to_my_account(client, language, label):
    client.force_login(UserFactory())
    client.cookies["django_language"] = language

    response = client.get(reverse("people:password-change"))

    link = BeautifulSoup(response.content, "html.parser").select_one(
        f'.site-header a[href="{reverse("people:profile")}"]'
    )
    assert link is not None and link.get_text(strip=True) == label


def test_the_login_page_links_to_the_reset(client):
    with override("en"):
        response = client.get(reverse("people:login"))

    assert f'href="{reverse("people:password-reset")}"' in response.text
