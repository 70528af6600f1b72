"""Written work: study-tour reports (参观学习报告) and scenario reflections (情景体验心得).

A trainee keeps one piece of work per activity. It is saved as a draft as often as they like
(the editor saves by itself), then submitted; a reviewer accepts it or returns it with
comments; returned work is edited and submitted again; accepted work is final, and its
acceptance is reported to the engine (``activity_work_accepted``), whose completion rule may
still wait for attendance (a study tour) or a finished run (a scenario).

Every change of status is a compare-and-set, ``UPDATE … WHERE status IN (…)``, inside the
transaction: when two reviewers decide at once, or a double tap submits twice, exactly one
request changes the row and the other learns what happened instead of repeating it.

Photos are checked from their bytes and headers (``courses.uploads.photos_inspect``) before the
transaction opens, against each photo's and the whole request's budgets; nothing is decoded in
the request. Their files are written inside the transaction, as uploaded, and deleted again if
it fails; once it commits, a Celery task per photo decodes and re-encodes it
(``submission_photo_process``), and until then the photo is shown as being processed and never
served. A removed photo's file is deleted only once the removal commits.
"""

from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms.audit.services import audit_record

from ..exceptions import EngineRefusal, NotAllowed
from ..models import CompletionRule, Enrolment, LearningActivity, Submission, SubmissionPhoto
from ..richtext import richtext_clean, richtext_from_plain, richtext_to_text
from ..uploads import MAX_PHOTO_BYTES, MAX_PHOTOS_PER_SUBMISSION, photo_process, photos_inspect
from .progress import activity_work_accepted

EDITABLE = (Submission.Status.DRAFT, Submission.Status.RETURNED)
MAX_BODY_CHARS = 60_000
MAX_COMMENT_CHARS = 2_000

_KIND_FOR_RULE = {
    CompletionRule.ATTENDANCE_AND_REPORT: Submission.Kind.TOUR_REPORT,
    CompletionRule.RUN_AND_REFLECTION: Submission.Kind.REFLECTION,
}


def submission_kind_for(activity: Page) -> str | None:
    """The kind of work an activity asks for (its completion rule says), or None."""
    specific = activity.specific
    if not isinstance(specific, LearningActivity):
        return None
    return _KIND_FOR_RULE.get(specific.completion_rule())


def _photo_storage():
    return SubmissionPhoto._meta.get_field("image").storage


def _check_enrolled(*, trainee, activity: Page, for_reviewer: bool = False) -> None:
    course = activity.get_parent()
    enrolled = (
        Enrolment.objects.filter(trainee=trainee, course_id=course.pk)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .exists()
    )
    if enrolled:
        return
    if for_reviewer:
        raise EngineRefusal(
            _("%(name)s is no longer enrolled in the course “%(title)s”.")
            % {"name": trainee, "title": course.title}
        )
    raise EngineRefusal(
        _("You are not enrolled in the course “%(title)s”.") % {"title": course.title}
    )


def _not_editable(submission: Submission) -> EngineRefusal:
    if submission.status == Submission.Status.ACCEPTED:
        return EngineRefusal(_("This work has been accepted and can no longer be changed."))
    return EngineRefusal(
        _("This work has been submitted for review and cannot be changed until it is returned.")
    )


def _clean_body(body: str, body_format: str) -> str:
    body = richtext_from_plain(body) if body_format == "text" else richtext_clean(body)
    if len(body) > MAX_BODY_CHARS:
        raise EngineRefusal(_("The text is too long. Please shorten it."))
    return body


def _enqueue_processing(photo_id: int) -> None:
    from ..tasks import submission_photo_process as task  # the tasks module imports services

    transaction.on_commit(partial(task.delay, photo_id), robust=True)


def _lock_or_create(*, actor, activity: Page, kind: str) -> tuple[Submission, bool]:
    """The trainee's work for the activity, row-locked; created as a draft if there is none."""
    mine = Submission.objects.select_for_update().filter(
        trainee=actor, activity_id=activity.pk, kind=kind
    )
    submission = mine.first()
    if submission is not None:
        return submission, False
    try:
        with transaction.atomic():
            return Submission.objects.create(trainee=actor, activity=activity, kind=kind), True
    except IntegrityError:
        # A second tab or an autosave created it a moment ago: that is the same outcome.
        return mine.get(), False


def _kind_or_refuse(activity: Page) -> str:
    kind = submission_kind_for(activity)
    if kind is None:
        raise EngineRefusal(
            _("No report or reflection is written for “%(title)s”.") % {"title": activity.title}
        )
    return kind


