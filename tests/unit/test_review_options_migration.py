"""The review options' migration: each old setting becomes its ticks in the new grid."""

import importlib
from types import SimpleNamespace

import pytest

from courses.models import Quiz, ReviewTime

migration = importlib.import_module("courses.migrations.0008_quiz_review_options_by_time")


class _Quizzes:
    """Stands in for the historical model: the migration reads ``objects.all()`` and saves."""

    def __init__(self, quizzes):
        self.objects = SimpleNamespace(all=lambda: quizzes)


@pytest.mark.parametrize(
    ("old", "ticked"),
    [
        ("never", set()),
        ("after_submit", {ReviewTime.IMMEDIATELY, ReviewTime.LATER, ReviewTime.AFTER_CLOSE}),
        ("after_close", {ReviewTime.AFTER_CLOSE}),
    ],
)
def test_each_old_setting_ticks_the_times_it_meant(old, ticked):
    saved = []
    quiz = SimpleNamespace(
        review_marks=old,
        review_answers=old,
        review_feedback=old,
        review_answers_while_attempts_remain=True,
        save=lambda: saved.append(True),
    )
    apps = SimpleNamespace(get_model=lambda app, name: _Quizzes([quiz]))

    migration.review_options_by_time(apps, None)

    for part in ("marks", "answers", "feedback"):
        assert {t for t in ReviewTime.values if getattr(quiz, f"review_{part}_{t}")} == ticked
    assert quiz.review_answers_while_attempts_remain is False  # the new rule holds for all
    assert saved == [True]

    migration.review_options_by_setting(apps, None)  # and back again
    assert (quiz.review_marks, quiz.review_answers, quiz.review_feedback) == (old, old, old)


def test_a_new_quiz_shows_marks_and_feedback_after_the_attempt_and_answers_after_closing():
    quiz = Quiz()
    after = {ReviewTime.IMMEDIATELY, ReviewTime.LATER, ReviewTime.AFTER_CLOSE}
    for part, times in {
        "marks": after,
        "answers": {ReviewTime.AFTER_CLOSE},
        "feedback": after,
    }.items():
        assert {t for t in ReviewTime.values if quiz.review_shows(part, t)} == times
