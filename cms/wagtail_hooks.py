"""The office's admin for curriculum snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Speaker, Venue


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    list_display = ["name", "title", "organisation"]
    search_fields = ["name", "organisation"]
    list_filter = ["organisation"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "address", "capacity"]
    search_fields = ["name", "address"]


class CurriculumSnippets(SnippetViewSetGroup):
    menu_name = "speakers-and-venues"  # the same in every language
    menu_label = _("Speakers and venues")
    menu_icon = "group"
    menu_order = 250
    items = (SpeakerViewSet, VenueViewSet)


register_snippet(CurriculumSnippets)
