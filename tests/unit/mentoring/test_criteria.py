"""Each criterion evaluates itself against evidence; here the evidence is a stub."""

import datetime
from decimal import Decimal

import pytest

from mentoring.models import (
    CoursesCompletedCriterion,
    EvaluationAverageCriterion,
    LearningHoursCriterion,
    LivelihoodProjectCriterion,
    MentorSignOffCriterion,
    QuizPassedCriterion,
    RotationsCompletedCriterion,
    Rubric,
    StarRatingCriterion,
)
from mentoring.readiness import EvaluationRow, ProjectRow

TODAY = datetime.date(2026, 6, 30)


class Stub:
    today = TODAY

    def __init__(self, **answers):
        self.answers = answers

    def completed_course_ids(self, _tid):
        return self.answers.get("courses", set())

    def hours_between(self, _tid, start, end):
        self.window = (start, end)
        return self.answers.get("hours", Decimal("0"))

    def quiz_passed_at(self, _tid, _activity):
        return self.answers.get("quiz")

    def rotations(self, _tid):
        return self.answers.get("rotations", [])

    def evaluations(self, _tid):
        return self.answers.get("evaluations", [])

    def current_mentor_signoffs(self, _tid, _stage):
        return self.answers.get("signoffs", [])

    def led_projects(self, _tid):
        return self.answers.get("projects", [])

    def led_branches(self, _tid):
        return self.answers.get("branches", [])


def courses_criterion():
    criterion = CoursesCompletedCriterion(pk=1)
    criterion.__dict__["_titles"] = {10: "党建引领", 11: "物业管理"}
    return criterion


def evaluation(pk, average, rubric_id=7, kind="mentor"):
    return EvaluationRow(pk, rubric_id, kind, TODAY, Decimal(average))


RUBRIC = Rubric(pk=7, name="带教考核")

CASES = [
    (courses_criterion(), {"courses": {10, 11}}, True, ["course", "course"]),
    (courses_criterion(), {"courses": {10}}, False, ["course"]),
    (LearningHoursCriterion(hours=Decimal("40")), {"hours": Decimal("41.5")}, True, ["hours"]),
    (LearningHoursCriterion(hours=Decimal("40")), {"hours": Decimal("12")}, False, ["hours"]),
    (RotationsCompletedCriterion(count=2), {"rotations": [(1, "a"), (2, "b")]}, True, None),
    (RotationsCompletedCriterion(count=2), {"rotations": [(1, "a")]}, False, None),
    (
        EvaluationAverageCriterion(rubric=RUBRIC, minimum=Decimal("4"), minimum_count=2),
        {"evaluations": [evaluation(1, "4.5"), evaluation(2, "3.7")]},
        True,
        None,
    ),
    (
        EvaluationAverageCriterion(rubric=RUBRIC, minimum=Decimal("4"), minimum_count=1),
        {"evaluations": [evaluation(1, "3.5"), evaluation(2, "5", rubric_id=8)]},
        False,
        None,
    ),
    (
        EvaluationAverageCriterion(rubric=RUBRIC, minimum=Decimal("4"), kind="host"),
        {"evaluations": [evaluation(1, "5", kind="mentor")]},
        False,
        [],
    ),
    (MentorSignOffCriterion(), {"signoffs": [(3, "王导师")]}, True, ["signoff"]),
    (MentorSignOffCriterion(), {}, False, []),
    (
        QuizPassedCriterion(activity_id=5),
        {"quiz": datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC)},
        True,
        ["quiz"],
    ),
    (QuizPassedCriterion(activity_id=5), {}, False, []),
    (
        LivelihoodProjectCriterion(count=1),
        {"projects": [ProjectRow(1, "加装电梯", completed=False)]},
        False,
        [],
    ),
    (
        LivelihoodProjectCriterion(count=1, completed_only=False),
        {"projects": [ProjectRow(1, "加装电梯", completed=False)]},
        True,
        ["project"],
    ),
    (StarRatingCriterion(minimum_stars=4), {"branches": [(1, "A支部", 5)]}, True, ["branch"]),
    (StarRatingCriterion(minimum_stars=4), {"branches": [(1, "A支部", 3)]}, False, ["branch"]),
    (StarRatingCriterion(minimum_stars=4), {}, False, []),
]


@pytest.mark.parametrize(("criterion", "answers", "met", "kinds"), CASES)
def test_each_criterion_says_met_or_unmet_with_its_evidence(criterion, answers, met, kinds):
    result = criterion.evaluate(1, Stub(**answers))

    assert result.met is met
    assert result.text
    if kinds is not None:
        assert [item.kind for item in result.evidence] == kinds


def test_the_hours_window_ends_today():
    stub = Stub(hours=Decimal("1"))
    LearningHoursCriterion(hours=Decimal("1"), within_days=30).evaluate(1, stub)
    assert stub.window == (TODAY - datetime.timedelta(days=29), TODAY)
