import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.exceptions import EngineRefusal, NotAllowed
from courses.models import ActivityProgress, Enrolment, HoursEntry
from courses.selectors import trainee_stage
from lms.audit.models import AuditEntry
from mentoring.models import (
    CoursesCompletedCriterion,
    EvaluationAverageCriterion,
    LearningHoursCriterion,
    LivelihoodProject,
    LivelihoodProjectCriterion,
    MentorSignOffCriterion,
    PromotionCase,
    QuizPassedCriterion,
    RotationsCompletedCriterion,
    StageChange,
    StarRatingCriterion,
    TraineeStage,
)
from mentoring.selectors import promotion_figures, readiness_for, stage_code_for, stage_history_for
from mentoring.services import (
    appointment_record,
    evaluation_submit,
    livelihood_project_record,
    promotion_decide,
    promotion_nominate,
    promotion_review_record,
    signoff_record,
)
from tests.factories import BranchFactory, LecturePageFactory

from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def reserve(db):
    return f.stage("reserve_cadre")


@pytest.fixture
def trainee(east):
    return f.trainee(east, display_name="张学员")


def criteria_for(stage, programme, course, rubric):
    lecture = LecturePageFactory(parent=course)
    return {
        "courses": _courses(stage, [course]),
        "hours": LearningHoursCriterion.objects.create(to_stage=stage, hours=Decimal("10")),
        "rotations": RotationsCompletedCriterion.objects.create(to_stage=stage, count=1),
        "evaluations": EvaluationAverageCriterion.objects.create(
            to_stage=stage, rubric=rubric, minimum=Decimal("4")
        ),
        "signoff": MentorSignOffCriterion.objects.create(to_stage=stage),
        "quiz": QuizPassedCriterion.objects.create(to_stage=stage, activity=lecture),
        "project": LivelihoodProjectCriterion.objects.create(to_stage=stage),
        "stars": StarRatingCriterion.objects.create(to_stage=stage, minimum_stars=4),
    }


def _courses(stage, courses):
    criterion = CoursesCompletedCriterion.objects.create(to_stage=stage)
    criterion.courses.set(courses)
    return criterion


def results_by_criterion(trainee):
    return {r.criterion.pk: r for r in readiness_for(trainee).results}


def test_every_criterion_is_unmet_then_met_with_its_evidence(
    office, trainee, reserve, programme, course, east, west
):
    rubric = f.rubric()
    criteria = criteria_for(reserve, programme, course, rubric)
    mentor, host = f.mentor(east), f.host(west)

    before = readiness_for(trainee)
    assert before.next_stage == reserve and not before.ready
    assert all(not r.met for r in before.results) and len(before.results) == 8

    # Given the evidence, recorded as the engine and the services would record it
    Enrolment.objects.create(
        trainee=trainee, course=course, status="completed", completed_at=timezone.now()
    )
    HoursEntry.objects.create(
        trainee=trainee, kind="manual", hours=Decimal("12"), earned_on=TODAY, reason="培训"
    )
    ActivityProgress.objects.create(
        trainee=trainee,
        activity=criteria["quiz"].activity,
        course=course,
        quiz_passed_at=timezone.now(),
    )
    rotation = f.rotation(
        trainee, host, starts_on=TODAY - 40 * DAY, ends_on=TODAY - 10 * DAY, status="completed"
    )
    f.assignment(trainee, mentor)
    evaluation = evaluation_submit(
        actor=mentor,
        rubric=rubric,
        trainee=trainee,
        kind="mentor",
        scores=dict.fromkeys(rubric.dimensions.all(), 5),
    )
    signoff = signoff_record(actor=mentor, trainee=trainee, comment="可以担当")
    branch = BranchFactory(community=east, secretary=trainee, star_rating=5)
    project = livelihood_project_record(
        actor=office,
        title="加装电梯",
        branch=branch,
        lead=trainee,
        budget=Decimal("80000"),
        status=LivelihoodProject.Status.COMPLETED,
        completed_on=TODAY,
    )

    after = results_by_criterion(trainee)

    assert all(r.met for r in after.values()), [r.text for r in after.values() if not r.met]
    evidence = {
        name: [(i.kind, i.pk) for i in after[c.pk].evidence] for name, c in criteria.items()
    }
    assert evidence["courses"] == [("course", course.pk)]
    assert evidence["rotations"] == [("rotation", rotation.pk)]
    assert evidence["evaluations"] == [("evaluation", evaluation.pk)]
    assert evidence["signoff"] == [("signoff", signoff.pk)]
    assert evidence["project"] == [("project", project.pk)]
    assert evidence["stars"] == [("branch", branch.pk)]
    assert evidence["quiz"] == [("quiz", criteria["quiz"].activity_id)]
    assert "12" in after[criteria["hours"].pk].text
    assert readiness_for(trainee).ready


