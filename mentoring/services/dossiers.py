"""A trainee's evidence dossier: the office asks for it, a task draws it, asking again replaces it.

``dossier_request`` marks the dossier pending and enqueues ``mentoring.tasks.dossier_generate``
once the transaction commits; the task calls ``dossier_generate``, which gathers the record,
draws the PDF and stores it in private storage in one transaction. There is one dossier and one
file per trainee: the previous file is deleted only after the new one is committed, so a
download never finds the dossier without a file. (If a caller's outer transaction rolls back
after the new file was written, that file stays behind unreferenced; the previous one is kept.)

A font that cannot draw some character of the record (see ``courses.certificates.fonts``)
does not raise: the dossier is marked failed with the reason, the previous file stays, and the
office sees why on the dossier page.
"""

import logging
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.certificates.fonts import MissingGlyphs
from lms.audit.services import audit_record
from lms.people.roles import TRAINEE, VIEW_DOSSIER, user_has_role

from ..dossier.gather import dossier_content
from ..dossier.render import render_pdf
from ..exceptions import MentoringRefusal
from ..models import Dossier
from ._common import clean_save, lock_users, require_permission

logger = logging.getLogger(__name__)
FAILURE_MAX_LENGTH = Dossier._meta.get_field("failure").max_length


def _check_trainee(trainee) -> None:
    if not user_has_role(trainee, TRAINEE):
        raise MentoringRefusal(_("%(name)s is not a trainee.") % {"name": trainee})


def _locked_dossier(trainee) -> Dossier:
    """The trainee's dossier row, locked; a new unsaved one if there is none yet.

    The trainee's user row is locked first, so two requests for a first dossier queue up
    instead of colliding on the one-dossier-per-trainee constraint.
    """
    lock_users(trainee)
    dossier = Dossier.objects.select_for_update().filter(trainee=trainee).first()
    return dossier or Dossier(trainee=trainee)


@transaction.atomic
def dossier_request(*, actor, trainee) -> Dossier:
    """Ask for the trainee's dossier (again); it is drawn in the background after commit.

    A dossier already drawn stays downloadable until the new one replaces it.
    """
    require_permission(
        actor, VIEW_DOSSIER, _("Only the training office generates evidence dossiers.")
    )
    _check_trainee(trainee)
    dossier = _locked_dossier(trainee)
    dossier.status = Dossier.Status.PENDING
    dossier.requested_at, dossier.requested_by = timezone.now(), actor
    dossier.failure = ""
    clean_save(dossier)
    audit_record(actor=actor, action="dossier.request", target=dossier, trainee=trainee.pk)

    from ..tasks import dossier_generate as task  # here: the tasks module imports the services

    trainee_id, actor_id = trainee.pk, actor.pk
    transaction.on_commit(lambda: task.delay(trainee_id, actor_id), robust=True)
    return dossier


def _delete_later(storage, name: str) -> None:
    def delete():
        try:
            storage.delete(name)
        except OSError:  # already gone, or the disk refuses: nothing the dossier depends on
            logger.warning("dossier: could not delete the replaced file %s", name, exc_info=True)

    transaction.on_commit(delete)


@transaction.atomic
def dossier_generate(*, actor, trainee) -> Dossier:
    """Gather the trainee's record, draw the PDF and store it, replacing any previous one.

    Returns the dossier, ``ready`` with its new file, or ``failed`` with the reason when the
    font cannot draw the record (nothing else changes then).
    """
    require_permission(
        actor, VIEW_DOSSIER, _("Only the training office generates evidence dossiers.")
    )
    _check_trainee(trainee)
    dossier = _locked_dossier(trainee)
    with translation.override(settings.LANGUAGE_CODE):  # an official document of the office
        content = dossier_content(viewer=actor, trainee=trainee)
        try:
            pdf = render_pdf(content)
        except MissingGlyphs as error:
            dossier.status = Dossier.Status.FAILED
            dossier.failure = str(error)[:FAILURE_MAX_LENGTH]
            clean_save(dossier)
            audit_record(
                actor=actor, action="dossier.fail", target=dossier, characters=error.characters
            )
            return dossier

    previous = dossier.file.name
    storage = dossier.file.storage
    dossier.file.save(f"{trainee.pk}-{secrets.token_hex(8)}.pdf", ContentFile(pdf), save=False)
    try:
        dossier.status = Dossier.Status.READY
        dossier.generated_at, dossier.generated_by = timezone.now(), actor
        dossier.failure = ""
        clean_save(dossier)
        audit_record(
            actor=actor,
            action="dossier.generate",
            target=dossier,
            trainee=trainee.pk,
            replaced=bool(previous),
        )
    except Exception:
        storage.delete(dossier.file.name)
        raise
    if previous and previous != dossier.file.name:
        _delete_later(storage, previous)
    return dossier
