"""Quiz attempts: start, save answers as the trainee goes, submit once, mark, release.

The server keeps the clock: an attempt's deadline is fixed when it starts, and answers that
arrive after the deadline and its grace period are refused. Submitting moves the attempt out of
"in progress" with a compare-and-set update, so a second submit (a double tap, a retry on a
bad network, the deadline sweeper racing the trainee) finds nothing to do.
"""

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms.audit.services import audit_record

from ..exceptions import EngineRefusal, NotAllowed
from ..grading import ZERO, clamp_fraction, mark_for
from ..models import (
    Attempt,
    AttemptSlot,
    LearningActivity,
    Question,
    QuestionCategory,
    Quiz,
)
from ..models.attempts import slots_with_questions
from .progress import activity_quiz_passed, enrolment_required

PERCENT_PLACES = Decimal("0.01")


# Starting ------------------------------------------------------------------------------------


def _course_of(activity: Page) -> Page:
    specific = activity.specific
    return specific.get_parent() if isinstance(specific, LearningActivity) else activity


def _check_may_sit(*, trainee, quiz: Quiz, now) -> None:
    if not quiz.is_published:
        raise EngineRefusal(_("This quiz is not open to trainees."))
    enrolment_required(trainee=trainee, course=_course_of(quiz.activity))
    if quiz.opens_at and now < quiz.opens_at:
        raise EngineRefusal(
            _("This quiz opens at %(when)s.")
            % {"when": timezone.localtime(quiz.opens_at).strftime("%Y-%m-%d %H:%M")}
        )
    if quiz.is_closed(now):
        raise EngineRefusal(_("This quiz has closed."))


def _category_ids(category: QuestionCategory, *, include_subcategories: bool) -> list[int]:
    if not include_subcategories:
        return [category.pk]
    return list(
        QuestionCategory.objects.filter(
            Q(pk=category.pk) | Q(path__startswith=category.path + "/")
        ).values_list("pk", flat=True)
    )


