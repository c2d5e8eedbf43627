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
Positional arguments are the values; each must reach the SQL unchanged as
plain parameters (``pk=x``, ``municipality_id=x``, ``slug=x``): not a list, not
inside a pattern (``__icontains``), and integers only against id columns (the
marker is a large negative number). The query must build model instances
without select_related or prefetch_related, which raw() cannot follow. Each
of these is refused when the query is first compiled, never answered wrongly.
"""

import functools
import inspect

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.utils.translation import get_language

# Values no real row carries, so they can be found among the compiled
# parameters; integer markers far apart, so no arithmetic turns one into another.
_INT_MARKER = -(2**62)
_INT_STEP = 2**40
_STR_MARKER = "\x00prepared-query-marker-"


def _marker(index, value):
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError(f"prepared query values must be int or str, not {type(value).__name__}")
    return _INT_MARKER - index * _INT_STEP if isinstance(value, int) else f"{_STR_MARKER}{index}"


def _is_marker_like(param):
    """A parameter derived from a marker (a pattern around it, a sum) that cannot be swapped."""
    if isinstance(param, str):
        return _STR_MARKER in param
    if isinstance(param, int) and not isinstance(param, bool):
        return param <= _INT_MARKER // 2
    return False


def _compile(build, values, variants):
    """SQL, the parameter list with markers, and where each value goes in it."""
    name = build.__qualname__
    markers = [_marker(i, value) for i, value in enumerate(values)]
    queryset = build(*markers, **variants)
    if (
        queryset.query.select_related
        or queryset._prefetch_related_lookups
        or queryset._iterable_class is not ModelIterable
    ):
        raise TypeError(f"{name}: only plain model querysets (raw() follows no relations)")
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except (EmptyResultSet, FullResultSet):
        # Django left a condition out because a marker is out of the field's
        # range: the value would not be a plain parameter.
        raise TypeError(f"{name}: a value is out of range for its field (ids only)") from None
    params = list(params)
    slots = []
    for index, marker in enumerate(markers):
        positions = [i for i, param in enumerate(params) if param == marker]
        if not positions:
            raise ValueError(f"{name}: value {index} does not reach the SQL as a parameter")
        slots.append((index, positions))
    swapped = {position for _index, positions in slots for position in positions}
    if any(_is_marker_like(p) for i, p in enumerate(params) if i not in swapped):
        raise ValueError(f"{name}: a value reaches the SQL changed (a pattern or expression)")
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

    return run
