"""Whether the site header offers the "Mentor desk" link."""

from django import template

from ..access import viewer_for

register = template.Library()


@register.filter
def has_mentor_desk(user) -> bool:
    """Mentors have a desk; the office opens any mentor's. One query for a signed-in user."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    roles = viewer_for(user)
    return roles.mentor or roles.office


@register.filter
def has_rotations(user) -> bool:
    """Hosts supervise rotations; trainees keep their journals there."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    roles = viewer_for(user)
    return roles.host or roles.trainee
