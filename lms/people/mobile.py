"""Mainland mobile numbers as people actually type them.

Offices paste numbers from chat messages and spreadsheets: with spaces or dashes, a ``+86``
prefix, or full-width digits from a Chinese input method. Both the admin form and the roster
import normalise first, so the database holds one spelling and uniqueness means something.
"""

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-()（）]")


def mobile_normalise(value) -> str:
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = _SEPARATORS.sub("", text)
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif len(text) == 13 and text.startswith("86"):
        text = text[2:]
    return text
