"""Which translations are missing: for the needs-review list, the list filters and the forms.

A translation is missing where the bokmål text (the default language, which
the site falls back to) is filled in and the other language's is empty.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from modeltranslation.translator import NotRegistered, translator


def translated_fields(model):
    """The names of ``model``'s translated fields (``purpose``), or () if it has none."""
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def _empty(name):
    return Q(**{f"{name}__isnull": True}) | Q(**{name: ""})


def missing_q(model, language):
    """A Q for rows with a text in the default language but none in ``language``; None if
    ``model`` has no translated fields."""
    default = settings.LANGUAGE_CODE
    conditions = [
        ~_empty(f"{field}_{default}") & _empty(f"{field}_{language}")
        for field in translated_fields(model)
    ]
    return reduce(or_, conditions) if conditions else None


def missing_translation(queryset, language):
    condition = missing_q(queryset.model, language)
    return queryset.none() if condition is None else queryset.filter(condition)


def missing_fields(obj, language):
    """The translated fields of ``obj`` with a default-language text but none in ``language``."""
    default = settings.LANGUAGE_CODE
    return [
        field
        for field in translated_fields(type(obj))
        if getattr(obj, f"{field}_{default}", None)
        and not getattr(obj, f"{field}_{language}", None)
    ]
