"""Laying out a dossier as a PDF with reportlab: numbered sections, tables, several pages.

The text is set in the certificates' CJK font (``courses.certificates.fonts``): reportlab embeds
a subset of the TrueType font, so names and titles are real text. Every string goes into the
layout through one builder, which keeps a copy of it; before anything is drawn the whole of it
is checked against the font, and the renderer refuses with
:class:`~courses.certificates.fonts.MissingGlyphs` rather than print a box in someone's name.

The renderer writes in the active language; the service activates the site's default language
(``settings.LANGUAGE_CODE``), as the dossier is an official document of the office.

The first page holds the profile and the readiness for the next stage, the evidence follows
from the second page on; long tables repeat their header row on every page.
"""

import io
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from courses.certificates.display import hours_display
from courses.certificates.fonts import CertificateFont, certificate_font, ensure_covered

from .content import DossierContent

RED = "#a4161a"
INK = "#1f1f1f"
MUTED = "#555555"
RULE = "#b9b9b9"
HEADER_FILL = "#f3e7e7"
MET = "#1d6b34"

MARGIN_MM = 18


@dataclass(frozen=True)
class DossierLayout:
    story: list  # reportlab flowables
    texts: tuple[str, ...]  # every string the PDF will show, page furniture included
    title: str
    footer: str  # the running footer, followed by the page number
    font: CertificateFont


def _date(value) -> str:
    return value.isoformat() if value else "—"


def _score(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}"