def test_a_sign_off_counts_only_while_its_mentor_mentors(trainee, reserve, east):
    criterion = MentorSignOffCriterion.objects.create(to_stage=reserve)
    mentor = f.mentor(east)
    assignment = f.assignment(trainee, mentor)
    signoff_record(actor=mentor, trainee=trainee, comment="成熟稳重")
    assert results_by_criterion(trainee)[criterion.pk].met

    assignment.ends_on = TODAY
    assignment.save()

    assert not results_by_criterion(trainee)[criterion.pk].met
    with pytest.raises(NotAllowed):
        signoff_record(actor=mentor, trainee=trainee, comment="再签一次")


def test_the_stage_changes_only_on_approval_and_history_is_kept(office, trainee, reserve, east):
    second = f.office(display_name="第二审核人")
    case = promotion_nominate(actor=office, trainee=trainee, statement="表现突出")
    assert stage_code_for(trainee) == "trainee" and case.to_stage == reserve

    with pytest.raises(EngineRefusal, match="at least one review"):
        promotion_decide(actor=office, case=case, outcome="approve", reason="同意")
    promotion_review_record(actor=office, case=case, recommendation="defer", comment="再锻炼")
    promotion_review_record(actor=second, case=case, recommendation="approve", comment="同意")
    promotion_decide(actor=office, case=case, outcome="defer", reason="半年后再议")
    assert stage_code_for(trainee) == "trainee"

    decision = promotion_decide(actor=office, case=case, outcome="approve", reason="考察合格")

    assert stage_code_for(trainee) == "reserve_cadre"
    assert TraineeStage.objects.get(trainee=trainee).decision == decision
    assert [d.outcome for d in case.decisions.order_by("pk")] == ["defer", "approve"]
    history = stage_history_for(viewer=office, trainee=trainee)
    assert [(c.from_stage.code, c.to_stage.code) for c in history] == [("trainee", "reserve_cadre")]
    with pytest.raises(EngineRefusal, match="closed"):
        promotion_decide(actor=office, case=case, outcome="reject", reason="x")
    appointment = appointment_record(
        actor=office, case=case, post="社区党委委员", community=east, effective_on=TODAY
    )
    assert appointment.trainee == trainee
    assert AuditEntry.objects.filter(action="promotion.approve").count() == 1


def test_a_rejection_leaves_the_stage_alone(office, trainee):
    case = promotion_nominate(actor=office, trainee=trainee)
    promotion_decide(actor=office, case=case, outcome="reject", reason="条件不足")

    assert stage_code_for(trainee) == "trainee"
    assert not StageChange.objects.exists()
    with pytest.raises(EngineRefusal, match="follows an approved"):
        appointment_record(
            actor=office, case=case, post="x", community=trainee.community, effective_on=TODAY
        )


def test_only_the_office_nominates_and_decides(trainee, east):
    mentor = f.mentor(east)
    with pytest.raises(NotAllowed):
        promotion_nominate(actor=mentor, trainee=trainee)


def test_one_pending_case_per_trainee(office, trainee):
    promotion_nominate(actor=office, trainee=trainee)
    with pytest.raises(Exception, match="already has a promotion case"):
        promotion_nominate(actor=office, trainee=trainee)
    assert PromotionCase.objects.count() == 1


def test_the_nomination_keeps_the_readiness_it_was_made_on(office, trainee, reserve):
    RotationsCompletedCriterion.objects.create(to_stage=reserve, count=2)
    case = promotion_nominate(actor=office, trainee=trainee)
    assert case.readiness[0]["met"] is False
    assert "0 of 2" in case.readiness[0]["text"]


def test_promotion_figures_per_stage(office, east):
    trainees = [f.trainee(east) for _ in range(3)]
    cases = [promotion_nominate(actor=office, trainee=t) for t in trainees]
    for case in cases:
        promotion_review_record(actor=office, case=case, recommendation="approve", comment="好")
    promotion_decide(actor=office, case=cases[0], outcome="approve", reason="好")
    promotion_decide(actor=office, case=cases[1], outcome="defer", reason="等")
    promotion_decide(actor=office, case=cases[2], outcome="reject", reason="否")
    appointment_record(actor=office, case=cases[0], post="委员", community=east, effective_on=TODAY)

    figures = {
        row.stage.code: row for row in promotion_figures(viewer=office, start=TODAY, end=TODAY)
    }

    reserve = figures["reserve_cadre"]
    assert (reserve.nominated, reserve.approved, reserve.deferred, reserve.rejected) == (3, 1, 1, 1)
    assert reserve.appointed == 1 and figures["secretary"].nominated == 0
    assert promotion_figures(viewer=trainees[0], start=TODAY, end=TODAY) == []


def test_the_engine_reads_the_stage_through_the_resolver(settings, trainee, office):
    settings.COURSES_STAGE_RESOLVER = "mentoring.selectors.stage_code_for"
    assert trainee_stage(trainee) == "trainee"
    TraineeStage.objects.create(trainee=trainee, stage=f.stage("deputy_secretary"), since=TODAY)
    assert trainee_stage(trainee) == "deputy_secretary"
