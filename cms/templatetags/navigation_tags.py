"""Where a trainee is in the curriculum, shown on every page so a phone user never gets lost."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context, page):
    """The trail from the studio's home to this page: one query, whatever the depth.

    Depth 1 is Wagtail's invisible root; nothing above the site's home page is a place a
    trainee can visit, so the trail starts at depth 2.
    """
    ancestors = list(page.get_ancestors().filter(depth__gte=2)) if page else []
    return {"request": context.get("request"), "ancestors": ancestors, "page": page}
