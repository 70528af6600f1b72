"""Reading a trainee's records into a :class:`~mentoring.dossier.content.DossierContent`.

Every read goes through a selector scoped to ``viewer`` (the engine's ``courses.selectors`` and
its certificate selectors, this app's ``mentoring.selectors``), so the dossier holds nothing the
viewer could not see page by page. The service passes the office, which sees every record.

Texts come out in the active language; the service gathers inside
``translation.override(settings.LANGUAGE_CODE)``. A dossier covers one trainee, so a query per
course (for quiz results) is fine here.

Private notes of coaching sessions are not even read: the sessions and the actions' sessions
are loaded with that column deferred, and the content has no field to put them in.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Avg, Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from courses.certificates.selectors import certificates_visible_to
from courses.selectors import (
    activity_progress_map,
    course_progress_for_trainee,
    hours_entries_visible_to,
    hours_summary,
)

from ..models import Evaluation, MentorAssignment
from ..selectors import (
    actions_visible_to,
    coaching_sessions_visible_to,
    current_mentors_of,
    evaluation_averages,
    evaluations_visible_to,
    readiness_for,
    rotations_visible_to,
)
from .content import (
    ActionLine,
    CertificateLine,
    CourseLine,
    CriterionLine,
    DimensionAverage,
    DossierContent,
    EvaluationLine,
    Hours,
    HoursLine,
    Profile,
    QuizLine,
    Readiness,
    RotationLine,
    SessionLine,
)

TWO_PLACES = Decimal("0.01")


def _average(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(TWO_PLACES)


def _name(user) -> str:
    return str(user) if user is not None else ""


def _primary_first(assignment) -> tuple:
    return (assignment.kind != MentorAssignment.Kind.PRIMARY, assignment.starts_on)


def dossier_content(
    *, viewer, trainee, today: datetime.date | None = None, generated_by=None
) -> DossierContent:
    """Everything the dossier says about ``trainee``, as ``viewer`` may see it."""
    today = today or timezone.localdate()
    readiness = readiness_for(trainee, today=today)
    progress = course_progress_for_trainee(trainee)
    certificates = list(
        certificates_visible_to(viewer).filter(trainee=trainee).order_by("issued_at", "pk")
    )
    serials = {c.course_id: c.serial for c in certificates if c.is_valid}
    return DossierContent(
        profile=Profile(
            name=_name(trainee),
            username=trainee.username,
            community=str(trainee.community) if trainee.community_id else "",
            stage=str(readiness.stage),
            next_stage=str(readiness.next_stage or ""),
            mentors=tuple(
                (a.get_kind_display(), _name(a.mentor))
                for a in sorted(current_mentors_of(trainee), key=_primary_first)
            ),
        ),
        generated_on=today,
        generated_by=_name(generated_by or viewer),
        courses=tuple(
            CourseLine(
                title=line.course.title,
                status=line.enrolment.get_status_display(),
                completed=line.completed,
                required=line.required,
                percent=line.percent,
                certificate=serials.get(line.course.pk, ""),
            )
            for line in progress
        ),
        certificates=tuple(
            CertificateLine(
                serial=c.serial,
                course=c.course_title,
                issued_on=timezone.localdate(c.issued_at),
                hours=c.hours,
                valid=c.is_valid,
            )
            for c in certificates
        ),
        hours=_hours(viewer, trainee, today.year, [line.course for line in progress]),
        quizzes=_quizzes(trainee, [line.course for line in progress]),
        sessions=_sessions(viewer, trainee),
        actions=_actions(viewer, trainee),
        rotations=_rotations(viewer, trainee),
        evaluations=_evaluations(viewer, trainee),
        dimension_averages=_dimension_averages(viewer, trainee),
        readiness=Readiness(
            stage=str(readiness.stage),
            next_stage=str(readiness.next_stage or ""),
            ready=readiness.ready,
            criteria=tuple(
                CriterionLine(
                    description=result.criterion.describe(), met=result.met, text=result.text
                )
                for result in readiness.results
            ),
        ),
    )


def _hours(viewer, trainee, year: int, courses) -> Hours:
    """The year's total and target, and the year's hours by course (manual lines together)."""
    summary = hours_summary(trainee, year)
    rows = (
        hours_entries_visible_to(viewer)
        .filter(trainee=trainee, earned_on__year=year)
        .values("activity__path")
        .annotate(total=Sum("hours"))
        .order_by("activity__path")
    )
    steplen = Page.steplen
    by_course: dict[str, Decimal] = defaultdict(Decimal)
    manual = Decimal("0")
    for row in rows:
        path = row["activity__path"]
        if path:
            by_course[path[:-steplen]] += row["total"] or Decimal("0")
        else:
            manual += row["total"] or Decimal("0")
    titles = {course.path: course.title for course in courses}
    missing = [path for path in by_course if path not in titles]
    if missing:
        titles.update(Page.objects.filter(path__in=missing).values_list("path", "title"))
    lines = [
        HoursLine(titles.get(path, "—"), total)
        for path, total in sorted(by_course.items())
        if total
    ]
    if manual:
        lines.append(HoursLine(_("Manual credits and corrections"), manual))
    return Hours(
        year=summary.year, earned=summary.earned, target=summary.target, by_course=tuple(lines)
    )


def _quizzes(trainee, courses) -> tuple[QuizLine, ...]:
    """Quizzes passed, from the engine's progress records (``quiz_passed_at``)."""
    passed = []
    for course in courses:
        for activity_id, record in activity_progress_map(trainee=trainee, course=course).items():
            if record.quiz_passed_at is not None:
                passed.append((record.quiz_passed_at, activity_id, course.title))
    titles = dict(
        Page.objects.filter(pk__in=[pk for _at, pk, _c in passed]).values_list("pk", "title")
    )
    return tuple(
        QuizLine(titles.get(pk, "—"), course, timezone.localdate(at))
        for at, pk, course in sorted(passed)
    )


