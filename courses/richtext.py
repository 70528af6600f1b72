"""The small rich text trainees write reports and reflections in, made safe to show to others.

What a trainee sends is untrusted HTML: whatever the editor in their browser produced, or
anything a hand-made request contains. It is cleaned to an allow-list with ``nh3`` (a binding
of the Rust ``ammonia`` sanitiser, which parses HTML the way browsers do) before it is stored,
and again before it is shown. Allowed: paragraphs and line breaks, bold, italic, bulleted and
numbered lists, and links to web or mail addresses. Everything else goes: scripts and styles
with their content, event-handler and ``style`` attributes, ``javascript:`` and relative URLs,
frames, forms, images and comments.
"""

import html
import re

import nh3
from django.utils.html import linebreaks, strip_tags

ALLOWED_TAGS = frozenset({"p", "div", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a"})
# Tags removed together with everything inside them (not just unwrapped to their text).
REMOVED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math"}
    | {"textarea", "select", "title", "head"}
)
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_BLOCK_END = re.compile(r"<(?:br|/p|/div|/li)\b[^>]*>")
_LINE_BREAK = re.compile(r"<br\b[^>]*>")
_LIST_ITEM = re.compile(r"<li\b[^>]*>")
_PARAGRAPH_END = re.compile(r"</(?:p|div|ul|ol)>")
_BLANK_LINES = re.compile(r"\n{3,}")

_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    attributes={"a": {"href"}},
    url_schemes=set(URL_SCHEMES),
    url_relative="deny",
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


def richtext_clean(value: str) -> str:
    """The HTML with only allowed tags and attributes left, trimmed."""
    return _cleaner.clean(value or "").strip()


def richtext_from_plain(text: str) -> str:
    """Plain text (from the editor's fallback, a textarea) as paragraphs: escaped, then clean."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return richtext_clean(linebreaks(text, autoescape=True)) if text else ""


def richtext_to_plain(value: str) -> str:
    """The HTML as plain text that keeps its paragraphs, for the editor's fallback text box."""
    text = _LINE_BREAK.sub("\n", richtext_clean(value))
    text = _LIST_ITEM.sub("\n• ", text)
    text = _PARAGRAPH_END.sub("\n\n", text)
    text = html.unescape(strip_tags(text))
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def richtext_to_text(value: str) -> str:
    """What a reader would see, without markup: for emptiness checks and short excerpts."""
    spaced = _BLOCK_END.sub(" ", richtext_clean(value))
    return " ".join(html.unescape(strip_tags(spaced)).split())
