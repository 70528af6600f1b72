"""The site header's links follow the roles of the person signed in (see ``cms.role_home``)."""

from django import template

from ..role_home import homes_for

register = template.Library()


@register.simple_tag(takes_context=True)
def role_homes(context):
    """The signed-in user's homes, worked out once per request."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    if request is None:
        return homes_for(user)
    cached = getattr(request, "_studio_homes", None)
    if cached is None:
        cached = request._studio_homes = homes_for(user)
    return cached
