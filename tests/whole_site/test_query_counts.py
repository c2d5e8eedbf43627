"""Each page type's (uncached) query count has a fixed bound, with 14 municipalities and 357.

The bound is the same for both data sets: a view that loops over rows and
queries for each one fails here long before it is slow in production.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import versions
from municipalities.models import Municipality
from tests.support.html import hrefs, parse
from tests.support.pages_catalogue import PAGE_TYPES

pytestmark = pytest.mark.django_db

# Measured, and tight: every page reads the content version (1 query) first;
# paged lists count their rows (1 query).
BOUNDS = {
    "home": 9,
    "municipality_list": 5,
    # The municipality, its areas, grants (with their budget document),
    # agreements, focus areas, themes, the agreements' areas, parties and
    # documents, and the documents about the municipality.
    "municipality_detail": 12,
    "municipality_detail_announced": 11,
    "agreements": 3,
    "themes": 5,
    "theme_detail": 5,
    "bodies": 6,
    "conferences": 3,
    "conference_detail": 2,
    "pages": 2,
    "page_detail": 5,
    "page_documents": 4,
    "accessibility": 1,
    # The filter's choices (municipalities with documents, years), the count, the page.
    "documents": 5,
    "documents_filtered": 5,
    # The document with its publisher, its municipalities, its agreements.
    "document_detail": 4,
    "document_detail_linked": 4,
    "search": 9,
    "data_agreements": 5,
    "data_focus_areas": 3,
    # As the page, the earlier kommunenumre, which the page does not show, and the
    # documents with their municipalities and agreements.
    "data_municipality": 15,
    # One aggregate per dataset (last change, period covered) and the agreements' period.
    "data_catalogue": 10,
    "sitemap": 6,
    # Per model read: its public records with the id of each one's previous
    # record, then those previous records; the feed's own object first.
    "changes_feed": 7,
    "municipality_feed": 6,
    "theme_feed": 4,
}
PATHS = {
    **{name: path for name, (path, _facts) in PAGE_TYPES.items()},
    "search": "/sok/?q=sysselsetting",
    "data_agreements": "/data/avtaler.csv",
    "data_focus_areas": "/data/innsatsomrader.json",
    "data_municipality": "/data/kommuner/drammen.json",
    "data_catalogue": "/data/katalog.ttl",
    "sitemap": "/sitemap.xml",
    "changes_feed": "/endringer.atom",
    "municipality_feed": "/kommuner/drammen/endringer.atom",
    "theme_feed": "/tema/arbeid/endringer.atom",
}


def query_counts(client):
    counts = {}
    for name, path in PATHS.items():
        # Each page reads the content version afresh: otherwise whether it costs a
        # query depends on how long the page before took (core.versions.RECHECK_SECONDS).
        versions.forget()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[name] = len(queries)
    return counts


def test_bounds_cover_every_page_type():
    assert set(BOUNDS) == set(PATHS)


def over_bounds(client):
    """{page: (queries, bound)} for every page that needs more queries than its bound."""
    counts = query_counts(client)
    return {name: (counts[name], BOUNDS[name]) for name in PATHS if counts[name] > BOUNDS[name]}


def test_query_counts_stay_within_their_bounds_with_todays_14_municipalities(client):
    assert Municipality.objects.count() == 14
    assert over_bounds(client) == {}, "page: (queries, bound)"


def test_query_counts_stay_within_the_same_bounds_with_all_357(client, national_scale):
    assert over_bounds(client) == {}, "page: (queries, bound)"
    # The scaled set really is bigger: the same pages now show hundreds of rows.
    assert Municipality.objects.count() == 357
    assert "/kommuner/?side=8" in hrefs(parse(client.get("/kommuner/")))
