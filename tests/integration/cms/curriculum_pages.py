"""Each curriculum page type built with `count` list items, for the rendering tests.

A builder returns the page and what a trainee must find on it, so one parametrized test can
check every page type with 2 and with 20 items.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from cms.models import LecturePage, StudyTourPhoto
from tests.factories import (
    CoursePageFactory,
    ExchangeSessionPageFactory,
    LecturePageFactory,
    ProgrammePageFactory,
    ScenarioExercisePageFactory,
    SpeakerFactory,
    StudyTourPageFactory,
    VenueFactory,
)

from .media import document, image


@dataclass
class Built:
    page: object
    links: list = field(default_factory=list)  # pages the rendered page must link to by title
    texts: list = field(default_factory=list)  # strings the rendered page must contain


def _next_week(hour=9):
    day = timezone.localdate() + datetime.timedelta(days=7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def home_with_programmes(tree, count):
    home = tree["home"]
    programmes = [tree["programme"]] + [
        ProgrammePageFactory(parent=home, slug=f"programme-{i}", audience="社区书记")
        for i in range(1, count)
    ]
    return Built(home, links=programmes)


def programme_with_courses(tree, count):
    programme = tree["programme"]
    courses = [tree["course"]] + [
        CoursePageFactory(parent=programme, slug=f"course-{i}", introduction=f"课程简介{i}")
        for i in range(1, count)
    ]
    return Built(programme, links=courses)


def course_with_activities(tree, count):
    """`count` scheduled activities, each with its own venue, plus one of each other kind."""
    course = tree["course"]
    activities = []
    for i in range(count):
        venue = VenueFactory()
        if i % 2:
            activity = ExchangeSessionPageFactory(parent=course, slug=f"session-{i}", venue=venue)
        else:
            activity = LecturePageFactory(
                parent=course,
                slug=f"lecture-{i}",
                mode=LecturePage.Mode.IN_PERSON,
                starts_at=_next_week(),
                venue=venue,
                learning_hours=Decimal("1.5"),
            )
        activities.append(activity)
    activities.append(
        ScenarioExercisePageFactory(parent=course, slug="scenario", is_required=False)
    )
    activities.append(StudyTourPageFactory(parent=course, slug="tour", destination="龙岗区"))
    venues = [a.venue.name for a in activities if getattr(a, "venue", None)]
    return Built(course, links=activities, texts=[*venues, "1.5", "龙岗区"])


def lecture_with_documents(tree, count):
    """A hybrid lecture with everything filled in, and `count` documents in its body."""
    body = [
        {"type": "document", "value": {"document": document(title=f"阅读材料{i}").pk, "title": ""}}
        for i in range(count)
    ]
    video, slides = document(title="录像"), document(title="课件")
    lecture = LecturePageFactory(
        parent=tree["course"],
        slug="lecture",
        speaker=SpeakerFactory(name="王专家", organisation="区委党校"),
        mode=LecturePage.Mode.HYBRID,
        starts_at=_next_week(14),
        ends_at=_next_week(16),
        venue=VenueFactory(name="粤海街道党群服务中心"),
        summary="<p>小区党支部如何牵头解决物业矛盾。</p>",
        video=video,
        video_url="https://example.com/recording",
        slides=slides,
        body=body,
        learning_hours=Decimal("2.5"),
    )
    texts = ["王专家", "区委党校", "粤海街道党群服务中心", "牵头解决物业矛盾", "2.5"]
    texts += [f"阅读材料{i}" for i in range(count)]
    return Built(lecture, texts=texts)


def exchange_session_with_key_points(tree, count):
    body = [
        {"type": "key_points", "value": {"heading": f"要点{i}", "points": ["先到现场"]}}
        for i in range(count)
    ]
    session = ExchangeSessionPageFactory(
        parent=tree["course"],
        slug="session",
        facilitator="李书记",
        discussion_questions="<ol><li>如何动员楼栋长?</li></ol>",
        venue=VenueFactory(name="桂庙社区党群服务站"),
        body=body,
    )
    texts = ["李书记", "如何动员楼栋长", "桂庙社区党群服务站", *[f"要点{i}" for i in range(count)]]
    return Built(session, texts=texts)


def scenario_with_roles(tree, count):
    roles = [
        {"type": "role", "value": {"name": f"角色{i}", "brief": "担心物业费上涨。"}}
        for i in range(count)
    ]
    scenario = ScenarioExercisePageFactory(
        parent=tree["course"],
        slug="scenario",
        background="<p>施工开挖后路灯不亮。</p>",
        roles=roles,
        debriefing_notes="<p>导师讲评要点</p>",
    )
    return Built(scenario, texts=["施工开挖后路灯不亮", *[f"角色{i}" for i in range(count)]])


def study_tour_with_photos(tree, count):
    days = [
        {
            "type": "day",
            "value": {
                "day": f"2026-05-{12 + i % 3:02d}",
                "title": f"第{i + 1}天",
                "items": [{"time": "09:00", "activity": "参观党群服务站", "place": "上城区"}],
            },
        }
        for i in range(count)
    ]
    tour = StudyTourPageFactory(
        parent=tree["course"],
        slug="tour",
        itinerary=days,
        lessons_learned="<p>党建引领物业管理。</p>",
    )
    for i in range(count):
        StudyTourPhoto.objects.create(
            page=tour, image=image(title=f"照片{i}"), caption=f"说明{i}", sort_order=i
        )
    texts = ["杭州市上城区小营街道", "党建引领物业管理", *[f"第{i + 1}天" for i in range(count)]]
    return Built(tour, texts=texts + [f"说明{i}" for i in range(count)])
