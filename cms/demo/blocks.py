"""Body blocks as StreamField data (see ``cms.blocks.BodyBlock``), so the content reads as text."""

from datetime import datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def rich_text(html: str) -> dict:
    return {"type": "rich_text", "value": html}


def callout(text: str, *, heading: str = "", tone: str = "info") -> dict:
    return {
        "type": "callout",
        "value": {"tone": tone, "heading": heading, "text": f"<p>{text}</p>"},
    }


def key_points(points: list[str], *, heading: str = "要点") -> dict:
    return {"type": "key_points", "value": {"heading": heading, "points": points}}


def paragraphs(*texts: str) -> str:
    """Plain sentences as rich-text paragraphs."""
    return "".join(f"<p>{text}</p>" for text in texts)


def bullets(*items: str, ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>{''.join(f'<li>{item}</li>' for item in items)}</{tag}>"


def at(day: str, time: str) -> datetime:
    """An aware datetime in Shenzhen's time zone from ``"2027-01-14"`` and ``"09:30"``."""
    return datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=SHANGHAI)
