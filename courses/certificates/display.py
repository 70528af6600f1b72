"""How certificate facts are written out, the same on the certificate and on the web pages."""

from decimal import Decimal

from django.conf import settings
from django.urls import reverse


def name_masked(name: str) -> str:
    """The name with its middle hidden (张*华, 李*, 欧**娜), for the public verification page.

    Anyone who scans a certificate sees whether it is genuine without learning the full name of
    the person it was issued to; someone holding the certificate can compare the visible
    characters with it.
    """
    name = (name or "").strip()
    if len(name) <= 1:
        return "*" if name else ""
    if len(name) == 2:
        return f"{name[0]}*"
    return f"{name[0]}{'*' * (len(name) - 2)}{name[-1]}"


def hours_display(hours) -> str:
    """``12`` for whole hours, ``12.5`` otherwise (the ledger keeps one decimal place)."""
    value = Decimal(hours).quantize(Decimal("0.1"))
    return str(value.to_integral_value()) if value == value.to_integral_value() else str(value)


def verify_url(verification_code) -> str:
    """The absolute address of the public verification page, for the QR code.

    Certificates are drawn by a Celery task with no request to take a host from, so the base is
    ``settings.CERTIFICATE_BASE_URL`` when set, otherwise ``WAGTAILADMIN_BASE_URL`` (the public
    address the Wagtail admin already uses in its e-mails).
    """
    base = getattr(settings, "CERTIFICATE_BASE_URL", "") or settings.WAGTAILADMIN_BASE_URL
    path = reverse("courses:certificate-verify", args=[str(verification_code)])
    return f"{base.rstrip('/')}{path}"