def _draw_questions(quiz: Quiz, rng: random.Random) -> list[tuple[Question, Decimal]]:
    """The question versions of a new attempt, with each one's mark, in quiz order.

    Fixed questions are read in one query and each random draw in two, whatever the quiz's
    length; the options come prefetched, since the attempt shuffles them next.
    """
    slots = list(quiz.slots.select_related("category").order_by("position", "pk"))
    fixed = {
        question.entry_id: question
        for question in Question.objects.filter(
            entry_id__in=[slot.entry_id for slot in slots if slot.entry_id], is_current=True
        ).prefetch_related("options")
    }
    chosen: list[tuple[Question, Decimal]] = []
    taken: set[int] = set(fixed)
    for slot in slots:
        if slot.entry_id:
            if slot.entry_id not in fixed:
                raise EngineRefusal(_("A question of this quiz is missing from the bank."))
            picks = [fixed[slot.entry_id]]
        else:
            ids = list(
                Question.objects.filter(
                    is_current=True,
                    entry__category_id__in=_category_ids(
                        slot.category, include_subcategories=slot.include_subcategories
                    ),
                )
                .exclude(entry_id__in=taken)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            if len(ids) < slot.draw_count:
                raise EngineRefusal(
                    _("The category “%(category)s” has too few questions for this quiz.")
                    % {"category": slot.category.path}
                )
            picked_ids = rng.sample(ids, slot.draw_count)
            by_id = Question.objects.prefetch_related("options").in_bulk(picked_ids)
            picks = [by_id[pk] for pk in picked_ids]
        for question in picks:
            taken.add(question.entry_id)
            chosen.append((question, slot.mark or question.default_mark))
    if not chosen:
        raise EngineRefusal(_("This quiz has no questions yet."))
    return chosen


def _deadline(quiz: Quiz, started_at) -> datetime.datetime | None:
    deadline = None
    if quiz.time_limit_minutes:
        deadline = started_at + datetime.timedelta(minutes=quiz.time_limit_minutes)
    if quiz.closes_at and (deadline is None or quiz.closes_at < deadline):
        deadline = quiz.closes_at
    return deadline


def _is_overdue(attempt: Attempt, now) -> bool:
    return attempt.deadline_at is not None and now > attempt.deadline_at + datetime.timedelta(
        seconds=attempt.quiz.grace_seconds
    )


def _open_attempt(*, trainee, quiz: Quiz) -> Attempt | None:
    return (
        Attempt.objects.select_for_update()
        .filter(trainee=trainee, quiz=quiz, state=Attempt.State.IN_PROGRESS)
        .first()
    )


def attempt_start(*, trainee, quiz: Quiz) -> Attempt:
    """The trainee's open attempt at this quiz, or a new one when the rules allow it.

    A reload or a second tap on "start" resumes the open attempt rather than starting another
    (a partial unique constraint holds that line even for two requests at once).
    """
    try:
        with transaction.atomic():
            return _attempt_start(trainee=trainee, quiz=quiz)
    except IntegrityError:
        # Another request started the attempt a moment ago: resume that one.
        existing = Attempt.objects.filter(
            trainee=trainee, quiz=quiz, state=Attempt.State.IN_PROGRESS
        ).first()
        if existing is None:
            raise
        return existing


def _attempt_start(*, trainee, quiz: Quiz) -> Attempt:
    now = timezone.now()
    quiz = Quiz.objects.select_related("activity").get(pk=quiz.pk)
    existing = _open_attempt(trainee=trainee, quiz=quiz)
    if existing is not None:
        if not _is_overdue(existing, now):
            return existing
        _submit(existing, now=now, by_time_limit=True, actor=None)
    _check_may_sit(trainee=trainee, quiz=quiz, now=now)
    used = Attempt.objects.filter(trainee=trainee, quiz=quiz).aggregate(top=Max("number"))["top"]
    used = used or 0
    if quiz.max_attempts is not None and used >= quiz.max_attempts:
        raise EngineRefusal(
            _("You have used all %(count)d attempts at this quiz.") % {"count": quiz.max_attempts}
        )
    rng = random.SystemRandom()
    questions = _draw_questions(quiz, rng)
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    attempt = Attempt.objects.create(
        quiz=quiz,
        trainee=trainee,
        number=used + 1,
        started_at=now,
        deadline_at=_deadline(quiz, now),
        max_score=sum((mark for _question, mark in questions), ZERO),
    )
    AttemptSlot.objects.bulk_create(
        AttemptSlot(
            attempt=attempt,
            position=position,
            question=question,
            max_mark=mark,
            option_order=question.display_order(rng, shuffle=quiz.shuffle_options),
            needs_marking=question.needs_marking,
        )
        for position, (question, mark) in enumerate(questions, start=1)
    )
    audit_record(actor=trainee, action="attempt.start", target=attempt, quiz=quiz.pk)
    return attempt


# Answering -----------------------------------------------------------------------------------


def _slots(attempt: Attempt) -> list[AttemptSlot]:
    return slots_with_questions(list(attempt.slots.order_by("position")))


def _attempt_of(trainee, attempt_id) -> Attempt:
    """The trainee's own attempt, locked; any other id is "not found" (never "forbidden")."""
    attempt = (
        Attempt.objects.select_for_update()
        .select_related("quiz")
        .filter(pk=attempt_id, trainee_id=getattr(trainee, "pk", None))
        .first()
    )
    if attempt is None:
        raise Http404(_("No such attempt."))
    return attempt


def _save_answers(attempt: Attempt, answers: dict, now) -> int:
    if not isinstance(answers, dict):
        raise EngineRefusal(_("The answers could not be read. Please try again."))
    slots = {slot.position: slot for slot in _slots(attempt)}
    changed = []
    problems = []
    for key, raw in answers.items():
        try:
            slot = slots[int(key)]
        except (KeyError, TypeError, ValueError):
            raise EngineRefusal(_("The answers could not be read. Please try again.")) from None
        try:
            response = slot.question.clean_response(slot.response_from_trainee(raw))
        except ValueError as error:
            problems.append(
                _("Question %(number)d: %(problem)s") % {"number": slot.position, "problem": error}
            )
            continue
        if response != slot.response:
            slot.response, slot.answered_at = response, now
            changed.append(slot)
    if problems:
        raise EngineRefusal(problems)
    AttemptSlot.objects.bulk_update(changed, ["response", "answered_at"])
    return len(changed)


def attempt_save_answers(*, trainee, attempt_id, answers: dict) -> Attempt:
    """Keep the answers given so far (sent by the page as the trainee goes).

    ``answers`` maps question positions to responses in each type's shape, naming options by
    the attempt's keys (``AttemptSlot.option_keys``), as the page shows them. Either every
    answer in the request is kept or, if one is malformed, none is. Answers that come after
    the time is up (and its grace period) are refused, and the attempt is submitted as it was.
    """
    with transaction.atomic():
        now = timezone.now()
        attempt = _attempt_of(trainee, attempt_id)
        if not attempt.is_open:
            raise EngineRefusal(_("This attempt has been submitted; answers can no longer change."))
        if not _is_overdue(attempt, now):
            _save_answers(attempt, answers, now)
            return attempt
        _submit(attempt, now=now, by_time_limit=True, actor=None)
    raise EngineRefusal(_("The time is up. Your answers saved before then were submitted."))


def attempt_submit(*, trainee, attempt_id, answers: dict | None = None) -> Attempt:
    """Hand the attempt in: it is marked at once, except questions a person marks.

    Safe to call twice: the second call finds the attempt already submitted and changes nothing.
    Final answers sent with the submission count when they arrive in time.
    """
    with transaction.atomic():
        now = timezone.now()
        attempt = _attempt_of(trainee, attempt_id)
        if not attempt.is_open:
            return attempt
        overdue = _is_overdue(attempt, now)
        if answers and not overdue:
            _save_answers(attempt, answers, now)
        _submit(attempt, now=now, by_time_limit=overdue, actor=trainee)
    return Attempt.objects.get(pk=attempt.pk)


@transaction.atomic
def attempt_close_overdue(*, attempt_id) -> bool:
    """Submit an attempt whose time ran out (the sweeper task); False when nothing was due."""
    attempt = (
        Attempt.objects.select_for_update().select_related("quiz").filter(pk=attempt_id).first()
    )
    now = timezone.now()
    if attempt is None or not attempt.is_open or not _is_overdue(attempt, now):
        return False
    return _submit(attempt, now=now, by_time_limit=True, actor=None)


def overdue_attempt_ids(now=None) -> list[int]:
    """Open attempts past their deadline (the grace period is checked per attempt)."""
    return list(
        Attempt.objects.filter(
            state=Attempt.State.IN_PROGRESS, deadline_at__lt=now or timezone.now()
        ).values_list("pk", flat=True)
    )


def _submit(attempt: Attempt, *, now, by_time_limit: bool, actor) -> bool:
    # An attempt whose time ran out was over at its deadline, whenever the sweeper or the
    # trainee's next request comes to close it: that is its submission time.
    submitted_at = attempt.deadline_at if by_time_limit and attempt.deadline_at else now
    # Compare-and-set: only the request that moves the attempt out of "in progress" marks it.
    moved = Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.IN_PROGRESS).update(
        state=Attempt.State.NEEDS_MARKING,
        submitted_at=submitted_at,
        submitted_by_time_limit=by_time_limit,
    )
    if not moved:
        return False
    attempt.state, attempt.submitted_at = Attempt.State.NEEDS_MARKING, submitted_at
    attempt.submitted_by_time_limit = by_time_limit
    slots = _slots(attempt)
    for slot in slots:
        grade = slot.question.grade(slot.response)
        slot.feedback = list(grade.feedback)
        if grade.needs_marking:
            slot.needs_marking, slot.fraction, slot.mark = True, None, None
        else:
            slot.needs_marking = False
            slot.fraction = clamp_fraction(grade.fraction)
            slot.mark = mark_for(grade.fraction, slot.max_mark)
    AttemptSlot.objects.bulk_update(slots, ["feedback", "needs_marking", "fraction", "mark"])
    audit_record(actor=actor, action="attempt.submit", target=attempt, by_time_limit=by_time_limit)
    if not any(slot.needs_marking for slot in slots):
        _finish(attempt, slots, now=now)
    return True


