"""The account pages on a phone, in both languages: nothing wider than the screen, nothing
serious for axe-core, and the login's "remember me" box reachable and unticked."""

import pytest
from django.urls import reverse

from tests.browser.conftest import axe_check, axe_report
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

PAGES = ["people:profile", "people:password-change", "people:password-reset", "people:login"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_account_pages_fit_a_phone(live_server, browser_page, tmp_path, language):
    user = UserFactory(username="liming", display_name="李明")
    browser_page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    browser_page.goto(f"{live_server.url}{reverse('people:login')}")
    remember = browser_page.locator("input[name=remember_me]")
    assert remember.is_visible() and not remember.is_checked()
    browser_page.fill("input[name=username]", user.username)
    browser_page.fill("input[name=password]", "pass-for-tests")
    browser_page.click("form.form button[type=submit]")
    browser_page.wait_for_load_state()

    for name in PAGES[:2]:
        browser_page.goto(f"{live_server.url}{reverse(name)}")
        _assert_fits(browser_page, name, language, tmp_path)
    browser_page.click(".site-header form button[type=submit]")  # log out
    browser_page.wait_for_load_state()
    for name in PAGES[2:]:
        browser_page.goto(f"{live_server.url}{reverse(name)}")
        _assert_fits(browser_page, name, language, tmp_path)


def _assert_fits(page, name, language, tmp_path):
    assert page.locator("html").get_attribute("lang") == language
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path=str(tmp_path / f"{name.split(':')[1]}-{language}.png"), full_page=True)
    assert overflow <= 0, f"{name} is {overflow}px wider than the phone"
    violations = axe_check(page)
    assert violations == [], axe_report(violations)
