"""Readiness for the next stage: every criterion met or unmet, with its evidence.

``Evidence`` loads each kind of evidence once for every trainee assessed together (one query
per kind, and per distinct parameter such as an hours window or a quiz), and the criteria
(django-polymorphic) evaluate themselves against it. The number of queries therefore depends
on the criteria configured, never on the number of trainees.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Exists, OuterRef
from django.utils import timezone

from lms.people.models import Branch

from . import engine
from .models import (
    Criterion,
    CriterionResult,
    Evaluation,
    LivelihoodProject,
    MentorAssignment,
    Rotation,
    SignOff,
    Stage,
    TraineeStage,
    current_assignment_q,
)


@dataclass(frozen=True)
class EvaluationRow:
    pk: int
    rubric_id: int
    kind: str
    evaluated_on: datetime.date
    average: Decimal


@dataclass(frozen=True)
class ProjectRow:
    pk: int
    title: str
    completed: bool


@dataclass(frozen=True)
class Readiness:
    trainee: object
    stage: Stage
    next_stage: Stage | None
    results: tuple[CriterionResult, ...]

    @property
    def ready(self) -> bool:
        return self.next_stage is not None and all(result.met for result in self.results)

    @property
    def unmet(self) -> list[CriterionResult]:
        return [result for result in self.results if not result.met]

    def as_json(self) -> list[dict]:
        return [result.as_json() for result in self.results]


class Evidence:
    """Evidence for a set of trainees, loaded lazily, one query per kind (and parameter)."""

    def __init__(self, trainee_ids, today: datetime.date | None = None):
        self.trainee_ids = sorted(set(trainee_ids))
        self.today = today or timezone.localdate()
        self._memo: dict = {}

    def _load(self, key, loader):
        if key not in self._memo:
            self._memo[key] = loader()
        return self._memo[key]

    def completed_course_ids(self, trainee_id) -> set[int]:
        done = self._load("courses", lambda: engine.completed_course_ids(self.trainee_ids))
        return done.get(trainee_id, set())

    def hours_between(self, trainee_id, start, end) -> Decimal:
        hours = self._load(
            ("hours", start, end), lambda: engine.hours_between(self.trainee_ids, start, end)
        )
        return hours.get(trainee_id, Decimal("0"))

    def quiz_passed_at(self, trainee_id, activity_id):
        passed = self._load(
            ("quiz", activity_id), lambda: engine.quiz_passed_at(self.trainee_ids, activity_id)
        )
        return passed.get(trainee_id)

    def rotations(self, trainee_id) -> list[tuple[int, str]]:
        """Completed rotations as (id, label)."""

        def load():
            result = defaultdict(list)
            for r in (
                Rotation.objects.filter(
                    trainee_id__in=self.trainee_ids, status=Rotation.Status.COMPLETED
                )
                .select_related("host_community")
                .order_by("starts_on", "pk")
            ):
                label = f"{r.host_community} {r.starts_on}–{r.ends_on}"
                result[r.trainee_id].append((r.pk, label))
            return result

        return self._load("rotations", load).get(trainee_id, [])

    def evaluations(self, trainee_id) -> list[EvaluationRow]:
        def load():
            result = defaultdict(list)
            rows = (
                Evaluation.objects.filter(trainee_id__in=self.trainee_ids)
                .annotate(average=Avg("scores__score"))
                .order_by("evaluated_on", "pk")
                .values_list("pk", "trainee_id", "rubric_id", "kind", "evaluated_on", "average")
            )
            for pk, trainee, rubric, kind, on, average in rows:
                value = Decimal(str(round(average or 0, 4)))
                result[trainee].append(EvaluationRow(pk, rubric, kind, on, value))
            return result

        return self._load("evaluations", load).get(trainee_id, [])

    def current_mentor_signoffs(self, trainee_id, stage_id) -> list[tuple[int, str]]:
        """Standing sign-offs for the step into ``stage_id`` by someone who mentors the trainee
        today."""

        def load():
            mentors_now = MentorAssignment.objects.filter(
                current_assignment_q(self.today),
                mentor_id=OuterRef("mentor_id"),
                trainee_id=OuterRef("trainee_id"),
            )
            result = defaultdict(list)
            for s in (
                SignOff.objects.filter(
                    Exists(mentors_now),
                    trainee_id__in=self.trainee_ids,
                    withdrawn_at__isnull=True,
                )
                .select_related("mentor")
                .order_by("-signed_at", "-pk")
            ):
                result[(s.trainee_id, s.to_stage_id)].append((s.pk, str(s.mentor)))
            return result

        return self._load("signoffs", load).get((trainee_id, stage_id), [])

    def led_projects(self, trainee_id) -> list[ProjectRow]:
        def load():
            result = defaultdict(list)
            for pk, lead, title, status in (
                LivelihoodProject.objects.filter(lead_id__in=self.trainee_ids)
                .exclude(status=LivelihoodProject.Status.CANCELLED)
                .order_by("pk")
                .values_list("pk", "lead_id", "title", "status")
            ):
                completed = status == LivelihoodProject.Status.COMPLETED
                result[lead].append(ProjectRow(pk, title, completed))
            return result

        return self._load("projects", load).get(trainee_id, [])

    def led_branches(self, trainee_id) -> list[tuple[int, str, int | None]]:
        def load():
            result = defaultdict(list)
            for pk, secretary, name, stars in (
                Branch.objects.filter(secretary_id__in=self.trainee_ids)
                .order_by("pk")
                .values_list("pk", "secretary_id", "name", "star_rating")
            ):
                result[secretary].append((pk, name, stars))
            return result

        return self._load("branches", load).get(trainee_id, [])


def stage_ladder() -> list[Stage]:
    return list(Stage.objects.order_by("order"))


def next_stage(ladder: list[Stage], stage: Stage) -> Stage | None:
    later = [s for s in ladder if s.order > stage.order]
    return later[0] if later else None


def stages_of(trainee_ids, ladder: list[Stage]) -> dict[int, Stage]:
    """Each trainee's stage; trainees without a stage record are at the first stage."""
    by_id = {s.pk: s for s in ladder}
    held = dict(
        TraineeStage.objects.filter(trainee_id__in=trainee_ids).values_list(
            "trainee_id", "stage_id"
        )
    )
    return {tid: by_id[held[tid]] if tid in held else ladder[0] for tid in trainee_ids}


