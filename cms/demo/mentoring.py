"""The demo's mentoring records: mentors and hosts, coaching, rotations, evaluations, readiness.

Everything is written through the mentoring services (and the engine's, for trainee2's
orientation course), as the office, the mentors, the host and the trainees themselves would.
Each record is first looked for by a natural key (a trainee and a mentor and the kind of
assignment, a session's topics, a rotation's objectives, a rubric's name, …); whatever exists
already is left as it is, so loading the demo again leaves the same state.

Dates that must be "now" for the pages to show something (assignments, rotations, coaching
sessions and their actions, evaluations) are counted back from the day the demo is first
loaded; the micro-projects keep fixed dates. Two things must stay "now" when the demo is loaded
again later: the rotation under way (its journal due, the host's evaluation window open) and the
action due soon. When they no longer are, the rotation is cancelled and scheduled again around
today, and the action is marked done and agreed again with a new due date.

Two trainees show the two sides of readiness for the step to reserve cadre (后备干部):
``trainee2`` (黄志远) meets every criterion; ``trainee3`` (周敏) meets none yet, with a rotation
under way and an overdue action.

Promotion criteria have no service yet (the office edits them in the admin); they are written
here, once, and left alone afterwards.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from courses import services as engine
from courses.models import Cohort, HoursEntry
from lms.people.models import Branch, User
from mentoring import services
from mentoring.models import (
    AgreedAction,
    CoachingSession,
    CoursesCompletedCriterion,
    Evaluation,
    EvaluationAverageCriterion,
    HostProfile,
    LearningHoursCriterion,
    LivelihoodProject,
    LivelihoodProjectCriterion,
    MentorAssignment,
    MentorProfile,
    MentorSignOffCriterion,
    RotationsCompletedCriterion,
    Rubric,
    SignOff,
    Stage,
    current_assignment_q,
)
from mentoring.models import Rotation as RotationModel

from .learning import COHORT

OFFICE = "officeadmin"
MENTOR_CAPACITY = {"mentor": 5, "mentor2": 5}
HOST_CAPACITY = {"host": 3}
ASSIGNMENTS_BEGAN_DAYS_AGO = 150
PRIMARY, CROSS = MentorAssignment.Kind.PRIMARY, MentorAssignment.Kind.CROSS

# (trainee, mentor, kind). Each cross mentor comes from a community other than the trainee's:
# mentor is in 蔚蓝海岸社区, mentor2 in 海珠社区.
ASSIGNMENTS = [
    ("trainee", "mentor2", PRIMARY),
    ("trainee", "mentor", CROSS),
    ("trainee2", "mentor", PRIMARY),
    ("trainee2", "mentor2", CROSS),
    ("trainee3", "mentor", PRIMARY),
    ("trainee3", "mentor2", CROSS),
    ("trainee4", "mentor2", PRIMARY),
    ("trainee4", "mentor", CROSS),
]

RUBRIC = {
    "name": "书记履职能力评价",
    "description": "带教导师、接收社区书记、同学和本人按同一把尺子评价,每项 1–5 分。",
    "dimensions": [
        ("政治素质", "5 分:把党的领导落实到小区治理的每件事;1 分:就事论事,看不到党组织的作用。"),
        ("群众工作", "5 分:居民信任、愿意找;1 分:很少走访,居民不认识。"),
        ("统筹协调", "5 分:能把业委会、物业和居民拉到一张桌上;1 分:矛盾上交。"),
        ("依法办事", "5 分:程序规范、有据可查;1 分:凭经验拍板。"),
    ],
}

# Coaching sessions, found again by trainee, mentor and topics. Actions: (owner, description,
# due so many days after the session, done?).
SESSIONS = [
    {
        "trainee": "trainee2",
        "mentor": "mentor",
        "days_ago": 120,
        "minutes": 90,
        "mode": "in_person",
        "topics": "小区议事会的筹备与主持",
        "summary": "一起梳理了滨海明珠小区议事会的议题征集、会前沟通和现场主持要点。议程初稿思路"
        "清楚,会前要先和业委会主任、物业项目经理分别沟通。",
        "private_notes": "开场略显拘谨,下次重点练习开场和控场。",
        "actions": [("trainee", "起草议事会议程并发导师审阅", 10, True)],
        "reflection": "议题征集比我想的重要,下次提前两周开始。",
    },
    {
        "trainee": "trainee2",
        "mentor": "mentor",
        "days_ago": 60,
        "minutes": 60,
        "mode": "video",
        "topics": "民生微实事项目结项",
        "summary": "复盘充电桩改造项目:居民满意度高,结项材料需补齐资金使用明细和居民评议记录。",
        "private_notes": "材料意识还要加强,结项前再看一遍。",
        "actions": [("trainee", "完成充电桩改造项目结项报告", 20, True)],
    },
    {
        "trainee": "trainee2",
        "mentor": "mentor",
        "days_ago": 14,
        "minutes": 60,
        "mode": "in_person",
        "topics": "后备干部考察准备",
        "summary": "对照后备干部的各项条件逐条检查:课程、学时、跟班锻炼、评价均已达到,"
        "导师将出具带教意见。",
        "private_notes": "可以推荐,建议安排到较复杂的社区任职锻炼。",
        "actions": [("mentor", "出具带教意见", 21, False)],
    },
    {
        "trainee": "trainee3",
        "mentor": "mentor",
        "days_ago": 45,
        "minutes": 60,
        "mode": "phone",
        "topics": "物业矛盾调处",
        "summary": "讨论科苑公寓物业费调价引发的投诉:先建台账、分类回应,再召集三方协商。",
        "private_notes": "对物业公司的立场把握不稳,需多旁听几次协调会。",
        # Due ten days ago and still open: the overdue action of the demo.
        "actions": [("trainee", "梳理科苑公寓物业投诉台账", 35, False)],
    },
    {
        "trainee": "trainee3",
        "mentor": "mentor",
        "days_ago": 7,
        "minutes": 45,
        "mode": "video",
        "topics": "跟班锻炼中期交流",
        "summary": "交流在科技园社区跟班的收获:楼栋长例会的组织方式值得借鉴。请按周提交跟班日志。",
        # Due in a week: the action due soon, agreed again on a later load once it is overdue.
        "actions": [("trainee", "每周按时提交跟班日志", 14, False)],
        "keep_due_soon": True,
    },
    {
        "trainee": "trainee",
        "mentor": "mentor2",
        "days_ago": 30,
        "minutes": 60,
        "mode": "in_person",
        "topics": "楼栋长队伍建设",
        "summary": "交流海韵花园楼栋长的选配和激励办法,建议先从党员楼栋长做起。",
        "actions": [("trainee", "走访三位党员楼栋长", 20, False)],
        "reflection": "回去先把党员楼栋长名单理一遍。",
    },
    {
        "trainee": "trainee4",
        "mentor": "mentor2",
        "days_ago": 21,
        "minutes": 45,
        "mode": "phone",
        "topics": "入学适应与学习计划",
        "summary": "商定本学期的学习计划:先完成开班课程和治理体系课程,每月与导师交流一次。",
    },
]

# Rotations with the host secretary 梁建明 (科技园社区), found again by trainee and objectives.
# Journal entries are written for each week that has begun; completed rotations get the host's
# evaluation.
ROTATIONS = [
    {
        "trainee": "trainee2",
        "objectives": "跟班学习科技园社区“两委”联席会议和小区议事协商机制",
        "days_ago": 112,
        "days": 27,
        "completed": True,
        "journal": [
            "第一周:旁听社区两委联席会议,了解议题来源。",
            "第二周:参与楼栋长例会的组织。",
            "第三周:协助调处一起停车位纠纷。",
            "第四周:整理跟班心得,向接收社区书记汇报。",
        ],
        "host_scores": [4, 4, 5, 4],
        "host_comment": "工作主动,协调能力强,能独立组织小型议事会。",
    },
    {
        "trainee": "trainee",
        "objectives": "跟班学习科技园社区楼栋长队伍建设",
        "days_ago": 77,
        "days": 27,
        "completed": True,
        "journal": [
            "第一周:随书记走访楼栋长。",
            "第二周:参加楼栋长培训。",
            "第三周:协助制定激励办法。",
        ],
        "host_scores": [4, 4, 4, 3],
        "host_comment": "踏实肯干,依法办事的意识还需加强。",
    },
    {
        # Under way: it began 24 days ago and runs for another 4, so the host's evaluation
        # window (the last week) is open and this week's and last week's journal are due.
        "trainee": "trainee3",
        "objectives": "跟班学习科技园社区物业纠纷调处",
        "days_ago": 24,
        "days": 28,
        "completed": False,
        "journal": ["第一周:熟悉社区情况,旁听物业协调会。", "第二周:参与一次三方协商。"],
    },
]

# Evaluations other than the hosts': (trainee, evaluator, kind, scores, days ago, comment).
EVALUATIONS = [
    ("trainee2", "mentor", "mentor", [5, 4, 4, 5], 20, "政治站位高,群众基础好。"),
    ("trainee2", "trainee2", "self", [4, 4, 3, 4], 25, "统筹协调还有提升空间。"),
    ("trainee2", "trainee3", "peer", [4, 5, 4, 4], 24, ""),
    ("trainee3", "mentor", "mentor", [3, 3, 2, 3], 10, "还需多经历复杂矛盾的调处。"),
    ("trainee3", "trainee3", "self", [3, 3, 3, 3], 12, ""),
    ("trainee", "mentor2", "mentor", [4, 3, 4, 4], 15, ""),
    ("trainee4", "trainee4", "self", [3, 4, 3, 3], 18, ""),
]

# trainee2 is the trainee ready for promotion.
READY_TRAINEE = "trainee2"
NOT_READY_TRAINEE = "trainee3"
ORIENTATION = "orientation"
ORIENTATION_ATTENDED = "opening-meeting"
ORIENTATION_STUDIED = "trainee-handbook"
MANUAL_HOURS = {
    "trainee2": (
        Decimal("8"),
        "列席街道党工委理论学习中心组专题学习",
        30,
    ),  # hours, reason, days ago
}
SIGNOFF_COMMENT = "带教期间表现突出,议事协商和民生微实事均有实绩,同意推荐为后备干部。"

PROJECTS = [
    {
        "title": "滨海明珠小区充电桩改造",
        "branch": "滨海明珠小区党支部",
        "lead": "trainee2",
        "budget": Decimal("180000"),
        "status": LivelihoodProject.Status.COMPLETED,
        "started_on": datetime.date(2026, 3, 2),
        "completed_on": datetime.date(2026, 9, 30),
    },
    {
        "title": "科苑公寓加装电梯协商",
        "branch": "科苑公寓小区党支部",
        "lead": "trainee3",
        "budget": Decimal("60000"),
        "status": LivelihoodProject.Status.IN_PROGRESS,
        "started_on": datetime.date(2026, 10, 12),
        "completed_on": None,
    },
]

# The step trainee → reserve cadre.
CRITERIA_STAGE = "reserve_cadre"
HOURS_NEEDED = Decimal("10")
EVALUATION_MINIMUM = Decimal("3.50")
EVALUATIONS_NEEDED = 3


def mentoring_load(*, programme, office_username: str = OFFICE) -> dict:
    """Load the mentoring demo; needs the accounts and ``learning_load``'s cohort and courses."""
    today = timezone.localdate()
    office = User.objects.get(username=office_username)
    users = {u.username: u for u in User.objects.filter(username__startswith="trainee")}
    users.update(
        {u.username: u for u in User.objects.filter(username__in=["mentor", "mentor2", "host"])}
    )
    courses = {page.slug: page.specific for page in programme.get_children()}
    cohort = Cohort.objects.get(programme=programme, name=COHORT["name"])

    _profiles(office, users)
    began = today - datetime.timedelta(days=ASSIGNMENTS_BEGAN_DAYS_AGO)
    for trainee, mentor, kind in ASSIGNMENTS:
        _assign(office, users[trainee], users[mentor], kind, began)
    for session in SESSIONS:
        _session(users, today, session)
    rubric = _rubric(office)
    for rotation in ROTATIONS:
        _rotation(office, users, rubric, today, rotation)
    for evaluation in EVALUATIONS:
        _evaluation(users, rubric, cohort, today, evaluation)
    for project in PROJECTS:
        _project(office, users, project)
    _criteria(rubric, courses[ORIENTATION])
    _ready_trainee(office, users, courses, today)
    return {
        "assignments": len(ASSIGNMENTS),
        "sessions": len(SESSIONS),
        "rotations": len(ROTATIONS),
        "ready": READY_TRAINEE,
        "not_ready": NOT_READY_TRAINEE,
    }


