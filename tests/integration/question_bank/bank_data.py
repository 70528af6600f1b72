"""One valid question of each type, and the editor's form as a browser posts it."""

from decimal import Decimal

from courses.question_formats.base import CriterionData, OptionData, QuestionData

D = Decimal


def sample(type_code: str, *, name: str | None = None, path=("党建",), payload: str = "", **extra):
    """A valid question of the type; ``payload`` is appended to every text field it has."""
    p = payload
    options = {
        "single": [
            OptionData(text=f"召开协调会{p}", fraction=D("1"), feedback=f"对{p}"),
            OptionData(text=f"等待{p}", fraction=D("0"), feedback=f"错{p}"),
        ],
        "judgement": [
            OptionData(text=f"上门走访{p}", fraction=D("1"), feedback=f"最好{p}"),
            OptionData(text=f"电话沟通{p}", fraction=D("0.5"), feedback=f"尚可{p}"),
            OptionData(text=f"置之不理{p}", fraction=D("0"), feedback=f"不可{p}"),
        ],
        "multiple": [
            OptionData(text=f"居委会{p}", fraction=D("0.5"), feedback=f"是{p}"),
            OptionData(text=f"业委会{p}", fraction=D("0.5"), feedback=f"是{p}"),
            OptionData(text=f"开发商{p}", fraction=D("-0.5"), feedback=f"否{p}"),
        ],
        "truefalse": [],
        "shortanswer": [OptionData(text=f"三会一课{p}", fraction=D("1"), feedback=f"对{p}")],
        "numerical": [OptionData(text="3", fraction=D("1"), tolerance=D("0.5"), feedback=f"对{p}")],
        "matching": [
            OptionData(text=f"支部委员会{p}", match_text=f"每月{p}"),
            OptionData(text=f"党员大会{p}", match_text=f"每季度{p}"),
        ],
        "ordering": [
            OptionData(text=f"提议{p}"),
            OptionData(text=f"商议{p}"),
            OptionData(text=f"决议{p}"),
        ],
        "essay": [],
    }[type_code]
    settings = {
        "truefalse": {
            "correct": True,
            "feedback_true": f"正确{p}",
            "feedback_false": f"再想想{p}",
        },
        "essay": {
            "min_words": 0,
            "max_words": 500,
            "grader_info": f"看思路{p}",
            "response_template": f"我的做法{p}",
        },
        "ordering": {"grading": "partial"},
        "shortanswer": {"case_sensitive": False},
    }.get(type_code, {})
    criteria = (
        [CriterionData(title=f"思路清晰{p}", max_points=5, guidance=f"看结构{p}")]
        if type_code == "essay"
        else []
    )
    return QuestionData(
        type=type_code,
        name=name or f"{type_code} 题{p}",
        text=f"<p>题干 {type_code}{p}</p>",
        general_feedback=f"总体反馈{p}",
        default_mark=D("2"),
        category_path=tuple(path),
        tags=extra.pop("tags", ["基础"]),
        options=options,
        criteria=criteria,
        settings=settings,
        **extra,
    )


ALL_TYPES = (
    "single",
    "judgement",
    "multiple",
    "truefalse",
    "shortanswer",
    "numerical",
    "matching",
    "ordering",
    "essay",
)


def editor_post(data: QuestionData, *, category) -> dict:
    """The editor's form fields for a question, as a browser would post them."""
    post = {
        "name": data.name,
        "text": data.text,
        "general_feedback": data.general_feedback,
        "default_mark": str(data.default_mark),
        "category": str(category.pk),
        "tags": ", ".join(data.tags),
    }
    for key, value in data.settings.items():
        if isinstance(value, bool):
            if value:
                post[f"setting_{key}"] = "on"
        else:
            post[f"setting_{key}"] = str(value)
    rows = [*data.options, OptionData()]  # one row left empty, as in the browser
    post.update(
        {
            "options-TOTAL_FORMS": str(len(rows)),
            "options-INITIAL_FORMS": "0",
            "options-MIN_NUM_FORMS": "0",
            "options-MAX_NUM_FORMS": "50",
        }
    )
    for i, option in enumerate(rows):
        post[f"options-{i}-text"] = option.text
        post[f"options-{i}-fraction"] = str(option.fraction * 100) if option.text else ""
        post[f"options-{i}-feedback"] = option.feedback
        post[f"options-{i}-match_text"] = option.match_text
        post[f"options-{i}-tolerance"] = "" if option.tolerance is None else str(option.tolerance)
    criteria = list(data.criteria)
    post.update(
        {
            "criteria-TOTAL_FORMS": str(len(criteria) + 1),
            "criteria-INITIAL_FORMS": "0",
            "criteria-MIN_NUM_FORMS": "0",
            "criteria-MAX_NUM_FORMS": "30",
        }
    )
    for i, criterion in enumerate(criteria):
        post[f"criteria-{i}-title"] = criterion.title
        post[f"criteria-{i}-max_points"] = str(criterion.max_points)
        post[f"criteria-{i}-guidance"] = criterion.guidance
    post[f"criteria-{len(criteria)}-max_points"] = "1"
    return post


def messages_of(response) -> list[str]:
    """The messages a redirecting view left for the next page, as text."""
    return [str(message).strip() for message in response.wsgi_request._messages]
