"""Moodle XML reads Moodle's exports, refuses unsafe or broken files, and round-trips every type."""

import time
from decimal import Decimal

import pytest
from defusedxml import ElementTree
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses.question_formats import moodle_xml
from courses.question_formats.base import (
    ESSAY,
    JUDGEMENT,
    MATCHING,
    MULTIPLE,
    NUMERICAL,
    ORDERING,
    SHORT_ANSWER,
    SINGLE,
    TRUE_FALSE,
    CriterionData,
    OptionData,
    QuestionData,
    ReadResult,
)
from tests.unit.question_formats import SAMPLES, sample_id, without_location

D = Decimal


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in their English source, whatever locale/ holds later."""
    with translation.override("en"):
        yield


def quiz(*questions: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>"
    ).encode()


def question(kind: str, body: str = "", name: str = "Q", text: str = "Text") -> str:
    return f"""  <question type="{kind}">
    <name><text>{name}</text></name>
    <questiontext format="html"><text><![CDATA[{text}]]></text></questiontext>
    <generalfeedback format="html"><text></text></generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
{body}
  </question>"""


def answer(fraction: str, text: str, feedback: str = "", extra: str = "") -> str:
    return f"""    <answer fraction="{fraction}" format="html">
      <text><![CDATA[{text}]]></text>
      <feedback format="html"><text>{feedback}</text></feedback>{extra}
    </answer>"""


def only(data: bytes, **kwargs) -> QuestionData:
    result = moodle_xml.read(data, **kwargs)
    assert result.problems == []
    assert len(result.questions) == 1
    return result.questions[0]


# Reading Moodle's exports ------------------------------------------------------------------


def test_a_moodle_multichoice_export_is_read_with_its_headers():
    body = "\n".join(
        [
            "    <single>false</single>",
            "    <shuffleanswers>1</shuffleanswers>",
            "    <answernumbering>abc</answernumbering>",
            '    <correctfeedback format="html"><text>Your answer is correct.</text>'
            "</correctfeedback>",
            answer("50", "<p>Two</p>", "yes"),
            answer("50", "Four"),
            answer("-100", "Three", "no"),
            "    <tags><tag><text>arithmetic</text></tag><tag><text>初级</text></tag></tags>",
        ]
    )
    data = quiz(
        '  <question type="category">\n    <category><text>$course$/top/Maths/算术</text>'
        '</category>\n    <info format="html"><text></text></info>\n  </question>',
        question("multichoice", body, name="Even numbers", text="<p>Which are <b>even</b>?</p>"),
    )

    result = moodle_xml.read(data)

    assert result.problems == []
    assert without_location(result.questions) == [
        QuestionData(
            type=MULTIPLE,
            name="Even numbers",
            text="<p>Which are <b>even</b>?</p>",
            category_path=("Maths", "算术"),
            tags=["arithmetic", "初级"],
            options=[
                OptionData("<p>Two</p>", D("0.5"), "yes"),
                OptionData("Four", D("0.5")),
                OptionData("Three", D("-1"), "no"),
            ],
            settings={"shuffle": True},
        )
    ]


@pytest.mark.parametrize(
    ("fraction", "share"),
    [
        ("100", D("1")),
        ("50", D("0.5")),
        ("0", D("0")),
        ("-33.33333", D("-0.3333333")),
        ("83.33333", D("0.8333333")),
        ("33.333333333333336", D("0.33333333333333336")),
        ("-100", D("-1")),
        ("", D("0")),
    ],
)
def test_fractions_are_percentages_kept_as_decimals(fraction, share):
    data = quiz(question("multichoice", answer("100", "a") + answer(fraction, "b")))

    assert only(data).options[1].fraction == share


@pytest.mark.parametrize(
    ("single", "shuffle", "expected_type", "expected_shuffle"),
    [
        ("<single>true</single>", "<shuffleanswers>true</shuffleanswers>", SINGLE, True),
        ("<single>1</single>", "<shuffleanswers>0</shuffleanswers>", SINGLE, False),
        ("<single>false</single>", "<shuffleanswers>false</shuffleanswers>", MULTIPLE, False),
        ("<single>0</single>", "", MULTIPLE, False),  # Moodle: no shuffleanswers is false
        ("", "<shuffleanswers>1</shuffleanswers>", SINGLE, True),  # Moodle: single by default
    ],
)
def test_single_and_shuffle_follow_moodle_defaults(
    single, shuffle, expected_type, expected_shuffle
):
    body = f"    {single}\n    {shuffle}\n" + answer("100", "a") + answer("50", "b")

    read = only(quiz(question("multichoice", body)))

    assert (read.type, read.settings) == (expected_type, {"shuffle": expected_shuffle})


@pytest.mark.parametrize(
    ("answers", "correct", "feedback_true", "feedback_false"),
    [
        (answer("100", "true", "T fb") + answer("0", "false", "F fb"), True, "T fb", "F fb"),
        (answer("0", "true", "T fb") + answer("100", "false", "F fb"), False, "T fb", "F fb"),
        (answer("0", "false", "F fb") + answer("100", "true", "T fb"), True, "T fb", "F fb"),
        # Very old exports wrote the words in the site's language, true first.
        (answer("0", "Wahr", "T fb") + answer("100", "Falsch", "F fb"), False, "T fb", "F fb"),
    ],
)
def test_true_false_feedback_belongs_to_the_answer_it_follows(
    answers, correct, feedback_true, feedback_false
):
    read = only(quiz(question("truefalse", answers)))

    assert read.type == TRUE_FALSE
    assert read.settings == {
        "correct": correct,
        "feedback_true": feedback_true,
        "feedback_false": feedback_false,
    }


@pytest.mark.parametrize(("usecase", "case_sensitive"), [("1", True), ("0", False), ("", False)])
def test_short_answer_usecase_is_case_sensitivity(usecase, case_sensitive):
    body = f"    <usecase>{usecase}</usecase>\n" + answer("100", "Paris") + answer("50", "paris")

    read = only(quiz(question("shortanswer", body)))

    assert read.type == SHORT_ANSWER
    assert read.settings == {"case_sensitive": case_sensitive}
    assert [(o.text, o.fraction) for o in read.options] == [("Paris", 1), ("paris", D("0.5"))]


def test_numerical_answers_tolerances_and_any_other_answer():
    body = (
        answer("100", "3.14", "exact", "\n      <tolerance>0.01</tolerance>")
        + answer("50", "3", "", "\n      <tolerance>1</tolerance>")
        + answer("0", "*", "no", "\n      <tolerance>0</tolerance>")
        + answer("0", "", "empty is any", "")
    )

    read = only(quiz(question("numerical", body)))

    assert read.type == NUMERICAL
    assert read.options == [
        OptionData("3.14", D("1"), "exact", tolerance=D("0.01")),
        OptionData("3", D("0.5"), tolerance=D("1")),
        OptionData("*", D("0"), "no"),
        OptionData("*", D("0"), "empty is any"),
    ]


def test_matching_subquestions_and_a_distractor():
    body = """    <shuffleanswers>false</shuffleanswers>
    <subquestion format="html"><text><![CDATA[<b>Canada</b>]]></text>
      <answer><text>Ottawa</text></answer></subquestion>
    <subquestion format="html"><text>Italy</text><answer><text>Rome</text></answer></subquestion>
    <subquestion format="html"><text></text><answer><text>Paris</text></answer></subquestion>
    <subquestion format="html"><text></text><answer><text></text></answer></subquestion>"""

    read = only(quiz(question("matching", body)))

    assert read.type == MATCHING
    assert read.settings == {"shuffle": False}
    assert read.options == [
        OptionData("<b>Canada</b>", match_text="Ottawa"),
        OptionData("Italy", match_text="Rome"),
        OptionData("", match_text="Paris"),
    ]


def test_an_essay_with_word_limits_grader_information_and_rubric():
    body = """    <responseformat>editor</responseformat>
    <minwordlimit>100</minwordlimit>
    <maxwordlimit></maxwordlimit>
    <graderinfo format="html"><text><![CDATA[<p>Look for examples</p>]]></text></graderinfo>
    <responsetemplate format="plain_text"><text>First, …</text></responsetemplate>
    <studio_rubric>
      <criterion points="3"><title>Facts</title><guidance><![CDATA[<p>When, where</p>]]></guidance>
      </criterion>
      <criterion points="2"><title>Style</title></criterion>
    </studio_rubric>"""

    read = only(quiz(question("essay", body)))

    assert read.type == ESSAY
    assert read.settings == {
        "min_words": 100,
        "max_words": 0,
        "grader_info": "<p>Look for examples</p>",
        "response_template": "First, …",
    }
    assert read.criteria == [
        CriterionData("Facts", 3, "<p>When, where</p>"),
        CriterionData("Style", 2, ""),
    ]


@pytest.mark.parametrize(
    ("grading", "select", "expected"),
    [
        ("ALL_OR_NOTHING", "ALL", "all_or_nothing"),
        ("ABSOLUTE_POSITION", "ALL", "partial"),
        ("", "", "partial"),
        ("RELATIVE_NEXT_EXCLUDE_LAST", "RANDOM", "partial"),
        ("LONGEST_ORDERED_SUBSET", "CONTIGUOUS", "partial"),
    ],
)
def test_ordering_grading_maps_to_the_studios_two(grading, select, expected):
    body = (
        f"    <layouttype>VERTICAL</layouttype>\n    <selecttype>{select}</selecttype>\n"
        f"    <selectcount>2</selectcount>\n    <gradingtype>{grading}</gradingtype>\n"
        + answer("1", "first")
        + answer("2", "second")
        + answer("3", "third")
    )

    read = only(quiz(question("ordering", body)))

    assert read.type == ORDERING
    assert [o.text for o in read.options] == ["first", "second", "third"]
    assert read.settings == {"grading": expected}


@pytest.mark.parametrize(
    ("text_format", "text", "html"),
    [
        ("html", "<b>x</b>", "<b>x</b>"),
        ("moodle_auto_format", "a<i>b</i>\nc", "a<i>b</i><br>c"),
        ("plain_text", "a < b\nc", "a &lt; b<br>c"),
        ("markdown", "**a** & b", "**a** &amp; b"),
        ("unknown", "<b>x</b>", "<b>x</b>"),
    ],
)
def test_text_formats_become_html(text_format, text, html):
    data = quiz(
        f"""  <question type="essay">
    <name><text>Q</text></name>
    <questiontext format="{text_format}"><text><![CDATA[{text}]]></text></questiontext>
  </question>"""
    )

    assert only(data).text == html


def test_markup_written_without_cdata_is_kept():
    data = quiz(
        '  <question type="essay"><name><text>Q</text></name>'
        '<questiontext format="html"><text><p>A <b>bold</b> claim</p> tail</text></questiontext>'
        "</question>"
    )

    assert only(data).text == "<p>A <b>bold</b> claim</p> tail"


def test_a_category_under_the_import_prefix():
    data = quiz(
        '<question type="category"><category><text>$system$/top/A//B/C</text></category>'
        "</question>",
        question("essay"),
    )

    assert only(data, category_path=("导入",)).category_path == ("导入", "A/B", "C")


# Problems ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "body", "message"),
    [
        ("", "", "without a type"),
        ("multichoice", answer("100", "only"), "needs at least two options"),
        ("multichoice", answer("0", "a") + answer("0", "b"), "No option is marked right"),
        ("multichoice", answer("100", "a") + answer("abc", "b"), "“abc” is not a percentage"),
        ("multichoice", answer("100", "a") + answer("150", "b"), "“150” is not a percentage"),
        ("multichoice", answer("100", "a") + answer("0", ""), "An answer is empty"),
        ("truefalse", "", "needs its answers"),
        ("shortanswer", "", "needs accepted answers"),
        ("numerical", "", "needs at least one number"),
        ("numerical", answer("100", "abc"), "“abc” with tolerance “0” is not a number"),
        (
            "numerical",
            answer("100", "3", extra="<tolerance>-1</tolerance>"),
            "“3” with tolerance “-1”",
        ),
        (
            "matching",
            "<subquestion><text>a</text><answer><text>1</text></answer></subquestion>",
            "at least two pairs",
        ),
        ("matching", "<subquestion><text>a</text></subquestion>", "has no answer"),
        ("ordering", answer("1", "only"), "at least two items"),
        ("essay", "<minwordlimit>many</minwordlimit>", "<minwordlimit> should be a whole number"),
        (
            "essay",
            '<studio_rubric><criterion points="x"><title>T</title></criterion></studio_rubric>',
            "A rubric criterion needs",
        ),
        ("essay", "<defaultgrade>lots</defaultgrade>", "“lots” is not a number"),
    ],
)
def test_a_question_that_cannot_be_read_is_a_problem_and_the_others_are_read(kind, body, message):
    bad = question(kind, body, name="Broken").replace("<defaultgrade>1.0000000</defaultgrade>", "")
    if "<defaultgrade>" not in body:
        bad = bad.replace("<penalty>", "<defaultgrade>1</defaultgrade>\n    <penalty>")
    data = quiz(question("essay", name="Before"), bad, question("essay", name="After"))

    result = moodle_xml.read(data)

    assert [q.name for q in result.questions] == ["Before", "After"]
    assert len(result.problems) == 1
    assert message in result.problems[0].message
    assert result.problems[0].location.startswith("question 2 “Broken” (line ")
    assert f'element <question type="{kind}">' in result.problems[0].location


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("calculated", "no question type like Moodle's “calculated”; this question is left out"),
        ("calculatedmulti", "“calculatedmulti”"),
        ("cloze", "“cloze”"),
        ("multianswer", "“multianswer”"),
        ("gapselect", "“gapselect”"),
        ("ddwtos", "“ddwtos”"),
        ("random", "“random”"),
        ("description", "A description is not a question"),
    ],
)
def test_a_type_the_studio_does_not_have_is_left_out_and_not_a_problem(kind, message):
    data = quiz(question("essay", name="Before"), question(kind, name="Other"), question("essay"))

    result = moodle_xml.read(data)

    assert [q.name for q in result.questions] == ["Before", "Q"]
    assert result.problems == []
    assert len(result.left_out) == 1
    assert result.left_out[0].kind == kind
    assert message in result.left_out[0].message
    assert result.left_out[0].location.startswith("question 2 “Other” (line ")


@pytest.mark.parametrize(
    ("body", "note"),
    [
        (
            answer("100", "3", extra="<tolerance>0</tolerance>")
            + "<units><unit><multiplier>1</multiplier><unit_name>m</unit_name></unit></units>",
            "Units are not imported",
        ),
        (
            answer("100", "3", extra="<tolerance>0</tolerance>")
            + '<file name="a.png" path="/" encoding="base64">AAAA</file>',
            "Embedded files",
        ),
    ],
)
def test_a_question_read_with_a_loss_is_kept_and_the_loss_reported(body, note):
    result = moodle_xml.read(quiz(question("numerical", body)))

    assert len(result.questions) == 1
    assert [note in p.message for p in result.problems] == [True]


@pytest.mark.parametrize(
    ("data", "location", "message"),
    [
        (b"", "line 1, column 1", "not well-formed XML: no element found"),
        (b"<quiz>", "line 1, column 7", "no element found"),
        (b"<quiz>\n  <question></quiz>", "line 2, column 15", "mismatched tag"),
        (b"GIFT? {=a ~b}", "line 1, column 1", "syntax error"),
        (b"\n\n<other/>", "line 3, column 1", "its outer element is <other>, not <quiz>"),
        (
            b'<?xml version="1.0" encoding="no-such"?><quiz/>',
            "line 1",
            "character encoding that is not known",
        ),
        ("<quiz>中</quiz>".encode("gb18030"), "line 1", "not well-formed"),
    ],
)
def test_a_broken_file_is_one_problem_with_its_position_and_no_questions(data, location, message):
    result = moodle_xml.read(data)

    assert result.questions == []
    assert len(result.problems) == 1
    assert result.problems[0].location.startswith(location)
    assert message in result.problems[0].message


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<quiz><question type="essay"><name><text>&lol9;</text></name></question></quiz>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="essay"><name><text>&secret;</text></name></question></quiz>"""


