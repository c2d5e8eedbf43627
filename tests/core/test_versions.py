"""Which version of the content is current, read without a query (core.versions), with the
default cache that each process keeps for itself."""

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from core import versions
from core.models import ContentVersion
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db


class Clock:
    """time.monotonic for core.versions, moved by hand."""

    def __init__(self, monkeypatch):
        self.now = 1000.0
        monkeypatch.setattr(versions.time, "monotonic", lambda: self.now)


def changed_elsewhere():
    """What a commit in another worker does: the database moves, this process is not told."""
    ContentVersion.objects.filter(pk=1).update(version=ContentVersion.objects.get().version + 1)
    return ContentVersion.objects.get().version


def queries_for(function):
    with CaptureQueriesContext(connection) as queries:
        result = function()
    return result, len(queries.captured_queries)


def test_the_version_is_read_once_and_then_known_for_a_second(monkeypatch):
    clock = Clock(monkeypatch)
    first, reading = queries_for(versions.current)
    clock.now += versions.RECHECK_SECONDS / 2
    again, known = queries_for(versions.current)
    assert (reading, known) == (1, 0)
    assert again == first


def test_a_change_in_another_worker_is_seen_within_the_bound(monkeypatch):
    clock = Clock(monkeypatch)
    before = versions.current()[0]
    newer = changed_elsewhere()
    assert versions.current()[0] == before  # within the bound: not yet
    clock.now += versions.RECHECK_SECONDS
    assert versions.current()[0] == newer


def test_a_change_in_this_process_is_seen_at_once(monkeypatch):
    Clock(monkeypatch)
    before = versions.current()[0]
    drammen = Municipality.objects.get(slug="drammen")
    drammen.description_nb = "Ny tekst."
    drammen.save()
    assert versions.current()[0] > before


def test_a_cached_page_needs_no_query_while_the_version_is_known(client, page_cache):
    client.get("/kommuner/drammen/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/kommuner/drammen/")
    assert response.status_code == 200
    assert len(queries.captured_queries) == 0


def test_with_the_database_down_the_last_known_version_is_used(monkeypatch):
    clock = Clock(monkeypatch)
    known = versions.current()
    clock.now += 10 * versions.RECHECK_SECONDS

    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(versions, "read_database", unreachable)
    assert versions.current() == known


def test_with_the_database_down_and_nothing_known_the_error_is_raised(monkeypatch):
    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(versions, "read_database", unreachable)
    with pytest.raises(OperationalError):
        versions.current()
