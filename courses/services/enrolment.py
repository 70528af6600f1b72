"""Enrolment in courses and membership of small-class cohorts."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms.audit.services import audit_record
from lms.people.roles import MANAGE_ENROLMENTS

from ..exceptions import EngineRefusal, NotAllowed
from ..models import Cohort, CohortMembership, Enrolment
from ..policy import check_may_enrol, course_with_policy


@transaction.atomic
def enrolment_create(*, actor, trainee, course: Page, cohort: Cohort | None = None) -> Enrolment:
    """Enrol a trainee. Enrolling twice returns the existing enrolment; a withdrawn one resumes."""
    course = course_with_policy(course)
    existing = Enrolment.objects.select_for_update().filter(trainee=trainee, course=course).first()
    if existing and existing.status != Enrolment.Status.WITHDRAWN:
        return existing
    check_may_enrol(actor=actor, trainee=trainee, course=course)
    if existing:
        existing.status = Enrolment.Status.ACTIVE
        existing.withdrawn_at = None
        existing.withdrawal_reason = ""
        existing.cohort = cohort or existing.cohort
        existing.save()
        audit_record(actor=actor, action="enrolment.resume", target=existing)
        return existing
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(
                trainee=trainee, course=course, cohort=cohort, enrolled_by=actor
            )
    except IntegrityError:
        # A concurrent request enrolled the same trainee first: that is the same outcome.
        return Enrolment.objects.get(trainee=trainee, course=course)
    audit_record(
        actor=actor,
        action="enrolment.create",
        target=enrolment,
        course=course.pk,
        cohort=cohort.pk if cohort else None,
    )
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, actor, enrolment: Enrolment, reason: str) -> Enrolment:
    """Withdraw a trainee; their progress, hours and submissions stay on record."""
    if not actor.has_perm(MANAGE_ENROLMENTS):
        raise NotAllowed(_("Only the training office can withdraw a trainee."))
    reason = (reason or "").strip()
    if not reason:
        raise EngineRefusal(_("Give a reason for the withdrawal."))
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == Enrolment.Status.WITHDRAWN:
        return enrolment
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.withdrawn_at = timezone.now()
    enrolment.withdrawal_reason = reason[:200]
    enrolment.save()
    audit_record(actor=actor, action="enrolment.withdraw", target=enrolment, reason=reason)
    return enrolment


@transaction.atomic
def cohort_add_trainee(*, actor, cohort: Cohort, trainee) -> CohortMembership:
    """Add a trainee to a cohort; the size cap holds even when two additions race."""
    if not actor.has_perm(MANAGE_ENROLMENTS):
        raise NotAllowed(_("Only the training office can form cohorts."))
    # Lock the cohort row so concurrent additions count members one after the other.
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    existing = CohortMembership.objects.filter(cohort=cohort, trainee=trainee).first()
    if existing:
        return existing
    if CohortMembership.objects.filter(cohort=cohort).count() >= cohort.capacity:
        raise EngineRefusal(
            _("Cohort “%(name)s” is full (%(cap)d trainees).")
            % {"name": cohort.name, "cap": cohort.capacity}
        )
    membership = CohortMembership.objects.create(cohort=cohort, trainee=trainee)
    audit_record(actor=actor, action="cohort.add", target=cohort, trainee=trainee.pk)
    return membership


@transaction.atomic
def cohort_remove_trainee(*, actor, cohort: Cohort, trainee) -> None:
    if not actor.has_perm(MANAGE_ENROLMENTS):
        raise NotAllowed(_("Only the training office can form cohorts."))
    deleted, _rows = CohortMembership.objects.filter(cohort=cohort, trainee=trainee).delete()
    if deleted:
        audit_record(actor=actor, action="cohort.remove", target=cohort, trainee=trainee.pk)


@transaction.atomic
def cohort_enrol_course(*, actor, cohort: Cohort, course: Page) -> list[Enrolment]:
    """Enrol every member of the cohort; one refusal refuses all (nothing half-done)."""
    if not actor.has_perm(MANAGE_ENROLMENTS):
        raise NotAllowed(_("Only the training office can enrol a cohort."))
    members = list(cohort.members.order_by("pk"))
    return [
        enrolment_create(actor=actor, trainee=member, course=course, cohort=cohort)
        for member in members
    ]


class EnrolmentImportRefused(EngineRefusal):
    """An enrolment sheet with problems; ``problems`` lists each row's, nothing was saved."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(
            _("Nothing was enrolled: %(count)d rows need correcting.")
            % {"count": len({p.row for p in problems})}
        )


