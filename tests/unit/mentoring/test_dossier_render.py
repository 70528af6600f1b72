"""The dossier as drawn: a real, several-page PDF whose text is the content given, and nothing else.

``pdf_text`` reads the text back out of the PDF the way a viewer does: it decompresses the page
streams, follows each ``Tf`` font selection and maps the shown bytes through that font's
``ToUnicode`` table (reportlab writes one per font subset). It understands only what reportlab
writes, which is all it needs to.
"""

import base64
import datetime
import re
import zlib
from decimal import Decimal

import pytest

from courses.certificates.fonts import MissingGlyphs
from mentoring.dossier.content import (
    ActionLine,
    CertificateLine,
    CourseLine,
    CriterionLine,
    DimensionAverage,
    DossierContent,
    EvaluationLine,
    Hours,
    HoursLine,
    Profile,
    QuizLine,
    Readiness,
    RotationLine,
    SessionLine,
)
from mentoring.dossier.render import dossier_layout, render_pdf

DAY = datetime.date(2026, 5, 11)
SECTIONS = [
    "Evidence dossier",
    "1. Profile",
    "2. Readiness for “后备干部”",
    "3. Courses and certificates",
    "4. Learning hours",
    "5. Quiz results",
    "6. Coaching",
    "7. Shadowing rotations",
    "8. Evaluations",
]


def content(**changes) -> DossierContent:
    values = {
        "profile": Profile(
            name="黄志远",
            username="trainee2",
            community="蔚蓝海岸社区",
            stage="学员",
            next_stage="后备干部",
            mentors=(("Primary mentor", "郑国华"), ("Cross mentor", "何丽萍")),
        ),
        "generated_on": DAY,
        "generated_by": "谢春燕",
        "courses": (
            CourseLine("开班第一课:走进书记工作室", "Completed", 2, 2, 100, "YH-2026-0001"),
        ),
        "certificates": (
            CertificateLine("YH-2026-0001", "开班第一课:走进书记工作室", DAY, Decimal("2"), True),
        ),
        "hours": Hours(
            2026, Decimal("11.5"), Decimal("40"), (HoursLine("开班第一课", Decimal("2")),)
        ),
        "quizzes": (),
        "sessions": tuple(
            SessionLine(
                DAY, "In person", 60, "郑国华", f"议事协商 第{n}次", "讨论了议事会。" * 12, True
            )
            for n in range(1, 25)
        ),
        "actions": (ActionLine(DAY, "Trainee", "组织一次议事会", DAY, "Open", True),),
        "rotations": (
            RotationLine("科技园社区", "梁建明", DAY, DAY, "Completed", 4, Decimal("4.25"), "很好"),
        ),
        "evaluations": (
            EvaluationLine(DAY, "Mentor's evaluation", "郑国华", "书记能力评价", Decimal("4.25")),
        ),
        "dimension_averages": (DimensionAverage("书记能力评价", "政治素质", Decimal("4.50"), 2),),
        "readiness": Readiness(
            "学员",
            "后备干部",
            False,
            (
                CriterionLine("Complete the courses: 开班第一课", True, "All 1 courses completed."),
                CriterionLine("Signed off by a current mentor", False, "No sign-off yet."),
            ),
        ),
    }
    values.update(changes)
    return DossierContent(**values)


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {
        int(m.group(1)): m.group(2)
        for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)\s*endobj", pdf, re.S)
    }


def _stream(obj: bytes) -> bytes:
    header, _, rest = obj.partition(b"stream")
    body = rest.lstrip(b"\r\n").rsplit(b"endstream", 1)[0].rstrip(b"\r\n")
    if b"ASCII85Decode" in header:
        body = base64.a85decode(body.strip().removesuffix(b"~>"))
    if b"FlateDecode" in header:
        body = zlib.decompress(body)
    return body