def _days_ago(today, days: int) -> datetime.date:
    return today - datetime.timedelta(days=days)


def _profiles(office, users) -> None:
    for username, capacity in MENTOR_CAPACITY.items():
        profile = MentorProfile.objects.filter(user=users[username]).first()
        if profile is None or (profile.capacity, profile.is_active) != (capacity, True):
            services.mentor_profile_set(actor=office, user=users[username], capacity=capacity)
    for username, capacity in HOST_CAPACITY.items():
        profile = HostProfile.objects.filter(user=users[username]).first()
        if profile is None or (profile.capacity, profile.is_active) != (capacity, True):
            services.host_profile_set(actor=office, user=users[username], capacity=capacity)


def _assign(office, trainee, mentor, kind, began) -> None:
    assignments = MentorAssignment.objects.filter(trainee=trainee)
    if assignments.filter(mentor=mentor, kind=kind).exists():
        return
    if assignments.filter(current_assignment_q(), kind=kind).exists():
        return  # the office has given this trainee another mentor of this kind since
    services.assignment_create(
        actor=office, trainee=trainee, mentor=mentor, kind=kind, starts_on=began
    )


def _session(users, today, data) -> None:
    trainee, mentor = users[data["trainee"]], users[data["mentor"]]
    found = CoachingSession.objects.filter(trainee=trainee, mentor=mentor, topics=data["topics"])
    if session := found.first():
        if data.get("keep_due_soon"):
            _keep_due_soon(session, today, data)
        return
    held_on = _days_ago(today, data["days_ago"])
    actions = data.get("actions", [])
    session = services.coaching_session_log(
        actor=mentor,
        trainee=trainee,
        held_on=held_on,
        duration_minutes=data["minutes"],
        mode=data["mode"],
        topics=data["topics"],
        summary=data["summary"],
        private_notes=data.get("private_notes", ""),
        actions=[
            {
                "owner": owner,
                "description": description,
                "due_on": held_on + datetime.timedelta(days=due_in),
            }
            for owner, description, due_in, _done in actions
        ],
    )
    done = {description for _owner, description, _due, finished in actions if finished}
    for action in session.actions.filter(description__in=done, status=AgreedAction.Status.OPEN):
        services.coaching_action_set_status(
            actor=trainee, action=action, status=AgreedAction.Status.DONE
        )
    if data.get("reflection"):
        services.coaching_session_acknowledge(
            actor=trainee, session=session, reflection=data["reflection"]
        )


