"""The certificate font must draw every character: a missing one is reported, never boxed."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from courses.certificates.fonts import (
    MissingGlyphs,
    certificate_font,
    ensure_covered,
    missing_characters,
)
from courses.certificates.render import CertificateContent, certificate_layout

# U+20000, the first character of CJK Extension B: real, but outside GBK and so outside the font.
RARE = "\U00020000"

# The demo's names and course titles as they stood when this test was written; the demo data
# itself is read as well when it is there, so new demo names are checked too.
DEMO_NAMES = [
    "林晓雯",
    "黄志远",
    "周敏",
    "吴佳琪",
    "郑国华",
    "何丽萍",
    "梁建明",
    "孙悦",
    "马文涛",
    "谢春燕",
]
DEMO_COURSES = [
    "党建引领小区治理体系",
    "小区党支部建设与书记能力",
    "物业矛盾化解与共治共建",
    "情景体验:小区治理难题实战",
    "参观学习:他山之石",
]


def _demo_strings():
    names, courses = list(DEMO_NAMES), list(DEMO_COURSES)
    try:
        from cms.demo.curriculum import COURSES
        from cms.demo.people import ACCOUNTS
    except ImportError:
        pass
    else:
        names += [account["display_name"] for account in ACCOUNTS]
        courses += [course["title"] for course in COURSES]
    return sorted(set(names)), sorted(set(courses))


def _content(name="林晓雯", course="党建引领小区治理体系"):
    return CertificateContent(
        trainee_name=name,
        course_title=course,
        hours=Decimal("12.5"),
        issued_on=datetime.date(2026, 5, 12),
        serial="YH-2026-000123",
        verify_url="http://127.0.0.1:8000/learn/certificates/verify/x/",
    )


def test_the_packaged_font_is_a_truetype_cjk_font():
    font = certificate_font()
    assert font.path.endswith("wqy-microhei.ttc")
    assert missing_characters("书记工作室 Certificate 2026年5月12日 YH-2026-000123 12.5") == []


def test_a_character_the_font_lacks_is_reported():
    assert missing_characters(f"张{RARE}华{RARE}") == [RARE]

    with pytest.raises(MissingGlyphs) as refusal:
        ensure_covered(f"张{RARE}华")

    assert refusal.value.characters == [RARE]
    assert "U+20000" in str(refusal.value)


def test_the_renderer_refuses_a_name_it_cannot_draw():
    with pytest.raises(MissingGlyphs):
        certificate_layout(_content(name=f"张{RARE}"))
    with pytest.raises(MissingGlyphs):
        certificate_layout(_content(course=f"课程{RARE}"))


def test_every_demo_name_and_course_title_is_covered():
    names, courses = _demo_strings()

    assert missing_characters("".join(names + courses)) == []
    # And the whole certificate text, in the language certificates are written in.
    for name in names:
        for course in courses:
            certificate_layout(_content(name=name, course=course))


def test_a_configured_font_wins_and_must_exist(settings):
    packaged = certificate_font()
    settings.CERTIFICATE_FONT_PATH = packaged.path
    settings.CERTIFICATE_FONT_INDEX = 1  # the collection's monospaced face

    assert certificate_font().index == 1
    assert missing_characters("林晓雯", certificate_font()) == []

    settings.CERTIFICATE_FONT_PATH = "/nonexistent/font.ttf"
    with pytest.raises(ImproperlyConfigured):
        certificate_font()
