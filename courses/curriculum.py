"""How the engine finds courses and activities among Wagtail pages without knowing page types.

Page types opt in by inheriting the engine's mixins; the engine asks Django which models do.
"""

from django.apps import apps
from wagtail.models import Page

from .models import EnrolmentPolicy, LearningActivity


def _models_inheriting(mixin):
    return [model for model in apps.get_models() if issubclass(model, mixin)]


def course_pages():
    """Every course page (of any page type that carries an enrolment policy)."""
    return Page.objects.type(*_models_inheriting(EnrolmentPolicy))


def activity_pages():
    return Page.objects.type(*_models_inheriting(LearningActivity))
