"""Where each curriculum page type may live, so editors cannot build a tree the site can't show."""

import pytest
from wagtail.models import Page

from cms.models import (
    CoursePage,
    ExchangeSessionPage,
    LecturePage,
    ProgrammePage,
    ScenarioExercisePage,
    StudioHomePage,
    StudyTourPage,
)

pytestmark = pytest.mark.django_db

ACTIVITIES = [LecturePage, ExchangeSessionPage, ScenarioExercisePage, StudyTourPage]
PARENTS = {
    ProgrammePage: "home",
    CoursePage: "programme",
    **dict.fromkeys(ACTIVITIES, "course"),
}


@pytest.mark.parametrize(
    ("parent", "children"),
    [
        ("home", {ProgrammePage}),
        ("programme", {CoursePage}),
        ("course", set(ACTIVITIES)),
        *[(activity, set()) for activity in ACTIVITIES],
    ],
    ids=lambda value: value if isinstance(value, str) else getattr(value, "__name__", None),
)
def test_each_page_type_allows_only_its_own_children(tree, parent, children):
    model = type(tree[parent].specific) if isinstance(parent, str) else parent

    assert set(model.allowed_subpage_models()) == children


@pytest.mark.parametrize("model", list(PARENTS), ids=lambda model: model.__name__)
def test_a_page_type_can_be_created_only_under_its_parent(tree, model):
    allowed = tree[PARENTS[model]]
    elsewhere = [page for name, page in tree.items() if name != PARENTS[model]]

    assert model.can_create_at(allowed)
    for page in elsewhere:
        assert not model.can_create_at(page), page


def test_the_home_page_sits_at_the_root_and_there_is_only_one(tree):
    root = Page.get_first_root_node()

    assert StudioHomePage.allowed_parent_page_models() == [Page]
    assert StudioHomePage.max_count == 1
    assert not StudioHomePage.can_create_at(root)  # one already exists


def test_a_home_page_can_be_created_at_the_root_while_none_exists():
    assert StudioHomePage.can_create_at(Page.get_first_root_node())
