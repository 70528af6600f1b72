"""Scripts stored in a question, its rubric, the markers' notes or a trainee's essay stay inert
on the marking pages, whatever path wrote them (the bank and the attempt service clean HTML on
the way in; here the rows are written directly to test the way out)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from courses.models import AttemptSlot, EssayQuestion, Question, RubricCriterion

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
IMAGE = "<img src=x onerror=alert('y')>"
LINK = "<a href=\"javascript:alert('z')\">click</a>"
PAYLOAD = f"<p>前{SCRIPT}{IMAGE}{LINK}后</p>"


@pytest.fixture
def poisoned(essay):
    Question.objects.filter(pk=essay.question_id).update(text=PAYLOAD, name=f"题{SCRIPT}")
    EssayQuestion.objects.filter(pk=essay.question_id).update(grader_info=PAYLOAD)
    RubricCriterion.objects.filter(question_id=essay.question_id).update(
        title=f"结构{SCRIPT}", guidance=f"{IMAGE}{SCRIPT}"
    )
    AttemptSlot.objects.filter(pk=essay.pk).update(
        response={"text": PAYLOAD}, marker_comment=SCRIPT
    )
    return essay


class _Elements(HTMLParser):
    """What a browser would act on: elements, their attributes, and the text of scripts."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes, self.scripts = [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((name, value or "") for name, value in attrs)
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def assert_inert(html: str) -> None:
    parsed = _Elements()
    parsed.feed(html)
    assert "img" not in parsed.tags
    assert not [name for name, _value in parsed.attributes if name.startswith("on")]
    assert not [v for _n, v in parsed.attributes if v.strip().lower().startswith("javascript:")]
    assert not [script for script in parsed.scripts if "alert" in script]


def test_payloads_are_inert_on_the_marking_page(client, reviewer, poisoned):
    client.force_login(reviewer)

    html = client.get(reverse("courses:marking-answer", args=[poisoned.pk])).text

    assert_inert(html)
    assert "前" in html and "后" in html  # the harmless text is kept
    assert "结构&lt;script&gt;" in html  # a criterion's title is shown as text
    assert "click" in html


def test_payloads_are_inert_in_the_queue(client, reviewer, poisoned):
    client.force_login(reviewer)

    html = client.get(reverse("courses:marking-queue")).text

    assert_inert(html)
    assert "题&lt;script&gt;" in html


def test_payloads_are_inert_when_the_page_is_shown_again_after_bad_input(
    client, reviewer, poisoned
):
    client.force_login(reviewer)
    url = reverse("courses:marking-answer", args=[poisoned.pk])
    criteria = poisoned.question.criteria.all()

    response = client.post(
        url,
        {
            **{f"criterion-{c.pk}": '"><script>alert(1)</script>' for c in criteria},
            "comment": "</textarea><script>alert(2)</script>",
            "action": "save",
        },
    )

    assert response.status_code == 400
    assert_inert(response.text)
    assert "<script>alert(1)" not in response.text
    assert "<script>alert(2)" not in response.text
