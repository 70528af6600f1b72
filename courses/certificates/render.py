"""Drawing a certificate: one layout, two outputs — a PNG (Pillow) and a PDF (reportlab).

The layout is worked out once, in fractions of the page, with the text already translated and
wrapped; each output only scales it. Before anything is drawn, every character of every line is
checked against the font (:func:`courses.certificates.fonts.ensure_covered`): the renderer
refuses with :class:`~courses.certificates.fonts.MissingGlyphs` rather than draw a box.

The PDF is a real PDF, not a picture: reportlab embeds a subset of the same TrueType font, so
the name, course and serial are text that can be selected, searched and read aloud, and stay
sharp at any zoom. The QR code is drawn as vector squares in the PDF and as whole pixels per
module in the PNG, so both scan reliably.

The certificate is an official document, so it is written in the site's default language
(``settings.LANGUAGE_CODE``) whoever triggered it.
"""

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import segno
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from .display import hours_display
from .fonts import CertificateFont, certificate_font, ensure_covered, pillow_font

PNG_SIZE = (1754, 1240)  # A4 landscape at 150 dpi
ASPECT = PNG_SIZE[1] / PNG_SIZE[0]  # height over width, as A4 landscape
PNG_DPI = 150
QR_ERROR_LEVEL = "m"
QR_QUIET_MODULES = 4  # the quiet zone the QR standard asks for

RED = "#a4161a"
GOLD = "#c9a227"
INK = "#1f1f1f"
MUTED = "#555555"
PAPER = "#fffdf7"
WHITE = "#ffffff"

# The centre column stays clear of the QR code in the bottom right corner.
TEXT_WIDTH = 0.56  # of the page width
QR_LEFT, QR_TOP, QR_SIDE = 0.79, 0.66, 0.21  # left of the width; top and side of the height
MAX_TITLE_LINES = 2


@dataclass(frozen=True)
class CertificateContent:
    """What a certificate says, already decided (the service takes it from the records)."""

    trainee_name: str
    course_title: str
    hours: Decimal
    issued_on: date
    serial: str
    verify_url: str


@dataclass(frozen=True)
class Line:
    text: str
    x: float  # of the page width: the centre, or the left edge when align is "left"
    y: float  # the baseline, of the page height from the top
    size: float  # the em size, of the page height
    colour: str = INK
    align: str = "centre"
    role: str = ""  # what the line says ("name", "course", ...), for tests and readers


@dataclass(frozen=True)
class Layout:
    lines: tuple[Line, ...]
    qr: segno.QRCode
    font: CertificateFont


def text_width(text: str, size: float, font: CertificateFont) -> float:
    """The width of ``text`` as a fraction of the page width (measured at PNG scale)."""
    width, height = PNG_SIZE
    return pillow_font(font, max(1, round(size * height))).getlength(text) / width


def _wrap(text: str, size: float, font: CertificateFont) -> list[str]:
    """Break ``text`` into lines no wider than the text column.

    Chinese may break between any two characters; a run of Latin letters or digits is kept
    whole when the line has a space to break at instead.
    """
    lines: list[str] = []
    current = ""
    for character in text:
        if current and text_width(current + character, size, font) > TEXT_WIDTH:
            head, tail = current, ""
            if character.isascii() and character.isalnum() and " " in current:
                split = current.rfind(" ")
                if current[split + 1 :].isascii():
                    head, tail = current[:split], current[split + 1 :]
            lines.append(head.rstrip())
            current = tail
        current += character
    if current.strip():
        lines.append(current.strip())
    return lines


def _truncated(text: str, size: float, font: CertificateFont) -> str:
    while text and text_width(f"{text}…", size, font) > TEXT_WIDTH:
        text = text[:-1]
    return f"{text.rstrip()}…"


def _fit_one_line(text: str, size: float, smallest: float, font: CertificateFont):
    while size > smallest and text_width(text, size, font) > TEXT_WIDTH:
        size = round(size - 0.004, 3)
    if text_width(text, size, font) > TEXT_WIDTH:
        text = _truncated(text, size, font)
    return text, size


def _fit_lines(text: str, size: float, smallest: float, font: CertificateFont):
    while True:
        lines = _wrap(text, size, font)
        if len(lines) <= MAX_TITLE_LINES or size <= smallest:
            break
        size = round(size - 0.004, 3)
    if len(lines) > MAX_TITLE_LINES:
        lines = [*lines[: MAX_TITLE_LINES - 1], _truncated(lines[MAX_TITLE_LINES - 1], size, font)]
    return lines, size


def certificate_layout(content: CertificateContent, font: CertificateFont | None = None) -> Layout:
    """Every line of the certificate with its place and size; raises ``MissingGlyphs``."""
    font = font or certificate_font()
    with translation.override(settings.LANGUAGE_CODE):
        issued_on = formats.date_format(content.issued_on, "DATE_FORMAT")
        lines = [
            Line(str(settings.WAGTAIL_SITE_NAME), 0.5, 0.12, 0.030, RED),
            Line(_("Certificate of Completion"), 0.5, 0.22, 0.075, RED),
            Line(_("This is to certify that"), 0.5, 0.32, 0.032, MUTED),
        ]
        name, name_size = _fit_one_line(content.trainee_name, 0.080, 0.040, font)
        lines.append(Line(name, 0.5, 0.43, name_size, INK, role="name"))
        lines.append(Line(_("has completed the course"), 0.5, 0.515, 0.032, MUTED))
        title_lines, title_size = _fit_lines(content.course_title, 0.048, 0.030, font)
        y = 0.60
        for text in title_lines:
            lines.append(Line(text, 0.5, y, title_size, INK, role="course"))
            y += title_size * 1.3
        hours = hours_display(content.hours)
        lines += [
            Line(
                _("and earned %(hours)s learning hours.") % {"hours": hours},
                0.5,
                y + 0.025,
                0.032,
                MUTED,
                role="hours",
            ),
            Line(_("Date of issue: %(date)s") % {"date": issued_on}, 0.1, 0.84, 0.026, INK, "left"),
            Line(
                _("Serial number: %(serial)s") % {"serial": content.serial},
                0.1,
                0.89,
                0.026,
                INK,
                "left",
            ),
            Line(_("Scan to verify"), QR_LEFT + QR_SIDE * ASPECT / 2, 0.91, 0.022, MUTED),
        ]
    ensure_covered("".join(line.text for line in lines), font)
    qr = segno.make(content.verify_url, error=QR_ERROR_LEVEL, micro=False)
    return Layout(lines=tuple(lines), qr=qr, font=font)


