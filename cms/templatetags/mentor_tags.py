"""Who may read what only mentors and the office should see (debriefing notes).

The check lives here, next to the templates that use it, so the page model stays free of
request handling and the rule is tested where it is applied.
"""

from django import template

from lms.people.roles import MENTOR, is_office, user_has_role

register = template.Library()


@register.filter
def reads_debriefing(user) -> bool:
    """Mentors and the training office read debriefing notes; trainees and visitors never do."""
    if user is None or not user.is_authenticated:
        return False
    return is_office(user) or user_has_role(user, MENTOR)


@register.filter
def can(user, permission: str) -> bool:
    """``user|can:"courses.run_signin"``: whether the user holds the named permission, the
    same one the page behind the link asks for (see ``lms.people.roles``)."""
    return user is not None and user.has_perm(permission)
