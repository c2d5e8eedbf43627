"""reverse() remembered: lists call get_absolute_url(), and with it reverse(), for every row.

The result depends only on its arguments, the active language, the script
prefix and the URLconf, which are all part of the key, so a remembered
address is never wrong (a renamed slug is a new key).
"""

import functools

from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@functools.lru_cache(maxsize=4096)
def _reverse(viewname, slug, language, prefix, urlconf):
    return reverse(viewname, kwargs={"slug": slug} if slug is not None else None)


def reverse_cached(viewname, slug=None):
    """reverse(viewname, kwargs={"slug": slug}) in the active language, computed once."""
    return _reverse(viewname, slug, get_language(), get_script_prefix(), get_urlconf())


def _forget(*, setting, **kwargs):
    # Tests that change the URLconf or languages must not see old addresses.
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"}:
        _reverse.cache_clear()


setting_changed.connect(_forget)
