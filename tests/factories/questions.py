"""Questions of every type, saved through the bank service, and quizzes built from them."""

from decimal import Decimal

from courses.models import Quiz, QuizSlot
from courses.question_formats.base import CriterionData, OptionData, QuestionData
from courses.services.questions import question_save

D = Decimal


def sample_data(type_code: str, *, name: str | None = None, category=("党建知识",)) -> QuestionData:
    """A sound question of the type, with Chinese text, ready for ``question_save``."""
    base = {"type": type_code, "name": name or f"{type_code} 题", "category_path": category}
    samples = {
        "single": {
            "text": "<p>社区党委换届每几年一次?</p>",
            "options": [
                OptionData("五年", D(1), "正确。"),
                OptionData("三年", D(0), "这是旧规定。"),
                OptionData("两年", D(0)),
            ],
        },
        "judgement": {
            "text": "<p>业委会与物业因停车费争执,你首先会?</p>",
            "options": [
                OptionData("召集三方协调会", D(1), "最有效:把各方拉到一张桌上。"),
                OptionData("先听取居民意见", D("0.6"), "可以,但拖延了。"),
                OptionData("请街道出面", D("0.2"), "把问题上交。"),
                OptionData("不予理会", D(0), "矛盾会升级。"),
            ],
        },
        "multiple": {
            "text": "<p>哪些属于“三会一课”?</p>",
            "options": [
                OptionData("支部党员大会", D("0.5"), "对"),
                OptionData("党课", D("0.5"), "对"),
                OptionData("业主大会", D("-0.5"), "不是党内组织生活"),
                OptionData("楼长会", D("-0.5")),
            ],
        },
        "truefalse": {
            "text": "<p>小区党支部可以联建。</p>",
            "settings": {"correct": True, "feedback_true": "对。", "feedback_false": "可以联建。"},
        },
        "shortanswer": {
            "text": "<p>“红色物业”的英文缩写?</p>",
            "options": [OptionData("RP", D(1), "对"), OptionData("Red*", D("0.5"), "接近")],
            "settings": {"case_sensitive": False},
        },
        "numerical": {
            "text": "<p>本街道共有几个社区?</p>",
            "options": [
                OptionData("12", D(1), "对", tolerance=D(0)),
                OptionData("12", D("0.5"), tolerance=D(2)),
            ],
        },
        "matching": {
            "text": "<p>把机构与职责配对。</p>",
            "options": [
                OptionData("业委会", D(0), "", match_text="代表业主"),
                OptionData("物业公司", D(0), "", match_text="提供服务"),
                OptionData("社区党委", D(0), "", match_text="统筹协调"),
                OptionData("", D(0), "", match_text="审批预算"),
            ],
        },
        "ordering": {
            "text": "<p>排列议事程序。</p>",
            "options": [
                OptionData("提议"),
                OptionData("商议"),
                OptionData("决议"),
                OptionData("公开"),
            ],
            "settings": {"grading": "partial"},
        },
        "essay": {
            "text": "<p>谈谈你处理一次业主矛盾的经验。</p>",
            "criteria": [CriterionData("结构清晰", 4), CriterionData("有具体做法", 6)],
            "settings": {"min_words": 0, "max_words": 0, "grader_info": "看是否有具体做法"},
        },
    }
    return QuestionData(**base, **samples[type_code])


def make_question(type_code: str, *, actor=None, **kwargs):
    return question_save(actor=actor, data=sample_data(type_code, **kwargs))


def make_quiz(activity, questions, **fields) -> Quiz:
    """A published quiz on the activity with the questions as fixed slots, in order."""
    fields = {"title": "随堂测验", "is_published": True, **fields}
    quiz = Quiz.objects.create(activity=activity, **fields)
    for position, question in enumerate(questions, start=1):
        QuizSlot.objects.create(quiz=quiz, position=position, entry_id=question.entry_id)
    return quiz


ESSAY_ANSWER = "<p>先调研,再协商。</p>"


def right_response(question, *, essay_text: str = ESSAY_ANSWER) -> dict:
    """The full-marks response to a ``sample_data`` question, in its type's JSON shape (an essay
    has no right answer: it gets ``essay_text``)."""
    options = question.ordered_options()
    best = max(options, key=lambda o: o.fraction) if options else None
    responses = {
        "single": lambda: {"choice": best.pk},
        "judgement": lambda: {"choice": best.pk},
        "multiple": lambda: {"choices": [o.pk for o in options if o.fraction > 0]},
        "truefalse": lambda: {"answer": question.correct_answer},
        "shortanswer": lambda: {"text": "ｒｐ"},
        "numerical": lambda: {"text": "１２"},
        "matching": lambda: {"pairs": {str(o.pk): o.match_text for o in options if o.text}},
        "ordering": lambda: {"order": [o.pk for o in options]},
        "essay": lambda: {"text": essay_text},
    }
    return responses[question.type_code]()


def right_answer(slot, **kwargs) -> dict:
    """The full-marks response to one slot of an attempt (see ``right_response``), naming
    options by the attempt's keys, as the page and the API do."""
    return slot.response_for_trainee(right_response(slot.question, **kwargs))


def right_answers(slots, **kwargs) -> dict:
    """Full marks for every slot of an attempt, keyed by position as the services take them."""
    return {str(slot.position): right_answer(slot, **kwargs) for slot in slots}
