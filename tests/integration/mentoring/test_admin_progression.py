"""The office's progression admin, through HTTP: the readiness board, the promotion case from
nomination to appointment, and the figures."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment, HoursEntry
from mentoring.models import (
    Appointment,
    CoursesCompletedCriterion,
    Evaluation,
    EvaluationAverageCriterion,
    EvaluationScore,
    LearningHoursCriterion,
    LivelihoodProject,
    LivelihoodProjectCriterion,
    MentorSignOffCriterion,
    PromotionCase,
    PromotionReview,
    QuizPassedCriterion,
    RotationsCompletedCriterion,
    SignOff,
    StageChange,
    StarRatingCriterion,
    TraineeStage,
)
from mentoring.selectors import stage_code_for
from mentoring.services import promotion_decide, promotion_nominate, promotion_review_record
from tests.factories import BranchFactory, LecturePageFactory

from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


@pytest.fixture
def trainee(east):
    return f.trainee(east, display_name="张学员")


def _case_url(case):
    return reverse("mentoring_progression:case", args=[case.pk])


# The readiness board ---------------------------------------------------------------------------


def _criteria_of_every_kind(course):
    """Criteria of every kind for the step into reserve cadre, and two for the step after."""
    reserve, deputy = f.stage("reserve_cadre"), f.stage("deputy_secretary")
    rubric = f.rubric()
    courses = CoursesCompletedCriterion.objects.create(to_stage=reserve)
    courses.courses.set([course])
    LearningHoursCriterion.objects.create(to_stage=reserve, hours=Decimal("10"))
    RotationsCompletedCriterion.objects.create(to_stage=reserve, count=1)
    EvaluationAverageCriterion.objects.create(to_stage=reserve, rubric=rubric, minimum=4)
    MentorSignOffCriterion.objects.create(to_stage=reserve)
    QuizPassedCriterion.objects.create(to_stage=reserve, activity=LecturePageFactory(parent=course))
    LivelihoodProjectCriterion.objects.create(to_stage=reserve)
    StarRatingCriterion.objects.create(to_stage=reserve, minimum_stars=4)
    MentorSignOffCriterion.objects.create(to_stage=deputy)
    LearningHoursCriterion.objects.create(to_stage=deputy, hours=Decimal("40"))
    return rubric


def _cohort_with_evidence(programme, course, rubric, office, size, community, mentor, host):
    """A cohort of ``size`` trainees, each with evidence of every kind; every third one is
    already a reserve cadre and every fifth one has a case under review."""
    trainees = [f.trainee(community) for _ in range(size)]
    for number, person in enumerate(trainees):
        Enrolment.objects.create(
            trainee=person, course=course, status="completed", completed_at=timezone.now()
        )
        HoursEntry.objects.create(
            trainee=person, kind="manual", hours=Decimal("12"), earned_on=TODAY, reason="培训"
        )
        f.rotation(
            person, host, starts_on=TODAY - 40 * DAY, ends_on=TODAY - 30 * DAY, status="completed"
        )
        evaluation = Evaluation.objects.create(
            rubric=rubric, trainee=person, evaluator=mentor, kind="mentor", evaluated_on=TODAY
        )
        for dimension in rubric.dimensions.all():
            EvaluationScore.objects.create(evaluation=evaluation, dimension=dimension, score=5)
        f.assignment(person, mentor)
        SignOff.objects.create(
            trainee=person, mentor=mentor, to_stage=f.stage("reserve_cadre"), comment="好"
        )
        branch = BranchFactory(community=community, secretary=person, star_rating=4)
        LivelihoodProject.objects.create(
            title=f"项目{number}",
            branch=branch,
            lead=person,
            budget=Decimal("1000"),
            status=LivelihoodProject.Status.COMPLETED,
            completed_on=TODAY,
        )
        if number % 3 == 0:
            TraineeStage.objects.create(trainee=person, stage=f.stage("reserve_cadre"), since=TODAY)
        if number % 5 == 0:
            PromotionCase.objects.create(
                trainee=person,
                from_stage=f.stage("trainee"),
                to_stage=f.stage("reserve_cadre"),
                nominated_by=office,
            )
    return f.cohort(programme, trainees, capacity=size)


def _board(client, cohort):
    return client.get(reverse("mentoring_progression:board"), {"cohort": cohort.pk})


def test_the_board_runs_the_same_number_of_queries_for_3_and_60_trainees(
    office_client, office, programme, course, east, west
):
    # Given criteria of every kind and two cohorts, each trainee with evidence of every kind
    rubric = _criteria_of_every_kind(course)
    mentor, host = f.mentor(east, capacity=100), f.host(west, capacity=100)
    small = _cohort_with_evidence(programme, course, rubric, office, 3, east, mentor, host)
    large = _cohort_with_evidence(programme, course, rubric, office, 60, east, mentor, host)
    _board(office_client, small)  # warm the per-process caches (content types, site roots)

    # When the board of each is shown
    with CaptureQueriesContext(connection) as for_three:
        three = _board(office_client, small)
    with CaptureQueriesContext(connection) as for_sixty:
        sixty = _board(office_client, large)

    # Then both answer, list everyone, and cost the same (the count includes the admin's own
    # furniture, such as each menu item's permission check, so only the equality is pinned)
    assert three.status_code == sixty.status_code == 200
    assert sixty.content.decode().count(reverse("mentoring:readiness", args=[0])[:-2]) >= 60
    assert len(for_three) == len(for_sixty), (len(for_three), len(for_sixty))


def test_the_board_shows_each_criterion_and_offers_nomination(
    office_client, office, programme, course, trainee
):
    MentorSignOffCriterion.objects.create(to_stage=f.stage("reserve_cadre"))
    other = f.trainee(trainee.community, display_name="李学员")
    case = promotion_nominate(actor=office, trainee=other)
    cohort = f.cohort(programme, [trainee, other])

    response = _board(office_client, cohort)

    text = response.content.decode()
    assert response.status_code == 200
    assert "Signed off by a current mentor" in text
    assert "0 / 1" in text
    assert reverse("mentoring_progression:nominate", args=[trainee.pk]) in text
    assert _case_url(case) in text


def test_the_board_without_a_cohort_asks_for_one(office_client):
    response = office_client.get(reverse("mentoring_progression:board"))
    assert response.status_code == 200 and "Choose a cohort" in response.content.decode()


def test_an_unknown_cohort_is_a_form_error_not_a_crash(office_client):
    response = office_client.get(reverse("mentoring_progression:board"), {"cohort": "999999"})
    assert response.status_code == 200 and "error-message" in response.content.decode()


# The promotion case ----------------------------------------------------------------------------


def _nominate(client, trainee, statement="表现突出"):
    return client.post(
        reverse("mentoring_progression:nominate", args=[trainee.pk]), {"statement": statement}
    )


def _review(client, case, recommendation="approve", comment="同意"):
    return client.post(
        _case_url(case),
        {
            "action": "review",
            "review-recommendation": recommendation,
            "review-comment": comment,
        },
    )


def _decide(client, case, outcome, reason="考察合格", decided_on=None):
    return client.post(
        _case_url(case),
        {
            "action": "decide",
            "decide-outcome": outcome,
            "decide-reason": reason,
            "decide-decided_on": (decided_on or TODAY).isoformat(),
        },
    )


def test_nominate_review_approve_appoint_changes_the_stage_and_keeps_the_history(
    office_client, office, trainee, east
):
    MentorSignOffCriterion.objects.create(to_stage=f.stage("reserve_cadre"))
    page = office_client.get(reverse("mentoring_progression:nominate", args=[trainee.pk]))
    assert page.status_code == 200 and "Signed off by a current mentor" in page.content.decode()

    # Nominate
    response = _nominate(office_client, trainee)
    case = PromotionCase.objects.get(trainee=trainee)
    assert response.status_code == 302 and response["Location"] == _case_url(case)
    assert case.statement == "表现突出" and case.readiness[0]["met"] is False

    # Two reviewers comment
    assert _review(office_client, case, "defer", "再锻炼").status_code == 302
    second = f.office(display_name="第二审核人")
    office_client.force_login(second)
    assert _review(office_client, case, "approve", "同意提拔").status_code == 302
    assert list(case.reviews.values_list("comment", flat=True)) == ["再锻炼", "同意提拔"]

    # Approve
    assert _decide(office_client, case, "approve").status_code == 302
    assert stage_code_for(trainee) == "reserve_cadre"

    # Appoint
    response = office_client.post(
        _case_url(case),
        {
            "action": "appoint",
            "appoint-post": "社区党委委员",
            "appoint-community": east.pk,
            "appoint-effective_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get(case=case)
    assert (appointment.post, appointment.community) == ("社区党委委员", east)

    # The case page keeps the whole record
    page = office_client.get(_case_url(case)).content.decode()
    for text in ("再锻炼", "同意提拔", "考察合格", "社区党委委员", "表现突出", "后备干部"):
        assert text in page
    history = StageChange.objects.filter(trainee=trainee)
    assert [(c.from_stage.code, c.to_stage.code) for c in history] == [("trainee", "reserve_cadre")]


@pytest.mark.parametrize("outcome", ["defer", "reject"])
def test_defer_and_reject_keep_the_stage(office_client, office, trainee, outcome):
    case = promotion_nominate(actor=office, trainee=trainee)
    promotion_review_record(actor=office, case=case, recommendation=outcome, comment="条件不足")

    response = _decide(office_client, case, outcome, reason="半年后再议")

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.status == {"defer": "deferred", "reject": "rejected"}[outcome]
    assert stage_code_for(trainee) == "trainee" and not StageChange.objects.exists()
    assert case.decisions.get().reason == "半年后再议"


def test_a_deferred_case_can_be_approved_later(office_client, office, trainee):
    case = promotion_nominate(actor=office, trainee=trainee)
    promotion_review_record(actor=office, case=case, recommendation="approve", comment="好")
    _decide(office_client, case, "defer", reason="再看看")

    _decide(office_client, case, "approve", reason="合格")

    assert stage_code_for(trainee) == "reserve_cadre"
    assert list(case.decisions.order_by("pk").values_list("outcome", flat=True)) == [
        "defer",
        "approve",
    ]


def test_approving_without_a_review_is_refused_on_the_page(office_client, office, trainee):
    case = promotion_nominate(actor=office, trainee=trainee)

    response = _decide(office_client, case, "approve")

    assert response.status_code == 200
    assert "Record at least one review before approving." in response.content.decode()
    assert stage_code_for(trainee) == "trainee"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"decide-outcome": "approve", "decide-reason": ""}, "decide-reason"),
        ({"decide-outcome": "promote", "decide-reason": "x"}, "decide-outcome"),
        (
            {
                "decide-outcome": "reject",
                "decide-reason": "x",
                "decide-decided_on": (TODAY + 9 * DAY).isoformat(),
            },
            "decide-decided_on",
        ),
    ],
)
def test_bad_decision_input_is_a_form_error(office_client, office, trainee, data, field):
    case = promotion_nominate(actor=office, trainee=trainee)
    post = {"action": "decide", "decide-decided_on": TODAY.isoformat(), **data}

    response = office_client.post(_case_url(case), post)

    assert response.status_code == 200 and "error-message" in response.content.decode()
    assert not case.decisions.exists()


def test_a_second_review_by_the_same_reviewer_is_not_offered_or_recorded(
    office_client, office, trainee
):
    case = promotion_nominate(actor=office, trainee=trainee)
    _review(office_client, case)

    page = office_client.get(_case_url(case)).content.decode()
    again = _review(office_client, case, comment="再评一次")

    assert 'value="review"' not in page
    assert again.status_code == 302 and PromotionReview.objects.count() == 1


def test_an_appointment_before_approval_is_refused(office_client, office, trainee, east):
    case = promotion_nominate(actor=office, trainee=trainee)

    response = office_client.post(
        _case_url(case),
        {
            "action": "appoint",
            "appoint-post": "委员",
            "appoint-community": east.pk,
            "appoint-effective_on": TODAY.isoformat(),
        },
        follow=True,
    )

    assert response.status_code == 200 and not Appointment.objects.exists()
    assert "no longer takes that step" in response.content.decode()


def test_nominating_twice_is_refused_with_a_message(office_client, office, trainee):
    case = promotion_nominate(actor=office, trainee=trainee)

    page = office_client.get(reverse("mentoring_progression:nominate", args=[trainee.pk]))
    response = _nominate(office_client, trainee)

    assert page.status_code == 302 and page["Location"] == _case_url(case)
    assert response.status_code == 200
    assert "already has a promotion case" in response.content.decode()
    assert PromotionCase.objects.count() == 1


def test_nominating_someone_at_the_last_stage_is_refused(office_client, trainee):
    TraineeStage.objects.create(trainee=trainee, stage=f.stage("secretary"), since=TODAY)

    response = _nominate(office_client, trainee)

    assert response.status_code == 200 and "at the last stage" in response.content.decode()
    assert not PromotionCase.objects.exists()


def test_unknown_case_and_trainee_are_not_found(office_client, office):
    assert office_client.get(reverse("mentoring_progression:case", args=[999])).status_code == 404
    nominate = reverse("mentoring_progression:nominate", args=[office.pk])
    assert office_client.get(nominate).status_code == 404


def test_the_case_list_filters_by_status(office_client, office, trainee, east):
    open_case = promotion_nominate(actor=office, trainee=trainee)
    other = f.trainee(east, display_name="王学员")
    closed = promotion_nominate(actor=office, trainee=other)
    promotion_review_record(actor=office, case=closed, recommendation="reject", comment="否")
    _decide(office_client, closed, "reject", reason="否")

    pending = office_client.get(reverse("mentoring_progression:cases"), {"status": "pending"})
    everything = office_client.get(reverse("mentoring_progression:cases"))

    assert _case_url(open_case) in pending.content.decode()
    assert _case_url(closed) not in pending.content.decode()
    assert _case_url(closed) in everything.content.decode()


# Figures ---------------------------------------------------------------------------------------


def _promoted(office, trainee, outcome="approve"):
    case = promotion_nominate(actor=office, trainee=trainee)
    promotion_review_record(actor=office, case=case, recommendation=outcome, comment="好")
    promotion_decide(actor=office, case=case, outcome=outcome, reason="好")
    return case


def test_the_figures_page_and_its_export(office_client, office, east):
    deputies = [f.trainee(east) for _ in range(2)]
    for person in deputies:
        TraineeStage.objects.create(trainee=person, stage=f.stage("reserve_cadre"), since=TODAY)
        _promoted(office, person)
    _promoted(office, f.trainee(east), outcome="reject")
    period = {"start": (TODAY - DAY).isoformat(), "end": TODAY.isoformat()}

    page = office_client.get(reverse("mentoring_progression:figures"), period)
    export = office_client.get(reverse("mentoring_progression:figures-export"), period)

    assert page.status_code == 200 and "社区党委副书记" in page.content.decode()
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["社区党委副书记"] == (2, 2, 0, 0, 0)
    assert rows["后备干部"] == (1, 0, 0, 1, 0)


def test_the_figures_default_to_this_year_and_reject_a_backwards_period(office_client):
    default = office_client.get(reverse("mentoring_progression:figures"))
    backwards = office_client.get(
        reverse("mentoring_progression:figures-export"),
        {"start": TODAY.isoformat(), "end": (TODAY - DAY).isoformat()},
    )

    assert default.status_code == 200 and "社区党委书记" in default.content.decode()
    assert backwards.status_code == 200
    assert "The end date comes before the start date." in backwards.content.decode()


# Who may use these pages -----------------------------------------------------------------------


ROUTES = [
    ("board", []),
    ("cases", []),
    ("figures", []),
    ("figures-export", []),
]


@pytest.mark.parametrize("role", ["trainee", "mentor", "host"])
def test_trainees_mentors_and_hosts_are_turned_away(client, office, trainee, east, west, role):
    person = {"trainee": trainee, "mentor": f.mentor(east), "host": f.host(west)}[role]
    case = promotion_nominate(actor=office, trainee=trainee)
    client.force_login(person)
    urls = [reverse(f"mentoring_progression:{name}", args=args) for name, args in ROUTES]
    urls += [_case_url(case), reverse("mentoring_progression:nominate", args=[trainee.pk])]

    for url in urls:
        assert client.get(url).status_code in (302, 403), url
    assert client.post(_case_url(case), {"action": "decide"}).status_code in (302, 403)
    assert _nominate(client, f.trainee(east)).status_code in (302, 403)
    assert PromotionCase.objects.count() == 1 and not case.decisions.exists()


def test_the_menu_shows_the_progression_pages_to_the_office(office_client):
    response = office_client.get(reverse("wagtailadmin_home"))
    assert reverse("mentoring_progression:board") in response.content.decode()
