"""Every date, date-and-time and time input of the project shows a pre-filled value the
browser's picker can read, in each language, and reads the same value back when the form is
submitted unchanged.

Django's own ``DateInput`` writes the first of the language's input formats, ``2026/12/05``
in zh-hans, which an ``<input type="date">`` cannot show (it then looks empty and the form
comes back with "required"); the project's forms use ``lms.widgets`` instead, and Wagtail's
admin pickers are given ISO formats in the settings. The walk over the form classes catches a
form added later with a plain widget.
"""

import datetime
import importlib
import pkgutil
import re

import pytest
from django import forms
from django.conf import settings
from django.utils import timezone, translation
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput

from lms import widgets

PROJECT_PACKAGES = ("lms", "courses", "mentoring", "cms")
LANGUAGES = [code for code, _name in settings.LANGUAGES]
MOMENT = datetime.datetime(2026, 12, 5, 9, 30, tzinfo=datetime.UTC)
# What the HTML standard lets each input type hold.
BROWSER_VALUE = {
    "date": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "datetime-local": re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$"),
    "time": re.compile(r"^\d{2}:\d{2}(:\d{2})?$"),
}
FIELD_FOR = {
    "date": forms.DateField,
    "datetime-local": forms.DateTimeField,
    "time": forms.TimeField,
}


def _project_form_classes() -> list[type[forms.BaseForm]]:
    for package_name in PROJECT_PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            name = module.name
            if ".migrations" in name or ".management" in name or name.startswith("lms.settings"):
                continue
            if name.endswith((".tests", ".demo")) or ".demo." in name:
                continue
            importlib.import_module(name)
    found, stack = [], [forms.BaseForm]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in PROJECT_PACKAGES:
            found.append(cls)
    return found


def _picker_fields():
    """(form class, field name, field) for each field whose widget is a browser picker."""
    found = []
    for form_class in _project_form_classes():
        for name, field in form_class.base_fields.items():
            if getattr(field.widget, "input_type", None) in BROWSER_VALUE:
                found.append(pytest.param(field, id=f"{form_class.__qualname__}.{name}"))
    return found


def _value_for(field):
    if isinstance(field, forms.DateTimeField):
        return MOMENT
    if isinstance(field, forms.DateField):
        return MOMENT.date()
    return MOMENT.time()


def test_the_walk_finds_the_office_and_site_pickers():
    ids = {p.id for p in _picker_fields()}
    for expected in (
        "DecisionForm.decided_on",
        "AppointmentForm.effective_on",
        "HoursCreditForm.earned_on",
        "CoachingSessionForm.held_on",
    ):
        assert expected in ids


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("field", _picker_fields())
def test_a_picker_shows_its_value_and_reads_it_back(field, language):
    value = _value_for(field)
    with translation.override(language), timezone.override("Asia/Shanghai"):
        shown = field.widget.format_value(field.prepare_value(value))
        assert BROWSER_VALUE[field.widget.input_type].match(shown), shown
        assert field.clean(shown) == field.clean(field.prepare_value(value))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("widget", "field", "value"),
    [
        (AdminDateInput(), forms.DateField(), MOMENT.date()),
        (AdminDateTimeInput(), forms.DateTimeField(), MOMENT),
        (AdminTimeInput(), forms.TimeField(), MOMENT.time()),
        (widgets.DateInput(), forms.DateField(), MOMENT.date()),
        (widgets.DateTimeInput(), forms.DateTimeField(), MOMENT),
    ],
    ids=["admin-date", "admin-datetime", "admin-time", "date", "datetime-local"],
)
def test_each_widget_round_trips(widget, field, value, language):
    """Wagtail's pickers (through the WAGTAIL_*_FORMAT settings) and the browser's."""
    field.widget = widget
    with translation.override(language), timezone.override("Asia/Shanghai"):
        shown = widget.format_value(field.prepare_value(value))
        assert "/" not in shown and "年" not in shown
        assert field.clean(shown) == field.clean(field.prepare_value(value))
