"""Every curriculum page renders its key content in a fixed number of queries.

The counts are pinned: a page that grows a query per listed item (N+1) fails here, whether it
lists 2 items or 20. A change in a count is a review topic, not a number to bump blindly.
Counts are taken on the second request, after the first has created image renditions and
filled the site-root cache, as in a running site.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from cms.models import ExchangeSessionPage, LecturePage, ScenarioExercisePage, StudyTourPage
from courses.services import enrolment_create
from lms.people.roles import OFFICE_ADMIN, TRAINEE
from tests.factories import (
    ExchangeSessionPageFactory,
    ScenarioExercisePageFactory,
    StudyTourPageFactory,
    user_with_role,
)

from . import curriculum_pages as build

pytestmark = pytest.mark.django_db

QUERIES = {
    "home": 8,
    "programme": 11,  # the engine's annual hours target, one query
    "course": 17,
    "lecture": 17,
    "exchange_session": 13,
    "scenario": 12,
    "study_tour": 14,
}
BUILDERS = {
    "home": build.home_with_programmes,
    "programme": build.programme_with_courses,
    "course": build.course_with_activities,
    "lecture": build.lecture_with_documents,
    "exchange_session": build.exchange_session_with_key_points,
    "scenario": build.scenario_with_roles,
    "study_tour": build.study_tour_with_photos,
}


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("count", [2, 20])
@pytest.mark.parametrize("kind", list(BUILDERS))
def test_page_renders_its_content_in_a_fixed_number_of_queries(
    client, tree, kind, count, django_assert_num_queries
):
    built = BUILDERS[kind](tree, count)
    url = built.page.url
    client.get(url)  # warm up: renditions, site root paths, content types

    with django_assert_num_queries(QUERIES[kind]):
        response = client.get(url)

    assert response.status_code == 200
    html = parse(response)
    assert len(html.find_all("h1")) == 1
    assert html.h1.get_text(strip=True) == built.page.title
    for linked in built.links:
        assert html.find("a", href=linked.url, string=linked.title), linked.title
    text = html.get_text()
    for expected in built.texts:
        assert expected in text, expected


def test_course_lists_each_activity_with_kind_hours_and_whether_required(client, tree):
    built = build.course_with_activities(tree, 2)

    html = parse(client.get(built.page.url))

    items = html.select(".activity-list > li")
    assert len(items) == len(built.links) == 4
    with translation.override("zh-hans"):
        kinds = [capfirst(str(type(a)._meta.verbose_name)) for a in built.links]
    assert [item.select_one(".card__kicker").get_text(strip=True) for item in items] == kinds
    lecture = items[0].get_text(" ", strip=True)
    assert "1.5" in lecture
    assert built.links[0].venue.name in lecture
    assert items[0].select_one("time")["datetime"].startswith(str(built.links[0].starts_at.year))
    # Required activities carry the badge; the optional scenario does not.
    assert [bool(item.select(".badge--required")) for item in items] == [True, True, False, True]


def test_lecture_plays_an_uploaded_video_and_links_recording_and_slides(client, tree):
    lecture = build.lecture_with_documents(tree, 1).page

    html = parse(client.get(lecture.url))

    assert html.select_one("video[controls]")["src"] == lecture.video.url
    assert html.find("a", href="https://example.com/recording")
    assert html.find("a", href=lecture.slides.url)
    with translation.override("zh-hans"):
        assert str(LecturePage.Mode.HYBRID.label) in html.get_text()


def test_study_tour_gallery_uses_responsive_renditions_with_alt_text(client, tree):
    tour = build.study_tour_with_photos(tree, 2).page

    images = parse(client.get(tour.url)).select(".gallery img")

    assert len(images) == 2
    for img, title in zip(images, ["照片0", "照片1"], strict=True):
        assert img["alt"] == title
        assert img["srcset"].count("w,") == 2  # three widths
        assert img["sizes"]


def test_scenario_page_carries_the_player_but_none_of_its_script(client, tree):
    scenario = build.scenario_with_roles(tree, 2).page
    office = user_with_role(OFFICE_ADMIN)
    trainee = user_with_role(TRAINEE)
    enrolment_create(actor=office, trainee=trainee, course=tree["course"])
    client.force_login(trainee)

    response = client.get(scenario.url)

    html = parse(response)
    player = html.find(id="scenario-player")
    assert player.find("noscript")
    assert player.find(attrs={"aria-live": "polite"}) is not None
    # The player asks the server for each step: the page holds no script, no scores, no notes.
    assert player["data-start-url"] == reverse("courses:scenario-run-start", args=[scenario.pk])
    assert html.find("script", id="scenario-script") is None
    for script_text in ("小区人行道的路灯已经两周不亮", "物业和施工方到场", "导师讲评要点"):
        assert script_text not in response.content.decode()
    sources = [script.get("src", "") for script in html.find_all("script")]
    assert "/jsi18n/" in sources
    assert any(src.endswith("cms/js/scenario-player.js") for src in sources)


@pytest.mark.parametrize(
    ("model", "factory_kwargs"),
    [
        (ExchangeSessionPage, {}),
        (ScenarioExercisePage, {"script": []}),
        (StudyTourPage, {"host_organisations": ""}),
    ],
)
def test_activity_pages_render_without_optional_content(client, tree, model, factory_kwargs):
    builders = {
        ExchangeSessionPage: ExchangeSessionPageFactory,
        ScenarioExercisePage: ScenarioExercisePageFactory,
        StudyTourPage: StudyTourPageFactory,
    }
    page = builders[model](parent=tree["course"], slug="bare", **factory_kwargs)

    response = client.get(page.url)

    assert response.status_code == 200
    assert len(parse(response).find_all("h1")) == 1


def test_a_required_activity_reads_as_compulsory_not_as_a_required_field(client, tree):
    built = build.course_with_activities(tree, 1)

    html = parse(client.get(built.links[0].url))

    badge = html.select_one(".badge--required").get_text(strip=True)
    assert badge == "必修"  # 必填 is a form field that must be filled in