def _keep_due_soon(session, today, data) -> None:
    """When none of the session's open actions is still ahead, agree them again due in a week."""
    open_actions = session.actions.filter(status=AgreedAction.Status.OPEN)
    if open_actions.filter(due_on__gte=today).exists():
        return
    for action in open_actions:
        services.coaching_action_set_status(
            actor=session.trainee, action=action, status=AgreedAction.Status.DONE
        )
    for owner, description, _due, done in data["actions"]:
        if not done:
            services.coaching_action_add(
                actor=session.mentor,
                session=session,
                owner=owner,
                description=description,
                due_on=today + datetime.timedelta(days=7),
            )


def _under_way(rotation, today) -> bool:
    """Running today, with the host's evaluation window (its last week) open."""
    opens = rotation.host_evaluation_opens_on
    return rotation.starts_on <= today and opens <= today <= rotation.ends_on


def _rubric(office) -> Rubric:
    rubric = Rubric.objects.filter(name=RUBRIC["name"]).first()
    return rubric or services.rubric_create(
        actor=office,
        name=RUBRIC["name"],
        description=RUBRIC["description"],
        dimensions=RUBRIC["dimensions"],
    )


def _scores(rubric, values) -> dict:
    return dict(zip(rubric.dimensions.order_by("sort_order", "pk"), values, strict=True))


