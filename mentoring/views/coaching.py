"""The coaching log (带教记录): a mentor's page for one trainee, and the small forms that act on
a session or an agreed action.

Access comes from the selectors: a mentor opens the log of a trainee they mentor or mentored
(a past trainee's log is read-only: no forms, and a POST is refused), the office any trainee's;
for anyone else the trainee is "not found". The services decide every write and refuse with a
message; the private notes reach the page only through ``visible_private_notes``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import selectors
from ..forms.coaching import (
    AcknowledgeForm,
    ActionStatusForm,
    AgreedActionForm,
    AgreedActionFormSet,
    CoachingSessionForm,
)
from ..models import AgreedAction
from ..services import (
    coaching_action_add,
    coaching_action_set_status,
    coaching_session_acknowledge,
    coaching_session_log,
)

ACTIONS_PREFIX = "actions"


def optional_url(name: str, *args) -> str | None:
    """The address of a page another area provides, or None while it does not exist yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def refusal_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def form_problems(*forms) -> str:
    """Every error of these forms in one line, for a message after a redirect."""
    texts = []
    for form in forms:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            texts += [f"{label}: {error}" if label else str(error) for error in errors]
    return " ".join(texts)


def add_action_prefix(session) -> str:
    return f"add{session.pk}"


def acknowledge_prefix(session) -> str:
    return f"ack{session.pk}"


def _log_url(trainee_id: int, anchor: str = "") -> str:
    url = reverse("mentoring:coaching-trainee", args=[trainee_id])
    return f"{url}#{anchor}" if anchor else url


def _back_to(user, session, anchor: str) -> str:
    """The trainee returns to their mentoring page, everyone else to the trainee's log."""
    if session.trainee_id == user.pk:
        return f"{reverse('mentoring:my-mentoring')}#{anchor}"
    return _log_url(session.trainee_id, anchor)


def _trainee_or_404(request, trainee_id: int):
    trainee = selectors.coaching_log_trainee_for(viewer=request.user, trainee_id=trainee_id)
    if trainee is None:
        raise Http404
    return trainee


@login_required
@require_http_methods(["GET", "POST"])
def coaching_trainee(request, trainee_id: int):
    """The trainee's coaching log; a current mentor (or the office) logs a session here."""
    trainee = _trainee_or_404(request, trainee_id)
    if request.method == "POST":
        if not trainee.can_edit:
            raise PermissionDenied
        return _log_session(request, trainee)
    return _render_log(request, trainee)


def _log_session(request, trainee):
    mentors = list(selectors.current_mentors_of(trainee))
    form = CoachingSessionForm(request.POST, mentors=_mentor_choices(request.user, mentors))
    actions = AgreedActionFormSet(request.POST, prefix=ACTIONS_PREFIX)
    if not (form.is_valid() and actions.is_valid()):
        messages.error(request, _("Nothing was saved: correct the problems shown below."))
        return _render_log(request, trainee, form=form, actions=actions, status=400)
    try:
        session = coaching_session_log(
            actor=request.user,
            trainee=trainee,
            actions=actions.agreed_actions(),
            **form.session_fields(),
        )
    except ValidationError as error:
        messages.error(request, refusal_text(error))
        return _render_log(request, trainee, form=form, actions=actions, status=400)
    messages.success(
        request,
        _("The session of %(date)s is in the log.") % {"date": session.held_on.isoformat()},
    )
    return redirect(_log_url(trainee.pk, f"session-{session.pk}"))


def _mentor_choices(user, mentors):
    """Whom the session is logged for: a current mentor logs their own (no choice); the office
    names one of the trainee's current mentors."""
    if any(assignment.mentor_id == user.pk for assignment in mentors):
        return None
    return [assignment.mentor for assignment in mentors]


def _render_log(request, trainee, *, form=None, actions=None, status=200):
    user = request.user
    mentors = list(selectors.current_mentors_of(trainee))
    sessions = selectors.coaching_log_for(viewer=user, trainee=trainee)
    may_log = bool(trainee.can_edit and mentors)
    if may_log and form is None:
        form = CoachingSessionForm(
            mentors=_mentor_choices(user, mentors), initial={"held_on": timezone.localdate()}
        )
    if may_log and actions is None:
        actions = AgreedActionFormSet(prefix=ACTIONS_PREFIX)
    rows = [
        (
            session,
            AgreedActionForm(prefix=add_action_prefix(session)) if trainee.can_edit else None,
        )
        for session in sessions
    ]
    overdue = [a for session in sessions for a in session.agreed_actions if a.is_overdue]
    return render(
        request,
        "mentoring/coaching/trainee_log.html",
        {
            "trainee": trainee,
            "mentors": mentors,
            "rows": rows,
            "overdue": overdue,
            "may_edit": trainee.can_edit,
            "form": form if may_log else None,
            "actions": actions if may_log else None,
            "readiness_url": optional_url("mentoring:readiness", trainee.pk),
            "evaluations_url": optional_url("mentoring:evaluation-trainee", trainee.pk),
        },
        status=status,
    )


@login_required
@require_POST
def coaching_action_add_view(request, pk: int):
    """A current mentor (or the office) adds an agreed action to a session afterwards."""
    session = get_object_or_404(selectors.coaching_sessions_visible_to(request.user), pk=pk)
    form = AgreedActionForm(request.POST, prefix=add_action_prefix(session))
    anchor = f"session-{session.pk}"
    if not form.is_valid():
        messages.error(
            request, _("The action was not added: %(problems)s") % {"problems": form_problems(form)}
        )
        return redirect(_back_to(request.user, session, anchor))
    try:
        coaching_action_add(actor=request.user, session=session, **form.action_fields())
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("The action was added."))
    return redirect(_back_to(request.user, session, anchor))


@login_required
@require_POST
def coaching_action_status(request, pk: int):
    """Mark an action done, dropped or open again; the trainee may mark their own done."""
    action = get_object_or_404(selectors.actions_visible_to(request.user), pk=pk)
    form = ActionStatusForm(request.POST)
    anchor = f"action-{action.pk}"
    if not form.is_valid():
        messages.error(request, _("Choose the action's new status."))
        return redirect(_back_to(request.user, action.session, anchor))
    try:
        action = coaching_action_set_status(
            actor=request.user, action=action, status=form.cleaned_data["status"]
        )
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        done = {
            AgreedAction.Status.OPEN: _("“%(action)s” is open again."),
            AgreedAction.Status.DONE: _("“%(action)s” is marked as done."),
            AgreedAction.Status.DROPPED: _("“%(action)s” is dropped."),
        }[action.status]
        messages.success(request, done % {"action": action.description})
    return redirect(_back_to(request.user, action.session, anchor))


@login_required
@require_POST
def coaching_acknowledge(request, pk: int):
    """The trainee confirms a session and adds (or revises) their reflection."""
    session = get_object_or_404(selectors.coaching_sessions_visible_to(request.user), pk=pk)
    form = AcknowledgeForm(request.POST, prefix=acknowledge_prefix(session))
    anchor = f"session-{session.pk}"
    if not form.is_valid():
        messages.error(
            request,
            _("Nothing was saved: %(problems)s") % {"problems": form_problems(form)},
        )
        return redirect(_back_to(request.user, session, anchor))
    try:
        coaching_session_acknowledge(
            actor=request.user, session=session, reflection=form.cleaned_data["reflection"]
        )
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Thank you: the session is acknowledged."))
    return redirect(_back_to(request.user, session, anchor))
