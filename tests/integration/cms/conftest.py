"""Fixtures the cms tests share: a published site tree to hang pages on."""

import pytest

from tests.factories import studio_tree


@pytest.fixture
def tree():
    """Home → programme → course, the home being the default site's root."""
    home, programme, course = studio_tree()
    return {"home": home, "programme": programme, "course": course}
