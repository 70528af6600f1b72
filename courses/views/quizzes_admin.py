"""The office's quiz pages: the list, the quiz's settings, and its slots on the same page.

Every write goes through ``courses.services.quizzes``; a refusal (too few questions in a
category, a question without a current version) is a message on the quiz page.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Min, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from .. import services
from ..forms.quizzes import EntrySearchForm, FixedSlotForm, QuizForm, RandomSlotForm, SlotMoveForm
from ..models import Question, Quiz, QuizSlot
from ..services.quizzes import category_questions
from .bank import BankView, refusal_messages
from .bank_questions import page_of, type_label

SECTION = (gettext_lazy("Quizzes"), "courses_bank:quizzes")
SEARCH_LIMIT = 20


@dataclass
class SlotLine:
    """A slot as the editor lists it: what it asks, and the marks it is worth."""

    slot: QuizSlot
    question: Question | None = None  # the current version, for a fixed slot
    available: int = 0  # questions a random draw may pick from
    low: Decimal = Decimal("0")
    high: Decimal = Decimal("0")


def slot_lines(quiz: Quiz) -> list[SlotLine]:
    """The quiz's slots in order, each with its current question or its pool and marks."""
    current = Prefetch(
        "entry__versions",
        queryset=Question.objects.non_polymorphic().filter(is_current=True),
        to_attr="current_versions",
    )
    lines = []
    for slot in quiz.slots.select_related("entry", "category").prefetch_related(current):
        line = SlotLine(slot=slot)
        if slot.entry_id:
            versions = slot.entry.current_versions
            line.question = versions[0] if versions else None
            if line.question is not None:
                line.question.type_name = type_label(line.question)
            mark = slot.mark or (line.question.default_mark if line.question else Decimal("0"))
            line.low = line.high = mark
        else:
            pool = category_questions(
                slot.category, include_subcategories=slot.include_subcategories
            )
            found = pool.aggregate(n=Count("pk"), low=Min("default_mark"), high=Max("default_mark"))
            line.available = found["n"]
            low = slot.mark or found["low"] or Decimal("0")
            high = slot.mark or found["high"] or Decimal("0")
            line.low, line.high = low * slot.draw_count, high * slot.draw_count
        lines.append(line)
    return lines


class QuizListView(BankView):
    page_title = gettext_lazy("Quizzes")
    header_icon = "tasks"
    section = SECTION
    template_name = "courses/admin/quiz/quiz_list.html"

    def get_context_data(self, **kwargs):
        quizzes = (
            Quiz.objects.select_related("activity")
            .annotate(
                attempt_count=Count("attempts", distinct=True),
                slot_count=Count("slots", distinct=True),
            )
            .order_by("activity__path", "title", "pk")
        )
        page, query = page_of(self.request, quizzes)
        return super().get_context_data(page=page, query=query, **kwargs)


class QuizFormView(BankView):
    """The quiz's settings; once it exists, its slots are edited on the same page."""

    header_icon = "tasks"
    section = SECTION
    template_name = "courses/admin/quiz/quiz_form.html"
    quiz = None

    def prepare(self, quiz_id=None, **kwargs):
        if quiz_id is not None:
            self.quiz = get_object_or_404(Quiz.objects.select_related("activity"), pk=quiz_id)

    def get_page_title(self):
        if self.quiz is None:
            return _("Add a quiz")
        return _("Quiz: %(title)s") % {"title": self.quiz.title}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", QuizForm(instance=self.quiz))
        if self.quiz is not None:
            lines = slot_lines(self.quiz)
            search = EntrySearchForm(self.request.GET or None)
            found = []
            if search.is_valid() and search.cleaned_data["q"]:
                term = search.cleaned_data["q"]
                found = list(
                    Question.objects.non_polymorphic()
                    .filter(is_current=True)
                    .filter(Q(name__icontains=term) | Q(text__icontains=term))
                    .select_related("entry__category")
                    .order_by("name", "pk")[:SEARCH_LIMIT]
                )
                for question in found:
                    question.type_name = type_label(question)
            kwargs.update(
                lines=lines,
                total_low=sum((line.low for line in lines), Decimal("0")),
                total_high=sum((line.high for line in lines), Decimal("0")),
                search_form=search,
                found=found,
                random_form=kwargs.get("random_form") or RandomSlotForm(prefix="random"),
            )
        return super().get_context_data(quiz=self.quiz, **kwargs)

    def post(self, request, *args, **kwargs):
        form = QuizForm(request.POST, instance=self.quiz)
        if form.is_valid():
            try:
                quiz = services.quiz_save(actor=request.user, quiz=form.instance)
            except ValidationError as refusal:
                if hasattr(refusal, "error_dict"):
                    for field, errors in refusal.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    for message in refusal_messages(refusal):
                        form.add_error(None, message)
            else:
                messages.success(request, _("Quiz “%(title)s” saved.") % {"title": quiz.title})
                return redirect("courses_bank:quiz-edit", quiz_id=quiz.pk)
        return self.render_to_response(self.get_context_data(form=form))


class _SlotActionView(BankView):
    """A POST that changes the slots, then back to the quiz page with a message."""

    http_method_names = ["post"]

    def prepare(self, quiz_id, slot_id=None, **kwargs):
        self.quiz = get_object_or_404(Quiz, pk=quiz_id)
        self.slot = None
        if slot_id is not None:
            self.slot = get_object_or_404(
                QuizSlot.objects.select_related("quiz"), pk=slot_id, quiz=self.quiz
            )

    def back(self):
        return redirect("courses_bank:quiz-edit", quiz_id=self.quiz.pk)

    def post(self, request, *args, **kwargs):
        try:
            done = self.act(request)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal_messages(refusal)))
        else:
            if done:
                messages.success(request, done)
        return self.back()


class SlotAddView(_SlotActionView):
    def act(self, request):
        if request.POST.get("kind") == "random":
            form = RandomSlotForm(request.POST, prefix="random")
            if not form.is_valid():
                raise ValidationError(
                    [
                        f"{form.fields[name].label}: {' '.join(errors)}"
                        if name in form.fields
                        else " ".join(errors)
                        for name, errors in form.errors.items()
                    ]
                )
            data = form.cleaned_data
            services.quiz_slot_add(
                actor=request.user,
                quiz=self.quiz,
                category=data["category"],
                include_subcategories=data["include_subcategories"],
                draw_count=data["draw_count"],
                mark=data["mark"],
            )
            return _("A random draw of %(n)d from “%(category)s” is added.") % {
                "n": data["draw_count"],
                "category": data["category"].path,
            }
        form = FixedSlotForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose a question from the search results."))
        services.quiz_slot_add(
            actor=request.user,
            quiz=self.quiz,
            entry=form.cleaned_data["entry"],
            mark=form.cleaned_data["mark"],
        )
        return _("The question is added.")


class SlotRemoveView(_SlotActionView):
    def act(self, request):
        services.quiz_slot_remove(actor=request.user, slot=self.slot)
        return _("The slot is removed.")


class SlotMoveView(_SlotActionView):
    def act(self, request):
        form = SlotMoveForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Move a slot up or down."))
        services.quiz_slot_move(actor=request.user, slot=self.slot, offset=form.offset)
        return ""
