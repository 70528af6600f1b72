"""A trainee on a phone walks the curriculum and plays a scenario; every page passes axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from courses.models import ScenarioRun
from courses.services import enrolment_create
from lms.people.roles import OFFICE_ADMIN, TRAINEE
from tests.browser.conftest import axe_check, axe_report
from tests.factories import (
    LecturePageFactory,
    ScenarioExercisePageFactory,
    StudyTourPageFactory,
    studio_tree,
    user_with_role,
)

PASSWORD = "pass-for-tests"  # UserFactory's

pytestmark = pytest.mark.browser


@pytest.fixture
def curriculum():
    home, programme, course = studio_tree()
    lecture = LecturePageFactory(parent=course, title="“1+1+N”治理体系解读")
    scenario = ScenarioExercisePageFactory(parent=course, title="路灯不亮怎么办")
    tour = StudyTourPageFactory(parent=course, title="赴杭州参观学习")
    trainee = user_with_role(TRAINEE, username="trainee")
    enrolment_create(actor=user_with_role(OFFICE_ADMIN), trainee=trainee, course=course)
    return {
        "trainee": trainee,
        "home": home,
        "programme": programme,
        "course": course,
        "lecture": lecture,
        "scenario": scenario,
        "tour": tour,
    }


def _assert_accessible(page):
    violations = axe_check(page)
    assert not violations, axe_report(violations)


def _no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _log_in(page, base_url, user):
    page.goto(f"{base_url}{reverse('people:login')}?next=/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base_url}/")


def test_home_to_scenario_on_a_phone_then_play_two_steps(live_server, browser_page, curriculum):
    page = browser_page
    _log_in(page, live_server.url, curriculum["trainee"])
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    _assert_accessible(page)

    page.get_by_role("link", name=curriculum["programme"].title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(curriculum["programme"].title)
    page.get_by_role("link", name=curriculum["course"].title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(curriculum["course"].title)
    assert _no_sideways_scroll(page)
    _assert_accessible(page)

    page.get_by_role("link", name=curriculum["scenario"].title).click()
    player = page.locator("#scenario-player")
    player.get_by_role("button").click()  # the only button before a run starts: start it
    expect(player.get_by_role("heading", name="路灯不亮")).to_be_visible()
    _assert_accessible(page)

    player.get_by_role("button", name="召集三方协调会", exact=True).click()
    expect(player.get_by_role("heading", name="协调会")).to_be_visible()
    expect(player.locator("[aria-live]")).to_contain_text("物业和施工方到场。")
    player.get_by_role("button", name="请街道职能部门到场", exact=True).click()
    expect(player.get_by_role("heading", name="路灯亮了")).to_be_visible()
    expect(player).to_contain_text("6")  # the score: 3 + 3 out of the best path's 6
    assert _no_sideways_scroll(page)
    _assert_accessible(page)

    # The server recorded the run; after a reload the page lists it.
    run = ScenarioRun.objects.get(trainee=curriculum["trainee"])
    assert (run.score, run.ending_title) == (6, "路灯亮了")
    page.reload()
    expect(page.locator(".scenario-run")).to_contain_text("路灯亮了")
    _assert_accessible(page)


def test_a_reload_mid_run_resumes_where_the_trainee_was(live_server, browser_page, curriculum):
    page = browser_page
    _log_in(page, live_server.url, curriculum["trainee"])
    page.goto(live_server.url + curriculum["scenario"].url)
    player = page.locator("#scenario-player")
    player.get_by_role("button").click()
    player.get_by_role("button", name="召集三方协调会", exact=True).click()
    expect(player.get_by_role("heading", name="协调会")).to_be_visible()

    page.reload()

    expect(player.get_by_role("heading", name="协调会")).to_be_visible()
    expect(player.locator("[aria-live]")).to_contain_text("物业和施工方到场。")
    assert ScenarioRun.objects.get().choices.count() == 1


@pytest.mark.parametrize("name", ["lecture", "tour"])
def test_lecture_and_study_tour_pages_are_accessible_on_a_phone(
    live_server, browser_page, curriculum, name
):
    browser_page.goto(live_server.url + curriculum[name].url)

    expect(browser_page.get_by_role("heading", level=1)).to_have_text(curriculum[name].title)
    assert _no_sideways_scroll(browser_page)
    _assert_accessible(browser_page)


def test_the_language_switch_turns_the_interface_english(live_server, browser_page, curriculum):
    page = browser_page
    page.goto(live_server.url + curriculum["course"].url)

    page.get_by_label("语言").select_option("en")
    page.get_by_role("button", name="切换").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Activities")).to_be_visible()