def readiness_for_many(trainees, *, today: datetime.date | None = None) -> list[Readiness]:
    """Readiness of each trainee for the step after their current stage, in a fixed number of
    queries however many trainees there are."""
    trainees = list(trainees)
    ids = [t.pk for t in trainees]
    ladder = stage_ladder()
    if not ladder:
        return []
    stages = stages_of(ids, ladder)
    following = {s.pk: next_stage(ladder, s) for s in ladder}
    wanted = {following[s.pk].pk for s in stages.values() if following[s.pk] is not None}
    criteria = defaultdict(list)
    for criterion in Criterion.objects.filter(to_stage_id__in=wanted).order_by(
        "to_stage_id", "sort_order", "pk"
    ):
        criteria[criterion.to_stage_id].append(criterion)
    evidence = Evidence(ids, today=today)
    result = []
    for trainee in trainees:
        stage = stages[trainee.pk]
        step = following[stage.pk]
        results = tuple(
            criterion.evaluate(trainee.pk, evidence)
            for criterion in (criteria.get(step.pk, []) if step else [])
        )
        result.append(Readiness(trainee=trainee, stage=stage, next_stage=step, results=results))
    return result


def readiness_for(trainee, *, today: datetime.date | None = None) -> Readiness:
    """Every criterion for the trainee's next step, met or unmet, with the evidence."""
    return readiness_for_many([trainee], today=today)[0]
