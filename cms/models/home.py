from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .base import StudioPage, studio_tabs


class StudioHomePage(StudioPage):
    """The studio's front door: what the programme is and where each person starts.

    Only one lives at the root of the site; programmes hang beneath it.
    """

    tagline = models.CharField(_("tagline"), max_length=120, blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ProgrammePage"]
    max_count = 1

    content_panels = [*StudioPage.content_panels, FieldPanel("tagline")]
    edit_handler = studio_tabs(content_panels)

    class Meta:
        verbose_name = _("studio home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = self.get_children().live().public().specific()
        return context
