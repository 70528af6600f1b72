"""Writes to quizzes and their slots, by the training office only.

A quiz's slots are kept numbered 0, 1, 2… in the order trainees meet them; every write here
locks the quiz row first, so two editors adding or moving slots at once cannot leave two slots
in one place. A slot is refused when it could not be filled at the moment the attempt starts:
a fixed question without a current version, or a random draw from a category holding fewer
questions than it asks for.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.audit.services import audit_record
from lms.people.roles import MANAGE_QUESTION_BANK

from ..curriculum import activity_pages, course_pages
from ..exceptions import EngineRefusal, NotAllowed
from ..models import Question, QuestionCategory, QuestionEntry, Quiz, QuizSlot
from ..models.questions import PATH_SEPARATOR


def _check_office(actor) -> None:
    if not actor.has_perm(MANAGE_QUESTION_BANK):
        raise NotAllowed(_("Only the training office can change quizzes and the question bank."))


def _locked(quiz: Quiz) -> Quiz:
    return Quiz.objects.select_for_update().get(pk=quiz.pk)


def category_questions(category: QuestionCategory, *, include_subcategories: bool):
    """The current question versions a random draw from this category may pick."""
    where = Q(entry__category=category)
    if include_subcategories:
        where |= Q(entry__category__path__startswith=category.path + PATH_SEPARATOR)
    return Question.objects.non_polymorphic().filter(where, is_current=True)


@transaction.atomic
def quiz_save(*, actor, quiz: Quiz) -> Quiz:
    """Create or change a quiz from an instance whose fields the caller has set.

    The quiz must sit on a learning activity or a course: the engine counts a passed quiz
    towards completing exactly those pages.
    """
    _check_office(actor)
    if not quiz.activity_id or not (
        activity_pages().filter(pk=quiz.activity_id).exists()
        or course_pages().filter(pk=quiz.activity_id).exists()
    ):
        raise EngineRefusal(_("A quiz belongs to a lecture, a scenario exercise or a course."))
    quiz.full_clean()
    created = quiz.pk is None
    quiz.save()
    audit_record(actor=actor, action="quiz.create" if created else "quiz.save", target=quiz)
    return quiz


def _mark(mark) -> Decimal | None:
    if mark in (None, ""):
        return None
    mark = Decimal(str(mark))
    if not Decimal("0.01") <= mark <= Decimal("1000"):
        raise EngineRefusal(_("A mark per question runs from 0.01 to 1000."))
    return mark


@transaction.atomic
def quiz_slot_add(
    *,
    actor,
    quiz: Quiz,
    entry: QuestionEntry | None = None,
    category: QuestionCategory | None = None,
    include_subcategories: bool = True,
    draw_count: int = 1,
    mark=None,
) -> QuizSlot:
    """Add one chosen question, or a random draw of ``draw_count`` from a category, at the end."""
    _check_office(actor)
    quiz = _locked(quiz)
    if (entry is None) == (category is None):
        raise EngineRefusal(_("Choose either one question or a category to draw from, not both."))
    if entry is not None:
        if not entry.versions.filter(is_current=True).exists():
            raise EngineRefusal(_("This question has no current version to ask."))
        if quiz.slots.filter(entry=entry).exists():
            raise EngineRefusal(_("This question is already in the quiz."))
    else:
        if not 1 <= int(draw_count) <= 100:
            raise EngineRefusal(_("Draw from 1 to 100 questions."))
        available = category_questions(category, include_subcategories=include_subcategories)
        available = available.count()
        if available < int(draw_count):
            raise EngineRefusal(
                ngettext(
                    "“%(category)s” holds only %(count)d question; the draw asks for %(wanted)d.",
                    "“%(category)s” holds only %(count)d questions; the draw asks for %(wanted)d.",
                    available,
                )
                % {"category": category.path, "count": available, "wanted": int(draw_count)}
            )
    top = quiz.slots.aggregate(top=Max("position"))["top"]
    slot = QuizSlot(
        quiz=quiz,
        position=0 if top is None else top + 1,
        entry=entry,
        category=category,
        include_subcategories=bool(include_subcategories) if category else True,
        draw_count=int(draw_count) if category else 1,
        mark=_mark(mark),
    )
    slot.full_clean()
    slot.save()
    audit_record(actor=actor, action="quiz.slot_add", target=quiz, slot=slot.pk)
    return slot


def _renumber(quiz: Quiz) -> None:
    for position, slot in enumerate(quiz.slots.order_by("position", "pk")):
        if slot.position != position:
            QuizSlot.objects.filter(pk=slot.pk).update(position=position)


@transaction.atomic
def quiz_slot_remove(*, actor, slot: QuizSlot) -> None:
    """Take a slot out of the quiz; attempts already started keep the questions they drew."""
    _check_office(actor)
    quiz = _locked(slot.quiz)
    audit_record(actor=actor, action="quiz.slot_remove", target=quiz, slot=slot.pk)
    QuizSlot.objects.filter(pk=slot.pk, quiz=quiz).delete()
    _renumber(quiz)


@transaction.atomic
def quiz_slot_move(*, actor, slot: QuizSlot, offset: int) -> None:
    """Move a slot one place up (``offset=-1``) or down (``offset=1``); at an end, nothing moves."""
    _check_office(actor)
    if offset not in (-1, 1):
        raise EngineRefusal(_("A slot moves one place up or down."))
    quiz = _locked(slot.quiz)
    _renumber(quiz)
    slots = list(quiz.slots.order_by("position", "pk"))
    index = next((i for i, s in enumerate(slots) if s.pk == slot.pk), None)
    if index is None:
        raise EngineRefusal(_("This slot is not in the quiz."))
    other = index + offset
    if not 0 <= other < len(slots):
        return
    here, there = slots[index], slots[other]
    QuizSlot.objects.filter(pk=here.pk).update(position=there.position)
    QuizSlot.objects.filter(pk=there.pk).update(position=here.position)
    audit_record(actor=actor, action="quiz.slot_move", target=quiz, slot=slot.pk, offset=offset)
