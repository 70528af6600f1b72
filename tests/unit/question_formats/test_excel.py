"""The Excel format on its own: what it writes reads back the same, and a bad workbook is a list
of problems with row numbers, never an exception."""

import io
import zipfile
from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from courses.question_formats import base, excel
from courses.question_formats.base import CriterionData, OptionData, QuestionData

D = Decimal


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def full(data: QuestionData) -> QuestionData:
    """The question as a reader returns it: every setting of its type, no location."""
    return replace(data, settings={**excel.SETTING_DEFAULTS[data.type], **data.settings})


SAMPLES = {
    base.SINGLE: QuestionData(
        type=base.SINGLE,
        name="换届",
        text="<p>社区党委每届任期几年?</p>",
        general_feedback="<p>见条例。</p>",
        default_mark=D("2.5"),
        category_path=("党建", "组织"),
        tags=["换届", "组织建设"],
        options=[
            OptionData("五年", D(1), "<p>对</p>"),
            OptionData("三年", D("0.3333333"), "旧规定"),
            OptionData("=两年", D(0)),
        ],
        settings={"shuffle": False},
    ),
    base.MULTIPLE: QuestionData(
        type=base.MULTIPLE,
        name="三会一课",
        text="哪些属于“三会一课”?",
        options=[
            OptionData("支部党员大会", D("0.5")),
            OptionData("党课", D("0.5")),
            OptionData("业主大会", D("-0.25"), "不是"),
        ],
        settings={"shuffle": True},
    ),
    base.TRUE_FALSE: QuestionData(
        type=base.TRUE_FALSE,
        name="联建",
        text="小区党支部可以联建。",
        settings={"correct": False, "feedback_true": "不对", "feedback_false": "对"},
    ),
    base.SHORT_ANSWER: QuestionData(
        type=base.SHORT_ANSWER,
        name="缩写",
        text="英文缩写?",
        options=[OptionData("RP", D(1)), OptionData("Red*", D("0.5"), "接近")],
        settings={"case_sensitive": True},
    ),
    base.NUMERICAL: QuestionData(
        type=base.NUMERICAL,
        name="社区数",
        text="几个社区?",
        options=[
            OptionData("12", D(1), tolerance=D(0)),
            OptionData("12.5", D("0.5"), tolerance=D("1234567890.0123456789")),
            OptionData("*", D(0), "差得远"),
        ],
    ),
    base.MATCHING: QuestionData(
        type=base.MATCHING,
        name="配对",
        text="配对。",
        options=[
            OptionData("业委会", match_text="代表业主"),
            OptionData("物业", match_text="提供服务"),
            OptionData("", match_text="审批预算"),
        ],
        settings={"shuffle": False},
    ),
    base.ORDERING: QuestionData(
        type=base.ORDERING,
        name="程序",
        text="排序。",
        options=[OptionData("提议"), OptionData("商议"), OptionData("决议")],
        settings={"grading": "all_or_nothing"},
    ),
    base.ESSAY: QuestionData(
        type=base.ESSAY,
        name="经验",
        text="谈谈经验。",
        default_mark=D(10),
        criteria=[CriterionData("结构", 4, "清楚"), CriterionData("做法", 6)],
        settings={
            "min_words": 100,
            "max_words": 800,
            "grader_info": "看做法",
            "response_template": "<p>起因:</p>",
        },
    ),
    base.JUDGEMENT: QuestionData(
        type=base.JUDGEMENT,
        name="停车费",
        text="你首先会?",
        options=[
            OptionData("协调会", D(1), "最有效"),
            OptionData("听意见", D("0.6")),
            OptionData("不理会", D(0)),
        ],
        settings={"shuffle": True},
    ),
}


def workbook(*rows, header=None, title="questions", extra_sheets=()) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    if header is not None:
        sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for name in extra_sheets:
        book.create_sheet(name)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_back(questions, **kwargs):
    result = excel.read(excel.write(questions), **kwargs)
    return [replace(q, location="") for q in result.questions], result.problems


