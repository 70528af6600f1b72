"""The demo's learning records: a small-class cohort, enrolments and some progress.

Everything goes through the engine's services, which are idempotent: enrolling or confirming
twice changes nothing, so loading the demo again leaves the same state.
"""

from decimal import Decimal

from courses import services
from courses.models import Cohort, StageHoursTarget
from lms.people.models import User

COHORT = {"name": "2026 届第一小班", "capacity": 12, "head_mentor": "mentor"}
COHORT_MEMBERS = ["trainee", "trainee2", "trainee3", "trainee4"]
# Courses the cohort is enrolled in by the office; the others take self-enrolment.
ENROLLED_COURSES = ["orientation", "governance-system", "scenario-exercises", "study-tours"]
SELF_ENROLMENT_COURSES = ["branch-building", "property-co-governance"]
# Online study already done, so the hours and progress pages have something to show.
CONFIRMED = {"trainee2": ["governance-system/branch-work-guidelines"]}
STAGE_TARGETS = {
    "trainee": Decimal("40"),
    "reserve_cadre": Decimal("48"),
    "deputy_secretary": Decimal("56"),
    "secretary": Decimal("60"),
}


def learning_load(*, programme, office_username: str = "officeadmin") -> dict:
    office = User.objects.get(username=office_username)
    courses = {page.slug: page.specific for page in programme.get_children()}
    for slug in SELF_ENROLMENT_COURSES:
        course = courses[slug]
        if not course.allow_self_enrolment:
            course.allow_self_enrolment = True
            course.save_revision().publish()

    cohort = Cohort.objects.filter(programme=programme, name=COHORT["name"]).first() or Cohort(
        programme=programme, name=COHORT["name"]
    )
    cohort.capacity = COHORT["capacity"]
    cohort.head_mentor = User.objects.get(username=COHORT["head_mentor"])
    cohort.schedule = "每月第二个周四下午集中学习,其余时间线上学习。"
    services.cohort_save(actor=office, instance=cohort)

    members = list(User.objects.filter(username__in=COHORT_MEMBERS))
    for member in members:
        services.cohort_add_trainee(actor=office, cohort=cohort, trainee=member)
    for slug in ENROLLED_COURSES:
        services.cohort_enrol_course(actor=office, cohort=cohort, course=courses[slug])

    for username, paths in CONFIRMED.items():
        trainee = User.objects.get(username=username)
        for path in paths:
            course_slug, activity_slug = path.split("/")
            activity = courses[course_slug].get_children().get(slug=activity_slug)
            services.activity_confirm(trainee=trainee, activity=activity)

    for stage, hours in STAGE_TARGETS.items():
        target = StageHoursTarget.objects.filter(stage=stage).first() or StageHoursTarget(
            stage=stage
        )
        if target.hours != hours:
            target.hours = hours
            services.stage_hours_target_save(actor=office, instance=target)
    return {"cohort": cohort, "members": len(members), "courses": len(ENROLLED_COURSES)}
