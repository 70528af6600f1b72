"""The attempt page (every question on one page, for phones) and the review page.

The attempt page is a plain form: without JavaScript, "Save" and "Submit" post every answer
and the server turns the fields into the response shapes the question types read (below).
With JavaScript (``courses/static/courses/quiz.js``) the same page saves each answer through
the API as the trainee goes, keeps unsent answers on the phone, counts down to the deadline the
server gave, and submits the form when the time is up. Either way the services decide: the
server's clock, not the phone's, says whether an answer still counts.

What the pages show comes from ``courses.attempt_presenter``, the API's source too.
"""

import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..attempt_presenter import ShownQuestion, attempt_for_review, attempt_for_taking
from ..exceptions import EngineRefusal
from ..models import Attempt
from ..richtext import richtext_from_plain
from ..selectors import attempt_of, attempt_slots
from ..services.attempts import attempt_close_overdue, attempt_save_answers, attempt_submit

MOVES = {"up": -1, "down": 1}


# From the form's fields to responses ---------------------------------------------------------


def _radio(question: ShownQuestion, post, name):
    value = post.get(name, "")
    return {question.response_key: value} if value else None


def _checkbox(question, post, name):
    values = post.getlist(name)
    return {"choices": values} if values else None


def _typed(question, post, name):
    return {"text": post.get(name, "")}


def _essay(question, post, name):
    # The text box holds plain text; the question type keeps essays as (cleaned) HTML.
    return {"text": richtext_from_plain(post.get(name, ""))}


def _matching(question, post, name):
    return {"pairs": {str(o["id"]): post.get(f"{name}-{o['id']}", "") for o in question.options}}


def _ordering(question, post, name):
    return {"order": post.getlist(f"{name}-order")}


FROM_FIELDS = {
    "radio": _radio,
    "checkbox": _checkbox,
    "text": _typed,
    "number": _typed,
    "essay": _essay,
    "match": _matching,
    "order": _ordering,
}


def _field_name(question: ShownQuestion) -> str:
    return f"q{question.position}"


def answers_from_post(questions: list[ShownQuestion], post) -> dict[str, dict | None]:
    """The answers a posted attempt form carries, by question position.

    Only questions the form showed count (each carries a ``q<n>-shown`` marker), so a partial
    or stale form never clears an answer it did not show. An ordering question's order counts
    once the trainee has moved an item (``q<n>-touched``): the order it was shown in is not
    an answer.
    """
    answers = {}
    for question in questions:
        name = _field_name(question)
        if not post.get(f"{name}-shown"):
            continue
        if question.input_kind == "order" and not post.get(f"{name}-touched"):
            continue
        answers[str(question.position)] = FROM_FIELDS[question.input_kind](question, post, name)
    return answers


def _apply_move(action: str, answers: dict, questions: list[ShownQuestion]) -> str:
    """Move an item of an ordering question one place ("move:<position>:<item id>:up"), the
    way the up and down buttons do without JavaScript. Returns the anchor to come back to."""
    try:
        _verb, position, item, direction = action.split(":")
        step = MOVES[direction]
    except (ValueError, KeyError):
        return ""
    question = next((q for q in questions if str(q.position) == position), None)
    if question is None or question.input_kind != "order":
        return ""
    order = answers.get(position, {}).get("order") or [
        str(option["id"]) for option in question.form_options
    ]
    order = [str(value) for value in order]
    if item not in order:
        return ""
    index = order.index(item)
    target = index + step
    if 0 <= target < len(order):
        order[index], order[target] = order[target], order[index]
    answers[position] = {"order": order}
    return f"#q{position}-item-{item}"


def _with_posted(shown, answers: dict):
    """The page again with what was just sent in place of the saved answers (after a refusal,
    so the trainee can correct them rather than type them again). Each answer is cleaned by
    its type where it can be, so the page shows it as it shows a saved one."""
    slots = {slot.position: slot for slot in shown.slots}
    questions = []
    for question in shown.view.questions:
        key = str(question.position)
        if key in answers:
            try:
                slot = slots[question.position]
                response = slot.response_for_trainee(
                    slot.question.clean_response(slot.response_from_trainee(answers[key]))
                )
            except ValueError:
                response = answers[key]
            question = dataclasses.replace(question, response=response)
        questions.append(question)
    return dataclasses.replace(shown.view, questions=questions)


