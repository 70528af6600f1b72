"""A quiz's own page: its rules, the trainee's attempts so far, and the button to start.

Starting (or continuing) is a POST to ``attempt_start``, which resumes the open attempt rather
than starting a second one, so a double tap or a reload of the form is harmless. The rules of
the quiz (enrolment, dates, the number of attempts) are the service's to decide: a refusal
comes back as a message on this page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from ..attempt_presenter import quiz_overview
from ..exceptions import EngineRefusal
from ..selectors import quiz_for_trainee, quizzes_for
from ..services.attempts import attempt_start


def _overview(request, quiz_id: int):
    quiz = quiz_for_trainee(quiz_id=quiz_id)
    status = next(
        s for s in quizzes_for(trainee=request.user, activity=quiz.activity) if s.quiz.pk == quiz.pk
    )
    return quiz, quiz_overview(status)


@login_required
@require_GET
def quiz_detail(request, quiz_id: int):
    """The quiz's introduction and rules, and the trainee's attempts with what may be shown."""
    quiz, overview = _overview(request, quiz_id)
    return render(
        request,
        "courses/quiz/quiz.html",
        {"quiz": quiz, "activity": quiz.activity, "overview": overview},
    )


@login_required
@require_POST
def quiz_start(request, quiz_id: int):
    """Start an attempt, or go back to the open one."""
    quiz = quiz_for_trainee(quiz_id=quiz_id)
    try:
        attempt = attempt_start(trainee=request.user, quiz=quiz)
    except EngineRefusal as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("courses:quiz", quiz_id=quiz.pk)
    return redirect("courses:quiz-attempt", attempt_id=attempt.pk)
