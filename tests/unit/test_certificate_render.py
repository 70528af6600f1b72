"""The certificate as drawn: a PNG of the expected size with ink on it, and a real PDF."""

import datetime
import io
from decimal import Decimal

from PIL import Image

from courses.certificates.render import (
    PNG_SIZE,
    TEXT_WIDTH,
    CertificateContent,
    certificate_layout,
    render_pdf,
    render_png,
    text_width,
)

CONTENT = CertificateContent(
    trainee_name="林晓雯",
    course_title="党建引领小区治理体系",
    hours=Decimal("12.5"),
    issued_on=datetime.date(2026, 5, 12),
    serial="YH-2026-000123",
    verify_url="http://127.0.0.1:8000/learn/certificates/verify/5f0e7c55-6bd0-4b5e-9a3f-1d2c3b4a5e6f/",
)


def _dark_fraction(image: Image.Image, box) -> float:
    region = image.crop(box).convert("L")
    return sum(region.histogram()[:128]) / (region.width * region.height)


def test_the_png_has_the_expected_size_and_is_not_blank():
    image = Image.open(io.BytesIO(render_png(CONTENT)))

    assert image.format == "PNG"
    assert image.size == PNG_SIZE
    width, height = PNG_SIZE
    # The name is drawn in the middle of the page: its band has ink; the margin has none.
    assert (
        _dark_fraction(image, (width // 4, int(height * 0.36), width * 3 // 4, int(height * 0.45)))
        > 0.02
    )
    assert (
        _dark_fraction(
            image, (int(width * 0.3), int(height * 0.76), int(width * 0.7), int(height * 0.80))
        )
        == 0
    )


def test_long_course_titles_are_wrapped_into_the_text_column_and_shortened():
    title = "小区党支部建设与书记能力提升专题研修班——基层治理现代化背景下的社区书记综合培养课程" * 3
    layout = certificate_layout(CertificateContent(**{**CONTENT.__dict__, "course_title": title}))

    course = [line for line in layout.lines if line.role == "course"]
    assert len(course) == 2
    assert course[-1].text.endswith("…")
    assert all(text_width(line.text, line.size, layout.font) <= TEXT_WIDTH for line in course)


def test_the_pdf_embeds_the_font_so_its_text_is_text():
    pdf = render_pdf(CONTENT)

    assert pdf.startswith(b"%PDF-")
    assert b"/FontFile2" in pdf  # an embedded TrueType font program
    assert b"WenQuanYiMicroHei" in pdf
    assert b"/ToUnicode" in pdf  # so the characters can be copied and searched
    assert b"/Helvetica" not in pdf
