"""The preview shows a question as a trainee sees it, and with its answers; nothing stored in
any field of any type can run a script in the office's browser."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from courses.models import Question

from .bank_data import ALL_TYPES

pytestmark = pytest.mark.django_db


class _ActiveContent(HTMLParser):
    """What a browser would run from the page: event-handler attributes and script bodies."""

    def __init__(self):
        super().__init__()
        self.handlers, self.scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.handlers += [name for name, _value in attrs if name.startswith("on")]
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def active_content(page: str) -> _ActiveContent:
    parser = _ActiveContent()
    parser.feed(page)
    return parser


PAYLOADS = ('<script>alert("bank-xss")</script>', '<img src="x" onerror="alert(1)">')


@pytest.mark.parametrize("type_code", ALL_TYPES)
def test_the_preview_shows_the_question_as_the_trainee_sees_it(
    office_client, make_question, type_code
):
    question = make_question(type_code)

    response = office_client.get(reverse("courses_bank:preview", args=[question.pk]))

    assert response.status_code == 200
    assert f"题干 {type_code}" in response.text
    assert "Right answer:" not in response.text
    assert "总体反馈" not in response.text  # feedback is the review's, not the question's


@pytest.mark.parametrize("type_code", ALL_TYPES)
def test_answered_right_shows_the_right_answer_and_the_feedback(
    office_client, make_question, type_code
):
    question = make_question(type_code)

    response = office_client.get(
        reverse("courses_bank:preview", args=[question.pk]), {"answered": "1"}
    )

    assert response.status_code == 200
    assert "Right answer:" in response.text
    assert "总体反馈" in response.text
    right = Question.objects.get(pk=question.pk).right_answer_text()
    if right:
        assert right.split(" ")[0].replace('"', "&quot;") in response.text


def _poison(question: Question, payload: str) -> None:
    """Write the payload into every text the version has, past the bank service's cleaning,
    as a row from an old import or a direct database edit would hold it."""
    Question.objects.filter(pk=question.pk).update(
        name=f"名称{payload}", text=f"题干{payload}", general_feedback=f"反馈{payload}"
    )
    question.options.update(
        text=f"选项{payload}", feedback=f"选项反馈{payload}", match_text=f"配对{payload}"
    )
    question.criteria.update(title=f"标准{payload}", guidance=f"说明{payload}")
    real = Question.objects.get(pk=question.pk)
    text_settings = {
        field: f"设置{payload}"
        for field in real.data_settings.values()
        if real._meta.get_field(field).get_internal_type() == "TextField"
    }
    if text_settings:
        type(real).objects.filter(pk=real.pk).update(**text_settings)


@pytest.mark.parametrize("payload", PAYLOADS, ids=["script", "onerror"])
@pytest.mark.parametrize("type_code", ALL_TYPES)
@pytest.mark.parametrize("route", ["preview", "version"])
def test_no_field_of_any_type_runs_a_script(
    office_client, make_question, type_code, payload, route
):
    question = make_question(type_code, payload=payload)
    _poison(question, payload)

    pages = [
        office_client.get(reverse(f"courses_bank:{route}", args=[question.pk]), {"answered": "1"}),
        office_client.get(reverse(f"courses_bank:{route}", args=[question.pk])),
        office_client.get(reverse("courses_bank:questions")),
        office_client.get(reverse("courses_bank:question-history", args=[question.entry_id])),
        office_client.get(reverse("courses_bank:question-edit", args=[question.entry_id])),
    ]

    for page in pages:
        assert page.status_code == 200
        assert payload not in page.text
        active = active_content(page.text)
        assert "onerror" not in active.handlers
        assert not [script for script in active.scripts if "alert(" in script]
    # The payload's text is still shown, escaped, where the field is plain text.
    assert "名称" in pages[0].text
