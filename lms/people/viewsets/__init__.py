from .organisation import (
    BranchViewSet,
    CommunityViewSet,
    CompoundViewSet,
    OrganisationViewSetGroup,
    StreetViewSet,
    ZoneViewSet,
)
from .users import PEOPLE_MENU_HOOK, StudioUserViewSet

__all__ = [
    "PEOPLE_MENU_HOOK",
    "BranchViewSet",
    "CommunityViewSet",
    "CompoundViewSet",
    "OrganisationViewSetGroup",
    "StreetViewSet",
    "StudioUserViewSet",
    "ZoneViewSet",
]
