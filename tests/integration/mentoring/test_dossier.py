"""The evidence dossier: gathered from the records, drawn by a task, replaced when asked again.

The honest boundary for "never the private notes" is the data the renderer receives
(``dossier_content``): it has no field for them, and the tests check the notes appear nowhere in
it. The PDF is read back as text as well (see ``tests/unit/mentoring/test_dossier_render.py``).
"""

import datetime

import pytest

from courses.exceptions import NotAllowed
from courses.services import activity_confirm, enrolment_create
from lms.audit.models import AuditEntry
from mentoring import tasks
from mentoring.dossier.gather import dossier_content
from mentoring.exceptions import MentoringRefusal
from mentoring.models import (
    Dossier,
    Evaluation,
    MentorAssignment,
    MentorSignOffCriterion,
    RotationJournalEntry,
)
from mentoring.services import (
    coaching_session_log,
    dossier_generate,
    dossier_request,
    evaluation_submit,
)
from tests.factories import LecturePageFactory
from tests.unit.mentoring.test_dossier_render import pdf_text

from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)
NOTES = "私下备注:此人表达偏弱"
SUMMARY = "讨论了小区议事会的组织方法。"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def dossier_files(tmp_path) -> list:
    folder = tmp_path / "private" / "dossiers"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def people(east, west):
    trainee = f.trainee(east, username="t1", display_name="黄志远")
    mentor = f.mentor(east, username="m1", display_name="郑国华")
    cross = f.mentor(west, username="m2", display_name="何丽萍")
    host = f.host(west, username="h1", display_name="梁建明")
    f.assignment(trainee, mentor, starts_on=TODAY - 90 * DAY)
    f.assignment(trainee, cross, MentorAssignment.Kind.CROSS, starts_on=TODAY - 90 * DAY)
    return {"trainee": trainee, "mentor": mentor, "cross": cross, "host": host}


@pytest.fixture
def record(office, people, course):
    """A trainee with a little of everything the dossier covers."""
    trainee, mentor, host = people["trainee"], people["mentor"], people["host"]
    lecture = LecturePageFactory(parent=course, learning_hours="2.0", title="学员手册导读")
    enrolment_create(actor=office, trainee=trainee, course=course)
    activity_confirm(trainee=trainee, activity=lecture)
    coaching_session_log(
        actor=mentor,
        trainee=trainee,
        held_on=TODAY - 20 * DAY,
        duration_minutes=60,
        mode="in_person",
        topics="议事协商",
        summary=SUMMARY,
        private_notes=NOTES,
        actions=[{"owner": "trainee", "description": "组织一次议事会", "due_on": TODAY - DAY}],
    )
    rotation = f.rotation(
        trainee,
        host,
        starts_on=TODAY - 40 * DAY,
        ends_on=TODAY - 12 * DAY,
        status="completed",
    )
    RotationJournalEntry.objects.create(
        rotation=rotation,
        iso_year=rotation.starts_on.isocalendar()[0],
        iso_week=rotation.starts_on.isocalendar()[1],
        week_starts_on=rotation.starts_on,
        body="第一周",
    )
    rubric = f.rubric()
    scores = dict.fromkeys(rubric.dimensions.all(), 4)
    evaluation_submit(
        actor=host,
        rubric=rubric,
        trainee=trainee,
        kind=Evaluation.Kind.HOST,
        scores=scores,
        rotation=rotation,
        comment="踏实肯干",
    )
    evaluation_submit(
        actor=mentor, rubric=rubric, trainee=trainee, kind=Evaluation.Kind.MENTOR, scores=scores
    )
    MentorSignOffCriterion.objects.create(to_stage=f.stage("reserve_cadre"))
    return people


def test_the_gathered_record_has_every_part_and_no_private_notes(office, record):
    trainee = record["trainee"]

    content = dossier_content(viewer=office, trainee=trainee)

    assert content.profile.name == "黄志远"
    assert content.profile.community == "东社区"
    assert content.profile.stage and content.profile.next_stage
    assert [name for _kind, name in content.profile.mentors] == ["郑国华", "何丽萍"]
    assert content.courses[0].completed == 1
    assert content.hours.by_course[0].hours == 2
    assert content.quizzes == ()
    assert content.sessions[0].summary == SUMMARY
    assert content.actions[0].overdue
    assert content.rotations[0].journal_entries == 1
    assert content.rotations[0].host_average == 4
    assert {e.kind for e in content.evaluations} == {
        "Host secretary's evaluation",
        "Mentor's evaluation",
    }
    assert len(content.dimension_averages) == 3
    assert [c.met for c in content.readiness.criteria] == [False]
    assert NOTES not in repr(content)


