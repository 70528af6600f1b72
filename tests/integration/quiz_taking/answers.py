"""Answers to the sample questions (tests/factories/questions.py), as the API and as the form.

``right_answers`` gives the full-marks response of each slot in its type's JSON shape;
``form_fields`` gives the same answers as the attempt page's form posts them without
JavaScript (field names from courses/templates/courses/quiz/question.html).
"""

from tests.factories.questions import right_answer, right_answers

__all__ = ["all_form_fields", "form_fields", "right_answer", "right_answers"]


def form_fields(slot, response) -> dict:
    """The POST fields the attempt page's form sends for ``response`` to ``slot``."""
    name = f"q{slot.position}"
    fields = {f"{name}-shown": "1"}
    code = slot.question.type_code
    if code in ("single", "judgement"):
        fields[name] = str(response["choice"])
    elif code == "truefalse":
        fields[name] = "true" if response["answer"] else "false"
    elif code == "multiple":
        fields[name] = [str(value) for value in response["choices"]]
    elif code in ("shortanswer", "numerical"):
        fields[name] = response["text"]
    elif code == "essay":
        fields[name] = "先调研,再协商。"
    elif code == "matching":
        for stem, answer in response["pairs"].items():
            fields[f"{name}-{stem}"] = answer
    elif code == "ordering":
        fields[f"{name}-touched"] = "1"
        fields[f"{name}-order"] = [str(value) for value in response["order"]]
    return fields


def all_form_fields(slots, answers) -> dict:
    fields = {}
    for slot in slots:
        fields.update(form_fields(slot, answers[str(slot.position)]))
    return fields