def _sessions(viewer, trainee) -> tuple[SessionLine, ...]:
    sessions = (
        coaching_sessions_visible_to(viewer)
        .filter(trainee=trainee)
        .defer("private_notes")
        .order_by("held_on", "pk")
    )
    return tuple(
        SessionLine(
            held_on=s.held_on,
            mode=s.get_mode_display(),
            minutes=s.duration_minutes,
            mentor=_name(s.mentor),
            topics=s.topics,
            summary=s.summary,
            acknowledged=s.acknowledged_at is not None,
        )
        for s in sessions
    )


def _actions(viewer, trainee) -> tuple[ActionLine, ...]:
    actions = (
        actions_visible_to(viewer)
        .filter(session__trainee=trainee)
        .defer("session__private_notes")
        .order_by("due_on", "pk")
    )
    return tuple(
        ActionLine(
            agreed_on=a.session.held_on,
            owner=a.get_owner_display(),
            description=a.description,
            due_on=a.due_on,
            status=a.get_status_display(),
            overdue=bool(a.is_overdue),
        )
        for a in actions
    )


def _rotations(viewer, trainee) -> tuple[RotationLine, ...]:
    rotations = (
        rotations_visible_to(viewer)
        .filter(trainee=trainee)
        .annotate(journal_entries=Count("journal"))
        .order_by("starts_on", "pk")
    )
    host_evaluations = {
        e.rotation_id: e
        for e in evaluations_visible_to(viewer)
        .filter(trainee=trainee, kind=Evaluation.Kind.HOST)
        .annotate(average=Avg("scores__score"))
    }
    lines = []
    for r in rotations:
        evaluation = host_evaluations.get(r.pk)
        lines.append(
            RotationLine(
                community=str(r.host_community),
                host=_name(r.host),
                starts_on=r.starts_on,
                ends_on=r.ends_on,
                status=r.get_status_display(),
                journal_entries=r.journal_entries,
                host_average=_average(evaluation.average) if evaluation else None,
                host_comment=evaluation.comment if evaluation else "",
            )
        )
    return tuple(lines)


def _evaluations(viewer, trainee) -> tuple[EvaluationLine, ...]:
    evaluations = (
        evaluations_visible_to(viewer)
        .filter(trainee=trainee)
        .annotate(average=Avg("scores__score"))
        .order_by("evaluated_on", "pk")
    )
    return tuple(
        EvaluationLine(
            evaluated_on=e.evaluated_on,
            kind=e.get_kind_display(),
            # Peers evaluate each other in confidence: the dossier names the kind, not the peer.
            evaluator=_("a member of the cohort")
            if e.kind == Evaluation.Kind.PEER
            else _name(e.evaluator),
            rubric=e.rubric.name,
            average=_average(e.average) or Decimal("0"),
            comment=e.comment,
        )
        for e in evaluations
    )


def _dimension_averages(viewer, trainee) -> tuple[DimensionAverage, ...]:
    """Each rubric dimension's average over all the trainee's evaluations."""
    rows = evaluation_averages(viewer=viewer, trainee_ids=[trainee.pk], period="year")
    totals: dict[tuple, list] = {}
    rubric_names = dict(
        evaluations_visible_to(viewer)
        .filter(trainee=trainee)
        .values_list("rubric_id", "rubric__name")
        .distinct()
    )
    for row in rows:
        key = (row["rubric_id"], row["dimension_id"])
        entry = totals.setdefault(key, [row["dimension_name"], Decimal("0"), 0])
        entry[1] += Decimal(str(row["average"])) * row["count"]
        entry[2] += row["count"]
    # ``evaluation_averages`` orders by the rubric's order of dimensions; dicts keep it.
    return tuple(
        DimensionAverage(
            rubric=rubric_names.get(rubric_id, ""),
            dimension=name,
            average=(total / count).quantize(TWO_PLACES),
            count=count,
        )
        for (rubric_id, _dimension), (name, total, count) in totals.items()
        if count
    )
