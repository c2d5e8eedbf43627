"""The municipality page's data, read with as little work per query as possible.

prefetch_related runs a join and its bookkeeping for every relation; on the
municipality page that was half of an uncached request (scripts/benchmark).
Here each table is one plain query and the many-to-many relations share one
query on their link tables (pairs of ids), with the objects taken from what
the page has already loaded (the municipality's areas) or from small reference tables
(ministries, directorates, themes) kept per process and re-read whenever the
content version changes. Results go exactly where prefetch_related puts
them, so templates and code keep using ``agreement.ministries.all()``.
"""

import threading
from collections import defaultdict

from django.db import connection
from django.db.models import QuerySet

from municipalities.models import Area, Municipality
from omradesatsing.caching import current_version
from omradesatsing.prepared import prepared_query

from .models import Agreement, Directorate, FocusArea, Grant, Ministry, PolicyDocument, Theme

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


def link_pairs(relations):
    """(owner id, target id) pairs of several many-to-many relations in one query.

    ``relations``: [(field, owner ids)]. One UNION ALL over the link tables
    (two integer columns each, the same SQL on SQLite and PostgreSQL) instead
    of a query per relation. Returns {field name: [(owner id, target id)]}.
    """
    parts, params, names = [], [], []
    for field, owner_ids in relations:
        if not owner_ids:
            continue
        table = connection.ops.quote_name(field.remote_field.through._meta.db_table)
        owner_column = connection.ops.quote_name(field.m2m_column_name())
        target_column = connection.ops.quote_name(field.m2m_reverse_name())
        placeholders = ", ".join(["%s"] * len(owner_ids))
        parts.append(
            f"SELECT {len(names)}, {owner_column}, {target_column}, id FROM {table} "
            f"WHERE {owner_column} IN ({placeholders})"
        )
        params.extend(owner_ids)
        names.append(field.name)
    pairs = {name: [] for name in names}
    if not parts:
        return pairs
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts) + " ORDER BY 1, 4", params)
        for index, owner_id, target_id, _link_id in cursor.fetchall():
            pairs[names[index]].append((owner_id, target_id))
    return pairs


def attach(owners, field_name, pairs, targets, fetch_missing=True):
    """Store owner.<field_name>.all() for every owner, from (owner id, target id) pairs.

    ``targets`` maps ids to the related objects; any id missing there (added
    a moment ago) is read from the database, or with ``fetch_missing=False``
    left out (an area moved to another municipality is not shown here). Targets keep the order of
    ``targets`` (reference tables come in their model's ordering).
    """
    if not owners:
        return
    missing = {t for _o, t in pairs} - targets.keys()
    if missing and not fetch_missing:
        pairs = [(o, t) for o, t in pairs if t in targets]
    elif missing:
        related_model = owners[0]._meta.get_field(field_name).related_model
        targets = {**targets, **related_model.objects.in_bulk(missing)}
    rank = {pk: i for i, pk in enumerate(targets)}
    by_owner = defaultdict(list)
    for owner_id, target_id in sorted(pairs, key=lambda p: rank.get(p[1], len(rank))):
        by_owner[owner_id].append(targets[target_id])
    for owner in owners:
        remember(owner, field_name, by_owner.get(owner.pk, []))


def remember(owner, name, objects):
    """Make owner.<name>.all() return ``objects`` without a query, as prefetch_related does.

    A bare queryset of the related model holds them: building the related
    manager's own queryset (with its filters) would cost more than the query saved.
    """
    queryset = QuerySet(model=owner._meta.get_field(name).related_model)
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    if not hasattr(owner, "_prefetched_objects_cache"):
        owner._prefetched_objects_cache = {}
    owner._prefetched_objects_cache[name] = queryset


@prepared_query
def _municipality(slug, *, preview):
    queryset = Municipality.objects.filter(slug=slug)
    return queryset if preview else queryset.published()


@prepared_query
def _areas(municipality_id):
    return Area.objects.filter(municipality_id=municipality_id)


@prepared_query
def _grants(municipality_id):
    # By id after year: the model's ordering joins the municipality, the same for all rows here.
    return Grant.objects.filter(municipality_id=municipality_id).order_by("-year", "pk")


@prepared_query
def _agreements(municipality_id, *, preview):
    queryset = Agreement.objects.filter(municipality_id=municipality_id)
    if not preview:
        # The municipality is visible already; only the agreement's own state
        # is left to check (no join back to the municipality).
        queryset = queryset.filter(published_at__isnull=False)
    return queryset.order_by("period_start", "pk")


@prepared_query
def _focus_areas(municipality_id, *, preview):
    queryset = FocusArea.objects.filter(agreement__municipality_id=municipality_id)
    if not preview:
        queryset = queryset.filter(agreement__published_at__isnull=False)
    return queryset.order_by("agreement_id", "order")


def load_municipality(request=None, *, slug):
    """One municipality with everything its page and JSON document show.

    A plain query per table instead of prefetch_related's bookkeeping, each
    compiled once per process (omradesatsing.prepared): the municipality, its
    areas, grants, agreements, focus areas, then the link tables; budget
    documents, ministries, directorates and themes come from the reference
    tables. Only what ``request`` may see (drafts in staff preview only).
    Raises Municipality.DoesNotExist.
    """
    version = getattr(request, "content_version", None) or current_version()[0]
    preview = bool(getattr(request, "preview", False))
    found = _municipality(slug, preview=preview)
    if not found:
        raise Municipality.DoesNotExist(slug)
    municipality = found[0]
    areas = _areas(municipality.pk)
    grants = _grants(municipality.pk)
    agreements = _agreements(municipality.pk, preview=preview)
    focus_areas = _focus_areas(municipality.pk, preview=preview)
    documents = reference_objects(PolicyDocument, version)
    for grant in grants:
        if grant.document_id is not None:
            grant.document = documents.get(grant.document_id) or grant.document
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
    agreement_ids = [a.pk for a in agreements]
    field = Agreement._meta.get_field
    pairs = link_pairs(
        [
            (field("areas"), agreement_ids),
            (field("ministries"), agreement_ids),
            (field("directorates"), agreement_ids),
            (FocusArea._meta.get_field("themes"), [f.pk for f in focus_areas]),
        ]
    )
    attach(
        agreements,
        "areas",
        pairs.get("areas", []),
        {a.pk: a for a in areas},
        fetch_missing=False,
    )
    attach(
        agreements, "ministries", pairs.get("ministries", []), reference_objects(Ministry, version)
    )
    attach(
        agreements,
        "directorates",
        pairs.get("directorates", []),
        reference_objects(Directorate, version),
    )
    attach(focus_areas, "themes", pairs.get("themes", []), reference_objects(Theme, version))
    return municipality
