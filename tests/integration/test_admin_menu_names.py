"""The admin menu's item names are the same in every language.

Wagtail builds the admin menu once per process, naming each item after its label unless the
viewset gives a ``menu_name``; a label first read in Chinese slugifies to something else than
in English. The name is what the menu's active state, its dismissible ids and the tests find an
item by, so it must not depend on the language of the first request a process served.
"""

import pytest
from django.utils import translation
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

pytestmark = pytest.mark.django_db


STUDIO_APPS = {"lms", "courses", "mentoring", "cms"}


def _menu_viewsets():
    """Every viewset and viewset group of the studio that puts an item in a menu."""
    found = []

    def visit(viewset, in_group=False):
        if isinstance(viewset, ViewSetGroup):
            found.append(viewset)
            for item in viewset.registerables:
                visit(item, in_group=True)
        elif (
            in_group
            or getattr(viewset, "add_to_admin_menu", False)
            # placed in a menu by a hook (the mentoring menu) under a label of its own
            or "menu_label" in vars(type(viewset))
        ):
            found.append(viewset)

    for register in hooks.get_hooks("register_admin_viewset"):
        made = register()
        for viewset in made if isinstance(made, (list, tuple)) else [made]:
            visit(viewset)
    return [v for v in found if type(v).__module__.split(".")[0] in STUDIO_APPS]


def _name(viewset, language):
    with translation.override(language):
        return viewset.get_menu_item().name


def test_the_studio_has_menu_viewsets_to_check():
    names = {type(v).__name__ for v in _menu_viewsets()}
    assert {"OrganisationViewSetGroup", "TrainingViewSetGroup", "MentorProfileViewSet"} <= names


@pytest.mark.parametrize("viewset", _menu_viewsets(), ids=lambda v: type(v).__name__)
def test_a_menu_item_has_the_same_name_in_chinese_and_english(viewset):
    assert _name(viewset, "zh-hans") == _name(viewset, "en")
