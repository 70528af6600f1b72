"""Speakers and venues: kept once, chosen by many lectures and sessions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Speaker(index.Indexed, models.Model):
    """An expert (党建专家) who gives lectures."""

    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(
        pgettext_lazy("a person's position", "title"), max_length=100, blank=True
    )
    organisation = models.CharField(_("organisation"), max_length=100, blank=True)
    biography = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("organisation"),
        FieldPanel("biography"),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("organisation"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}({self.title})" if self.title else self.name


class Venue(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    directions = models.TextField(_("directions"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("capacity"),
        FieldPanel("directions"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("address")]

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return self.name
