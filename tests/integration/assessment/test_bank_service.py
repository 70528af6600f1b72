"""The bank service: who may write, what is cleaned, and when an edit becomes a new version."""

import pytest

from courses.exceptions import EngineRefusal, NotAllowed
from courses.models import Question
from courses.services.attempts import attempt_start
from courses.services.questions import category_save, question_save, question_to_data
from tests.factories.questions import make_question, make_quiz, sample_data

pytestmark = pytest.mark.django_db


def test_only_the_office_or_the_system_writes_to_the_bank(trainee, office):
    with pytest.raises(NotAllowed):
        question_save(actor=trainee, data=sample_data("single"))
    with pytest.raises(NotAllowed):
        category_save(actor=trainee, name="党建", parent=None)
    assert question_save(actor=office, data=sample_data("single")).created_by == office
    assert question_save(actor=None, data=sample_data("single")).created_by is None


def test_an_unused_version_is_replaced_and_a_used_one_kept(enrolled, lecture, office):
    question = make_question("single")
    data = question_to_data(question)
    data.name = "改过一次"
    edited = question_save(actor=office, data=data, entry=question.entry)
    assert (edited.version, Question.objects.filter(entry=question.entry).count()) == (1, 1)

    attempt = attempt_start(trainee=enrolled, quiz=make_quiz(lecture, [edited]))
    data.name = "又改了"
    newer = question_save(actor=office, data=data, entry=question.entry)

    assert newer.version == 2 and newer.is_current
    sat = attempt.slots.get().question
    assert sat.pk == edited.pk and sat.name == "改过一次"
    assert not Question.objects.get(pk=edited.pk).is_current


def test_every_text_setting_is_cleaned(office):
    data = sample_data("truefalse")
    data.settings["feedback_true"] = "<p>对</p><script>alert(1)</script>"
    question = question_save(actor=office, data=data)
    assert "script" not in question.feedback_true and "对" in question.feedback_true


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.options.clear(), "at least 2 options"),
        (lambda d: setattr(d, "name", " "), "needs a name"),
        (lambda d: setattr(d, "type", "cloze"), "Unknown question type"),
        (lambda d: d.options[0].__setattr__("fraction", 2), "-100% to 100%"),
    ],
)
def test_a_broken_question_is_refused_with_its_reason(office, change, message):
    data = sample_data("single")
    change(data)
    with pytest.raises(EngineRefusal, match=message):
        question_save(actor=office, data=data)
    assert not Question.objects.exists()
