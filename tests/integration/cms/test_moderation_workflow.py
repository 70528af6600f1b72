"""The office's editing flow in Wagtail: editors submit, reviewers approve, nothing goes live
without a reviewer; previews, revisions and scheduled publishing work for the office."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.models import ProgrammePage
from lms.people.roles import OFFICE_EDITOR, OFFICE_REVIEWER, TRAINEE, roles_ensure
from tests.factories import studio_tree, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    roles_ensure()
    _home, programme, _course = studio_tree()
    return programme


def _form(programme, **changes):
    data = {
        "title": programme.title,
        "slug": programme.slug,
        "introduction": "",
        "body": streamfield([]),
        "audience": "",
        "start_date": "",
        "end_date": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    return nested_form_data(data)


def test_an_editor_submits_and_a_reviewer_approves_before_it_goes_live(client, programme):
    editor = user_with_role(OFFICE_EDITOR)
    reviewer = user_with_role(OFFICE_REVIEWER)
    edit_url = reverse("wagtailadmin_pages:edit", args=[programme.pk])

    client.force_login(editor)
    submitted = client.post(
        edit_url, _form(programme, title="2027 年度培训方案", **{"action-submit": "1"})
    )

    assert submitted.status_code == 302
    programme.refresh_from_db()
    assert programme.title != "2027 年度培训方案"  # still the published version
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(programme.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(reviewer)
    task_state = state.current_task_state
    approve = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[programme.pk, "approve", task_state.pk],
        ),
        {"comment": "同意发布"},
    )

    assert approve.status_code in (200, 302)
    programme.refresh_from_db()
    assert programme.title == "2027 年度培训方案"
    assert programme.live


def test_an_editor_cannot_publish_directly(client, programme):
    editor = user_with_role(OFFICE_EDITOR)
    client.force_login(editor)

    client.post(
        reverse("wagtailadmin_pages:edit", args=[programme.pk]),
        _form(programme, title="擅自发布", **{"action-publish": "1"}),
    )

    programme.refresh_from_db()
    assert programme.title != "擅自发布"


def test_a_reviewer_schedules_publication_for_later(client, programme):
    reviewer = user_with_role(OFFICE_REVIEWER)
    client.force_login(reviewer)
    go_live = timezone.localtime() + datetime.timedelta(days=2)

    client.post(
        reverse("wagtailadmin_pages:edit", args=[programme.pk]),
        _form(
            programme,
            title="下月发布的新方案",
            go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
            **{"action-publish": "1"},
        ),
    )

    public = Client().get(programme.url)
    revision = Page.objects.get(pk=programme.pk).get_latest_revision()
    assert "下月发布的新方案" not in public.text
    assert revision.approved_go_live_at is not None


def test_the_office_previews_and_keeps_revisions(client, programme):
    editor = user_with_role(OFFICE_EDITOR)
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[programme.pk])
    before = programme.revisions.count()

    client.post(edit_url, _form(programme, title="草稿一"))
    client.post(edit_url, _form(programme, title="草稿二"))
    preview = client.post(
        reverse("wagtailadmin_pages:preview_on_edit", args=[programme.pk]),
        _form(programme, title="预览中的标题"),
    )
    shown = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[programme.pk]))

    assert programme.revisions.count() == before + 2
    assert preview.status_code == 200
    assert "预览中的标题" in shown.text


def test_trainees_cannot_reach_the_page_editor(client, programme):
    client.force_login(user_with_role(TRAINEE))

    response = client.get(reverse("wagtailadmin_pages:edit", args=[programme.pk]))

    assert response.status_code in (302, 403)
    assert Page.objects.get(pk=programme.pk).specific_class is ProgrammePage
