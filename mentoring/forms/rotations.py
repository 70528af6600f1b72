"""The trainee's weekly journal entry. The form checks the input's shape; ``journal_write``
decides whether the week may be written and keeps one entry per ISO week."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_JOURNAL_CHARS = 10_000


class JournalEntryForm(forms.Form):
    body = forms.CharField(
        label=_("This week's entry"),
        max_length=MAX_JOURNAL_CHARS,
        widget=forms.Textarea(attrs={"rows": 8, "aria-describedby": "journal-help"}),
        help_text=_(
            "What you did and saw this week, what you learned, and what you will try next. "
            "Writing again this week revises the same entry."
        ),
        error_messages={"required": _("Write the week's entry.")},
    )