@pytest.mark.parametrize("type_code", base.TYPE_CODES)
def test_every_type_reads_back_as_written(type_code):
    questions, problems = read_back([full(SAMPLES[type_code])])

    assert problems == []
    assert questions == [full(SAMPLES[type_code])]


def test_a_workbook_of_all_nine_types_reads_back_in_order():
    written = [full(SAMPLES[code]) for code in base.TYPE_CODES]

    questions, problems = read_back(written)

    assert problems == []
    assert questions == written


def test_the_target_category_goes_in_front_of_the_rows_own():
    questions, _ = read_back([full(SAMPLES[base.SINGLE])], category_path=("导入",))

    assert questions[0].category_path == ("导入", "党建", "组织")


def test_more_options_than_the_template_has_columns_for_still_read_back():
    many = replace(
        full(SAMPLES[base.ORDERING]), options=[OptionData(f"第{n}步") for n in range(1, 14)]
    )

    questions, problems = read_back([many])

    assert problems == [] and len(questions[0].options) == 13


def test_locations_are_spreadsheet_rows():
    result = excel.read(excel.write([full(SAMPLES[base.SINGLE]), full(SAMPLES[base.ESSAY])]))

    assert [q.location for q in result.questions] == ["row 2", "row 3"]


def test_the_template_has_the_questions_and_instructions_sheets_and_an_example_of_each_type():
    data = excel.template()
    book = openpyxl.load_workbook(io.BytesIO(data))

    result = excel.read(data)

    assert book.sheetnames == ["questions", "instructions"]
    assert result.problems == []
    assert sorted(q.type for q in result.questions) == sorted(base.TYPE_CODES)
    instructions = " ".join(
        str(cell) for row in book["instructions"].iter_rows(values_only=True) for cell in row
    )
    for column in excel.COLUMNS:
        assert column.header() in instructions
    for question_type in excel.TYPES:
        assert question_type.zh in instructions and question_type.code in instructions
    headers = [cell.value for cell in book["questions"][1]]
    assert "题型 / type" in headers and "选项10 / option 10" in headers
    assert "评分项6 / criterion 6" in headers


def test_headers_may_be_chinese_english_or_both_in_any_order_and_groups_take_letters():
    data = workbook(
        ("三年", "Q", "问题", "100", "五年", "0", "single choice"),
        header=("Option B", "name", "题干", "得分A", "选项A", "score b", "TYPE"),
    )

    result = excel.read(data)

    assert result.problems == []
    question = result.questions[0]
    assert question.type == base.SINGLE and question.text == "问题"
    assert [(o.text, o.fraction) for o in question.options] == [("五年", D(1)), ("三年", 0)]


def test_a_row_without_a_name_is_named_after_its_text():
    data = workbook(
        ("判断题", "<p>小区党支部可以联建。</p>", "对"), header=("题型", "题干", "判断答案")
    )

    question = excel.read(data).questions[0]

    assert question.name == "小区党支部可以联建。"
    assert question.settings["correct"] is True


def test_typed_line_breaks_become_paragraphs_and_markup_is_kept():
    data = workbook(
        ("essay", "第一段\n第二段 <3", "<p>a</p>\n<p>b</p>"),
        header=("type", "text", "general feedback"),
    )

    question = excel.read(data).questions[0]

    assert question.text == "<p>第一段<br>第二段 &lt;3</p>"
    assert question.general_feedback == "<p>a</p>\n<p>b</p>"