@pytest.mark.parametrize(
    ("data", "line"), [(BILLION_LAUGHS, 3), (EXTERNAL_ENTITY, 2)], ids=["laughs", "external"]
)
def test_entity_attacks_are_refused_quickly_as_one_problem_at_the_first_entity(data, line):
    started = time.monotonic()

    result = moodle_xml.read(data)

    assert time.monotonic() - started < 1
    assert result.questions == []
    assert len(result.problems) == 1
    assert "refused for safety" in result.problems[0].message
    assert result.problems[0].location.startswith(f"line {line},")


# Writing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES, ids=sample_id)
def test_every_type_survives_a_round_trip(sample):
    result = moodle_xml.read(moodle_xml.write([sample]))

    assert result.problems == []
    assert without_location(result.questions) == [sample]


def test_a_whole_category_exported_and_imported_gives_the_same_questions():
    result = moodle_xml.read(moodle_xml.write(SAMPLES))

    assert result.problems == []
    assert without_location(result.questions) == SAMPLES


def test_an_import_under_a_prefix_keeps_the_exported_tree_below_it():
    result = moodle_xml.read(moodle_xml.write(SAMPLES), category_path=("导入",))

    assert [q.category_path for q in result.questions] == [
        ("导入", *q.category_path) for q in SAMPLES
    ]


