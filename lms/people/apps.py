from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PeopleConfig(AppConfig):
    name = "lms.people"
    label = "people"
    verbose_name = _("People and organisations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from lms import converters

        from . import roles, rules  # noqa: F401 (rules registers the named permissions)

        converters.register()

        post_migrate.connect(roles.ensure_after_migrate)


class PeopleUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the studio's profile fields on its forms."""

    user_viewset = "lms.people.viewsets.StudioUserViewSet"
