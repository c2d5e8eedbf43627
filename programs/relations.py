"""The municipality page's data, read with as little work per query as possible.

prefetch_related runs a join and its bookkeeping for every relation; on the
municipality page that was half of an uncached request (scripts/benchmark).
Here each table is one plain query; a many-to-many relation is one query on
its link table (pairs of ids), with the objects taken from what the page has
already loaded (the municipality's areas) or from small reference tables
(ministries, directorates, themes) kept per process and re-read whenever the
content version changes. Results go exactly where prefetch_related puts
them, so templates and code keep using ``agreement.ministries.all()``.
"""

import threading
from collections import defaultdict

from municipalities.models import Area, Municipality
from omradesatsing.caching import current_version

from .models import Agreement, Directorate, FocusArea, Grant, Ministry, Theme

_reference = {}
_lock = threading.Lock()


def reference_objects(model, version):
    """{pk: object} for a small table, read again only when content changed."""
    cached = _reference.get(model)
    if cached and cached[0] == version:
        return cached[1]
    objects = {obj.pk: obj for obj in model.objects.all()}
    with _lock:
        _reference[model] = (version, objects)
    return objects


def attach(owners, field_name, targets):
    """Store owner.<field_name>.all() for every owner, from the link table in one query.

    ``targets`` maps ids to the related objects; any id missing there (added
    a moment ago) is read from the database.
    """
    if not owners:
        return
    field = owners[0]._meta.get_field(field_name)
    through = field.remote_field.through
    owner_column = field.m2m_column_name()
    target_column = field.m2m_reverse_name()
    pairs = list(
        through.objects.filter(**{f"{owner_column}__in": [o.pk for o in owners]})
        .order_by("pk")
        .values_list(owner_column, target_column)
    )
    missing = {t for _o, t in pairs} - targets.keys()
    if missing:
        targets = {**targets, **field.related_model.objects.in_bulk(missing)}
    ordering = list(targets)  # reference tables come in their model's ordering
    rank = {pk: i for i, pk in enumerate(ordering)}
    by_owner = defaultdict(list)
    for owner_id, target_id in sorted(pairs, key=lambda p: rank.get(p[1], len(rank))):
        by_owner[owner_id].append(targets[target_id])
    for owner in owners:
        remember(owner, field_name, by_owner.get(owner.pk, []))


def remember(owner, name, objects):
    """Make owner.<name>.all() return ``objects`` without a query, as prefetch_related does."""
    queryset = getattr(owner, name).get_queryset()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    if not hasattr(owner, "_prefetched_objects_cache"):
        owner._prefetched_objects_cache = {}
    owner._prefetched_objects_cache[name] = queryset


def load_municipality(request=None, **lookup):
    """One municipality with everything its page and JSON document show.

    A plain query per table instead of prefetch_related's bookkeeping: areas,
    grants (with their budget document), agreements, focus areas, then the
    link tables. Only what ``request`` may see (drafts in staff preview only).
    Raises Municipality.DoesNotExist.
    """
    version = getattr(request, "content_version", None) or current_version()[0]
    municipality = Municipality.objects.visible(request).get(**lookup)
    areas = list(Area.objects.filter(municipality=municipality))
    grants = list(Grant.objects.filter(municipality=municipality).select_related("document"))
    agreements = list(
        Agreement.objects.visible(request)
        .filter(municipality=municipality)
        .order_by("period_start", "pk")
    )
    focus_areas = list(
        FocusArea.objects.filter(agreement__in=agreements).order_by("agreement_id", "order")
    )
    for obj in (*areas, *grants, *agreements):
        obj.municipality = municipality  # no query when a template asks for it
    by_agreement = defaultdict(list)
    for focus_area in focus_areas:
        by_agreement[focus_area.agreement_id].append(focus_area)
    for agreement in agreements:
        for focus_area in by_agreement[agreement.pk]:
            focus_area.agreement = agreement
        remember(agreement, "focus_areas", by_agreement[agreement.pk])
    remember(municipality, "areas", areas)
    remember(municipality, "grants", grants)
    remember(municipality, "agreements", agreements)
    attach(agreements, "areas", {a.pk: a for a in areas})
    attach(agreements, "ministries", reference_objects(Ministry, version))
    attach(agreements, "directorates", reference_objects(Directorate, version))
    attach(focus_areas, "themes", reference_objects(Theme, version))
    return municipality