def test_the_file_is_utf8_moodle_xml_with_a_category_wherever_it_changes():
    data = moodle_xml.write(SAMPLES)

    root = ElementTree.fromstring(data)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n')
    assert root.tag == "quiz"
    assert [q.findtext("category/text") for q in root if q.get("type") == "category"] == [
        "$course$/top/党建/基层治理",
        "$course$/top/法规",
        "$course$/top",
        "$course$/top/实务/调解",
    ]
    assert "<![CDATA[<p>社区<b>网格员</b>的首要职责是什么？</p>]]>" in data.decode()


def test_judgement_is_a_single_multichoice_with_the_studio_tag_for_moodle():
    judgement = next(q for q in SAMPLES if q.type == JUDGEMENT)

    element = ElementTree.fromstring(moodle_xml.write([judgement])).find("question[2]")

    assert element.get("type") == "multichoice"
    assert element.findtext("single") == "true"
    assert [t.findtext("text") for t in element.findall("tags/tag")] == ["情境", "studio-judgement"]
    assert [a.get("fraction") for a in element.findall("answer")] == ["100", "60", "20", "0"]


def test_a_single_choice_tagged_by_hand_reads_as_judgement_and_loses_the_tag():
    body = (
        "<single>true</single>"
        + answer("100", "a")
        + answer("50", "b")
        + "<tags><tag><text>studio-judgement</text></tag><tag><text>x</text></tag></tags>"
    )

    read = only(quiz(question("multichoice", body)))

    assert (read.type, read.tags) == (JUDGEMENT, ["x"])