# Marking and the result ----------------------------------------------------------------------


def _finish(attempt: Attempt, slots: list[AttemptSlot], *, now) -> None:
    score = sum((slot.mark or ZERO for slot in slots), ZERO)
    percent = (
        (score * 100 / attempt.max_score).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)
        if attempt.max_score
        else ZERO
    )
    attempt.score, attempt.percent = score, percent
    attempt.passed = percent >= attempt.quiz.pass_percent
    attempt.state, attempt.finished_at = Attempt.State.FINISHED, now
    attempt.save(update_fields=["score", "percent", "passed", "state", "finished_at"])
    audit_record(actor=None, action="attempt.finish", target=attempt, percent=str(percent))
    _report_pass(attempt)


def counted_attempt(attempts: list[Attempt], rule: str) -> Attempt | None:
    """The finished attempt that stands for the quiz's result under the quiz's rule."""
    finished = sorted(
        (a for a in attempts if a.state == Attempt.State.FINISHED), key=lambda a: a.number
    )
    if not finished:
        return None
    if rule == Quiz.CountedAttempt.FIRST:
        return finished[0]
    if rule == Quiz.CountedAttempt.LAST:
        return finished[-1]
    return max(finished, key=lambda a: (a.percent or ZERO, -a.number))


def _report_pass(attempt: Attempt) -> None:
    quiz = attempt.quiz
    if not quiz.counts_for_completion:
        return
    counted = counted_attempt(
        list(Attempt.objects.filter(quiz=quiz, trainee_id=attempt.trainee_id)),
        quiz.counted_attempt,
    )
    if counted is None or not counted.passed:
        return
    activity = quiz.activity
    if isinstance(activity.specific, LearningActivity):
        activity_quiz_passed(trainee=attempt.trainee, activity=activity, at=attempt.finished_at)


