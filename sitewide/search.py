"""Site search: municipalities, areas, agreements, focus areas, themes, conferences,
documents, pages.

PostgreSQL: full-text search with the ``norwegian`` configuration (``english``
on the English site), ranked, plus a substring match on names so that part of
a word ("Strøm") still finds "Strømsø". SQLite (development): a plain
case-insensitive substring match, done in Python because SQLite's LIKE only
folds ASCII letters.

Every kind is one query, whatever the data size.
"""

import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.models import visible
from core.templatetags.core_tags import translated
from municipalities.models import Area, Municipality
from pages.models import Page
from programs import display
from programs.models import Agreement, Conference, Document, FocusArea, Theme

MAX_QUERY_LENGTH = 200
MAX_RESULTS_PER_KIND = 25


def clean_query(raw):
    """The query as we will search for it: no control characters, single spaces, capped.

    Keeps letters of every script (RTL text, emoji) so such queries get a
    normal "no results" page rather than an error.
    """
    text = "".join(" " if unicodedata.category(ch) in {"Cc", "Cs"} else ch for ch in (raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@dataclass
class Kind:
    key: str
    label: object
    model: type
    # Plain fields and translated fields (searched in the page's language and in bokmål).
    fields: tuple
    translated: tuple = ()
    related: tuple = ()
    title: callable = str
    context: callable = lambda obj: ""
    municipality: callable = lambda obj: None


@dataclass
class Group:
    key: str
    label: object
    results: list = field(default_factory=list)


@dataclass
class Result:
    title: str
    url: str
    context: str = ""


KINDS = [
    Kind(
        "municipalities",
        _("Kommuner"),
        Municipality,
        fields=("name", "county"),
        translated=("description",),
        municipality=lambda m: m,
    ),
    Kind(
        "areas",
        _("Områder"),
        Area,
        fields=("name",),
        translated=("description",),
        related=("municipality",),
        title=lambda a: a.name,
        context=lambda a: a.municipality.name,
        municipality=lambda a: a.municipality,
    ),
    Kind(
        "agreements",
        _("Avtaler"),
        Agreement,
        fields=("municipality__name",),
        translated=("purpose", "programme_note"),
        related=("municipality",),
        title=lambda a: str(display.agreement_title(a)),
        context=display.period_label,
        municipality=lambda a: a.municipality,
    ),
    Kind(
        "focus_areas",
        _("Innsatsområder"),
        FocusArea,
        fields=(),
        translated=("title", "description"),
        related=("agreement__municipality",),
        title=lambda f: translated(f, "title"),
        context=lambda f: f.agreement.municipality.name,
        municipality=lambda f: f.agreement.municipality,
    ),
    Kind(
        "themes",
        _("Temaer"),
        Theme,
        fields=(),
        translated=("name", "goal", "description"),
        title=lambda t: translated(t, "name"),
    ),
    Kind(
        "conferences",
        _("Konferanser"),
        Conference,
        fields=("place",),
        translated=("title", "description"),
        title=lambda c: translated(c, "title"),
        context=display.conference_dates,
    ),
    Kind(
        "documents",
        _("Dokumenter"),
        Document,
        fields=("reference",),
        translated=("title", "description", "publisher"),
        title=lambda d: translated(d, "title"),
        context=display.document_facts,
    ),
    Kind(
        "pages",
        _("Om områdesatsinger"),
        Page,
        fields=(),
        translated=("title", "summary", "body"),
        title=lambda p: translated(p, "title"),
    ),
]


def _field_names(kind, language):
    names = list(kind.fields)
    for name in kind.translated:
        names.append(build_localized_fieldname(name, language))
        if language != settings.LANGUAGE_CODE:
            names.append(build_localized_fieldname(name, settings.LANGUAGE_CODE))
    return names


def _matches_postgresql(kind, query, language, request):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    config = "english" if language == "en" else "norwegian"
    names = _field_names(kind, language)
    vector = SearchVector(*names, config=config)
    search_query = SearchQuery(query, config=config, search_type="websearch")
    partial = Q()
    for name in names:
        partial |= Q(**{f"{name}__icontains": query})
    # Match on the tsvector itself (@@): ts_rank is never quite 0, so it cannot filter.
    return list(
        visible(kind.model.objects.select_related(*kind.related), request)
        .annotate(search_document=vector, rank=SearchRank(vector, search_query))
        .filter(Q(search_document=search_query) | partial)
        .order_by("-rank", "pk")[:MAX_RESULTS_PER_KIND]
    )


def _value(obj, path):
    for part in path.split("__"):
        obj = getattr(obj, part, None)
        if obj is None:
            return ""
    return str(obj)


def _matches_python(kind, query, language, request):
    terms = query.casefold().split()
    names = _field_names(kind, language)
    found = []
    for obj in visible(kind.model.objects.select_related(*kind.related), request).order_by("pk"):
        texts = [_value(obj, name).casefold() for name in names]
        if all(any(term in text for text in texts) for term in terms):
            # Names and titles first: a hit in the first field ranks higher.
            found.append((0 if all(t in texts[0] for t in terms) else 1, obj))
    found.sort(key=lambda pair: pair[0])
    return [obj for _rank, obj in found[:MAX_RESULTS_PER_KIND]]


def search(raw_query, request=None):
    """Groups of results, in the order of KINDS, leaving out empty groups.

    Only what ``request`` may see: published content (drafts in staff preview).
    """
    query = clean_query(raw_query)
    if not query:
        return query, []
    language = get_language()
    matcher = _matches_postgresql if connection.vendor == "postgresql" else _matches_python
    groups = []
    related_municipalities = []
    for kind in KINDS:
        objects = matcher(kind, query, language, request)
        if kind.key != "municipalities":
            related_municipalities += [kind.municipality(obj) for obj in objects]
        groups.append(
            Group(
                kind.key,
                kind.label,
                [
                    Result(kind.title(obj), obj.get_absolute_url(), kind.context(obj))
                    for obj in objects
                ],
            )
        )
    # A municipality is also a result when something inside it matched:
    # "Strømsø" finds Drammen, "sysselsetting" the cities with that focus area.
    municipalities = groups[0]
    listed = {result.url for result in municipalities.results}
    for municipality in related_municipalities:
        if municipality is not None and municipality.get_absolute_url() not in listed:
            listed.add(municipality.get_absolute_url())
            municipalities.results.append(
                Result(municipality.name, municipality.get_absolute_url())
            )
    return query, [group for group in groups if group.results]