@pytest.mark.parametrize(
    ("grading", "moodle_grading"),
    [("all_or_nothing", "ALL_OR_NOTHING"), ("partial", "ABSOLUTE_POSITION")],
)
def test_ordering_is_written_for_moodles_ordering_type(grading, moodle_grading):
    ordering = QuestionData(
        ORDERING,
        "o",
        "Order",
        options=[OptionData("a"), OptionData("b"), OptionData("c")],
        settings={"grading": grading},
    )

    element = ElementTree.fromstring(moodle_xml.write([ordering])).find("question")

    assert element.get("type") == "ordering"
    assert element.findtext("gradingtype") == moodle_grading
    assert element.findtext("selecttype") == "ALL"
    assert element.findtext("selectcount") == "3"
    assert [(a.get("fraction"), a.findtext("text")) for a in element.findall("answer")] == [
        ("1", "a"),
        ("2", "b"),
        ("3", "c"),
    ]


def test_the_rubric_is_a_studio_element_beside_moodles_essay_fields():
    essay = next(q for q in SAMPLES if q.type == ESSAY)

    element = ElementTree.fromstring(moodle_xml.write([essay])).find("question[2]")

    assert element.findtext("minwordlimit") == "200"
    assert element.findtext("maxwordlimit") == "800"
    assert element.findtext("graderinfo/text") == "<p>重点看方法。</p>"
    assert [(c.get("points"), c.findtext("title")) for c in element.iter("criterion")] == [
        ("3", "事实清楚"),
        ("5", "方法得当"),
        ("2", "表达"),
    ]


