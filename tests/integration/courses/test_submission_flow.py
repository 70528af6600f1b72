"""A trainee's report from the first draft to acceptance, through the pages they use."""

import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from courses.exceptions import EngineRefusal
from courses.models import ActivityProgress, Submission
from courses.selectors import hours_summary
from courses.services import (
    activity_attendance_record,
    activity_run_finished,
    enrolment_create,
    submission_start,
)
from lms.audit.models import AuditEntry
from lms.people.roles import OFFICE_REVIEWER
from tests.factories import ScenarioExercisePageFactory, StudyTourPageFactory, user_with_role

pytestmark = pytest.mark.django_db


def jpeg(name="visit.jpg", size=(120, 90)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def reviewer(db):
    return user_with_role(OFFICE_REVIEWER, username="reviewer")


@pytest.fixture
def tour(course):
    return StudyTourPageFactory(parent=course, learning_hours="4.0")


@pytest.fixture
def enrolled(office, trainee, course):
    enrolment_create(actor=office, trainee=trainee, course=course)
    return trainee


def start_url(activity):
    return reverse("courses:submission-start", args=[activity.pk])


def edit_url(submission):
    return reverse("courses:submission-edit", args=[submission.pk])


def review_url(submission):
    return reverse("courses:submission-review", args=[submission.pk])


def test_a_report_goes_from_draft_to_accepted_and_completes_the_tour(
    client, enrolled, reviewer, tour, office, django_capture_on_commit_callbacks
):
    # Given a trainee enrolled in the course of a study tour
    client.force_login(enrolled)
    page = client.get(start_url(tour))
    assert page.status_code == 200
    assert 'accept="image/jpeg,image/png,image/webp"' in page.text
    assert 'capture="environment"' in page.text

    # When they save a draft with text and a photo (processed once the save commits), then
    # save it again
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            start_url(tour),
            {
                "body": "<p>参观了<b>小营街道</b><script>alert(1)</script></p>",
                "body_format": "html",
                "new_photos": [jpeg()],
                "action": "save",
            },
        )
    submission = Submission.objects.get(trainee=enrolled)
    assert response.status_code == 302
    assert response.url == edit_url(submission)
    assert submission.kind == Submission.Kind.TOUR_REPORT
    assert submission.status == Submission.Status.DRAFT
    assert submission.body == "<p>参观了<b>小营街道</b></p>"
    photo = submission.photos.get()
    caption_field = f"caption_{photo.pk}"
    client.post(
        edit_url(submission),
        {
            "body": "<p>参观了小营街道。</p>",
            "body_format": "html",
            caption_field: "党群服务中心",
            "action": "save",
        },
    )
    submission.refresh_from_db()
    assert submission.body == "<p>参观了小营街道。</p>"
    assert submission.photos.get().caption == "党群服务中心"

    # … and submit it
    response = client.post(
        edit_url(submission),
        {"body": "<p>参观了小营街道。</p>", "body_format": "html", "action": "submit"},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED
    assert submission.submitted_at
    assert "waiting for review" in client.get(edit_url(submission)).text

    # Then a reviewer returns it with comments
    client.force_login(reviewer)
    assert "参观学习" in client.get(reverse("courses:review-queue")).text
    review_page = client.get(review_url(submission))
    assert "参观了小营街道。" in review_page.text
    photo_url = reverse("courses:submission-photo", args=[submission.pk, photo.pk])
    assert photo_url in review_page.text
    assert client.get(photo_url)["Content-Type"] == "image/jpeg"
    no_comment = client.post(review_url(submission), {"decision": "return", "comment": ""})
    assert no_comment.status_code == 400
    client.post(review_url(submission), {"decision": "return", "comment": "请补充学习体会。"})
    submission.refresh_from_db()
    assert submission.status == Submission.Status.RETURNED
    assert submission.reviewed_by == reviewer

    # The trainee sees the comments, edits and submits again
    client.force_login(enrolled)
    assert "请补充学习体会。" in client.get(edit_url(submission)).text
    client.post(
        edit_url(submission),
        {
            "body": "第一段\n\n体会:<b>居民议事会</b>",
            "body_format": "text",
            "action": "submit",
        },
    )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED
    assert submission.body == "<p>第一段</p>\n\n<p>体会:&lt;b&gt;居民议事会&lt;/b&gt;</p>"

    # The reviewer accepts: the engine records the accepted work; the tour also needs attendance
    client.force_login(reviewer)
    client.post(review_url(submission), {"decision": "accept", "comment": "很好"})
    submission.refresh_from_db()
    assert submission.status == Submission.Status.ACCEPTED
    progress = ActivityProgress.objects.get(trainee=enrolled, activity_id=tour.pk)
    assert progress.work_accepted_at
    assert not progress.completed_at
    activity_attendance_record(trainee=enrolled, activity=tour, actor=office, how="manual")
    progress.refresh_from_db()
    assert progress.completed_at
    assert hours_summary(enrolled).earned == Decimal("4.0")

    # Accepted work is read-only
    client.force_login(enrolled)
    page = client.get(edit_url(submission))
    assert "<textarea" not in page.text
    assert "很好" in page.text
    client.post(edit_url(submission), {"body": "改了", "body_format": "text", "action": "save"})
    submission.refresh_from_db()
    assert submission.body.startswith("<p>第一段</p>")
    assert list(
        AuditEntry.objects.filter(action__startswith="submission.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "submission.create",
        "submission.photo_process",
        "submission.save",
        "submission.save",
        "submission.submit",
        "submission.return",
        "submission.save",
        "submission.submit",
        "submission.accept",
    ]


def test_a_scenario_reflection_completes_with_a_finished_run(client, enrolled, reviewer, course):
    scenario = ScenarioExercisePageFactory(parent=course, learning_hours="2.0")
    client.force_login(enrolled)
    page = client.get(start_url(scenario))
    assert scenario.reflection_prompt in page.text
    client.post(
        start_url(scenario),
        {"body": "我会先召集三方协调会。", "body_format": "text", "action": "submit"},
    )
    submission = Submission.objects.get(trainee=enrolled)
    assert submission.kind == Submission.Kind.REFLECTION
    assert submission.status == Submission.Status.SUBMITTED

    client.force_login(reviewer)
    client.post(review_url(submission), {"decision": "accept"})
    assert not ActivityProgress.objects.get(activity_id=scenario.pk).completed_at
    activity_run_finished(trainee=enrolled, activity=scenario)

    assert ActivityProgress.objects.get(activity_id=scenario.pk).completed_at


def test_submitting_twice_has_no_second_effect(client, enrolled, tour):
    client.force_login(enrolled)
    data = {"body": "<p>报告</p>", "body_format": "html", "action": "submit"}
    client.post(start_url(tour), data)
    submission = Submission.objects.get()
    first = submission.submitted_at

    second = client.post(edit_url(submission), data, follow=True)

    submission.refresh_from_db()
    assert submission.submitted_at == first
    assert "already been submitted" in second.text
    assert AuditEntry.objects.filter(action="submission.submit").count() == 1


def test_empty_work_is_saved_but_not_submitted(client, enrolled, tour):
    client.force_login(enrolled)

    response = client.post(
        start_url(tour),
        {"body": "<p> </p>", "body_format": "html", "new_photos": [jpeg()], "action": "submit"},
        follow=True,
    )

    submission = Submission.objects.get()
    assert submission.status == Submission.Status.DRAFT
    assert submission.photos.count() == 1
    assert "Write your text before you submit it." in response.text


def test_the_editor_saves_by_itself_and_stops_once_the_work_is_submitted(client, enrolled, tour):
    client.force_login(enrolled)
    autosave = reverse("courses:submission-autosave", args=[tour.pk])

    first = client.post(
        autosave, {"body": "<p>草稿<img src=x onerror=alert(1)></p>", "body_format": "html"}
    )
    again = client.post(autosave, {"body": "<p>草稿,续写</p>", "body_format": "html"})

    submission = Submission.objects.get()
    assert first.status_code == again.status_code == 200
    assert again.json()["saved"] is True
    assert again.json()["edit_url"] == edit_url(submission)
    assert submission.body == "<p>草稿,续写</p>"
    assert client.get(start_url(tour)).url == edit_url(submission)

    client.post(
        edit_url(submission), {"body": "<p>终稿</p>", "body_format": "html", "action": "submit"}
    )
    late = client.post(autosave, {"body": "<p>迟到的自动保存</p>", "body_format": "html"})

    assert late.status_code == 409
    assert late.json()["saved"] is False
    submission.refresh_from_db()
    assert submission.body == "<p>终稿</p>"


def test_the_editor_starts_from_the_saved_html_and_the_fallback_box_from_plain_text(
    client, enrolled, tour
):
    client.force_login(enrolled)
    client.post(start_url(tour), {"body": "<p>一</p><p><b>二</b></p>", "body_format": "html"})
    submission = Submission.objects.get()

    page = client.get(edit_url(submission))

    textarea = page.text.split("<textarea", 1)[1].split("</textarea>", 1)[0]
    assert textarea.endswith("一\n\n二")
    script = page.text.split('id="submission-editor-html" type="application/json">', 1)[1]
    assert json.loads(script.split("</script>", 1)[0]) == "<p>一</p><p><b>二</b></p>"


def test_only_enrolled_trainees_write_work(client, trainee, tour):
    client.force_login(trainee)

    page = client.get(start_url(tour))
    saved = client.post(start_url(tour), {"body": "x", "body_format": "text", "action": "save"})
    autosaved = client.post(
        reverse("courses:submission-autosave", args=[tour.pk]),
        {"body": "x", "body_format": "text"},
    )

    assert page.status_code == 302
    assert saved.status_code == 302
    assert autosaved.status_code == 409
    assert not Submission.objects.exists()


def test_an_activity_without_written_work_has_no_editor(client, enrolled, online_lecture):
    client.force_login(enrolled)

    assert client.get(start_url(online_lecture)).status_code == 404


def test_starting_twice_gives_the_same_draft(enrolled, tour, online_lecture):
    first = submission_start(actor=enrolled, activity=tour)
    again = submission_start(actor=enrolled, activity=tour)

    assert first == again
    assert first.status == Submission.Status.DRAFT
    assert AuditEntry.objects.filter(action="submission.start").count() == 1
    with pytest.raises(EngineRefusal):
        submission_start(actor=enrolled, activity=online_lecture)