def _pdf_string(raw: bytes) -> bytes:
    """The bytes of a PDF literal string (backslash escapes resolved)."""
    out, i = bytearray(), 0
    while i < len(raw):
        byte = raw[i]
        if byte != 0x5C:  # backslash
            out.append(byte)
            i += 1
            continue
        nxt = raw[i + 1 : i + 2]
        if nxt.isdigit():
            digits = re.match(rb"[0-7]{1,3}", raw[i + 1 : i + 4]).group()
            out.append(int(digits, 8))
            i += 1 + len(digits)
        else:
            out += {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(nxt, nxt)
            i += 2
    return bytes(out)


def pdf_text(pdf: bytes) -> str:
    objects = _objects(pdf)
    fonts = {}  # resource name -> {code: character}
    for obj in objects.values():
        found = re.search(rb"/Name /(\S+) .*?/ToUnicode (\d+) 0 R", obj, re.S)
        if found and b"/Type /Font" in obj:
            cmap = _stream(objects[int(found.group(2))])
            fonts[found.group(1).decode()] = {
                int(code, 16): chr(int(char, 16))
                for code, char in re.findall(rb"<([0-9A-F]{2})> <([0-9A-F]{4})>", cmap)
            }
    lines = []
    for obj in objects.values():
        if b"/Type" in obj.partition(b"stream")[0] or b"stream" not in obj:
            continue
        body = _stream(obj)
        font = None
        for token in re.finditer(rb"/(\S+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", body, re.S):
            if token.group(1):
                font = fonts.get(token.group(1).decode())
            elif font is not None:
                lines.append("".join(font.get(b, "?") for b in _pdf_string(token.group(2))))
    return "\n".join(lines)


def test_the_pdf_is_several_pages_with_the_font_embedded():
    pdf = render_pdf(content())

    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) >= 3
    assert b"/FontFile2" in pdf  # an embedded TrueType font program
    assert b"WenQuanYiMicroHei" in pdf
    assert b"/Helvetica" not in pdf


def test_the_pdf_text_has_the_name_every_section_and_the_tables():
    text = pdf_text(render_pdf(content()))

    assert "黄志远" in text and "蔚蓝海岸社区" in text
    for heading in SECTIONS:
        assert heading in text
    assert "YH-2026-0001" in text
    assert "议事协商 第24次" in text  # the last row of a table that runs over pages
    assert "Not met" in text and "Met" in text
    assert "Page 3" in text


def test_the_layout_lists_every_text_it_draws():
    layout = dossier_layout(content())

    assert "黄志远" in layout.texts
    assert "4. Learning hours" in layout.texts
    assert any("Not ready yet: 1 of 2 criteria are met." in text for text in layout.texts)


def test_no_quiz_data_is_said_plainly():
    text = pdf_text(render_pdf(content(quizzes=())))

    assert "No quizzes taken." in text


def test_quizzes_passed_are_listed():
    quiz = QuizLine("小区党支部的六项权利", "党建引领小区治理体系", DAY)

    text = pdf_text(render_pdf(content(quizzes=(quiz,))))

    assert "No quizzes taken." not in text
    assert "小区党支部的六项权利" in text


def test_empty_sections_say_so():
    bare = content(
        courses=(),
        certificates=(),
        hours=None,
        sessions=(),
        actions=(),
        rotations=(),
        evaluations=(),
        dimension_averages=(),
    )

    text = pdf_text(render_pdf(bare))

    for sentence in (
        "Not enrolled in any course.",
        "No certificates yet.",
        "No coaching sessions recorded.",
        "No agreed actions.",
        "No shadowing rotations.",
        "No evaluations yet.",
    ):
        assert sentence in text


def test_a_character_the_font_lacks_stops_the_renderer():
    odd = content(profile=Profile("𠀀明", "x", "", "学员", "后备干部"))  # U+20000, beyond GBK

    with pytest.raises(MissingGlyphs) as error:
        render_pdf(odd)

    assert error.value.characters == ["𠀀"]