def test_cdata_ends_and_characters_xml_cannot_hold_do_not_break_the_file():
    tricky = QuestionData(ESSAY, "n", "a ]]> b <c> \x00\x0b d", settings={})

    read = only(moodle_xml.write([tricky]))

    assert read.text == "a ]]> b <c>  d"


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            QuestionData(SINGLE, "no full mark", "Q", options=[OptionData("a", D("0.8"))]),
            "No option earns the full mark",
        ),
        (
            QuestionData(MULTIPLE, "sum", "Q", options=[OptionData("a", D("0.5"))]),
            "add up to 50%, not 100%",
        ),
        (QuestionData("cloze", "unknown", "Q"), "no question type “cloze”"),
    ],
)
def test_unsupported_names_what_moodle_would_refuse(question, message):
    problems = moodle_xml.unsupported([question])

    assert [p.location for p in problems] == [question.name]
    assert message in problems[0].message


def test_every_sample_is_expressible():
    assert moodle_xml.unsupported(SAMPLES) == []


# Robustness --------------------------------------------------------------------------------


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_any_bytes_are_read_without_an_exception(data):
    assert isinstance(moodle_xml.read(data), ReadResult)


XML_PIECES = st.sampled_from(
    [
        '<question type="multichoice">',
        '<question type="numerical">',
        '<question type="matching">',
        '<question type="truefalse">',
        '<question type="essay">',
        '<question type="ordering">',
        '<question type="category">',
        "</question>",
        "<name><text>n</text></name>",
        '<answer fraction="50"><text>1</text></answer>',
        '<answer fraction="x"><text></text></answer>',
        "<tolerance>a</tolerance>",
        "<subquestion><text>s</text><answer><text>a</text></answer></subquestion>",
        "<category><text>$course$/top/a</text></category>",
        "<single>false</single>",
        "<defaultgrade>-1</defaultgrade>",
        '<studio_rubric><criterion points="2"><title>t</title></criterion></studio_rubric>',
        "<minwordlimit>5</minwordlimit>",
        "<text>",
        "</text>",
        "<![CDATA[<b>]]>",
        "&amp;",
        "text",
    ]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(XML_PIECES, max_size=30).map("".join))
def test_any_mix_of_moodle_elements_is_read_without_an_exception(body):
    assert isinstance(moodle_xml.read(f"<quiz>{body}</quiz>".encode()), ReadResult)


FIELD = (
    st.text(
        # Control characters other than tab and newline cannot be held by XML at all.
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn")),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(name=FIELD, text=FIELD, right=FIELD, wrong=FIELD, tag=FIELD)
def test_any_xml_text_survives_a_round_trip(name, text, right, wrong, tag):
    question = QuestionData(
        SINGLE,
        name,
        text,
        tags=[tag],
        options=[OptionData(right, D("1"), wrong), OptionData(wrong, D("0"))],
        settings={"shuffle": True},
    )
    result = moodle_xml.read(moodle_xml.write([question]))

    assert result.problems == []
    assert without_location(result.questions) == [question]