def test_the_office_generates_the_pdf_into_private_storage(office, record, tmp_path):
    trainee = record["trainee"]

    dossier = dossier_generate(actor=office, trainee=trainee)

    assert dossier.status == Dossier.Status.READY and dossier.generated_by == office
    assert (tmp_path / "private" / dossier.file.name).exists()
    with dossier.file.open("rb") as handle:
        pdf = handle.read()
    text = pdf_text(pdf)
    assert "黄志远" in text
    for heading in ("Profile", "Readiness", "Coaching", "Shadowing rotations", "Evaluations"):
        assert heading in text
    assert "No quizzes taken." in text
    assert NOTES not in text and "私下备注" not in text
    assert AuditEntry.objects.filter(action="dossier.generate").count() == 1


@pytest.mark.parametrize("who", ["mentor", "trainee", "host"])
def test_only_the_office_asks_for_or_generates_a_dossier(record, who):
    actor, trainee = record[who], record["trainee"]

    with pytest.raises(NotAllowed):
        dossier_request(actor=actor, trainee=trainee)
    with pytest.raises(NotAllowed):
        dossier_generate(actor=actor, trainee=trainee)

    assert not Dossier.objects.exists()


def test_a_dossier_is_only_for_a_trainee(office, record):
    with pytest.raises(MentoringRefusal):
        dossier_request(actor=office, trainee=record["mentor"])


def test_asking_enqueues_the_task_after_commit(
    office, record, tmp_path, django_capture_on_commit_callbacks
):
    trainee = record["trainee"]

    with django_capture_on_commit_callbacks() as callbacks:
        dossier = dossier_request(actor=office, trainee=trainee)

    assert dossier.status == Dossier.Status.PENDING and not dossier.file
    assert len(callbacks) == 1
    assert dossier_files(tmp_path) == []

    callbacks[0]()  # the worker, eager in tests

    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.READY
    assert len(dossier_files(tmp_path)) == 1


def test_regenerating_replaces_the_file_and_deletes_the_old_one_on_commit(
    office, record, tmp_path, django_capture_on_commit_callbacks
):
    trainee = record["trainee"]
    with django_capture_on_commit_callbacks(execute=True):
        first = dossier_generate(actor=office, trainee=trainee)
    old_name, old_time = first.file.name, first.generated_at

    with django_capture_on_commit_callbacks() as callbacks:
        second = dossier_generate(actor=office, trainee=trainee)
    assert (tmp_path / "private" / old_name).exists()  # still there until the commit
    for callback in callbacks:
        callback()

    assert Dossier.objects.count() == 1
    assert second.pk == first.pk
    assert second.file.name != old_name and second.generated_at > old_time
    assert not (tmp_path / "private" / old_name).exists()
    assert dossier_files(tmp_path) == [second.file.name.split("/")[-1]]


def test_the_task_is_safe_to_run_twice(
    office, record, tmp_path, django_capture_on_commit_callbacks
):
    trainee = record["trainee"]
    with django_capture_on_commit_callbacks(execute=True):
        dossier_request(actor=office, trainee=trainee)
    drawn = Dossier.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        again = tasks.dossier_generate(trainee.pk, office.pk)

    assert again == drawn.file.name
    assert Dossier.objects.get().generated_at == drawn.generated_at
    assert len(dossier_files(tmp_path)) == 1


def test_a_new_request_draws_the_dossier_again(
    office, record, tmp_path, django_capture_on_commit_callbacks
):
    trainee = record["trainee"]
    with django_capture_on_commit_callbacks(execute=True):
        dossier_request(actor=office, trainee=trainee)
    first = Dossier.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        dossier_request(actor=office, trainee=trainee)

    second = Dossier.objects.get()
    assert second.status == Dossier.Status.READY
    assert second.file.name != first.file.name
    assert dossier_files(tmp_path) == [second.file.name.split("/")[-1]]


def test_the_task_does_nothing_for_someone_no_longer_in_the_office(office, record):
    trainee = record["trainee"]

    assert tasks.dossier_generate(trainee.pk, record["mentor"].pk) is None
    assert tasks.dossier_generate(trainee.pk, 10**9) is None
    assert not Dossier.objects.exists()


def test_a_name_the_font_cannot_draw_fails_the_dossier_and_keeps_the_previous_file(
    office, record, tmp_path, django_capture_on_commit_callbacks
):
    trainee = record["trainee"]
    with django_capture_on_commit_callbacks(execute=True):
        drawn = dossier_generate(actor=office, trainee=trainee)
    trainee.display_name = "𠀀志远"  # U+20000, beyond the font's GBK repertoire
    trainee.save(update_fields=["display_name"])

    with django_capture_on_commit_callbacks(execute=True):
        failed = dossier_generate(actor=office, trainee=trainee)

    assert failed.status == Dossier.Status.FAILED
    assert "U+20000" in failed.failure
    assert failed.file.name == drawn.file.name
    assert (tmp_path / "private" / drawn.file.name).exists()
