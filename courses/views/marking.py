"""Marking written answers (essays) of quiz attempts, on the phone as at a desk.

Access follows the review of written work: the queue is for people who review anyone's work
(403 for others, like the submissions queue), and an answer is reached only by someone
``courses.review_work`` allows for its trainee; anyone else is told it does not exist (404).
The form checks the numbers' shape and range; the service decides and writes, and a refusal
(a release before every answer is marked) becomes a message with nothing saved.
"""

import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ..exceptions import EngineRefusal, NotAllowed
from ..richtext import richtext_clean, richtext_from_plain
from ..selectors import answer_to_mark, answers_to_mark, attempts_to_release, reviews_work
from ..services.attempts import attempt_mark_slot

QUEUE_PAGE_SIZE = 50
MAX_COMMENT_CHARS = 5000
RELEASE = "release"


_LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z/!]")


def _html(value) -> str:
    # Question text, markers' information and essays are HTML from the bank, an import or a
    # trainee's browser; cleaned again on the way out, so no stored row can run a script here.
    return mark_safe(richtext_clean(str(value or "")))  # noqa: S308 (cleaned by nh3 first)


def _notes_html(value) -> str:
    """Markers' information: typed in the bank as plain text, or HTML from a Moodle import."""
    value = str(value or "")
    if _LOOKS_LIKE_HTML.search(value):
        return _html(value)
    return mark_safe(richtext_from_plain(value))  # noqa: S308 (escaped, then cleaned)


def _essay_html(slot) -> str:
    return _html((slot.response or {}).get("text", ""))


class MarkForm(forms.Form):
    """Points for each rubric criterion, or one mark when the essay has no rubric."""

    comment = forms.CharField(
        label=gettext_lazy("Comment for the trainee"),
        required=False,
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Shown to the trainee with the mark, when the quiz shows marks."),
    )

    def __init__(self, *args, slot, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(slot.question.criteria.all())
        for criterion in self.criteria:
            self.fields[self.criterion_field(criterion)] = forms.IntegerField(
                label=criterion.title, min_value=0, max_value=criterion.max_points
            )
        if not self.criteria:
            self.fields["mark"] = forms.DecimalField(
                label=gettext_lazy("Mark"),
                min_value=0,
                max_value=slot.max_mark,
                max_digits=8,
                decimal_places=2,
            )

    @staticmethod
    def criterion_field(criterion) -> str:
        return f"criterion-{criterion.pk}"

    @classmethod
    def initial_for(cls, slot) -> dict:
        """What the marker gave last time, so a second visit starts from it."""
        initial = {"comment": slot.marker_comment}
        if slot.marked_at is None:
            return initial
        for criterion in slot.question.criteria.all():
            points = (slot.rubric_scores or {}).get(str(criterion.pk))
            if points is not None:
                initial[cls.criterion_field(criterion)] = points
        initial["mark"] = slot.mark
        return initial

    def rows(self) -> list[tuple]:
        """Each criterion with its input, in rubric order, for the template."""
        return [(criterion, self[self.criterion_field(criterion)]) for criterion in self.criteria]

    def rubric_scores(self) -> dict[int, int] | None:
        if not self.criteria:
            return None
        return {c.pk: self.cleaned_data[self.criterion_field(c)] for c in self.criteria}


@login_required
@require_GET
def marking_queue(request):
    """Answers waiting for this marker, oldest submission first, and results ready to release."""
    if not reviews_work(request.user):
        raise PermissionDenied
    page = Paginator(answers_to_mark(request.user), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "courses/marking/queue.html",
        {
            "page_obj": page,
            "to_release": attempts_to_release(request.user)[:QUEUE_PAGE_SIZE],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def marking_answer(request, pk: int):
    """Read the question and the essay; give points against the rubric, a comment, and release
    the result once every written answer of the attempt is marked."""
    case = answer_to_mark(user=request.user, slot_id=pk)
    slot = case.slot
    if request.method == "POST" and case.released:
        messages.info(request, _("This result has already been released."))
        return redirect("courses:marking-answer", pk=slot.pk)

    form = MarkForm(request.POST or None, slot=slot, initial=MarkForm.initial_for(slot))
    if request.method == "POST" and form.is_valid():
        release = request.POST.get("action") == RELEASE
        try:
            attempt_mark_slot(
                marker=request.user,
                slot_id=slot.pk,
                comment=form.cleaned_data["comment"],
                rubric_scores=form.rubric_scores(),
                mark=form.cleaned_data.get("mark"),
                release=release,
            )
        except NotAllowed as error:
            raise Http404 from error
        except EngineRefusal as error:
            form.add_error(None, error)
        else:
            if release:
                messages.success(request, _("The result has been released to the trainee."))
                return redirect("courses:marking-queue")
            messages.success(request, _("The mark has been saved."))
            return redirect("courses:marking-answer", pk=slot.pk)

    question = slot.question
    return render(
        request,
        "courses/marking/answer.html",
        {
            "case": case,
            "slot": slot,
            "attempt": case.attempt,
            "question": question,
            "question_html": _html(question.text),
            "grader_html": _notes_html(getattr(question, "grader_info", "")),
            "essay_html": _essay_html(slot),
            "form": form,
            "criteria_rows": form.rows(),
            "possible_points": sum(c.max_points for c in form.criteria),
            "others": [(other, _essay_html(other)) for other in case.others],
            "release_value": RELEASE,
        },
        status=400 if request.method == "POST" else 200,
    )
