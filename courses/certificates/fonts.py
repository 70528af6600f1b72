"""The font certificates are set in, and the check that it has a glyph for every character.

A font that lacks a character draws its ``.notdef`` glyph (an empty box, "tofu") in its place,
and neither Pillow nor reportlab says so. A box in a trainee's name is worse than no
certificate, so the renderer asks :func:`missing_characters` first and refuses
(:class:`MissingGlyphs`) rather than draw one. The check reads the font's own character map
(``cmap``) with fontTools: a character is covered when the map sends it to a real glyph.

Which font
    By default the WenQuanYi Micro Hei (文泉驿微米黑) collection from the PyPI package
    ``paperang-p2-fonts-cjk``, so that a machine with nothing but Python installs it with the
    project. It covers GB 2312 and GBK (about 34,600 characters, Latin included), is licensed
    under the Apache License 2.0 (see the font's own ``name`` table), and is about 5 MB.
    Its outlines are TrueType (``glyf``), which matters for the PDF: reportlab embeds
    TrueType-outline fonts but not CFF-outline OpenType fonts such as the Noto Sans CJK
    ``.otf`` files.

    ``settings.CERTIFICATE_FONT_PATH`` (with ``CERTIFICATE_FONT_INDEX`` for the face within a
    ``.ttc`` collection, 0 by default) names another TrueType-outline font, e.g. a system font
    with a wider repertoire for a name the default font lacks. When it is set it wins.
"""

import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

FONT_PACKAGE = "paperang_p2_fonts_cjk"
FONT_PACKAGE_FILE = "fonts/wqy-microhei.ttc"


@dataclass(frozen=True)
class CertificateFont:
    path: str
    index: int = 0  # the face within a collection (.ttc); 0 for a single font file

    @property
    def label(self) -> str:
        return f"{Path(self.path).name}#{self.index}"


class MissingGlyphs(ValueError):
    """The font has no glyph for some characters of the text to be drawn."""

    def __init__(self, characters: list[str], font: CertificateFont):
        self.characters = characters
        self.font = font
        shown = " ".join(f"{c} (U+{ord(c):04X})" for c in characters)
        super().__init__(
            _(
                "The certificate font %(font)s has no glyph for: %(characters)s. "
                "Set CERTIFICATE_FONT_PATH to a TrueType font that covers them."
            )
            % {"font": font.label, "characters": shown}
        )


def certificate_font() -> CertificateFont:
    """The configured font, or the packaged WenQuanYi Micro Hei."""
    configured = getattr(settings, "CERTIFICATE_FONT_PATH", "")
    if configured:
        font = CertificateFont(str(configured), int(getattr(settings, "CERTIFICATE_FONT_INDEX", 0)))
        if not Path(font.path).is_file():
            raise ImproperlyConfigured(f"CERTIFICATE_FONT_PATH {font.path} is not a file.")
    else:
        try:
            packaged = resources.files(FONT_PACKAGE) / FONT_PACKAGE_FILE
        except ModuleNotFoundError as error:
            raise ImproperlyConfigured(
                "Certificates need a CJK font: install the 'paperang-p2-fonts-cjk' package "
                "or set CERTIFICATE_FONT_PATH."
            ) from error
        font = CertificateFont(str(packaged), 0)
    _character_map(font.path, font.index)  # fails early on an unusable font
    return font


@lru_cache(maxsize=4)
def _character_map(path: str, index: int) -> frozenset[int]:
    """The code points the font maps to a real glyph. Raises for a font reportlab can't embed."""
    from fontTools.ttLib import TTFont, TTLibError

    with open(path, "rb") as handle:
        is_collection = handle.read(4) == b"ttcf"
    try:
        font = TTFont(path, fontNumber=index if is_collection else -1, lazy=True)
    except (TTLibError, OSError, IndexError) as error:
        raise ImproperlyConfigured(
            f"The certificate font {path} cannot be read: {error}"
        ) from error
    try:
        if "glyf" not in font:
            raise ImproperlyConfigured(
                f"The certificate font {path} has no TrueType outlines (glyf); the PDF needs a "
                "TrueType-outline font (.ttf or .ttc), not a CFF-outline OpenType font."
            )
        cmap = font.getBestCmap() or {}
        return frozenset(code for code, glyph in cmap.items() if glyph != ".notdef")
    finally:
        font.close()


def _needs_glyph(character: str) -> bool:
    # Spaces and line breaks are layout, not glyphs: nothing is drawn for them.
    return not character.isspace()


def missing_characters(text: str, font: CertificateFont | None = None) -> list[str]:
    """The characters of ``text`` the font has no glyph for, each once, in order of appearance."""
    font = font or certificate_font()
    covered = _character_map(font.path, font.index)
    missing: list[str] = []
    for character in text:
        if _needs_glyph(character) and ord(character) not in covered and character not in missing:
            missing.append(character)
    return missing


def ensure_covered(text: str, font: CertificateFont | None = None) -> None:
    """Raise :class:`MissingGlyphs` unless the font can draw every character of ``text``."""
    font = font or certificate_font()
    missing = missing_characters(text, font)
    if missing:
        raise MissingGlyphs(missing, font)


@lru_cache(maxsize=32)
def pillow_font(font: CertificateFont, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(font.path, size=size, index=font.index)


@lru_cache(maxsize=4)
def reportlab_font_name(font: CertificateFont) -> str:
    """Register the font with reportlab once per process; the name to draw with."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"CertificateFont-{zlib.crc32(f'{font.path}#{font.index}'.encode()):08x}"
    pdfmetrics.registerFont(TTFont(name, font.path, subfontIndex=font.index))
    return name
