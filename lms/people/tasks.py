"""Background work for people. Each task takes ids and calls one service."""

from celery import shared_task

from .models import User
from .services import password_link_deliver


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=5, max_retries=5)
def password_link_send(user_id: int, language: str, purpose: str) -> bool:
    """Email a set-password link; enqueued on commit by the reset request and the office.

    Running twice sends a second email whose link works just as well (the first one used
    invalidates both), which is better than none when the mail server hiccupped.
    """
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return False
    password_link_deliver(user=user, language=language, purpose=purpose)
    return True
