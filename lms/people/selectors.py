"""Reads of people and organisation records that more than one interface needs."""

from .mobile import mobile_normalise
from .models import Community, User
from .roster import RosterReport, RosterSheet, roster_check


def roster_review(*, sheet: RosterSheet) -> RosterReport:
    """Check a roster against the communities, usernames and mobile numbers as they are now.

    Three queries whatever the sheet's length; the preview and the import both call this, so
    what the office confirmed is what gets checked again at commit time.
    """
    usernames = {row.username for row in sheet.rows if row.username}
    mobiles = {mobile_normalise(row.mobile) for row in sheet.rows if row.mobile}
    names = {row.community for row in sheet.rows if row.community}
    return roster_check(
        sheet,
        communities=set(Community.objects.filter(name__in=names).values_list("name", flat=True)),
        taken_usernames=set(
            User.objects.filter(username__in=usernames).values_list("username", flat=True)
        ),
        taken_mobiles=set(User.objects.filter(mobile__in=mobiles).values_list("mobile", flat=True)),
    )


def community_names() -> list[str]:
    return list(Community.objects.order_by("name").values_list("name", flat=True))


def user_is_office_admin(user) -> bool:
    """Who may send set-password links: whoever may change people (the office administrator
    role and superusers), asked through the same permission as the people admin."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.has_perm("people.change_user")
