"""Who may see and download which certificates. Views ask here, so every page agrees."""

import uuid

from lms.people.roles import MANAGE_CERTIFICATES

from ..models import Certificate


def certificates_visible_to(user):
    """The user's own certificates, revoked ones included; the office sees every one."""
    if not user.is_authenticated:
        return Certificate.objects.none()
    if user.has_perm(MANAGE_CERTIFICATES):
        return Certificate.objects.all()
    return Certificate.objects.filter(trainee=user)


def certificates_downloadable_by(user):
    """Certificates whose files the user may download.

    A trainee downloads their own valid certificates (a revoked one is no longer theirs to
    present); the office downloads any, revoked ones included, e.g. to check a complaint.
    """
    if not user.is_authenticated:
        return Certificate.objects.none()
    if user.has_perm(MANAGE_CERTIFICATES):
        return Certificate.objects.all()
    return Certificate.objects.filter(trainee=user, revoked_at__isnull=True)


def certificate_by_code(code) -> Certificate | None:
    """The certificate with this public verification code; ``None`` for any other text."""
    try:
        code = uuid.UUID(str(code))
    except ValueError:
        return None
    return Certificate.objects.filter(verification_code=code).first()
