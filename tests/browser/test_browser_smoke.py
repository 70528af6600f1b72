"""The browser test machinery works end to end: live server, system Chromium, axe-core."""

import pytest
from django.urls import reverse

from tests.browser.conftest import axe_check, axe_report

pytestmark = pytest.mark.browser


def test_login_page_renders_on_a_phone_without_serious_accessibility_problems(
    live_server, browser_page
):
    # When a trainee opens the login page on a phone
    response = browser_page.goto(f"{live_server.url}{reverse('people:login')}")

    # Then it is served, titled, in Chinese, and has the username and password fields
    assert response.status == 200
    assert "登录" in browser_page.title()
    assert browser_page.locator("html").get_attribute("lang") == "zh-hans"
    assert browser_page.locator("input[name=username]").is_visible()
    assert browser_page.locator("input[name=password]").is_visible()
    assert browser_page.viewport_size == {"width": 375, "height": 812}

    # And axe-core finds nothing serious or critical
    violations = axe_check(browser_page)
    assert violations == [], axe_report(violations)
