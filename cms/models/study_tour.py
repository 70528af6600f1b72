"""Study tours (参观学习): a visit elsewhere, with its itinerary, photos and lessons."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from courses.models import CompletionRule, LearningActivity, SignInWindow

from .base import StudioPage, studio_tabs
from .progress import TracksActivityProgress


class ItineraryItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(label=_("time"), max_length=20, required=False)
    activity = blocks.CharBlock(label=_("activity"), max_length=200)
    place = blocks.CharBlock(label=_("place"), max_length=100, required=False)


class ItineraryDayBlock(blocks.StructBlock):
    day = blocks.DateBlock(label=_("date"))
    title = blocks.CharBlock(label=_("title"), max_length=100)
    items = blocks.ListBlock(ItineraryItemBlock(), label=_("items"))

    class Meta:
        icon = "date"
        label = _("Day")
        template = "cms/blocks/itinerary_day.html"
        preview_value = {
            "day": "2026-05-12",
            "title": "杭州 · 第一天",
            "items": [{"time": "09:00", "activity": "参观小区党群服务站", "place": "上城区"}],
        }


class StudyTourPage(TracksActivityProgress, LearningActivity, SignInWindow, StudioPage):
    """A study tour: trainees attend each day and write a report afterwards."""

    destination = models.CharField(_("destination"), max_length=100)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    host_organisations = models.TextField(
        _("host organisations"), blank=True, help_text=_("One per line.")
    )
    itinerary = StreamField([("day", ItineraryDayBlock())], verbose_name=_("itinerary"), blank=True)
    lessons_learned = RichTextField(
        _("lessons learned"), blank=True, features=["h3", "bold", "italic", "ol", "ul"]
    )

    parent_page_types = ["cms.CoursePage"]
    subpage_types: list[str] = []

    content_panels = [
        *StudioPage.content_panels[:1],
        FieldPanel("destination"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("host_organisations"),
        *StudioPage.content_panels[1:],
    ]
    edit_handler = studio_tabs(
        content_panels,
        ObjectList([FieldPanel("itinerary")], heading=_("Itinerary")),
        ObjectList([InlinePanel("photos", label=_("photos"))], heading=_("Photos")),
        ObjectList([FieldPanel("lessons_learned")], heading=_("Lessons learned")),
        ObjectList(
            [
                MultiFieldPanel(
                    [FieldPanel("learning_hours"), FieldPanel("is_required")],
                    heading=_("Learning hours and completion"),
                ),
                FieldRowPanel(
                    [
                        FieldPanel("signin_opens_minutes_before"),
                        FieldPanel("signin_closes_minutes_after"),
                    ]
                ),
            ],
            heading=_("Learning hours"),
        ),
    )
    search_fields = [
        *StudioPage.search_fields,
        index.SearchField("destination"),
        index.SearchField("lessons_learned"),
        index.FilterField("start_date"),
    ]

    class Meta:
        verbose_name = _("study tour")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The tour cannot end before it starts.")})

    def completion_rule(self):
        return CompletionRule.ATTENDANCE_AND_REPORT

    def attendance_days(self):
        """Every day of the tour, from 07:00 to 22:00 local time."""
        if not (self.start_date and self.end_date):
            return []
        zone = timezone.get_current_timezone()
        days = []
        day = self.start_date
        while day <= self.end_date:
            days.append(
                (
                    day,
                    datetime.datetime.combine(day, datetime.time(7), tzinfo=zone),
                    datetime.datetime.combine(day, datetime.time(22), tzinfo=zone),
                )
            )
            day += datetime.timedelta(days=1)
        return days

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The gallery: images and their renditions in two queries, however many photos.
        context["photos"] = self.photos.select_related("image").prefetch_related(
            "image__renditions"
        )
        return context

    @property
    def host_list(self) -> list[str]:
        return [line.strip() for line in self.host_organisations.splitlines() if line.strip()]


class StudyTourPhoto(Orderable):
    page = ParentalKey(StudyTourPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("study tour photo")
        verbose_name_plural = _("study tour photos")
