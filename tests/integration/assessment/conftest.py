"""The assessment tests' people, course and lecture are in tests/integration/assessment_fixtures.py
(loaded for the whole suite by tests/conftest.py); only the language is set here."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield
