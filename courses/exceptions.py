"""Refusals the engine raises; views turn them into messages in the user's language."""

from django.core.exceptions import PermissionDenied, ValidationError


class EngineRefusal(ValidationError):
    """A request that is understood but not allowed by the course's rules (not a bug)."""


class NotAllowed(PermissionDenied):
    """The actor may not do this to this record."""