class _Builder:
    """Adds flowables to the story and remembers every text it puts there."""

    def __init__(self, font_name: str):
        from reportlab.lib.colors import HexColor
        from reportlab.lib.styles import ParagraphStyle

        def style(name, size, colour=INK, **extra):
            return ParagraphStyle(
                name,
                fontName=font_name,
                fontSize=size,
                leading=round(size * 1.45, 1),
                textColor=HexColor(colour),
                wordWrap="CJK",  # Chinese breaks between any two characters
                **extra,
            )

        self.font_name = font_name
        self.styles = {
            "title": style("title", 22, RED, spaceAfter=8),
            "subtitle": style("subtitle", 15, INK, spaceAfter=10),
            "heading": style("heading", 14, RED, spaceBefore=14, spaceAfter=6, keepWithNext=1),
            "subheading": style("subheading", 11.5, INK, spaceBefore=8, spaceAfter=4),
            "body": style("body", 10, INK, spaceAfter=4),
            "muted": style("muted", 9, MUTED, spaceAfter=4),
            "cell": style("cell", 9, INK),
            "head": style("head", 9, INK),
        }
        self.story: list = []
        self.texts: list[str] = []
        self.sections = 0

    def paragraph(self, text: str, style: str = "body"):
        text = str(text)
        self.texts.append(text)
        from reportlab.platypus import Paragraph

        return Paragraph(escape(text).replace("\n", "<br/>"), self.styles[style])

    def add(self, text: str, style: str = "body") -> None:
        self.story.append(self.paragraph(text, style))

    def section(self, title: str) -> None:
        self.sections += 1
        self.add(f"{self.sections}. {title}", "heading")

    def table(self, header, rows, widths) -> None:
        """A table of texts; ``widths`` are fractions of the text width."""
        from reportlab.lib.colors import HexColor
        from reportlab.platypus import Table, TableStyle

        data = [[self.paragraph(text, "head") for text in header]]
        data += [[self.paragraph(text, "cell") for text in row] for row in rows]
        available = self.text_width
        table = Table(data, colWidths=[available * w for w in widths], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font_name),
                    ("GRID", (0, 0), (-1, -1), 0.5, HexColor(RULE)),
                    ("BACKGROUND", (0, 0), (-1, 0), HexColor(HEADER_FILL)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        self.story.append(table)
        self.spacer()

    def spacer(self, height: float = 6) -> None:
        from reportlab.platypus import Spacer

        self.story.append(Spacer(1, height))

    def page_break(self) -> None:
        from reportlab.platypus import PageBreak

        self.story.append(PageBreak())

    @property
    def text_width(self) -> float:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import mm

        return A4[0] - 2 * MARGIN_MM * mm


def _yes_no(value: bool) -> str:
    return _("Met") if value else _("Not met")


def _profile(b: _Builder, c: DossierContent) -> None:
    p = c.profile
    b.section(_("Profile"))
    mentors = "\n".join(f"{kind}: {name}" for kind, name in p.mentors) or _("None assigned")
    b.table(
        [_("Item"), _("Record")],
        [
            [_("Name"), p.name],
            [_("Username"), p.username],
            [_("Community"), p.community or "—"],
            [_("Stage"), p.stage],
            [_("Next stage"), p.next_stage or _("The last stage")],
            [_("Current mentors"), mentors],
        ],
        [0.3, 0.7],
    )


def _readiness(b: _Builder, c: DossierContent) -> None:
    r = c.readiness
    if r is None or not r.next_stage:
        b.section(_("Readiness"))
        b.add(_("The trainee is at the last stage; there is no next step to assess."))
        return
    b.section(_("Readiness for “%(stage)s”") % {"stage": r.next_stage})
    if not r.criteria:
        b.add(_("The office has set no criteria for this step yet."))
        return
    met = sum(1 for line in r.criteria if line.met)
    summary = (
        _("Ready: every criterion is met.")
        if r.ready
        else _("Not ready yet: %(met)d of %(total)d criteria are met.")
        % {"met": met, "total": len(r.criteria)}
    )
    b.add(summary)
    b.table(
        [_("Criterion"), _("Met?"), _("Evidence")],
        [[line.description, _yes_no(line.met), line.text] for line in r.criteria],
        [0.45, 0.12, 0.43],
    )


def _courses(b: _Builder, c: DossierContent) -> None:
    b.section(_("Courses and certificates"))
    if c.courses:
        b.table(
            [_("Course"), _("Status"), _("Required activities done"), _("Certificate")],
            [
                [
                    line.title,
                    line.status,
                    f"{line.completed}/{line.required} ({line.percent}%)",
                    line.certificate or "—",
                ]
                for line in c.courses
            ],
            [0.44, 0.14, 0.2, 0.22],
        )
    else:
        b.add(_("Not enrolled in any course."))
    b.add(_("Certificates"), "subheading")
    if c.certificates:
        b.table(
            [_("Serial number"), _("Course"), _("Issued on"), _("Hours"), _("Status")],
            [
                [
                    line.serial,
                    line.course,
                    _date(line.issued_on),
                    hours_display(line.hours),
                    _("Valid") if line.valid else _("Revoked"),
                ]
                for line in c.certificates
            ],
            [0.2, 0.4, 0.15, 0.1, 0.15],
        )
    else:
        b.add(_("No certificates yet."))


def _hours(b: _Builder, c: DossierContent) -> None:
    b.section(_("Learning hours"))
    h = c.hours
    if h is None:
        b.add(_("No learning hours recorded."))
        return
    b.add(
        _("%(year)d: %(earned)s of the annual target of %(target)s hours.")
        % {
            "year": h.year,
            "earned": hours_display(h.earned),
            "target": hours_display(h.target),
        }
    )
    if h.by_course:
        b.table(
            [_("Course"), _("Hours this year")],
            [[line.label, hours_display(line.hours)] for line in h.by_course],
            [0.75, 0.25],
        )
    else:
        b.add(_("No hours earned this year."))


def _quizzes(b: _Builder, c: DossierContent) -> None:
    b.section(_("Quiz results"))
    if not c.quizzes:
        b.add(_("No quizzes taken."))
        return
    b.table(
        [_("Activity"), _("Course"), _("Passed on")],
        [[q.activity, q.course, _date(q.passed_on)] for q in c.quizzes],
        [0.45, 0.37, 0.18],
    )


def _coaching(b: _Builder, c: DossierContent) -> None:
    b.section(_("Coaching"))
    b.add(
        _("Summaries as written for the trainee; mentors' private notes are not included."), "muted"
    )
    if c.sessions:
        b.table(
            [_("Date"), _("Mode"), _("Mentor"), _("Topics"), _("Summary")],
            [
                [
                    _date(s.held_on),
                    ngettext("%(mode)s, %(n)d minute", "%(mode)s, %(n)d minutes", s.minutes)
                    % {"mode": s.mode, "n": s.minutes},
                    s.mentor,
                    s.topics,
                    s.summary,
                ]
                for s in c.sessions
            ],
            [0.13, 0.13, 0.12, 0.2, 0.42],
        )
    else:
        b.add(_("No coaching sessions recorded."))
    b.add(_("Agreed actions"), "subheading")
    if c.actions:
        b.table(
            [_("Agreed on"), _("Owner"), _("Action"), _("Due on"), _("Status")],
            [
                [
                    _date(a.agreed_on),
                    a.owner,
                    a.description,
                    _date(a.due_on),
                    _("%(status)s (overdue)") % {"status": a.status} if a.overdue else a.status,
                ]
                for a in c.actions
            ],
            [0.14, 0.1, 0.46, 0.14, 0.16],
        )
    else:
        b.add(_("No agreed actions."))


def _rotations(b: _Builder, c: DossierContent) -> None:
    b.section(_("Shadowing rotations"))
    if not c.rotations:
        b.add(_("No shadowing rotations."))
        return
    b.table(
        [
            _("Host community"),
            _("Host secretary"),
            _("Period"),
            _("Status"),
            _("Journal entries"),
            _("Host's evaluation"),
        ],
        [
            [
                r.community,
                r.host,
                f"{_date(r.starts_on)} – {_date(r.ends_on)}",
                r.status,
                str(r.journal_entries),
                _score(r.host_average) + (f"\n{r.host_comment}" if r.host_comment else ""),
            ]
            for r in c.rotations
        ],
        [0.17, 0.13, 0.2, 0.1, 0.1, 0.3],
    )


def _evaluations(b: _Builder, c: DossierContent) -> None:
    b.section(_("Evaluations"))
    if not c.evaluations:
        b.add(_("No evaluations yet."))
        return
    b.table(
        [_("Date"), _("Kind"), _("Evaluator"), _("Rubric"), _("Average"), _("Comment")],
        [
            [
                _date(e.evaluated_on),
                e.kind,
                e.evaluator,
                e.rubric,
                _score(e.average),
                e.comment or "—",
            ]
            for e in c.evaluations
        ],
        [0.13, 0.15, 0.16, 0.15, 0.1, 0.31],
    )
    if c.dimension_averages:
        b.add(_("Averages by dimension"), "subheading")
        b.table(
            [_("Rubric"), _("Dimension"), _("Average"), _("Scores")],
            [
                [d.rubric, d.dimension, _score(d.average), str(d.count)]
                for d in c.dimension_averages
            ],
            [0.35, 0.35, 0.15, 0.15],
        )


def dossier_layout(content: DossierContent, font: CertificateFont | None = None) -> DossierLayout:
    """The story to draw, with every text in it; raises ``MissingGlyphs`` before drawing."""
    from courses.certificates.fonts import reportlab_font_name

    font = font or certificate_font()
    b = _Builder(reportlab_font_name(font))
    name = content.profile.name
    title = _("Evidence dossier")
    b.add(title, "title")
    b.add(name, "subtitle")
    b.add(
        _("Generated on %(date)s by %(who)s for the promotion review.")
        % {"date": _date(content.generated_on), "who": content.generated_by or "—"}
    )
    b.add(_("Confidential: for the training office and the trainee's primary mentor."), "muted")
    _profile(b, content)
    _readiness(b, content)
    b.page_break()
    _courses(b, content)
    _hours(b, content)
    _quizzes(b, content)
    _coaching(b, content)
    _rotations(b, content)
    _evaluations(b, content)
    footer = f"{settings.WAGTAIL_SITE_NAME} · {title} · {name} · "
    page = _("Page %(number)d") % {"number": 0}
    texts = (*b.texts, footer, page, "0123456789")
    ensure_covered("".join(texts), font)
    return DossierLayout(
        story=b.story, texts=texts, title=f"{title} · {name}", footer=footer, font=font
    )


def render_pdf(content: DossierContent, layout: DossierLayout | None = None) -> bytes:
    """The dossier as a PDF (A4 portrait), the font subset embedded."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from courses.certificates.fonts import reportlab_font_name

    layout = layout or dossier_layout(content)
    font_name = reportlab_font_name(layout.font)

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(font_name, 8)
        canvas.setFillColor(HexColor(MUTED))
        page = _("Page %(number)d") % {"number": doc.page}
        canvas.drawString(MARGIN_MM * mm, 10 * mm, f"{layout.footer}{page}")
        canvas.setStrokeColor(HexColor(RED))
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_MM * mm, A4[1] - 12 * mm, A4[0] - MARGIN_MM * mm, A4[1] - 12 * mm)
        canvas.restoreState()

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_MM * mm,
        rightMargin=MARGIN_MM * mm,
        topMargin=MARGIN_MM * mm,
        bottomMargin=MARGIN_MM * mm,
        title=layout.title,
        author=str(settings.WAGTAIL_SITE_NAME),
        creator=str(settings.WAGTAIL_SITE_NAME),
        subject=content.profile.name,
        lang=get_language() or settings.LANGUAGE_CODE,
        initialFontName=font_name,  # no stray Helvetica reference in the file
        pageCompression=1,
    )
    document.build(list(layout.story), onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue()
