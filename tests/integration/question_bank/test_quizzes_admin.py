"""Quizzes in the admin: creating and editing them, and their slots, through the services."""

from decimal import Decimal

import pytest
from django.urls import reverse

from courses import services
from courses.exceptions import EngineRefusal, NotAllowed
from courses.models import Question, Quiz, QuizSlot
from courses.services.questions import category_ensure_path
from lms.people.roles import TRAINEE
from tests.factories import ScenarioExercisePageFactory, simple_script, user_with_role

from .bank_data import messages_of

pytestmark = pytest.mark.django_db


def _quiz_post(activity, **changes) -> dict:
    post = {
        "title": "讲座小测",
        "activity": str(activity.pk),
        "introduction": "",
        "is_published": "on",
        "counts_for_completion": "on",
        "shuffle_options": "on",
        "time_limit_minutes": "20",
        "grace_seconds": "60",
        "max_attempts": "3",
        "opens_at": "",
        "closes_at": "",
        "pass_percent": "60",
        "counted_attempt": "highest",
        "review_marks_immediately": "on",
        "review_marks_later": "on",
        "review_answers_after_close": "on",
        "review_feedback_later": "on",
    }
    post.update(changes)
    return post


@pytest.fixture
def quiz(office, lecture):
    return services.quiz_save(actor=office, quiz=Quiz(activity=lecture, title="小测"))


def test_a_quiz_is_created_on_a_lecture_and_opens_its_page(office_client, lecture):
    form = office_client.get(reverse("courses_bank:quiz-add"))
    response = office_client.post(reverse("courses_bank:quiz-add"), _quiz_post(lecture))

    assert form.status_code == 200
    quiz = Quiz.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("courses_bank:quiz-edit", args=[quiz.pk])
    assert (quiz.activity_id, quiz.time_limit_minutes, quiz.max_attempts) == (lecture.pk, 20, 3)
    assert quiz.is_published and not quiz.shuffle_questions


def test_the_activity_is_a_live_lecture_scenario_or_course(office_client, tree, lecture):
    home, programme, course = tree
    scenario = ScenarioExercisePageFactory(parent=course, script=simple_script())
    draft = type(lecture).objects.get(pk=lecture.pk)
    draft.live = False
    draft.save()

    form = office_client.get(reverse("courses_bank:quiz-add")).context["form"]
    choices = set(form.fields["activity"].queryset.values_list("pk", flat=True))

    assert {course.pk, scenario.pk} <= choices
    assert not {home.pk, programme.pk, lecture.pk} & choices


def test_a_quiz_on_a_programme_page_is_refused(office_client, tree):
    response = office_client.post(reverse("courses_bank:quiz-add"), _quiz_post(tree[1]))

    assert response.status_code == 200
    assert response.context["form"].errors["activity"]
    assert not Quiz.objects.exists()


def test_editing_a_quiz_keeps_its_rules(office_client, quiz, lecture):
    response = office_client.post(
        reverse("courses_bank:quiz-edit", args=[quiz.pk]),
        _quiz_post(
            lecture, title="改名", opens_at="2026-05-01T09:00", closes_at="2026-05-01T08:00"
        ),
    )

    assert response.status_code == 200
    assert "The quiz must close after it opens." in response.text
    quiz.refresh_from_db()
    assert quiz.title == "小测"

    saved = office_client.post(
        reverse("courses_bank:quiz-edit", args=[quiz.pk]), _quiz_post(lecture, title="改名")
    )
    assert saved.status_code == 302
    quiz.refresh_from_db()
    assert quiz.title == "改名"


def test_the_quiz_list_shows_activity_state_and_attempts(
    office_client, quiz, make_question, use_in_attempt
):
    use_in_attempt(make_question("single"))

    response = office_client.get(reverse("courses_bank:quizzes"))

    assert response.status_code == 200
    rows = {q.title: q for q in response.context["page"]}
    assert rows["小测"].activity.pk == quiz.activity_id
    assert rows["练习"].attempt_count == 1


def test_a_fixed_question_and_a_random_draw_are_added_with_the_total_mark(
    office_client, quiz, make_question
):
    fixed = make_question("single", name="固定题", path=("党建",))
    for i in range(3):
        make_question("truefalse", name=f"判断{i}", path=("党建", "组织生活"))
    party = category_ensure_path(path=("党建",))

    found = office_client.get(reverse("courses_bank:quiz-edit", args=[quiz.pk]), {"q": "固定"})
    add_fixed = office_client.post(
        reverse("courses_bank:slot-add", args=[quiz.pk]),
        {"kind": "fixed", "entry": fixed.entry_id},
    )
    add_random = office_client.post(
        reverse("courses_bank:slot-add", args=[quiz.pk]),
        {
            "kind": "random",
            "random-category": party.pk,
            "random-include_subcategories": "on",
            "random-draw_count": "3",
            "random-mark": "5",
        },
    )

    assert [q.name for q in found.context["found"]] == ["固定题"]
    assert add_fixed.status_code == add_random.status_code == 302
    first, second = quiz.slots.all()
    assert (first.entry_id, first.position) == (fixed.entry_id, 0)
    assert (second.category, second.draw_count, second.mark, second.position) == (
        party,
        3,
        Decimal("5"),
        1,
    )
    page = office_client.get(reverse("courses_bank:quiz-edit", args=[quiz.pk]))
    assert page.context["total_low"] == page.context["total_high"] == Decimal("17")
    assert [line.available for line in page.context["lines"]] == [0, 4]