def _dark_modules(qr: segno.QRCode):
    """(row, column) of every dark module of the symbol, quiet zone excluded."""
    for row, values in enumerate(qr.matrix_iter(scale=1, border=0)):
        for column, dark in enumerate(values):
            if dark:
                yield row, column


def png_qr_placement(qr: segno.QRCode) -> tuple[int, int, int]:
    """Where the PNG draws the QR symbol: left and top pixel of its first module, module size."""
    width, height = PNG_SIZE
    side = round(QR_SIDE * height)
    modules = qr.symbol_size(scale=1, border=0)[0]
    module = side // (modules + 2 * QR_QUIET_MODULES)
    offset = (side - module * modules) // 2
    return round(QR_LEFT * width) + offset, round(QR_TOP * height) + offset, module


def render_png(content: CertificateContent, layout: Layout | None = None) -> bytes:
    from PIL import Image, ImageDraw

    layout = layout or certificate_layout(content)
    width, height = PNG_SIZE
    image = Image.new("RGB", PNG_SIZE, PAPER)
    draw = ImageDraw.Draw(image)

    outer, inner = round(0.035 * height), round(0.055 * height)
    draw.rectangle(
        (outer, outer, width - outer, height - outer), outline=RED, width=round(0.008 * height)
    )
    draw.rectangle(
        (inner, inner, width - inner, height - inner), outline=GOLD, width=round(0.002 * height)
    )

    for line in layout.lines:
        font = pillow_font(layout.font, max(1, round(line.size * height)))
        anchor = "ls" if line.align == "left" else "ms"
        draw.text(
            (line.x * width, line.y * height), line.text, font=font, fill=line.colour, anchor=anchor
        )

    side = round(QR_SIDE * height)
    box_left, box_top = round(QR_LEFT * width), round(QR_TOP * height)
    draw.rectangle((box_left, box_top, box_left + side - 1, box_top + side - 1), fill=WHITE)
    left, top, module = png_qr_placement(layout.qr)
    for row, column in _dark_modules(layout.qr):
        x, y = left + column * module, top + row * module
        draw.rectangle((x, y, x + module - 1, y + module - 1), fill="#000000")

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(PNG_DPI, PNG_DPI), optimize=True)
    return buffer.getvalue()


def render_pdf(content: CertificateContent, layout: Layout | None = None) -> bytes:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from .fonts import reportlab_font_name

    layout = layout or certificate_layout(content)
    font_name = reportlab_font_name(layout.font)
    width, height = landscape(A4)
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(width, height),
        pageCompression=1,
        initialFontName=font_name,  # no stray Helvetica reference in the file
        lang=settings.LANGUAGE_CODE,
    )
    with translation.override(settings.LANGUAGE_CODE):
        canvas.setTitle(f"{_('Certificate of Completion')} {content.serial}")
        canvas.setAuthor(str(settings.WAGTAIL_SITE_NAME))
        canvas.setCreator(str(settings.WAGTAIL_SITE_NAME))
    canvas.setSubject(content.course_title)

    canvas.setStrokeColor(HexColor(RED))
    canvas.setLineWidth(0.008 * height)
    outer, inner = 0.035 * height, 0.055 * height
    canvas.rect(outer, outer, width - 2 * outer, height - 2 * outer, stroke=1, fill=0)
    canvas.setStrokeColor(HexColor(GOLD))
    canvas.setLineWidth(0.002 * height)
    canvas.rect(inner, inner, width - 2 * inner, height - 2 * inner, stroke=1, fill=0)

    for line in layout.lines:
        canvas.setFont(font_name, line.size * height)
        canvas.setFillColor(HexColor(line.colour))
        x, y = line.x * width, height - line.y * height
        if line.align == "left":
            canvas.drawString(x, y, line.text)
        else:
            canvas.drawCentredString(x, y, line.text)

    side = QR_SIDE * height
    box_left, box_top = QR_LEFT * width, QR_TOP * height
    canvas.setFillColor(HexColor(WHITE))
    canvas.rect(box_left, height - box_top - side, side, side, stroke=0, fill=1)
    modules = layout.qr.symbol_size(scale=1, border=0)[0]
    module = side / (modules + 2 * QR_QUIET_MODULES)
    origin = box_left + module * QR_QUIET_MODULES, box_top + module * QR_QUIET_MODULES
    canvas.setFillColor(HexColor("#000000"))
    for row, values in enumerate(layout.qr.matrix_iter(scale=1, border=0)):
        column = 0
        while column < modules:  # one rectangle per run of dark modules
            if not values[column]:
                column += 1
                continue
            start = column
            while column < modules and values[column]:
                column += 1
            x = origin[0] + start * module
            y = height - (origin[1] + (row + 1) * module)
            canvas.rect(x, y, (column - start) * module, module, stroke=0, fill=1)

    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
