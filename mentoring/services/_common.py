"""Helpers every mentoring service uses: who acts, today's date, validated saves."""

from django.utils import timezone
from django.utils.translation import gettext as _

from lms.people.models import User

from ..access import viewer_for
from ..exceptions import MentoringRefusal, NotAllowed

UNSET = object()


def today():
    return timezone.localdate()


def require_permission(actor, permission: str, message=None):
    """Refuse unless the actor holds the office's named ``permission`` (``lms.people.roles``)."""
    if not actor.has_perm(permission):
        raise NotAllowed(message or _("Only the training office can do this."))
    return viewer_for(actor)


def clean_save(instance, **kwargs):
    """Validate like a form would (fields and constraints), then save."""
    instance.full_clean()
    instance.save(**kwargs)
    return instance


def lock_users(*users):
    """Lock these people's rows, in id order so concurrent services never deadlock."""
    ids = sorted({user.pk for user in users if user is not None})
    return {u.pk: u for u in User.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def need_text(value, message) -> str:
    value = (value or "").strip()
    if not value:
        raise MentoringRefusal(message)
    return value