@transaction.atomic
def enrolment_import(*, actor, course: Page, rows) -> list[Enrolment]:
    """Enrol everyone in the sheet, each into their cohort if named; all or nothing."""
    from django.contrib.auth import get_user_model

    from ..enrolment_roster import EnrolmentProblem

    if not actor.has_perm(MANAGE_ENROLMENTS):
        raise NotAllowed(_("Only the training office can enrol other people."))
    course = course_with_policy(course)
    user_model = get_user_model()
    usernames = {row.username for row in rows if row.username}
    mobiles = {row.mobile for row in rows if row.mobile}
    people = list(user_model.objects.filter(Q(username__in=usernames) | Q(mobile__in=mobiles)))
    by_username = {person.username: person for person in people}
    by_mobile = {person.mobile: person for person in people if person.mobile}
    cohorts = {c.name: c for c in Cohort.objects.filter(programme_id=course.get_parent().pk)}

    problems, enrolments, seen = [], [], {}
    for row in rows:
        person = by_username.get(row.username) if row.username else by_mobile.get(row.mobile)
        if person is None:
            problems.append(EnrolmentProblem(row.row, _("No person with this username or mobile.")))
            continue
        if row.username and row.mobile and by_mobile.get(row.mobile) != person:
            problems.append(
                EnrolmentProblem(
                    row.row, _("The username and the mobile belong to different people.")
                )
            )
            continue
        if person.pk in seen:
            problems.append(
                EnrolmentProblem(
                    row.row,
                    _("%(name)s is already listed in row %(row)d.")
                    % {"name": person, "row": seen[person.pk]},
                )
            )
            continue
        seen[person.pk] = row.row
        cohort = None
        if row.cohort:
            cohort = cohorts.get(row.cohort)
            if cohort is None:
                problems.append(
                    EnrolmentProblem(
                        row.row,
                        _("No cohort “%(name)s” in this course's programme.")
                        % {"name": row.cohort},
                    )
                )
                continue
        try:
            with transaction.atomic():
                if cohort:
                    cohort_add_trainee(actor=actor, cohort=cohort, trainee=person)
                enrolments.append(
                    enrolment_create(actor=actor, trainee=person, course=course, cohort=cohort)
                )
        except EngineRefusal as refusal:
            problems.append(EnrolmentProblem(row.row, " ".join(refusal.messages)))
    if problems:
        raise EnrolmentImportRefused(problems)
    return enrolments


@transaction.atomic
def cohort_save(*, actor, instance: Cohort) -> Cohort:
    """Create or change a cohort; its programme must be a page that holds courses."""
    from ..curriculum import course_pages

    if not actor.has_perm(MANAGE_ENROLMENTS):
        raise NotAllowed(_("Only the training office can form cohorts."))
    instance.full_clean()
    programme = instance.programme
    if not course_pages().child_of(programme).exists() and not any(
        hasattr(model, "allow_self_enrolment")
        for model in programme.specific_class.allowed_subpage_models()
    ):
        raise EngineRefusal({"programme": _("Choose a programme: a page that holds courses.")})
    if instance.pk:
        members = CohortMembership.objects.filter(cohort_id=instance.pk).count()
        if members > instance.capacity:
            raise EngineRefusal(
                {
                    "capacity": _("The cohort already has %(n)d trainees; the cap cannot be lower.")
                    % {"n": members}
                }
            )
    created = instance.pk is None
    instance.save()
    audit_record(
        actor=actor, action="cohort.create" if created else "cohort.change", target=instance
    )
    return instance
