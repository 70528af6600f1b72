"""The studio's JSON API for trainees' quizzes, used by the attempt page's autosave.

Sessions authenticate it, as they do the pages, so every write needs Django's CSRF token (the
``X-CSRFToken`` header): django-ninja's ``django_auth`` checks it before anything else runs.
Attempts are reached only through ``courses.selectors`` and written only through
``courses.services.attempts``; what a response shows comes from ``courses.attempt_presenter``,
the same objects the pages render, so the API never shows more than the page.

Every error is JSON with a ``detail`` message in the user's language: 401/403 without a
session or a CSRF token, 404 for an id that is not the trainee's own (or not an id at all),
400 for a body that cannot be read, 422 for one of the wrong shape, 400 or 409 for a refusal
of the quiz's rules (409 when the attempt is no longer open, e.g. the time is up).
"""

from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Path, Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import django_auth

from .attempt_presenter import attempt_for_review, attempt_for_taking, quiz_overview
from .exceptions import EngineRefusal
from .models import Attempt
from .selectors import attempt_of, attempt_slots, quiz_for_trainee, quizzes_for
from .services.attempts import attempt_save_answers, attempt_submit

# The largest id the studio's URLs accept (``lms.converters.IdConverter``): anything longer is
# "not found" rather than a database error.
MAX_ID = 10**18 - 1
# An attempt has at most a few hundred questions; a request with more answers is malformed.
MAX_ANSWERS = 500

Id = Annotated[int, Path(..., ge=1, le=MAX_ID)]

api = NinjaAPI(
    title="Secretary Studio",
    version="1",
    urls_namespace="studio_api",
    auth=django_auth,
    docs_url=None,  # no Swagger page: it would load scripts from a CDN the machines cannot reach
)
attempts = Router(tags=["attempts"])
quizzes = Router(tags=["quizzes"])


class AnswersIn(Schema):
    """``{"answers": {"<question position>": <response in its type's shape>}}``."""

    answers: dict[str, Any] = Field(..., max_length=MAX_ANSWERS)


class SubmitIn(Schema):
    answers: dict[str, Any] | None = Field(None, max_length=MAX_ANSWERS)


def _json(request: HttpRequest, data: dict, status: int):
    return api.create_response(request, data, status=status)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _json(request, {"detail": _("Not found.")}, 404)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    messages = {
        400: _("The request could not be read. Please try again."),
        401: _("Please log in again."),
        403: _("The request was refused. Reload the page and try again."),
    }
    return _json(request, {"detail": messages.get(exc.status_code, str(exc))}, exc.status_code)


@api.exception_handler(NinjaValidationError)
def _malformed(request, exc):
    if any(error.get("loc", [""])[0] == "path" for error in exc.errors):
        return _not_found(request, exc)
    return _json(
        request,
        {
            "detail": _("The request does not have the expected form."),
            "errors": [
                {"loc": [str(part) for part in error.get("loc", ())], "msg": error.get("msg", "")}
                for error in exc.errors
            ],
        },
        422,
    )


def _refusal(request, error: DjangoValidationError, attempt_id: int):
    """A refusal in the user's language; 409 with the review's address once the attempt has
    closed (submitted, or the time ran out), so the page knows to go there."""
    state = Attempt.objects.filter(pk=attempt_id).values_list("state", flat=True).first()
    data = {"detail": " ".join(error.messages), "messages": error.messages, "state": state}
    if state is not None and state != Attempt.State.IN_PROGRESS:
        data["review_url"] = reverse("courses:quiz-review", args=[attempt_id])
        return _json(request, data, 409)
    return _json(request, data, 400)


@attempts.get("/{attempt_id}", url_name="attempt")
def attempt_detail(request, attempt_id: Id):
    """The attempt as its page shows it: questions, options as shown, saved responses, and
    the deadline with the server's clock (the phone's own clock may be wrong)."""
    attempt = attempt_of(trainee=request.user, attempt_id=attempt_id)
    return attempt_for_taking(attempt, attempt_slots(attempt)).as_json()


@attempts.put("/{attempt_id}/answers", url_name="attempt-answers")
def attempt_answers(request, attempt_id: Id, payload: AnswersIn):
    """Keep answers as the trainee gives them: all of the request, or none of it."""
    try:
        attempt = attempt_save_answers(
            trainee=request.user, attempt_id=attempt_id, answers=payload.answers
        )
    except EngineRefusal as error:
        return _refusal(request, error, attempt_id)
    # Read after the commit: a page whose server_now is later than this shows these answers.
    saved_at = timezone.now()
    return {
        "saved": len(payload.answers),
        "state": attempt.state,
        "saved_at": timezone.localtime(saved_at).isoformat(),
        "saved_at_ms": int(saved_at.timestamp() * 1000),
    }


@attempts.post("/{attempt_id}/submit", url_name="attempt-submit")
def attempt_submit_view(request, attempt_id: Id, payload: SubmitIn | None = None):
    """Hand the attempt in (with last answers, if any). A second call changes nothing."""
    answers = payload.answers if payload else None
    try:
        attempt = attempt_submit(trainee=request.user, attempt_id=attempt_id, answers=answers)
    except EngineRefusal as error:
        return _refusal(request, error, attempt_id)
    return {
        "state": attempt.state,
        "state_label": str(attempt.get_state_display()),
        "review_url": reverse("courses:quiz-review", args=[attempt.pk]),
    }


@attempts.get("/{attempt_id}/review", url_name="attempt-review")
def attempt_review(request, attempt_id: Id):
    """The review, showing only what the quiz's review options allow now."""
    attempt = attempt_of(trainee=request.user, attempt_id=attempt_id)
    if attempt.is_open:
        return _json(
            request,
            {"detail": _("This attempt is still in progress."), "state": attempt.state},
            409,
        )
    return attempt_for_review(attempt, attempt_slots(attempt)).as_json()


@quizzes.get("/{quiz_id}", url_name="quiz")
def quiz_status(request, quiz_id: Id):
    """A published quiz and where the trainee stands with it."""
    quiz = quiz_for_trainee(quiz_id=quiz_id)
    status = next(
        s for s in quizzes_for(trainee=request.user, activity=quiz.activity) if s.quiz.pk == quiz.pk
    )
    return quiz_overview(status).as_json()


api.add_router("/attempts", attempts)
api.add_router("/quizzes", quizzes)