def test_text_that_looks_like_a_formula_is_written_as_text():
    sample = replace(full(SAMPLES[base.SHORT_ANSWER]), name="=SUM(A1:A2)")
    book = openpyxl.load_workbook(io.BytesIO(excel.write([sample])))

    cell = book["questions"]["C2"]

    assert cell.value == "=SUM(A1:A2)" and cell.data_type == "s"
    assert read_back([sample])[0][0].name == "=SUM(A1:A2)"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a workbook at all", "This is not an Excel workbook"),
        (b"", "This is not an Excel workbook"),
        (b"PK\x03\x04broken zip", "This is not an Excel workbook"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_one_problem(data, message):
    result = excel.read(data)

    assert result.questions == []
    assert len(result.problems) == 1 and message in result.problems[0].message


def test_a_zip_that_is_not_a_workbook_is_one_problem():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")

    result = excel.read(buffer.getvalue())

    assert len(result.problems) == 1 and "not an Excel workbook" in result.problems[0].message


def test_a_workbook_with_several_sheets_but_none_named_questions_is_one_problem():
    result = excel.read(workbook(title="Sheet1", extra_sheets=("Sheet2",)))

    assert len(result.problems) == 1 and "no sheet named" in result.problems[0].message


def test_an_empty_sheet_is_one_problem():
    result = excel.read(workbook())

    assert len(result.problems) == 1 and "empty" in result.problems[0].message


def test_a_header_without_rows_is_one_problem():
    result = excel.read(workbook(header=("题型", "题干")))

    assert len(result.problems) == 1 and "no questions" in result.problems[0].message


def test_missing_required_columns_are_named_in_one_problem():
    result = excel.read(workbook(("a", "b"), header=("题目名称", "标签")))

    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.location == "row 1"
    assert "题型 / type" in problem.message and "题干 / text" in problem.message


def test_unknown_and_repeated_columns_are_problems_rather_than_ignored():
    result = excel.read(
        workbook(("单选题", "x", "y", "z"), header=("题型", "题干", "opton 1", "text"))
    )

    messages = [p.message for p in result.problems]
    assert result.questions == []
    assert any("Unknown column “opton 1”" in m for m in messages)
    assert any("Two columns are both" in m for m in messages)


def test_a_single_sheet_with_another_name_is_read():
    data = workbook(
        ("单选题", "问?", "对", "100"), header=("题型", "题干", "选项1", "得分1"), title="Sheet1"
    )

    assert len(excel.read(data).questions) == 1


HEADER = (
    "题型",
    "题目名称",
    "题干",
    "默认分值",
    "选项乱序",
    "判断答案",
    "选项1",
    "得分1",
    "误差1",
    "匹配1",
    "评分项1",
    "分数1",
    "最少字数",
)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("问答", "n", "t"), "Unknown question type “问答”"),
        (("", "n", "t"), "Give the question type"),
        (("单选题", "n", "t", "", "", "", "a", "much"), "“much” is not a percentage"),
        (("单选题", "n", "t", "", "", "", "a", "150%"), "a score runs from -100 to 100"),
        (("数值题", "n", "t", "", "", "", "3", "100", "abc"), "“abc” is not a number"),
        (("单选题", "n", "t", "x"), "“x” is not a number"),
        (("单选题", "n", "t", "", "maybe"), "“maybe” is neither yes nor no"),
        (("判断题", "n", "t"), "say whether the statement is true or false"),
        (("判断题", "n", "t", "", "", "对", "a"), "does not apply to a true/false question"),
        (("单选题", "n", "t", "", "", "", "a", "100", "", "b"), "匹配1 does not apply"),
        (("排序题", "n", "t", "", "", "", "a", "50"), "得分1 does not apply"),
        (("单选题", "n", "t", "", "", "", "a", "100", "1"), "误差1 does not apply"),
        (("单选题", "n", "t", "", "", "", "a", "100", "", "", "c"), "评分项1 does not apply"),
        (("论述题", "n", "t", "", "", "", "", "", "", "", "c", "2.5"), "not a whole number"),
        (("论述题", "n", "t", "", "", "", "", "", "", "", "", "3"), "Criterion 1 has points"),
        (("单选题", "n", "t", "", "", "", "", "100"), "Option 1 has other columns filled"),
        (("论述题", "n", "t", "", "", "", "", "", "", "", "", "", "-5"), "cannot be negative"),
        (("判断题", "n", "t", "", "是", "对"), "选项乱序 does not apply"),
    ],
)
def test_a_bad_value_is_a_problem_of_its_row_and_the_other_rows_still_read(row, message):
    good = ("单选题", "好题", "问?", "", "", "", "对", "100")

    result = excel.read(workbook(good, row, good, header=HEADER))

    assert [q.location for q in result.questions] == ["row 2", "row 4"]
    assert result.problems, "the bad row must be reported"
    assert {p.location for p in result.problems} == {"row 3"}
    assert any(message in p.message for p in result.problems), result.problems