@transaction.atomic
def attempt_mark_slot(
    *,
    marker,
    slot_id,
    comment: str = "",
    rubric_scores: dict | None = None,
    mark: Decimal | None = None,
    release: bool = False,
) -> AttemptSlot:
    """A person's mark for one question (an essay), against its rubric or as a mark.

    The attempt is finished, and its result shown to the trainee, once every question that
    needs a person is marked and the marker releases it. Markers are those the engine's
    ``courses.review_work`` rule allows for the trainee; nobody marks their own attempt.
    """
    slot = (
        AttemptSlot.objects.select_for_update()
        .select_related("attempt__quiz")
        .filter(pk=slot_id)
        .first()
    )
    if slot is None:
        raise Http404(_("No such answer."))
    attempt = slot.attempt
    slot.question = Question.objects.prefetch_related("criteria").get(pk=slot.question_id)
    if attempt.trainee_id == marker.pk or not marker.has_perm("courses.review_work", attempt):
        raise NotAllowed(_("You do not mark this trainee's work."))
    if attempt.state != Attempt.State.NEEDS_MARKING or not slot.needs_marking:
        raise EngineRefusal(_("This answer is not waiting for marking."))
    question = slot.question
    criteria = list(question.criteria.all())
    if criteria:
        scores = {}
        for criterion in criteria:
            raw = (rubric_scores or {}).get(
                criterion.pk, (rubric_scores or {}).get(str(criterion.pk))
            )
            try:
                points = int(raw)
            except (TypeError, ValueError):
                raise EngineRefusal(
                    _("Give points for “%(criterion)s”.") % {"criterion": criterion.title}
                ) from None
            if not 0 <= points <= criterion.max_points:
                raise EngineRefusal(
                    _("“%(criterion)s” takes 0 to %(max)d points.")
                    % {"criterion": criterion.title, "max": criterion.max_points}
                )
            scores[str(criterion.pk)] = points
        fraction = question.fraction_for_scores({int(k): v for k, v in scores.items()})
        slot.rubric_scores = scores
    else:
        if mark is None or not ZERO <= Decimal(mark) <= slot.max_mark:
            raise EngineRefusal(
                _("Give a mark from 0 to %(max)s.") % {"max": slot.max_mark.normalize()}
            )
        fraction = clamp_fraction(Decimal(mark) / slot.max_mark)
    now = timezone.now()
    slot.fraction, slot.mark = fraction, mark_for(fraction, slot.max_mark)
    slot.marker_comment = comment.strip()
    slot.marked_by, slot.marked_at = marker, now
    slot.save(
        update_fields=[
            "fraction",
            "mark",
            "rubric_scores",
            "marker_comment",
            "marked_by",
            "marked_at",
        ]
    )
    audit_record(actor=marker, action="attempt.mark", target=slot, mark=str(slot.mark))
    if release:
        slots = list(attempt.slots.all())
        if any(s.needs_marking and s.marked_at is None for s in slots):
            raise EngineRefusal(_("Mark every written answer of this attempt before releasing it."))
        moved = Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.NEEDS_MARKING).update(
            state=Attempt.State.FINISHED
        )
        if moved:
            attempt.state = Attempt.State.NEEDS_MARKING  # _finish moves it on and saves
            _finish(attempt, slots, now=now)
    return slot
