"""Questions whose secrets are unmistakable strings, to search for in raw responses."""

from decimal import Decimal

from courses.question_formats.base import CriterionData, OptionData, QuestionData
from courses.services.questions import question_save

D = Decimal

RIGHT_TYPED = "SECRETRIGHTANSWER"
RIGHT_NUMBER = "4242.75"
WILDCARD_FEEDBACK = "FEEDBACK-FOR-ANY-OTHER-ANSWER"
GENERAL_FEEDBACK = "GENERAL-FEEDBACK-SENTINEL"
MARKER_COMMENT = "MARKER-COMMENT-SENTINEL"
# Shares no page shows otherwise (the pass mark is 60%, marks are whole numbers).
ODD_FRACTIONS = (D("0.37"), D("0.63"), D("0.13"))


def option_feedback(type_code: str, index: int) -> str:
    return f"OPTION-FEEDBACK-{type_code}-{index}"


def _options(type_code, texts_and_fractions, **extra):
    return [
        OptionData(text, fraction, option_feedback(type_code, index), **extra)
        for index, (text, fraction) in enumerate(texts_and_fractions)
    ]


def secret_data(type_code: str) -> QuestionData:
    """A sound question of the type whose feedback, weights and right answers are sentinels."""
    base = {
        "type": type_code,
        "name": f"secret {type_code}",
        "text": f"<p>Question of type {type_code}</p>",
        "general_feedback": f"<p>{GENERAL_FEEDBACK}</p>",
        "category_path": ("secrets",),
    }
    options = {
        "single": _options("single", [("alpha", D(1)), ("beta", D("0.37")), ("gamma", D(0))]),
        "judgement": _options(
            "judgement", [("talk", D(1)), ("wait", D("0.37")), ("refer", D("0.13")), ("no", D(0))]
        ),
        "multiple": _options(
            "multiple", [("one", D("0.63")), ("two", D("0.37")), ("three", D("-0.13"))]
        ),
        "shortanswer": [
            OptionData(RIGHT_TYPED, D(1), option_feedback("shortanswer", 0)),
            OptionData("*", D(0), WILDCARD_FEEDBACK),
        ],
        "numerical": [
            OptionData(RIGHT_NUMBER, D(1), option_feedback("numerical", 0), tolerance=D(0)),
            OptionData("*", D(0), WILDCARD_FEEDBACK),
        ],
        "matching": [
            OptionData("stem one", D(0), option_feedback("matching", 0), match_text="answer one"),
            OptionData("stem two", D(0), option_feedback("matching", 1), match_text="answer two"),
        ],
        "ordering": _options("ordering", [("first", D(0)), ("second", D(0)), ("third", D(0))]),
        "truefalse": [],
        "essay": [],
    }[type_code]
    settings = {
        "truefalse": {
            "correct": True,
            "feedback_true": option_feedback("truefalse", 0),
            "feedback_false": option_feedback("truefalse", 1),
        },
        "essay": {"grader_info": "GRADER-INFO-SENTINEL", "min_words": 0, "max_words": 0},
    }.get(type_code, {})
    criteria = (
        [CriterionData("CRITERION-SENTINEL", 5, "GUIDANCE-SENTINEL")]
        if type_code == "essay"
        else []
    )
    return QuestionData(**base, options=options, settings=settings, criteria=criteria)


def secret_question(type_code: str):
    return question_save(actor=None, data=secret_data(type_code))


def secrets_of(question) -> list[str]:
    """Every string that gives away how the question is marked."""
    found = [GENERAL_FEEDBACK, RIGHT_TYPED, RIGHT_NUMBER, WILDCARD_FEEDBACK, "GRADER-INFO-SENTINEL"]
    found += ["GUIDANCE-SENTINEL", "CRITERION-SENTINEL"]
    found += [option_feedback(question.type_code, index) for index in range(4)]
    for fraction in ODD_FRACTIONS:
        # As stored (7 places) and as a percentage; the short form "0.37" is left out, as a
        # timestamp's fraction of a second may contain it.
        found += [f"{fraction:.7f}", f"{-fraction:.7f}", f"{fraction * 100:.0f}%"]
    return found