def _rotation(office, users, rubric, today, data) -> None:
    trainee, host = users[data["trainee"]], users["host"]
    found = RotationModel.objects.filter(trainee=trainee, host=host, objectives=data["objectives"])
    if not data["completed"]:
        # The rotation under way is the demo's "now": one that has run out is placed again.
        found = found.exclude(status=RotationModel.Status.CANCELLED)
    rotation = found.first()
    if (
        rotation is not None
        and not data["completed"]
        and rotation.status == RotationModel.Status.SCHEDULED
        and not _under_way(rotation, today)
    ):
        services.rotation_cancel(
            actor=office, rotation=rotation, reason="演示数据重新加载:跟班锻炼按今天重新安排"
        )
        rotation = None
    if rotation is None:
        starts_on = _days_ago(today, data["days_ago"])
        rotation = services.rotation_schedule(
            actor=office,
            trainee=trainee,
            host=host,
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=data["days"]),
            objectives=data["objectives"],
        )
    if rotation.status == RotationModel.Status.CANCELLED:
        return  # cancelled by the office since: leave it
    for week, body in enumerate(data["journal"]):
        week_of = rotation.starts_on + datetime.timedelta(weeks=week)
        iso_year, iso_week, _day = week_of.isocalendar()
        written = rotation.journal.filter(iso_year=iso_year, iso_week=iso_week).exists()
        if week_of <= today and not written:
            services.journal_write(actor=trainee, rotation=rotation, week_of=week_of, body=body)
    due = rotation.status == RotationModel.Status.SCHEDULED and rotation.ends_on <= today
    if data["completed"] and due:
        rotation = services.rotation_complete(actor=host, rotation=rotation)
    scores = data.get("host_scores")
    if scores and not Evaluation.objects.filter(rotation=rotation, kind="host").exists():
        services.evaluation_submit(
            actor=host,
            rubric=rubric,
            trainee=trainee,
            kind=Evaluation.Kind.HOST,
            scores=_scores(rubric, scores),
            rotation=rotation,
            comment=data.get("host_comment", ""),
            evaluated_on=rotation.ends_on,
        )


