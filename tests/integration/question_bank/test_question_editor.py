"""The question editor over HTTP: every type, versioning decided by the service, refusals."""

import pytest
from django.urls import reverse

from courses.models import Question, QuestionEntry, question_types
from courses.services.questions import question_to_data

from .bank_data import ALL_TYPES, editor_post, messages_of, sample

pytestmark = pytest.mark.django_db


def test_adding_a_question_asks_for_the_type_first(office_client):
    response = office_client.get(reverse("courses_bank:question-add"))

    assert response.status_code == 200
    for code in ALL_TYPES:
        assert reverse("courses_bank:question-create", args=[code]) in response.text


@pytest.mark.parametrize("type_code", ALL_TYPES)
def test_each_type_is_created_through_the_editor(office_client, office, category, type_code):
    data = sample(type_code, name=f"新题 {type_code}")
    form_page = office_client.get(reverse("courses_bank:question-create", args=[type_code]))

    response = office_client.post(
        reverse("courses_bank:question-create", args=[type_code]),
        editor_post(data, category=category),
    )

    assert form_page.status_code == 200
    assert response.status_code == 302, response.context["editor"].form.errors
    question = Question.objects.get(name=f"新题 {type_code}")
    assert type(question) is question_types()[type_code]
    assert (question.version, question.is_current, question.created_by) == (1, True, office)
    saved = question_to_data(question)
    assert saved.options == data.options
    assert saved.criteria == data.criteria
    assert {k: v for k, v in saved.settings.items() if k in data.settings} == data.settings
    assert saved.tags == ["基础"]
    messages = messages_of(response)
    assert "Saved as version 1." in messages


def test_the_editor_shows_only_the_columns_its_type_uses(office_client):
    matching = office_client.get(reverse("courses_bank:question-create", args=["matching"]))
    numerical = office_client.get(reverse("courses_bank:question-create", args=["numerical"]))
    essay = office_client.get(reverse("courses_bank:question-create", args=["essay"]))

    assert "options-0-match_text" in matching.text
    assert "options-0-fraction" not in matching.text
    assert "options-0-tolerance" in numerical.text
    assert "options-0-match_text" not in numerical.text
    assert "options-0-text" not in essay.text and "criteria-0-title" in essay.text


def test_an_unknown_type_is_not_found(office_client):
    response = office_client.get(reverse("courses_bank:question-create", args=["riddle"]))

    assert response.status_code == 404


def test_editing_an_unused_version_replaces_it(office_client, make_question, category):
    question = make_question("single")
    data = sample("single", name="改过的题")

    response = office_client.post(
        reverse("courses_bank:question-edit", args=[question.entry_id]),
        editor_post(data, category=category),
    )

    assert response.status_code == 302
    versions = list(Question.objects.filter(entry=question.entry_id))
    assert [(v.version, v.name, v.is_current) for v in versions] == [(1, "改过的题", True)]
    messages = messages_of(response)
    assert messages == ["Saved as version 1."]


def test_editing_a_version_used_in_an_attempt_makes_a_new_version(
    office_client, make_question, use_in_attempt, category
):
    question = make_question("multiple")
    slot = use_in_attempt(question)
    data = sample("multiple", name="第二版")

    response = office_client.post(
        reverse("courses_bank:question-edit", args=[question.entry_id]),
        editor_post(data, category=category),
    )

    assert response.status_code == 302
    old, new = Question.objects.filter(entry=question.entry_id).order_by("version")
    assert (old.version, old.is_current, old.name) == (1, False, question.name)
    assert (new.version, new.is_current, new.name) == (2, True, "第二版")
    slot.refresh_from_db()
    assert slot.question_id == old.pk
    messages = messages_of(response)
    assert messages[0] == "Saved as version 2."
    assert "Version 1 was used in attempts" in messages[1]


def test_the_edit_form_starts_from_the_current_version(office_client, make_question):
    question = make_question("numerical", name="数值题")

    response = office_client.get(reverse("courses_bank:question-edit", args=[question.entry_id]))

    assert response.status_code == 200
    editor = response.context["editor"]
    assert editor.form.initial["name"] == "数值题"
    assert (editor.options.initial[0]["fraction"], editor.options.initial[0]["tolerance"]) == (
        "100",
        "0.5",
    )


@pytest.mark.parametrize(
    ("type_code", "change", "message"),
    [
        ("single", {"options-0-fraction": "50"}, "At least one answer must earn the full mark"),
        ("multiple", {"options-1-fraction": "10"}, "must add up to 100%"),
        ("numerical", {"options-0-text": "三"}, "is not a number"),
        ("essay", {"setting_min_words": "900"}, "minimum number of words is above the maximum"),
    ],
)
def test_a_refused_question_shows_why_and_saves_nothing(
    office_client, category, type_code, change, message
):
    post = editor_post(sample(type_code, name="不合格"), category=category)
    post.update(change)

    response = office_client.post(reverse("courses_bank:question-create", args=[type_code]), post)

    assert response.status_code == 200
    assert message in response.text
    assert "Nothing was saved" in response.text
    assert not QuestionEntry.objects.exists()


def test_a_form_error_keeps_the_typed_options(office_client, category):
    post = editor_post(sample("single"), category=category)
    post["default_mark"] = "0"

    response = office_client.post(reverse("courses_bank:question-create", args=["single"]), post)

    assert response.status_code == 200
    assert response.context["editor"].form.errors["default_mark"]
    assert "召开协调会" in response.text
    assert not QuestionEntry.objects.exists()


def test_the_history_lists_versions_with_dates_and_authors(
    office_client, office, make_question, use_in_attempt, category
):
    question = make_question("single")
    use_in_attempt(question)
    office_client.post(
        reverse("courses_bank:question-edit", args=[question.entry_id]),
        editor_post(sample("single", name="第二版"), category=category),
    )

    history = office_client.get(reverse("courses_bank:question-history", args=[question.entry_id]))
    first = office_client.get(reverse("courses_bank:version", args=[question.pk]))

    assert history.status_code == 200
    assert [v.version for v in history.context["versions"]] == [2, 1]
    assert [v.attempt_count for v in history.context["versions"]] == [0, 1]
    assert str(office) in history.text
    assert first.status_code == 200
    assert "earlier version" in first.text
    assert question.name in first.text