@transaction.atomic
def submission_start(*, actor, activity: Page) -> Submission:
    """The trainee's work for an activity, created as an empty draft if they have none yet."""
    kind = _kind_or_refuse(activity)
    _check_enrolled(trainee=actor, activity=activity)
    submission, created = _lock_or_create(actor=actor, activity=activity, kind=kind)
    if created:
        audit_record(actor=actor, action="submission.start", target=submission)
    return submission


def submission_save(
    *,
    actor,
    activity: Page,
    body: str,
    body_format: str = "html",
    new_photos=(),
    captions: dict[int, str] | None = None,
    remove_photo_ids=(),
) -> Submission:
    """Save the trainee's draft, creating it on the first save.

    ``body`` is the editor's HTML (``body_format="html"``) or the plain text of the fallback
    text box (``"text"``); either way only sanitised HTML is stored. ``new_photos`` are
    uploaded files; ``captions`` maps the ids of photos already attached to their captions.
    All of it is saved, or — when a photo is refused or the work is no longer editable —
    none of it.
    """
    kind = _kind_or_refuse(activity)
    body = _clean_body(body, body_format)
    cleaned = photos_inspect(new_photos)
    remove_photo_ids = {int(pk) for pk in remove_photo_ids}
    stored: list[str] = []
    storage = _photo_storage()
    try:
        with transaction.atomic():
            _check_enrolled(trainee=actor, activity=activity)
            submission, created = _lock_or_create(actor=actor, activity=activity, kind=kind)
            if submission.status not in EDITABLE:
                raise _not_editable(submission)

            photos = {photo.pk: photo for photo in submission.photos.all()}
            removed = [photos.pop(pk) for pk in sorted(remove_photo_ids) if pk in photos]
            if len(photos) + len(cleaned) > MAX_PHOTOS_PER_SUBMISSION:
                raise EngineRefusal(
                    _(
                        "A piece of work can have at most %(limit)d photos; this one would "
                        "have %(count)d. Remove some before adding more."
                    )
                    % {"limit": MAX_PHOTOS_PER_SUBMISSION, "count": len(photos) + len(cleaned)}
                )
            for photo in removed:
                name = photo.image.name
                photo.delete()
                transaction.on_commit(partial(storage.delete, name))
            for pk, caption in (captions or {}).items():
                photo = photos.get(int(pk))
                caption = (caption or "").strip()[:200]
                if photo is not None and photo.caption != caption:
                    photo.caption = caption
                    photo.save(update_fields=["caption"])
            for clean in cleaned:
                photo = SubmissionPhoto(
                    submission=submission,
                    extension=clean.extension,
                    width=clean.width,
                    height=clean.height,
                    state=SubmissionPhoto.State.PROCESSING,
                )
                # The model names the file at random; the uploaded name is never used.
                photo.image.save(f"photo.{clean.extension}", ContentFile(clean.content), save=False)
                stored.append(photo.image.name)
                photo.save()
                _enqueue_processing(photo.pk)

            now = timezone.now()
            changed = Submission.objects.filter(pk=submission.pk, status__in=EDITABLE).update(
                body=body, updated_at=now
            )
            if not changed:
                raise _not_editable(submission)
            audit_record(
                actor=actor,
                action="submission.create" if created else "submission.save",
                target=submission,
                photos_added=len(cleaned),
                photos_removed=len(removed),
            )
    except BaseException:
        # The rows are rolled back; the files written for them must go too.
        for name in stored:
            storage.delete(name)
        raise
    submission.refresh_from_db()
    return submission


def submission_photo_process(*, photo_id: int) -> SubmissionPhoto | None:
    """Decode and re-encode an uploaded photo, replacing the upload; the photo, or ``None`` if
    there was nothing to do.

    Run by the ``submission_photo_process`` task, with no user: the trainee's upload was checked
    when it was saved. Safe to run twice, or in two workers at once: the photo changes from
    ``processing`` by a compare-and-set on its state and file, and the run that loses deletes
    the file it wrote. The decoding happens outside the transaction, so no lock is held while it
    runs. A photo removed meanwhile is simply not there any more.
    """
    photo = (
        SubmissionPhoto.objects.select_related("submission")
        .filter(pk=photo_id, state=SubmissionPhoto.State.PROCESSING)
        .first()
    )
    if photo is None:
        return None
    storage = _photo_storage()
    original = photo.image.name
    try:
        with storage.open(original, "rb") as handle:
            clean = photo_process(handle.read(MAX_PHOTO_BYTES + 1))
    except (ValidationError, OSError):
        clean = None  # damaged, truncated, or its file is gone: the trainee chooses it again
    written = ""
    if clean is not None:
        photo.extension = clean.extension
        photo.image.save(f"photo.{clean.extension}", ContentFile(clean.content), save=False)
        written = photo.image.name
    try:
        with transaction.atomic():
            fields = {"state": SubmissionPhoto.State.FAILED}
            if clean is not None:
                fields = {
                    "state": SubmissionPhoto.State.READY,
                    "image": written,
                    "extension": clean.extension,
                    "width": clean.width,
                    "height": clean.height,
                }
            changed = SubmissionPhoto.objects.filter(
                pk=photo.pk, state=SubmissionPhoto.State.PROCESSING, image=original
            ).update(**fields)
            if not changed:
                if written:
                    storage.delete(written)
                return None
            # The upload still holds its metadata: it goes once the new state is committed.
            transaction.on_commit(partial(storage.delete, original))
            audit_record(
                actor=None,
                action="submission.photo_process",
                target=photo.submission,
                photo=photo.pk,
                state=fields["state"],
            )
    except BaseException:
        if written:
            storage.delete(written)
        raise
    photo.refresh_from_db()
    return photo


