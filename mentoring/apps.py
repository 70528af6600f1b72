from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = _("Mentoring and progression")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the app's rules and widens the engine's ``courses.review_work``.
        from . import rules  # noqa: F401
