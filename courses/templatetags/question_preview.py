"""Showing bank questions in the admin: their HTML made safe, their options and settings.

Question text, feedback and choice options are HTML written in the bank or arriving by
import; they are cleaned when saved, and cleaned again here before being marked safe, so a
row written by any other path still cannot run a script in the office's browser. Typed answers
(short answer, numerical) and matching answers are plain text and are escaped instead.
"""

from decimal import Decimal

from django import template
from django.db.models import BooleanField, TextField
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..question_formats import base as formats
from ..richtext import richtext_clean, richtext_to_plain

register = template.Library()

# How the trainee answers each type, for the preview's answer area.
INPUT_KINDS = {
    formats.SINGLE: "radio",
    formats.JUDGEMENT: "radio",
    formats.TRUE_FALSE: "radio",
    formats.MULTIPLE: "checkbox",
    formats.SHORT_ANSWER: "text",
    formats.NUMERICAL: "text",
    formats.MATCHING: "match",
    formats.ORDERING: "order",
    formats.ESSAY: "essay",
}


@register.filter
def bank_html(value):
    """Stored HTML, cleaned to the allow-list, ready to show."""
    return mark_safe(richtext_clean(str(value or "")))  # noqa: S308 (cleaned by nh3 first)


@register.filter
def plain_text(value) -> str:
    """Stored HTML as the text a reader sees, for places that take no markup (a text box)."""
    return richtext_to_plain(str(value or ""))


@register.filter
def option_html(text, question):
    """An option's text: HTML for choices and items, escaped for typed answers."""
    if getattr(question, "option_text_is_html", True):
        return bank_html(text)
    return conditional_escape(text)


@register.filter
def input_kind(question) -> str:
    return INPUT_KINDS.get(question.type_code, "text")


@register.filter
def percent(fraction) -> str:
    """A share of the mark (-1..1) as a percentage without trailing zeros."""
    if fraction is None:
        return ""
    value = (Decimal(fraction) * 100).quantize(Decimal("0.01")).normalize()
    return f"{value:f}%"


@register.simple_tag
def question_settings(question) -> list[dict]:
    """The type's own settings (``data_settings``) as label and value, text cleaned for show."""
    rows = []
    for field_name in question.data_settings.values():
        field = question._meta.get_field(field_name)
        value = getattr(question, field_name)
        if field.choices:
            shown = conditional_escape(getattr(question, f"get_{field_name}_display")())
        elif isinstance(field, BooleanField):
            shown = _("yes") if value else _("no")
        elif isinstance(field, TextField):
            shown = bank_html(value) if value else "—"
        else:
            shown = conditional_escape(value)
        rows.append({"label": field.verbose_name, "value": shown})
    return rows