@dataclasses.dataclass
class _Loaded:
    attempt: Attempt
    slots: list
    view: object


def _load(request, attempt_id: int) -> _Loaded:
    # The clock is read before the answers: the page then shows every answer saved before
    # ``server_now``, which is how quiz.js knows whether an answer it saved a moment ago
    # (during a reload) is on the page or has to be put back.
    now = timezone.now()
    attempt = attempt_of(trainee=request.user, attempt_id=attempt_id)
    slots = attempt_slots(attempt) if attempt.is_open else []
    return _Loaded(attempt, slots, attempt_for_taking(attempt, slots, now=now))


def _render_attempt(request, view, *, errors=(), status=200):
    attempt = view.attempt
    return render(
        request,
        "courses/quiz/attempt.html",
        {
            "view": view,
            "attempt": attempt,
            "quiz": attempt.quiz,
            "activity": attempt.quiz.activity,
            "errors": list(errors),
            "api_answers_url": reverse("studio_api:attempt-answers", args=[attempt.pk]),
            "review_url": reverse("courses:quiz-review", args=[attempt.pk]),
        },
        status=status,
    )


def _time_is_up(attempt: Attempt) -> bool:
    """Whether the sweeper would close the attempt now: then the page closes it instead.

    ``attempt_close_overdue`` applies the grace period itself and does nothing otherwise.
    """
    if attempt.deadline_at is None or timezone.now() <= attempt.deadline_at:
        return False
    return attempt_close_overdue(attempt_id=attempt.pk)


@login_required
@require_http_methods(["GET", "POST"])
def attempt_page(request, attempt_id: int):
    """Every question of the attempt on one page; a POST saves, moves an item, or submits."""
    loaded = _load(request, attempt_id)
    attempt = loaded.attempt
    if not attempt.is_open:
        if request.method == "POST" and request.POST.get("action") == "submit":
            messages.info(request, _("This attempt has already been submitted."))
        return redirect("courses:quiz-review", attempt_id=attempt.pk)
    if request.method == "GET":
        if _time_is_up(attempt):
            messages.error(
                request, _("The time is up. Your answers saved before then were submitted.")
            )
            return redirect("courses:quiz-review", attempt_id=attempt.pk)
        return _render_attempt(request, loaded.view)

    action = request.POST.get("action", "save")
    answers = answers_from_post(loaded.view.questions, request.POST)
    anchor = (
        _apply_move(action, answers, loaded.view.questions) if action.startswith("move:") else ""
    )
    try:
        if action == "submit":
            attempt_submit(trainee=request.user, attempt_id=attempt.pk, answers=answers)
        else:
            attempt_save_answers(trainee=request.user, attempt_id=attempt.pk, answers=answers)
    except EngineRefusal as error:
        attempt.refresh_from_db(fields=["state"])
        if not attempt.is_open:
            for message in error.messages:
                messages.error(request, message)
            return redirect("courses:quiz-review", attempt_id=attempt.pk)
        return _render_attempt(
            request, _with_posted(loaded, answers), errors=error.messages, status=400
        )
    if action == "submit":
        messages.success(request, _("Your answers have been submitted."))
        return redirect("courses:quiz-review", attempt_id=attempt.pk)
    if not anchor:
        messages.success(request, _("Your answers are saved."))
    return redirect(reverse("courses:quiz-attempt", args=[attempt.pk]) + anchor)


@login_required
@require_GET
def review_page(request, attempt_id: int):
    """The submitted attempt: the trainee's responses, and what the review options allow."""
    attempt = attempt_of(trainee=request.user, attempt_id=attempt_id)
    if attempt.is_open:
        return redirect("courses:quiz-attempt", attempt_id=attempt.pk)
    review = attempt_for_review(attempt, attempt_slots(attempt))
    return render(
        request,
        "courses/quiz/review.html",
        {
            "review": review,
            "attempt": attempt,
            "quiz": attempt.quiz,
            "activity": attempt.quiz.activity,
        },
    )
