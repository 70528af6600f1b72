"""The browser's own date and date-and-time pickers, for every form of the project.

An ``<input type="date">`` shows its value only when it is written ``YYYY-MM-DD``, and a
``datetime-local`` one only as ``YYYY-MM-DDTHH:MM``, whatever the page's language: the HTML
standard fixes the value's format and the browser localises what it shows. Django's plain
``DateInput`` writes the value in the first of the language's ``DATE_INPUT_FORMATS`` instead,
which for zh-hans is ``2026/12/05``: the picker then looks empty and the form comes back with a
required field missing. These widgets always write the standard's format (which every language's
input formats also read back), so a pre-filled date survives being submitted unchanged.
"""

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    """A date picker whose value is ``YYYY-MM-DD`` in every language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATE)


class DateTimeInput(forms.DateTimeInput):
    """A date-and-time picker (local time) whose value is ``YYYY-MM-DDTHH:MM`` in every
    language; Django's ``DateTimeField`` reads that form as ISO 8601."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATETIME_LOCAL)