@transaction.atomic
def submission_submit(*, actor, submission: Submission) -> Submission:
    """Send the trainee's work for review. Submitting work already submitted does nothing."""
    if submission.trainee_id != actor.pk:
        raise NotAllowed(_("Only the trainee who wrote this work can submit it."))
    submission.refresh_from_db()
    if submission.status == Submission.Status.SUBMITTED:
        return submission
    if submission.status not in EDITABLE:
        raise _not_editable(submission)
    _check_enrolled(trainee=actor, activity=submission.activity)
    if not richtext_to_text(submission.body):
        raise EngineRefusal(_("Write your text before you submit it."))
    now = timezone.now()
    changed = Submission.objects.filter(pk=submission.pk, status__in=EDITABLE).update(
        status=Submission.Status.SUBMITTED, submitted_at=now, updated_at=now
    )
    submission.refresh_from_db()
    if not changed:
        # Another request moved it first; if that was a submission, this one changes nothing.
        if submission.status == Submission.Status.SUBMITTED:
            return submission
        raise _not_editable(submission)
    audit_record(actor=actor, action="submission.submit", target=submission)
    return submission


def _check_reviewer(*, actor, submission: Submission) -> None:
    if submission.trainee_id == actor.pk or not actor.has_perm("courses.review_work", submission):
        raise NotAllowed(_("You may not review this work."))


def _already_decided(submission: Submission) -> EngineRefusal:
    submission.refresh_from_db()
    if submission.status == Submission.Status.ACCEPTED:
        return EngineRefusal(_("This work has already been accepted."))
    if submission.status == Submission.Status.RETURNED:
        return EngineRefusal(_("This work has already been returned to the trainee."))
    return EngineRefusal(_("This work is not waiting for review."))


def _clean_comment(comment: str) -> str:
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT_CHARS:
        raise EngineRefusal(
            _("Comments may be at most %(limit)d characters.") % {"limit": MAX_COMMENT_CHARS}
        )
    return comment


@transaction.atomic
def submission_accept(*, actor, submission: Submission, comment: str = "") -> Submission:
    """Accept submitted work and report it to the engine's completion rules."""
    _check_reviewer(actor=actor, submission=submission)
    comment = _clean_comment(comment)
    _check_enrolled(trainee=submission.trainee, activity=submission.activity, for_reviewer=True)
    now = timezone.now()
    changed = Submission.objects.filter(
        pk=submission.pk, status=Submission.Status.SUBMITTED
    ).update(
        status=Submission.Status.ACCEPTED,
        reviewed_at=now,
        reviewed_by=actor,
        review_comment=comment,
        updated_at=now,
    )
    if not changed:
        raise _already_decided(submission)
    activity_work_accepted(trainee=submission.trainee, activity=submission.activity, actor=actor)
    audit_record(actor=actor, action="submission.accept", target=submission)
    submission.refresh_from_db()
    return submission


@transaction.atomic
def submission_return(*, actor, submission: Submission, comment: str) -> Submission:
    """Return submitted work to the trainee with comments on what to change."""
    _check_reviewer(actor=actor, submission=submission)
    comment = _clean_comment(comment)
    if not comment:
        raise EngineRefusal(_("Say what should change before you return the work."))
    now = timezone.now()
    changed = Submission.objects.filter(
        pk=submission.pk, status=Submission.Status.SUBMITTED
    ).update(
        status=Submission.Status.RETURNED,
        reviewed_at=now,
        reviewed_by=actor,
        review_comment=comment,
        updated_at=now,
    )
    if not changed:
        raise _already_decided(submission)
    audit_record(actor=actor, action="submission.return", target=submission, comment=comment)
    submission.refresh_from_db()
    return submission
