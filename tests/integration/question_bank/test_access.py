"""Only the office's editors and administrators reach the bank and quiz admin
(``courses.manage_question_bank``); its menu guards missing pages."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from courses import services
from courses.models import QuestionCategory, Quiz
from courses.wagtail_hooks import _OfficeLinkMenuItem
from lms.people.roles import (
    HOST_SECRETARY,
    MANAGE_QUESTION_BANK,
    MENTOR,
    OFFICE_ADMIN,
    OFFICE_EDITOR,
    OFFICE_REVIEWER,
    TRAINEE,
)
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(office, lecture, make_question):
    question = make_question("single")
    quiz = services.quiz_save(actor=office, quiz=Quiz(activity=lecture, title="小测"))
    slot = services.quiz_slot_add(actor=office, quiz=quiz, entry=question.entry)
    return {
        "entry_id": question.entry_id,
        "question_id": question.pk,
        "category_id": question.entry.category_id,
        "quiz_id": quiz.pk,
        "slot_id": slot.pk,
    }


PAGES = [
    ("courses_bank:questions", ()),
    ("courses_bank:question-add", ()),
    ("courses_bank:question-create", ("type:single",)),
    ("courses_bank:question-edit", ("entry_id",)),
    ("courses_bank:question-history", ("entry_id",)),
    ("courses_bank:version", ("question_id",)),
    ("courses_bank:preview", ("question_id",)),
    ("courses_bank:categories", ()),
    ("courses_bank:category-add", ()),
    ("courses_bank:category-edit", ("category_id",)),
    ("courses_bank:category-delete", ("category_id",)),
    ("courses_bank:quizzes", ()),
    ("courses_bank:quiz-add", ()),
    ("courses_bank:quiz-edit", ("quiz_id",)),
]
ACTIONS = [
    ("courses_bank:slot-add", ("quiz_id",), {"kind": "fixed", "entry": "entry_id"}),
    ("courses_bank:slot-remove", ("quiz_id", "slot_id"), {}),
    ("courses_bank:slot-move", ("quiz_id", "slot_id"), {"direction": "up"}),
    ("courses_bank:category-delete", ("category_id",), {}),
    ("courses_bank:category-add", (), {"name": "新分类"}),
    ("courses_bank:quiz-add", (), {"title": "x"}),
]


def _url(name, args, records):
    return reverse(
        name, args=[a.split(":")[1] if a.startswith("type:") else records[a] for a in args]
    )


@pytest.mark.parametrize("role", [OFFICE_EDITOR, OFFICE_ADMIN], ids=lambda role: role.code)
@pytest.mark.parametrize(("name", "args"), PAGES)
def test_editors_and_administrators_reach_every_page(client, records, role, name, args):
    client.force_login(user_with_role(role))

    response = client.get(_url(name, args, records))

    assert response.status_code == 200


@pytest.mark.parametrize("role", [OFFICE_REVIEWER, TRAINEE, MENTOR, HOST_SECRETARY, None])
@pytest.mark.parametrize(("name", "args"), PAGES)
def test_nobody_else_reaches_a_page(client, records, role, name, args):
    if role is not None:
        client.force_login(user_with_role(role))

    response = client.get(_url(name, args, records))

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/login/" in response["Location"] or response["Location"] == reverse(
            "wagtailadmin_home"
        )


@pytest.mark.parametrize("role", [OFFICE_REVIEWER, TRAINEE, MENTOR, HOST_SECRETARY])
@pytest.mark.parametrize(("name", "args", "data"), ACTIONS)
def test_nobody_else_changes_anything(client, records, role, name, args, data):
    client.force_login(user_with_role(role))
    data = {key: records.get(value, value) for key, value in data.items()}

    response = client.post(_url(name, args, records), data)

    assert response.status_code in (302, 403)
    quiz = Quiz.objects.get()
    assert quiz.slots.count() == 1 and Quiz.objects.count() == 1
    assert quiz.slots.get().pk == records["slot_id"]
    assert list(QuestionCategory.objects.values_list("pk", flat=True)) == [records["category_id"]]


def test_the_bank_follows_the_office_role_not_model_permissions(client, records):
    """Office editors hold no ``courses`` model permissions, yet the bank is their work."""
    editor = user_with_role(OFFICE_EDITOR)
    client.force_login(editor)

    assert not editor.has_perm("courses.change_quiz")
    assert client.get(reverse("courses_bank:quizzes")).status_code == 200


def test_the_assessment_menu_is_the_offices(client, records):
    office = user_with_role(OFFICE_EDITOR)
    client.force_login(office)

    page = client.get(reverse("wagtailadmin_home"))

    assert page.status_code == 200
    assert "Assessment" in page.text
    assert reverse("courses_bank:questions") in page.text
    assert reverse("courses_bank:quizzes") in page.text


def test_a_menu_item_for_a_page_not_installed_is_hidden(office):
    request = RequestFactory().get("/admin/")
    request.user = office
    missing = _OfficeLinkMenuItem(
        "Import", "courses_bank_io:no-such-page", permission=MANAGE_QUESTION_BANK
    )
    present = _OfficeLinkMenuItem("Bank", "courses_bank:questions", permission=MANAGE_QUESTION_BANK)

    assert not missing.is_shown(request)
    assert present.is_shown(request)
    assert present.render_component(request).url == reverse("courses_bank:questions")
