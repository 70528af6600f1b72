"""Pure helpers the question types grade with: no database, so they are tested on their own.

Trainees type on phones with Chinese input methods, which produce full-width letters, digits
and punctuation (ＡＢＣ, １２３, ，) as easily as half-width ones. Every comparison of typed text
therefore goes through Unicode NFKC normalisation first, which folds the full-width forms into
their ASCII equivalents.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal("0")
ONE = Decimal("1")
_SPACES = re.compile(r"\s+")
FRACTION_PLACES = Decimal("0.00001")
MARK_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Grade:
    """A question's verdict on one response.

    ``fraction`` is the share of the question's mark earned, from 0 to 1; ``None`` means a
    person has to mark it (an essay). ``feedback`` holds the option-level feedback the response
    triggered, in the order the options were written.
    """

    fraction: Decimal | None
    feedback: tuple[str, ...] = field(default_factory=tuple)

    @property
    def needs_marking(self) -> bool:
        return self.fraction is None


def clamp_fraction(value: Decimal) -> Decimal:
    """A question's score never leaves 0..1, whatever weights its options carry."""
    return min(ONE, max(ZERO, Decimal(value))).quantize(FRACTION_PLACES, rounding=ROUND_HALF_UP)


def mark_for(fraction: Decimal, max_mark: Decimal) -> Decimal:
    return (clamp_fraction(fraction) * Decimal(max_mark)).quantize(
        MARK_PLACES, rounding=ROUND_HALF_UP
    )


def normalise_text(value: str, *, case_sensitive: bool = False) -> str:
    """Typed text as compared: full-width folded, spaces collapsed, case folded unless asked."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", value or "")).strip()
    return text if case_sensitive else text.casefold()


def wildcard_matches(pattern: str, answer: str, *, case_sensitive: bool = False) -> bool:
    """Whether a short answer matches an accepted answer, where ``*`` stands for any text.

    Both sides are normalised the same way; every other character is literal, so an accepted
    answer such as ``3.5`` or ``(a)`` means exactly that.
    """
    pattern = normalise_text(pattern, case_sensitive=case_sensitive)
    answer = normalise_text(answer, case_sensitive=case_sensitive)
    regex = ".*".join(re.escape(part) for part in pattern.split("*"))
    return re.fullmatch(regex, answer, flags=re.DOTALL) is not None


def parse_number(value: str) -> Decimal | None:
    """A number as a trainee may type it (full-width digits, a comma for thousands), or None."""
    text = normalise_text(str(value)).replace(",", "").replace(" ", "")
    if not text or len(text) > 40:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def word_count(text: str) -> int:
    """Words in an essay: each CJK character counts as one word, other words by spaces."""
    cjk = sum(1 for char in text if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf")
    latin = re.sub(r"[\u3400-\u4dbf\u4e00-\u9fff]", " ", text)
    return cjk + len(re.findall(r"[^\W_]+", latin))
