"""Small presentation helpers for curriculum pages that templates cannot express themselves."""

from django import template
from django.utils.text import capfirst

register = template.Library()


@register.filter
def page_kind(page) -> str:
    """The kind of activity (expert lecture, study tour…) in the reader's language.

    Templates cannot reach ``_meta``, and each page type's verbose name is already translated.
    """
    model = getattr(page, "specific_class", None) or type(page)
    return capfirst(model._meta.verbose_name)


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` or None: templates cannot index a dict with a variable."""
    return mapping.get(key) if mapping else None
