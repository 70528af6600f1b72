"""Lectures and exchange sessions: the activities that happen at a time and, often, a place."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.fields import RichTextField
from wagtail.search import index

from courses.models import CompletionRule, LearningActivity, SignInWindow

from .base import StudioPage, studio_tabs
from .progress import TracksActivityProgress


class ScheduledActivity(TracksActivityProgress, LearningActivity, SignInWindow, StudioPage):
    """Abstract: an activity with a schedule and, when held in person, a venue."""

    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    venue = models.ForeignKey(
        "cms.Venue",
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["cms.CoursePage"]
    subpage_types: list[str] = []

    schedule_panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("venue"),
        FieldRowPanel(
            [FieldPanel("signin_opens_minutes_before"), FieldPanel("signin_closes_minutes_after")]
        ),
    ]
    credit_panels = [
        MultiFieldPanel(
            [FieldPanel("learning_hours"), FieldPanel("is_required")],
            heading=_("Learning hours and completion"),
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})

    @property
    def is_in_person(self) -> bool:
        return True

    def attendance_days(self):
        if not (self.is_in_person and self.starts_at):
            return []
        ends_at = self.ends_at or self.starts_at + datetime.timedelta(hours=2)
        return [(timezone.localdate(self.starts_at), self.starts_at, ends_at)]


class LecturePage(ScheduledActivity):
    """An expert lecture (专家讲座), watched online, attended in person, or both."""

    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    speaker = models.ForeignKey(
        "cms.Speaker",
        verbose_name=_("speaker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lectures",
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode, default=Mode.ONLINE)
    summary = RichTextField(_("summary"), blank=True, features=["bold", "italic", "ol", "ul"])
    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An MP4 file uploaded to the document library."),
    )
    video_url = models.URLField(
        _("video address"), blank=True, help_text=_("Or a link to the recording elsewhere.")
    )
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("slides"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *StudioPage.content_panels[:1],
        FieldPanel("speaker"),
        FieldPanel("mode"),
        FieldPanel("summary"),
        *StudioPage.content_panels[1:],
    ]
    media_panels = [FieldPanel("video"), FieldPanel("video_url"), FieldPanel("slides")]
    edit_handler = studio_tabs(
        content_panels,
        ObjectList(ScheduledActivity.schedule_panels, heading=_("Schedule and venue")),
        ObjectList(media_panels, heading=_("Video and slides")),
        ObjectList(ScheduledActivity.credit_panels, heading=_("Learning hours")),
    )
    search_fields = [
        *StudioPage.search_fields,
        index.SearchField("summary"),
        index.RelatedFields("speaker", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("expert lecture")

    def clean(self):
        super().clean()
        if self.mode != self.Mode.ONLINE and not (self.starts_at and self.venue_id):
            raise ValidationError(_("A lecture held in person needs a start time and a venue."))

    @property
    def is_in_person(self) -> bool:
        return self.mode != self.Mode.ONLINE

    def completion_rule(self):
        return {
            self.Mode.ONLINE: CompletionRule.VIEW_AND_CONFIRM,
            self.Mode.IN_PERSON: CompletionRule.ATTENDANCE,
            self.Mode.HYBRID: CompletionRule.ATTENDANCE_OR_VIEW,
        }[self.mode]


class ExchangeSessionPage(ScheduledActivity):
    """An exchange session (交流互动): secretaries compare notes; attendance counts."""

    discussion_questions = RichTextField(
        _("discussion questions"), blank=True, features=["ol", "ul", "bold"]
    )
    facilitator = models.CharField(_("facilitator"), max_length=50, blank=True)

    content_panels = [
        *StudioPage.content_panels,
        FieldPanel("facilitator"),
        FieldPanel("discussion_questions"),
    ]
    edit_handler = studio_tabs(
        content_panels,
        ObjectList(ScheduledActivity.schedule_panels, heading=_("Schedule and venue")),
        ObjectList(ScheduledActivity.credit_panels, heading=_("Learning hours")),
    )
    search_fields = [*StudioPage.search_fields, index.SearchField("discussion_questions")]

    class Meta:
        verbose_name = _("exchange session")

    def completion_rule(self):
        return CompletionRule.ATTENDANCE
