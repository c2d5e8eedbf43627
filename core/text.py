import re

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
