from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def audit_record(*, actor, action: str, target, **data) -> AuditEntry:
    """Append an entry; call it inside the service's transaction."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        object_id=str(target.pk),
        data=data,
    )
