"""What every curriculum page shares: an introduction, a body, and the same admin tabs."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock


class StudioPage(Page):
    """Abstract base: the introduction and body every studio page has."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True


def studio_tabs(content_panels, *extra_tabs):
    """Content first, the page type's own tabs next, then Wagtail's promote and settings tabs."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            *extra_tabs,
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
