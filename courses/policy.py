"""Who may enrol in a course, and when: one set of rules for the service and the page.

The service raises the refusal; the course page shows it in place of the enrol button, so a
trainee sees why before they try.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms.people.roles import MANAGE_ENROLMENTS, TRAINEE, user_has_role

from .exceptions import EngineRefusal, NotAllowed
from .models import Enrolment


def course_with_policy(course: Page):
    """The specific course page, which carries the enrolment policy fields."""
    specific = course.specific
    if not hasattr(specific, "allow_self_enrolment"):
        raise EngineRefusal(_("“%(title)s” is not a course.") % {"title": course.title})
    return specific


def unmet_prerequisites(trainee, course) -> list[Page]:
    required = list(course.prerequisites.all())
    if not required:
        return []
    done = set(
        Enrolment.objects.filter(
            trainee=trainee, course__in=required, status=Enrolment.Status.COMPLETED
        ).values_list("course_id", flat=True)
    )
    return [page for page in required if page.pk not in done]


def check_may_enrol(*, actor, trainee, course, now=None) -> None:
    """Raise NotAllowed or EngineRefusal, with the reason, unless ``actor`` may enrol them."""
    # Enrolling oneself follows the trainee's rules, whoever one is: office staff who take a
    # course enrol like everyone else.
    acting_for_self = actor.pk == trainee.pk
    if not acting_for_self and not actor.has_perm(MANAGE_ENROLMENTS):
        raise NotAllowed(_("Only the training office can enrol other people."))
    if acting_for_self:
        if not user_has_role(actor, TRAINEE):
            raise NotAllowed(_("Only trainees can enrol themselves."))
        if not course.allow_self_enrolment:
            raise EngineRefusal(_("This course takes enrolments from the training office only."))
        now = now or timezone.now()
        if course.enrolment_opens_at and now < course.enrolment_opens_at:
            raise EngineRefusal(
                _("Enrolment opens on %(date)s.")
                % {"date": timezone.localtime(course.enrolment_opens_at).strftime("%Y-%m-%d %H:%M")}
            )
        if course.enrolment_closes_at and now > course.enrolment_closes_at:
            raise EngineRefusal(_("Enrolment for this course has closed."))
    if not course.live:
        raise EngineRefusal(_("This course is not published."))
    missing = unmet_prerequisites(trainee, course)
    if missing:
        raise EngineRefusal(
            _("Complete these courses first: %(titles)s")
            % {"titles": "、".join(page.title for page in missing)}
        )


def self_enrolment_refusal(*, user, course) -> str | None:
    """Why the user may not enrol themselves now, or None when they may."""
    from django.core.exceptions import PermissionDenied, ValidationError

    if not user.is_authenticated:
        return _("Log in to enrol.")
    try:
        check_may_enrol(actor=user, trainee=user, course=course_with_policy(course))
    except ValidationError as refusal:
        return " ".join(refusal.messages)
    except PermissionDenied as refusal:
        return str(refusal)
    return None
