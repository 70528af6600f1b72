"""The office's admin for the street's organisation units.

ModelViewSets rather than snippets: these are records the office keeps, not content editors
place on pages, so they need no snippet chooser, revisions or previews. Each listing loads
its related rows up front, so a page of twenty costs the same queries as a page of two.
"""

import django_filters
from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from ..forms import BranchForm
from ..models import Branch, Community, Compound, Street, Zone
from .users import PEOPLE_MENU_HOOK


class _OrganisationViewSet(ModelViewSet):
    add_to_reference_index = False
    copy_view_enabled = False
    list_per_page = 50

    def get_queryset(self):
        return self.model._default_manager.all()

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(queryset=self.get_queryset(), **kwargs)


def _count_column(name, label):
    return Column(name, label=label, sort_key=name, width="12%")


class StreetViewSet(_OrganisationViewSet):
    menu_name = "streets"  # the same in every language
    model = Street
    icon = "site"
    menu_order = 20
    list_display = ["name", _count_column("zone_count", _("responsibility zones"))]
    search_fields = ["name"]
    panels = [FieldPanel("name")]

    def get_queryset(self):
        return Street.objects.annotate(zone_count=Count("zones"))


class ZoneFilterSet(WagtailFilterSet):
    street = django_filters.ModelChoiceFilter(label=_("street"), queryset=Street.objects.all())

    class Meta:
        model = Zone
        fields = []


class ZoneViewSet(_OrganisationViewSet):
    menu_name = "responsibility-zones"  # the same in every language
    model = Zone
    icon = "group"
    menu_order = 30
    list_display = [
        "name",
        "street",
        "leader",
        _count_column("community_count", _("communities")),
    ]
    filterset_class = ZoneFilterSet
    search_fields = ["name", "leader__display_name"]
    panels = [FieldPanel("street"), FieldPanel("name"), FieldPanel("leader")]

    def get_queryset(self):
        return Zone.objects.select_related("street", "leader").annotate(
            community_count=Count("communities")
        )


class CommunityFilterSet(WagtailFilterSet):
    zone = django_filters.ModelChoiceFilter(
        label=_("responsibility zone"), queryset=Zone.objects.all()
    )

    class Meta:
        model = Community
        fields = []


class CommunityViewSet(_OrganisationViewSet):
    menu_name = "communities"  # the same in every language
    model = Community
    icon = "home"
    menu_order = 40
    list_display = [
        "name",
        "zone",
        _count_column("compound_count", _("residential compounds")),
        _count_column("member_count", _("people")),
    ]
    filterset_class = CommunityFilterSet
    search_fields = ["name", "zone__name"]
    panels = [FieldPanel("zone"), FieldPanel("name")]

    def get_queryset(self):
        return Community.objects.select_related("zone").annotate(
            compound_count=Count("compounds", distinct=True),
            member_count=Count("members", distinct=True),
        )


class CompoundFilterSet(WagtailFilterSet):
    community = django_filters.ModelChoiceFilter(
        label=_("community"), queryset=Community.objects.all()
    )
    zone = django_filters.ModelChoiceFilter(
        field_name="community__zone",
        label=_("responsibility zone"),
        queryset=Zone.objects.all(),
    )

    class Meta:
        model = Compound
        fields = ["has_owners_committee"]


class CompoundViewSet(_OrganisationViewSet):
    menu_name = "residential-compounds"  # the same in every language
    model = Compound
    icon = "home"
    menu_order = 50
    list_display = [
        "name",
        "community",
        Column(
            "zone",
            accessor="community.zone",
            label=_("responsibility zone"),
            sort_key="community__zone__name",
        ),
        "households",
        "has_owners_committee",
    ]
    filterset_class = CompoundFilterSet
    search_fields = ["name", "community__name"]
    panels = [
        FieldPanel("community"),
        FieldPanel("name"),
        FieldPanel("households"),
        FieldPanel("has_owners_committee"),
    ]

    def get_queryset(self):
        return Compound.objects.select_related("community__zone")


class BranchFilterSet(WagtailFilterSet):
    community = django_filters.ModelChoiceFilter(
        label=_("community"), queryset=Community.objects.all()
    )
    zone = django_filters.ModelChoiceFilter(
        field_name="community__zone",
        label=_("responsibility zone"),
        queryset=Zone.objects.all(),
    )
    star_rating = django_filters.ChoiceFilter(
        label=_("star rating"),
        choices=[(stars, "★" * stars) for stars in range(1, 6)],
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )

    class Meta:
        model = Branch
        fields = ["formation", "kind"]


class BranchViewSet(_OrganisationViewSet):
    menu_name = "compound-party-branches"  # the same in every language
    model = Branch
    icon = "group"
    menu_order = 60
    list_display = [
        "name",
        "community",
        "kind",
        "formation",
        Column(
            "compounds",
            accessor=lambda branch: "、".join(str(c) for c in branch.compounds.all()),
            label=_("compounds covered"),
        ),
        "secretary",
        Column(
            "star_rating",
            accessor=lambda branch: "★" * (branch.star_rating or 0),
            label=_("star rating"),
            sort_key="star_rating",
        ),
    ]
    filterset_class = BranchFilterSet
    search_fields = ["name", "community__name", "secretary__display_name"]
    edit_handler = ObjectList(
        [
            FieldPanel("community"),
            FieldPanel("name"),
            FieldPanel("kind"),
            FieldPanel("formation"),
            FieldPanel("compounds", widget=forms.CheckboxSelectMultiple),
            FieldPanel("secretary"),
            FieldPanel("star_rating"),
        ],
        base_form_class=BranchForm,
    )

    def get_queryset(self):
        return Branch.objects.select_related("community", "secretary").prefetch_related("compounds")


class OrganisationViewSetGroup(ModelViewSetGroup):
    """One menu for the people list, the organisation units and the roster import."""

    menu_name = "people-and-organisations"  # the same in every language

    menu_label = _("People and organisations")
    menu_icon = "group"
    menu_order = 250
    submenu_hook = PEOPLE_MENU_HOOK
    items = (
        StreetViewSet("people_streets", url_prefix="people/streets"),
        ZoneViewSet("people_zones", url_prefix="people/zones"),
        CommunityViewSet("people_communities", url_prefix="people/communities"),
        CompoundViewSet("people_compounds", url_prefix="people/compounds"),
        BranchViewSet("people_branches", url_prefix="people/branches"),
    )
