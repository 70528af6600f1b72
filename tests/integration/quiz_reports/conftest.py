"""A quiz of three one-mark questions sat four times by three trainees, with known scores.

    attempt            single (A)   true/false (B)   short answer (C)   score
    p1, 1st            五年 ✓ 1      true ✓ 1          RP ✓ 1             3/3 = 100%
    p2                 五年 ✓ 1      true ✓ 1          错 ✗ 0             2/3 = 66.67%
    p3                 三年 ✗ 0      true ✓ 1          错 ✗ 0             1/3 = 33.33%
    p1, 2nd            两年 ✗ 0      false ✗ 0         (no answer) 0      0/3 = 0%

The pass mark is 60%, so two of four attempts passed. The office, the course and the lecture
are the assessment tests' fixtures, from tests/integration/assessment_fixtures.py.
"""

import pytest
from django.utils import translation

from courses.selectors import attempt_slots
from courses.services import enrolment_create
from courses.services.attempts import attempt_start, attempt_submit
from lms.people.roles import TRAINEE
from tests.factories import user_with_role
from tests.factories.questions import make_question, make_quiz

PLAN = {
    # person: [(single option text, true/false answer, short answer or None), ...]
    "p1": [("五年", True, "RP"), ("两年", False, None)],
    "p2": [("五年", True, "错")],
    "p3": [("三年", True, "错")],
}


@pytest.fixture(autouse=True)
def _english(settings):
    """Page text is asserted in its English source; the studio's default is Chinese."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def quiz(lecture):
    questions = [make_question(code) for code in ("single", "truefalse", "shortanswer")]
    return make_quiz(lecture, questions, title="换届知识测验", pass_percent=60)


def enrolled_trainee(office, course, **kwargs):
    person = user_with_role(TRAINEE, **kwargs)
    enrolment_create(actor=office, trainee=person, course=course)
    return person


def sit(trainee, quiz, single_text: str, true_false: bool, short: str | None):
    attempt = attempt_start(trainee=trainee, quiz=quiz)
    answers = {}
    for slot in attempt_slots(attempt):
        code = slot.question.type_code
        if code == "single":
            option = next(o for o in slot.question.ordered_options() if o.text == single_text)
            answers[str(slot.position)] = {"choice": slot.key_of(option.pk)}
        elif code == "truefalse":
            answers[str(slot.position)] = {"answer": true_false}
        elif short is not None:
            answers[str(slot.position)] = {"text": short}
    return attempt_submit(trainee=trainee, attempt_id=attempt.pk, answers=answers)


@pytest.fixture
def sat(office, course, quiz):
    """The four attempts of the table above, in that order."""
    people = {
        name: enrolled_trainee(office, course, username=name, display_name=name) for name in PLAN
    }
    attempts = []
    for round_ in range(2):
        for name, plan in PLAN.items():
            if round_ < len(plan):
                attempts.append(sit(people[name], quiz, *plan[round_]))
    return attempts
