import re
from decimal import Decimal

from django.utils.text import slugify

# Django's slugify drops letters it cannot map to ASCII, so "Tromsø" would
# become "troms". Norwegian letters get their customary transliteration first.
_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})
# Separators inside names ("Tempe/Sorgenfri", "Bo – og") become word breaks.
_SEPARATORS = re.compile(r"[/\\–—_.,:;+&]+")


def norwegian_slugify(value):
    """Slug for a Norwegian name: ``Indre Østfold`` → ``indre-ostfold``."""
    value = _SEPARATORS.sub(" ", str(value).translate(_NORWEGIAN))
    return slugify(value)


# Search engines show about this many characters of a description.
META_DESCRIPTION_LENGTH = 160


def meta_description(text, limit=META_DESCRIPTION_LENGTH):
    """``text`` on one line, cut at the last whole word within ``limit`` characters, with «…»."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


# «5 000 000», «5.000.000», «kr 5 000 000,-», «5000000 NOK» (spaces already removed).
_AMOUNT = re.compile(
    r"(?:kr\.?|nok)?(?P<sign>-?)(?P<digits>\d+|\d{1,3}(?:\.\d{3})+)(?:[.,]0{1,2}|,-|\.-)?(?:kr\.?|nok)?",
    re.IGNORECASE,
)


def parse_amount(text):
    """Whole kroner as people write them, as a Decimal; None for nothing written.

    Spaces of any kind (no-break and thin ones too) and «kr» or «NOK» are
    allowed; anything else that is not a whole number raises ValueError.
    """
    text = re.sub(r"\s", "", str(text))
    if not text:
        return None
    match = _AMOUNT.fullmatch(text)
    if match is None:
        raise ValueError(text)
    return Decimal(match["sign"] + match["digits"].replace(".", ""))