def test_empty_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers():
    good = ("单选题", "好题", "问?", "", "", "", "对", "100")

    result = excel.read(workbook(good, (), ("", None, "  "), good, header=HEADER))

    assert [q.location for q in result.questions] == ["row 2", "row 5"]


def test_yes_no_cells_take_excel_booleans_and_chinese_words():
    data = workbook(
        ("判断题", "a", True, "", ""),
        ("判断题", "b", "错误", "", ""),
        ("单选题", "c", "", "否", "1"),
        header=("type", "text", "true or false", "shuffle", "option 1"),
    )

    questions = excel.read(data).questions

    assert [q.settings.get("correct") for q in questions] == [True, False, None]
    assert questions[2].settings["shuffle"] is False


def test_scores_take_a_percent_sign_and_full_width_digits():
    data = workbook(
        ("多选题", "t", "a", "50%", "b", "５０％", "c", "-100"),
        header=(
            "type",
            "text",
            "option 1",
            "score 1",
            "option 2",
            "score 2",
            "option 3",
            "score 3",
        ),
    )

    question = excel.read(data).questions[0]

    assert [o.fraction for o in question.options] == [D("0.5"), D("0.5"), D("-1")]


def test_tags_split_on_chinese_and_latin_separators():
    data = workbook(("论述题", "t", "甲、乙,丙;丁 , "), header=("type", "text", "tags"))

    assert excel.read(data).questions[0].tags == ["甲", "乙", "丙", "丁"]


def test_what_a_workbook_cannot_hold_is_listed_by_question():
    questions = [
        replace(full(SAMPLES[base.SINGLE]), text="字" * 40_000),
        replace(full(SAMPLES[base.ESSAY]), tags=["a,b"]),
        replace(full(SAMPLES[base.ORDERING]), criteria=[CriterionData("x")]),
        replace(full(SAMPLES[base.TRUE_FALSE]), options=[OptionData("x")]),
    ]

    problems = excel.unsupported(questions)

    assert [p.location for p in problems] == ["换届", "经验", "程序", "联建"]
    assert "32767 characters" in problems[0].message


def test_the_bank_s_own_questions_lose_nothing_in_a_workbook():
    assert excel.unsupported([full(sample) for sample in SAMPLES.values()]) == []


def test_a_damaged_sheet_inside_a_sound_zip_is_one_problem():
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(excel.template())) as source,
        zipfile.ZipFile(buffer, "w") as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)

    result = excel.read(buffer.getvalue())

    assert result.questions == []
    assert len(result.problems) == 1


# Robustness ---------------------------------------------------------------------------------

CELL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [*excel._TYPE_NAMES, *excel.YES, *excel.NO, "100%", "-50", "1e400", "*", "<p>x</p>"]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
)
ANY_HEADER = st.sampled_from(
    [
        *HEADER,
        "type",
        "text",
        "option 2",
        "score 2",
        "tolerance 2",
        "match 2",
        "criterion 2",
        "points 2",
        "排序评分",
        "最多字数",
        "category",
        "tags",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    header=st.lists(ANY_HEADER, min_size=1, max_size=10),
    rows=st.lists(st.lists(CELL, max_size=10), max_size=4),
)
def test_any_cells_give_questions_or_problems_never_an_exception(header, rows):
    result = excel.read(workbook(*rows, header=header))

    assert result.questions or result.problems
    for problem in result.problems:
        assert problem.location and problem.message


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_one_problem_never_an_exception(data):
    result = excel.read(data)

    assert result.questions == [] and len(result.problems) == 1
