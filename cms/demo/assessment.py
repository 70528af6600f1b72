"""The demo's question bank and a timed quiz on a lecture, with one attempt waiting for marking.

The bank arrives the way an office's own does: ``question_bank.gift`` goes through the import
service. The types GIFT cannot carry whole (situational judgement, ordering, an essay with a
rubric) are saved through the bank service. Loading again finds the bank and the quiz by name
and changes nothing.
"""

from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError

from courses.models import AFTER_ATTEMPT, Attempt, Question, QuestionCategory, Quiz, review_settings
from courses.models.attempts import slots_with_questions
from courses.question_formats.base import CriterionData, OptionData, QuestionData
from courses.services.attempts import attempt_save_answers, attempt_start, attempt_submit
from courses.services.bank_transfer import question_import
from courses.services.questions import question_save
from courses.services.quizzes import quiz_save, quiz_slot_add
from lms.people.models import User

BANK_FILE = Path(__file__).with_name("question_bank.gift")
BANK_ROOT = "党建引领小区治理"
SCENARIO_CATEGORY = (BANK_ROOT, "情景研判")
D = Decimal

EXTRA_QUESTIONS = [
    QuestionData(
        type="judgement",
        name="路灯不亮",
        text="<p>施工开挖后,小区人行道路灯已黑了两周,物业说归施工方管,业委会说归物业管。"
        "作为小区党支部书记,你首先会怎么做?</p>",
        category_path=SCENARIO_CATEGORY,
        options=[
            OptionData(
                "召集物业、业委会和居民代表开协调会,明确责任和时限",
                D(1),
                "最有效:三方同桌,责任落到人。",
            ),
            OptionData(
                "向社区党委报告,请街道协调施工方", D("0.6"), "可以,但支部本可以先把三方拉到一起。"
            ),
            OptionData(
                "在业主群里发通知,请大家耐心等待", D("0.2"), "信息公开是对的,但问题没有推进。"
            ),
            OptionData("自己出钱先把路灯修好", D(0), "热心可嘉,但绕开了责任方,下次还会这样。"),
        ],
        general_feedback="<p>参考豪方现代豪园小区党支部的做法:协调物业、业委会和居民代表,多次沟通上级部门。</p>",
    ),
    QuestionData(
        type="ordering",
        name="协商议事的顺序",
        text="<p>按小区协商议事的一般顺序排列下列步骤。</p>",
        category_path=SCENARIO_CATEGORY,
        options=[
            OptionData("党支部提议"),
            OptionData("各方商议"),
            OptionData("形成决议"),
            OptionData("结果公开"),
        ],
        settings={"grading": "partial"},
    ),
    QuestionData(
        type="essay",
        name="一次物业矛盾的复盘",
        text="<p>选一次你经历过的物业矛盾,说明各方诉求、你的做法和结果,以及下次会怎样改进。</p>",
        category_path=SCENARIO_CATEGORY,
        default_mark=D(4),
        criteria=[
            CriterionData("各方诉求说得清楚", 3, "业委会、物业、居民各自要什么"),
            CriterionData("做法具体、可复制", 4, "有步骤、有时间、有责任人"),
            CriterionData("有反思和改进", 3),
        ],
        settings={"min_words": 50, "max_words": 800, "grader_info": "重点看做法是否具体。"},
    ),
]

QUIZ = {
    "course": "governance-system",
    "lecture": "one-plus-one-plus-n",
    "title": "“1+1+N”随堂测验",
    "introduction": "20 分钟,最多三次,60 分及格。最后一题由导师批阅后公布成绩。",
    "questions": [
        "1+1+N 的含义",
        "小区党支部的六项权利",
        "联合组建",
        "支部组建三法",
        "各方职责配对",
        "路灯不亮",
        "协商议事的顺序",
        "一次物业矛盾的复盘",
    ],
}
# trainee3 has sat the quiz; the essay waits in the marking queue of the reviewer and mentor.
# Answers by question name; a choice is named by its option's text.
SAT_BY = "trainee3"
SAMPLE_ANSWERS = {
    "1+1+N 的含义": {"choice": "小区党组织"},
    "联合组建": {"answer": True},
    "支部组建三法": {"text": "融合建"},
    "路灯不亮": {"choice": "向社区党委报告,请街道协调施工方"},
    "一次物业矛盾的复盘": {
        "text": "<p>去年停车位涨价,业委会要求公开账目,物业坚持按合同执行,居民在群里吵了一周。"
        "我先分别听取三方意见,再由党支部召集协调会,请街道物业管理指导委员会的律师解读合同,"
        "最后业委会和物业约定分两年调价并每季度公开收支。下次我会更早介入,先把账目公开。</p>"
    },
}


def assessment_load(*, programme, office_username: str = "officeadmin") -> dict:
    office = User.objects.get(username=office_username)
    if not QuestionCategory.objects.filter(path=BANK_ROOT).exists():
        summary = question_import(actor=office, fmt="gift", data=BANK_FILE.read_bytes())
        if summary.refused:
            problems = "; ".join(f"{p.location}: {p.message}" for p in summary.problems)
            raise ValidationError(f"question_bank.gift: {problems}")
        for data in EXTRA_QUESTIONS:
            question_save(actor=office, data=data)
    course = programme.get_children().get(slug=QUIZ["course"])
    lecture = course.get_children().get(slug=QUIZ["lecture"])
    quiz = Quiz.objects.filter(activity=lecture, title=QUIZ["title"]).first()
    if quiz is None:
        quiz = quiz_save(
            actor=office,
            quiz=Quiz(
                activity=lecture,
                title=QUIZ["title"],
                introduction=QUIZ["introduction"],
                is_published=True,
                time_limit_minutes=20,
                grace_seconds=60,
                max_attempts=3,
                pass_percent=D(60),
                shuffle_options=True,
                **review_settings(
                    marks=AFTER_ATTEMPT, answers=AFTER_ATTEMPT, feedback=AFTER_ATTEMPT
                ),
            ),
        )
        questions = {
            q.name: q
            for q in Question.objects.filter(
                is_current=True, entry__category__path__startswith=BANK_ROOT
            )
        }
        for name in QUIZ["questions"]:
            quiz_slot_add(actor=office, quiz=quiz, entry=questions[name].entry)
    _sample_attempt(quiz)
    return {"quiz": quiz.pk, "questions": len(QUIZ["questions"])}


def _sample_attempt(quiz: Quiz) -> None:
    trainee = User.objects.get(username=SAT_BY)
    if Attempt.objects.filter(quiz=quiz, trainee=trainee).exists():
        return
    attempt = attempt_start(trainee=trainee, quiz=quiz)
    answers = {}
    for slot in slots_with_questions(list(attempt.slots.all())):
        response = dict(SAMPLE_ANSWERS.get(slot.question.name, {}))
        if "choice" in response:
            by_text = {option.text: option.pk for option in slot.question.ordered_options()}
            # The attempt names its options by its own keys, as the trainee's page does.
            response["choice"] = slot.key_of(by_text[response["choice"]])
        if response:
            answers[str(slot.position)] = response
    attempt_save_answers(trainee=trainee, attempt_id=attempt.pk, answers=answers)
    attempt_submit(trainee=trainee, attempt_id=attempt.pk)
