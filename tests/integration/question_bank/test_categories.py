"""The bank's categories over HTTP: the tree with counts, paths that follow renames and moves,
refused cycles, and deleting only what is empty."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import QuestionCategory
from courses.services.questions import category_ensure_path

from .bank_data import messages_of

pytestmark = pytest.mark.django_db


def _path(category) -> str:
    category.refresh_from_db()
    return category.path


def test_the_tree_lists_children_under_their_parent_with_counts(office_client, make_question):
    make_question("single", path=("党建", "组织生活"))
    make_question("truefalse", path=("党建", "组织生活"))
    make_question("essay", path=("党建",))
    category_ensure_path(path=("党建 2",))

    response = office_client.get(reverse("courses_bank:categories"))

    assert response.status_code == 200
    rows = [(c.path, c.level, c.questions, c.total) for c in response.context["categories"]]
    assert rows == [
        ("党建", 0, 1, 3),
        ("党建/组织生活", 1, 2, 2),
        ("党建 2", 0, 0, 0),
    ]


def test_the_tree_and_its_counts_are_read_in_one_query(office_client, make_question):
    for i in range(5):
        make_question("single", path=("党建", f"分类{i}"))

    with CaptureQueriesContext(connection) as queries:
        response = office_client.get(reverse("courses_bank:categories"))

    assert len(response.context["categories"]) == 6
    reads = [q["sql"] for q in queries.captured_queries if "courses_questioncategory" in q["sql"]]
    assert len(reads) == 1


def test_a_category_is_created_under_a_parent(office_client):
    parent = category_ensure_path(path=("党建",))

    response = office_client.post(
        reverse("courses_bank:category-add"),
        {"name": "  组织  生活 ", "parent": parent.pk, "description": "三会一课"},
    )

    assert response.status_code == 302
    created = QuestionCategory.objects.get(name="组织 生活")
    assert (created.path, created.parent, created.description) == (
        "党建/组织 生活",
        parent,
        "三会一课",
    )


def test_renaming_and_moving_update_the_paths_of_the_whole_subtree(office_client):
    top = category_ensure_path(path=("党建",))
    child = category_ensure_path(path=("党建", "组织生活"))
    grandchild = category_ensure_path(path=("党建", "组织生活", "三会一课"))
    other = category_ensure_path(path=("基层治理",))

    renamed = office_client.post(
        reverse("courses_bank:category-edit", args=[top.pk]), {"name": "党的建设", "parent": ""}
    )
    assert renamed.status_code == 302
    assert _path(grandchild) == "党的建设/组织生活/三会一课"

    moved = office_client.post(
        reverse("courses_bank:category-edit", args=[child.pk]),
        {"name": "组织生活", "parent": other.pk},
    )
    assert moved.status_code == 302
    assert _path(child) == "基层治理/组织生活"
    assert _path(grandchild) == "基层治理/组织生活/三会一课"


def test_moving_a_category_inside_itself_is_refused(office_client):
    top = category_ensure_path(path=("党建",))
    grandchild = category_ensure_path(path=("党建", "组织生活", "三会一课"))

    response = office_client.post(
        reverse("courses_bank:category-edit", args=[top.pk]),
        {"name": "党建", "parent": grandchild.pk},
    )

    assert response.status_code == 200
    assert "cannot be moved inside itself" in response.text
    top.refresh_from_db()
    assert top.parent is None and top.path == "党建"


def test_a_name_taken_among_siblings_is_refused(office_client):
    category_ensure_path(path=("党建", "组织生活"))
    parent = QuestionCategory.objects.get(path="党建")

    response = office_client.post(
        reverse("courses_bank:category-add"), {"name": "组织生活", "parent": parent.pk}
    )

    assert response.status_code == 200
    assert "There is already a category" in response.text
    assert QuestionCategory.objects.count() == 2


@pytest.mark.parametrize("holds", ["questions", "subcategories"])
def test_a_category_that_is_not_empty_is_not_deleted(office_client, make_question, holds):
    if holds == "questions":
        make_question("single", path=("党建",))
    else:
        category_ensure_path(path=("党建", "组织生活"))
    category = QuestionCategory.objects.get(path="党建")

    response = office_client.post(reverse("courses_bank:category-delete", args=[category.pk]))

    assert response.status_code == 302
    assert QuestionCategory.objects.filter(pk=category.pk).exists()
    assert "still holds questions or subcategories" in messages_of(response)[0]


def test_an_empty_category_is_deleted_after_confirming(office_client):
    category = category_ensure_path(path=("党建",))

    confirm = office_client.get(reverse("courses_bank:category-delete", args=[category.pk]))
    response = office_client.post(reverse("courses_bank:category-delete", args=[category.pk]))

    assert confirm.status_code == 200 and "党建" in confirm.text
    assert response.status_code == 302
    assert not QuestionCategory.objects.exists()
