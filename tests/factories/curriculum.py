import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Page, Site

from cms import models


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Speaker

    name = factory.Sequence(lambda n: f"专家{n + 1}")
    title = "党建专家"


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Venue

    name = factory.Sequence(lambda n: f"党群服务中心{n + 1}")
    address = "深圳市南山区"


class StudioHomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.StudioHomePage

    title = "优秀社区书记培养工作室"


class ProgrammePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ProgrammePage

    title = factory.Sequence(lambda n: f"培训方案{n + 1}")


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.CoursePage

    title = factory.Sequence(lambda n: f"课程{n + 1}")


class LecturePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.LecturePage

    title = factory.Sequence(lambda n: f"讲座{n + 1}")
    speaker = factory.SubFactory(SpeakerFactory)
    mode = models.LecturePage.Mode.ONLINE


class ExchangeSessionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ExchangeSessionPage

    title = factory.Sequence(lambda n: f"交流会{n + 1}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    venue = factory.SubFactory(VenueFactory)


def simple_script():
    """A valid two-step script with two endings, as StreamField raw data."""
    return [
        {
            "type": "step",
            "value": {
                "key": "start",
                "title": "路灯不亮",
                "situation": "施工开挖后,小区人行道的路灯已经两周不亮。",
                "choices": [
                    {
                        "label": "召集三方协调会",
                        "consequence": "物业和施工方到场。",
                        "score": 3,
                        "next_key": "meeting",
                    },
                    {
                        "label": "让居民自己找物业",
                        "consequence": "投诉越来越多。",
                        "score": -2,
                        "next_key": "bad",
                    },
                ],
            },
        },
        {
            "type": "step",
            "value": {
                "key": "meeting",
                "title": "协调会",
                "situation": "施工方说线路不归他们管。",
                "choices": [
                    {
                        "label": "请街道职能部门到场",
                        "consequence": "明确了责任。",
                        "score": 3,
                        "next_key": "good",
                    },
                    {
                        "label": "散会再议",
                        "consequence": "又拖了一周。",
                        "score": 0,
                        "next_key": "bad",
                    },
                ],
            },
        },
        {
            "type": "ending",
            "value": {"key": "good", "title": "路灯亮了", "outcome": "居民出行恢复安全。"},
        },
        {
            "type": "ending",
            "value": {"key": "bad", "title": "矛盾升级", "outcome": "居民投诉到区里。"},
        },
    ]


class ScenarioExercisePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ScenarioExercisePage

    title = factory.Sequence(lambda n: f"情景体验{n + 1}")
    reflection_prompt = "你会如何向居民解释处理过程?"
    script = factory.LazyFunction(simple_script)


class StudyTourPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.StudyTourPage

    title = factory.Sequence(lambda n: f"参观学习{n + 1}")
    destination = "杭州"
    start_date = datetime.date(2026, 5, 12)
    end_date = datetime.date(2026, 5, 14)
    host_organisations = "杭州市上城区小营街道\n杭州市西湖区"


def studio_tree():
    """Home → programme → course, with the home as the default site's root page."""
    root = Page.get_first_root_node()
    home = StudioHomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Studio"},
    )
    programme = ProgrammePageFactory(parent=home)
    course = CoursePageFactory(parent=programme)
    return home, programme, course
