"""The bank's list: current versions only, search and filters, and a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.services.questions import question_save

from .bank_data import sample

pytestmark = pytest.mark.django_db


def _names(response) -> set[str]:
    return {question.name for question in response.context["page"]}


@pytest.fixture
def bank(make_question):
    return {
        "single": make_question("single", name="协调会", path=("党建",), tags=["基础"]),
        "essay": make_question(
            "essay", name="调研报告", path=("党建", "调研"), tags=["进阶", "写作"]
        ),
        "numerical": make_question("numerical", name="支委人数", path=("治理",), tags=[]),
    }


def test_the_list_shows_each_entrys_current_version_with_its_columns(
    office_client, office, bank, use_in_attempt
):
    use_in_attempt(bank["single"])
    question_save(
        actor=office, data=sample("single", name="协调会（新）"), entry=bank["single"].entry
    )

    response = office_client.get(reverse("courses_bank:questions"))

    assert response.status_code == 200
    rows = {q.name: q for q in response.context["page"]}
    assert set(rows) == {"协调会（新）", "调研报告", "支委人数"}
    new = rows["协调会（新）"]
    assert (new.version, new.attempt_count, new.type_name) == (2, 1, "single choice")
    assert rows["调研报告"].entry.category.path == "党建/调研"
    assert "写作" in response.text and "进阶" in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "调研"}, {"调研报告"}),
        ({"q": "题干 numerical"}, {"支委人数"}),
        ({"type": "essay"}, {"调研报告"}),
        ({"type": "single"}, {"协调会"}),
        ({"tag": "写作"}, {"调研报告"}),
        ({"tag": "基础"}, {"协调会"}),
    ],
)
def test_search_and_filters(office_client, bank, query, expected):
    response = office_client.get(reverse("courses_bank:questions"), query)

    assert _names(response) == expected


def test_the_category_filter_takes_subcategories_only_when_asked(office_client, bank):
    party = bank["single"].entry.category

    alone = office_client.get(reverse("courses_bank:questions"), {"category": party.pk})
    with_children = office_client.get(
        reverse("courses_bank:questions"), {"category": party.pk, "subcategories": "on"}
    )

    assert _names(alone) == {"协调会"}
    assert _names(with_children) == {"协调会", "调研报告"}


def test_a_judgement_question_is_not_listed_as_single_choice(office_client, make_question):
    make_question("judgement", name="情境")
    make_question("single", name="单选")

    response = office_client.get(reverse("courses_bank:questions"), {"type": "single"})

    assert _names(response) == {"单选"}


def test_the_list_is_paginated(office_client, make_question, monkeypatch):
    monkeypatch.setattr("courses.views.bank_questions.PAGE_SIZE", 2)
    for i in range(5):
        make_question("single", name=f"题{i}")

    first = office_client.get(reverse("courses_bank:questions"), {"q": "题"})
    last = office_client.get(reverse("courses_bank:questions"), {"q": "题", "p": "3"})

    assert len(first.context["page"]) == 2 and first.context["page"].paginator.num_pages == 3
    assert "q=%E9%A2%98&amp;p=2" in first.text
    assert len(last.context["page"]) == 1


TYPES = ("single", "essay", "matching")


def _queries_for(client, make_question, count, offset=0):
    for i in range(count):
        make_question(TYPES[i % len(TYPES)], name=f"题目{offset + i}", tags=[f"标签{i % 4}"])
    client.get(reverse("courses_bank:questions"))  # warm caches (content types, menus)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("courses_bank:questions"))
    assert response.status_code == 200
    return len(queries.captured_queries), len(response.context["page"])


# The admin's own: session, user, two for permissions, profile, groups, locales, page and
# collection permissions and the explorer's root page (10). The list's: the filter form's tags
# and categories, the paginator's count, the page of versions (entry and category joined) and
# their tags (one prefetch) (5). The type names come from the content-type cache.
LIST_QUERIES = 15


def test_the_number_of_queries_does_not_grow_with_the_questions(office_client, make_question):
    few, shown_few = _queries_for(office_client, make_question, 3)
    many, shown_many = _queries_for(office_client, make_question, 27, offset=3)

    assert (shown_few, shown_many) == (3, 30)
    assert few == many == LIST_QUERIES