def test_a_random_draw_larger_than_its_category_is_refused(office_client, quiz, make_question):
    make_question("single", path=("党建",))
    make_question("single", path=("党建", "组织生活"))
    party = category_ensure_path(path=("党建",))

    response = office_client.post(
        reverse("courses_bank:slot-add", args=[quiz.pk]),
        {"kind": "random", "random-category": party.pk, "random-draw_count": "2"},
    )

    assert response.status_code == 302
    assert "holds only 1 question; the draw asks for 2" in messages_of(response)[0]
    assert not quiz.slots.exists()


def test_a_question_without_a_current_version_is_refused(office, quiz, make_question):
    question = make_question("single")
    Question.objects.filter(pk=question.pk).update(is_current=False)

    with pytest.raises(EngineRefusal, match="no current version"):
        services.quiz_slot_add(actor=office, quiz=quiz, entry=question.entry)


def test_the_same_question_is_not_added_twice(office, quiz, make_question):
    question = make_question("single")
    services.quiz_slot_add(actor=office, quiz=quiz, entry=question.entry)

    with pytest.raises(EngineRefusal, match="already in the quiz"):
        services.quiz_slot_add(actor=office, quiz=quiz, entry=question.entry)


def test_slots_move_up_and_down_and_removing_one_closes_the_gap(
    office_client, office, quiz, make_question
):
    slots = [
        services.quiz_slot_add(actor=office, quiz=quiz, entry=make_question("single").entry)
        for _ in range(3)
    ]

    def order():
        return list(quiz.slots.order_by("position").values_list("pk", flat=True))

    office_client.post(
        reverse("courses_bank:slot-move", args=[quiz.pk, slots[2].pk]), {"direction": "up"}
    )
    assert order() == [slots[0].pk, slots[2].pk, slots[1].pk]
    office_client.post(
        reverse("courses_bank:slot-move", args=[quiz.pk, slots[0].pk]), {"direction": "up"}
    )
    assert order() == [slots[0].pk, slots[2].pk, slots[1].pk]  # already first
    office_client.post(reverse("courses_bank:slot-remove", args=[quiz.pk, slots[2].pk]))
    assert order() == [slots[0].pk, slots[1].pk]
    assert list(quiz.slots.order_by("position").values_list("position", flat=True)) == [0, 1]


def test_a_slot_of_another_quiz_is_not_found(office_client, office, quiz, lecture, make_question):
    other = services.quiz_save(actor=office, quiz=Quiz(activity=lecture, title="另一个"))
    slot = services.quiz_slot_add(actor=office, quiz=other, entry=make_question("single").entry)

    response = office_client.post(reverse("courses_bank:slot-remove", args=[quiz.pk, slot.pk]))

    assert response.status_code == 404
    assert QuizSlot.objects.filter(pk=slot.pk).exists()


def test_only_the_office_writes_quizzes(quiz, lecture, make_question):
    trainee = user_with_role(TRAINEE)
    entry = make_question("single").entry

    with pytest.raises(NotAllowed):
        services.quiz_save(actor=trainee, quiz=Quiz(activity=lecture, title="x"))
    with pytest.raises(NotAllowed):
        services.quiz_slot_add(actor=trainee, quiz=quiz, entry=entry)
    assert not quiz.slots.exists()


@pytest.mark.parametrize("field", ["opens_at", "closes_at"])
@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00", "0001-01-01T07:59", "9999-12-31T23:59", "1899-12-31T12:00"]
)
def test_a_date_out_of_range_is_refused_with_a_message(office_client, lecture, field, value):
    # Given the quiz form with a date the calendar cannot hold in both time zones
    other = {"opens_at": "2026-03-01T08:00", "closes_at": "2026-03-31T20:00"}

    # When the office saves it
    response = office_client.post(
        reverse("courses_bank:quiz-add"), _quiz_post(lecture, **{**other, field: value})
    )

    # Then the form comes back with a message on that field, and nothing is saved
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert errors == ["Enter a date and time from the year 1900 to 9998."]
    assert not Quiz.objects.exists()


def test_the_review_options_are_a_grid_of_parts_by_times(office_client, lecture):
    # Given the quiz form
    page = office_client.get(reverse("courses_bank:quiz-add")).content.decode()
    grid = page.split('class="listing quiz-review-grid"', 1)[1].split("</table>", 1)[0]

    # Then the four review times are its columns and the three parts its rows, a box in each
    head = grid.split("</thead>", 1)[0]
    columns = ["During the attempt", "Immediately after the attempt"]
    columns += ["Later, while the quiz is still open", "After the quiz closes"]
    assert [head.index(f'<th scope="col">{c}</th>') for c in columns] == sorted(
        head.index(f'<th scope="col">{c}</th>') for c in columns
    )
    for row in ("Marks", "Right answers", "Feedback (general and for each option)"):
        assert f'<th scope="row">{row}</th>' in grid
    assert grid.count('type="checkbox"') == 12
    assert 'name="review_answers_while_attempts_remain"' in page.split(grid, 1)[1]

    # When the office ticks some boxes and saves
    post = _quiz_post(lecture)
    response = office_client.post(reverse("courses_bank:quiz-add"), post)

    # Then exactly those are saved
    assert response.status_code == 302
    quiz = Quiz.objects.get()
    ticked = {name for name in post if name.startswith("review_") and getattr(quiz, name) is True}
    assert ticked == {
        "review_marks_immediately",
        "review_marks_later",
        "review_answers_after_close",
        "review_feedback_later",
    }
    assert not quiz.review_marks_during and not quiz.review_answers_while_attempts_remain