def _evaluation(users, rubric, cohort, today, row) -> None:
    trainee, evaluator, kind, scores, days_ago, comment = row
    trainee, evaluator = users[trainee], users[evaluator]
    if Evaluation.objects.filter(
        rubric=rubric, trainee=trainee, evaluator=evaluator, kind=kind
    ).exists():
        return
    services.evaluation_submit(
        actor=evaluator,
        rubric=rubric,
        trainee=trainee,
        kind=kind,
        scores=_scores(rubric, scores),
        comment=comment,
        cohort=cohort if kind == Evaluation.Kind.PEER else None,
        evaluated_on=_days_ago(today, days_ago),
    )


def _project(office, users, data) -> None:
    if LivelihoodProject.objects.filter(title=data["title"]).exists():
        return
    services.livelihood_project_record(
        actor=office,
        title=data["title"],
        branch=Branch.objects.get(name=data["branch"]),
        lead=users[data["lead"]],
        budget=data["budget"],
        status=data["status"],
        started_on=data["started_on"],
        completed_on=data["completed_on"],
    )


def _criteria(rubric, orientation) -> None:
    """The criteria for the step into reserve cadre, each created once if missing."""
    stage = Stage.objects.get(code=CRITERIA_STAGE)
    wanted = [
        (CoursesCompletedCriterion, {}),
        (LearningHoursCriterion, {"hours": HOURS_NEEDED, "within_days": 365}),
        (RotationsCompletedCriterion, {"count": 1}),
        (
            EvaluationAverageCriterion,
            {
                "rubric": rubric,
                "minimum": EVALUATION_MINIMUM,
                "minimum_count": EVALUATIONS_NEEDED,
            },
        ),
        (MentorSignOffCriterion, {}),
        (LivelihoodProjectCriterion, {"count": 1, "completed_only": True}),
    ]
    for order, (model, values) in enumerate(wanted):
        if model.objects.filter(to_stage=stage).exists():
            continue
        criterion = model(to_stage=stage, sort_order=order, **values)
        criterion.full_clean()
        criterion.save()
        if model is CoursesCompletedCriterion:
            criterion.courses.set([orientation])


def _ready_trainee(office, users, courses, today) -> None:
    """trainee2 completes the orientation course, has the hours, and is signed off."""
    trainee = users[READY_TRAINEE]
    orientation = courses[ORIENTATION]
    attended = orientation.get_children().get(slug=ORIENTATION_ATTENDED)
    studied = orientation.get_children().get(slug=ORIENTATION_STUDIED)
    # Both services record once: a second run finds the progress already there.
    engine.activity_attendance_record(trainee=trainee, activity=attended, actor=office, how="demo")
    engine.activity_confirm(trainee=trainee, activity=studied)
    for username, (hours, reason, days_ago) in MANUAL_HOURS.items():
        person = users[username]
        if not HoursEntry.objects.filter(
            trainee=person, kind=HoursEntry.Kind.MANUAL, reason=reason
        ).exists():
            engine.hours_credit_manual(
                actor=office,
                trainee=person,
                hours=hours,
                reason=reason,
                earned_on=_days_ago(today, days_ago),
            )
    mentor = users["mentor"]
    if not SignOff.objects.filter(
        trainee=trainee, mentor=mentor, withdrawn_at__isnull=True
    ).exists():
        services.signoff_record(actor=mentor, trainee=trainee, comment=SIGNOFF_COMMENT)
