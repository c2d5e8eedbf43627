"""Querysets whose SQL is compiled once per process and run again with new values.

On the municipality page, building each query's SQL (Django's compiler, with
modeltranslation's lookup rewriting) cost two to three times as much as the
database took to answer it (scripts/benchmark, cProfile). The SQL of a query
like "the areas of municipality X" depends only on the code, the database
backend and the language, never on X; so it is compiled once, with marker
values where the parameters go, and later runs only swap the values in.
Rows still become model instances through ``QuerySet.raw()``, which applies the
backend's converters exactly as a normal queryset does.

    @prepared_query
    def areas_of(municipality_id):
        return Area.objects.filter(municipality_id=municipality_id)

    areas = areas_of(42)  # a list of Area instances

Keyword-only arguments choose between variants of the query (each compiled
once), e.g. ``preview=True`` for a query without the published filter.
Positional arguments are the values; each must reach the SQL as one parameter
(``pk=x``, ``slug=x``), not a list or an expression.
"""

import functools
import inspect

from django.db.models import QuerySet
from django.utils.translation import get_language

# Values no real row carries, so they can be found among the compiled parameters.
_INT_MARKER = -(2**62)
_STR_MARKER = "\x00prepared-query-marker-"


def _marker(index, value):
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError(f"prepared query values must be int or str, not {type(value).__name__}")
    return _INT_MARKER - index if isinstance(value, int) else f"{_STR_MARKER}{index}"


def _compile(build, values, variants):
    """SQL, the parameter list with markers, and where each value goes in it."""
    markers = [_marker(i, value) for i, value in enumerate(values)]
    queryset = build(*markers, **variants)
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    params = list(params)
    slots = []
    for index, marker in enumerate(markers):
        positions = [i for i, param in enumerate(params) if param == marker]
        if not positions:
            raise ValueError(
                f"{build.__qualname__}: value {index} does not reach the SQL as a parameter"
            )
        slots.append((index, positions))
    return queryset.model, queryset.db, sql, params, slots


def prepared_query(build):
    """Decorator: ``build(*values, **variants)`` returns a QuerySet; calls return a list."""
    variant_names = {
        name
        for name, parameter in inspect.signature(build).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    }
    compiled = {}

    @functools.wraps(build)
    def run(*values, **variants):
        if variants.keys() != variant_names:
            raise TypeError(f"{build.__qualname__} needs exactly {sorted(variant_names)}")
        key = (
            tuple(sorted(variants.items())),
            tuple(type(value) for value in values),
            # Lookups on translated fields compile to the active language's column.
            get_language(),
        )
        entry = compiled.get(key)
        if entry is None:
            entry = compiled[key] = _compile(build, values, variants)
        model, db, sql, params, slots = entry
        params = list(params)
        for index, positions in slots:
            for position in positions:
                params[position] = values[index]
        return list(QuerySet(model=model, using=db).raw(sql, params))

    run.build = build
    return run
