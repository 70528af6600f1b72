from django import forms
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.search import index

from courses import selectors as engine
from courses.models import EnrolmentPolicy

from .base import StudioPage, studio_tabs
from .progress import ShowsCourseProgress

ACTIVITY_PAGE_TYPES = [
    "cms.LecturePage",
    "cms.ExchangeSessionPage",
    "cms.ScenarioExercisePage",
    "cms.StudyTourPage",
]


class ProgrammePage(StudioPage):
    """A training plan (培训方案): a year's series of courses for one intake."""

    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    audience = models.CharField(
        _("audience"),
        max_length=200,
        blank=True,
        help_text=_("Who the programme is for, e.g. community secretaries and reserve cadres."),
    )

    parent_page_types = ["cms.StudioHomePage"]
    subpage_types = ["cms.CoursePage"]

    content_panels = [
        *StudioPage.content_panels,
        FieldPanel("audience"),
    ]
    schedule_panels = [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])]
    edit_handler = studio_tabs(content_panels, ObjectList(schedule_panels, heading=_("Schedule")))
    search_fields = [*StudioPage.search_fields, index.SearchField("audience")]

    class Meta:
        verbose_name = _("programme")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="programme_ends_after_start",
            )
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = self.get_children().live().public().specific()
        # The engine's figure, not one written into the body: see stage_annual_target.
        context["hours_target"] = engine.stage_annual_target()
        return context


class CoursePageForm(WagtailAdminPageForm):
    """Offers only other courses as prerequisites."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("prerequisites")
        if field is not None:
            courses = CoursePage.objects.order_by("path")
            if self.instance.pk:
                courses = courses.exclude(pk=self.instance.pk)
            field.queryset = courses


class CoursePage(ShowsCourseProgress, EnrolmentPolicy, StudioPage):
    """A course: an ordered series of activities, complete when every required one is."""

    objectives = models.TextField(_("learning objectives"), blank=True)

    parent_page_types = ["cms.ProgrammePage"]
    subpage_types = ACTIVITY_PAGE_TYPES
    base_form_class = CoursePageForm

    content_panels = [*StudioPage.content_panels, FieldPanel("objectives")]
    enrolment_panels = [
        FieldPanel("allow_self_enrolment"),
        FieldRowPanel([FieldPanel("enrolment_opens_at"), FieldPanel("enrolment_closes_at")]),
        FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
    ]
    edit_handler = studio_tabs(content_panels, ObjectList(enrolment_panels, heading=_("Enrolment")))
    search_fields = [*StudioPage.search_fields, index.SearchField("objectives")]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        activities = list(self.get_children().live().public().specific())
        # The listing shows each scheduled activity's venue: fetch them all in one query.
        prefetch_related_objects([a for a in activities if hasattr(a, "venue_id")], "venue")
        context["activities"] = activities
        context.update(self.progress_context(request, activities))
        return context
