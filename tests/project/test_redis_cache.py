"""The page cache shared through a real Redis server (CACHE_URL=redis://…), as app servers
share it: cached pages, edits seen at once, and pages still served while Redis is down.

Each test starts its own redis-server on a free loopback port (tests.support.topology),
so it can stop it.
"""

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from core import versions
from core.models import ContentVersion
from municipalities.models import Municipality
from tests.support.requirements import require_redis
from tests.support.topology import RedisServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_server(settings):
    require_redis()
    server = RedisServer()
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": server.url,
        },
        "pages-local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    settings.PAGE_CACHE_SECONDS = 3600
    yield server
    caches["default"].close()
    server.stop()


def get(client, path):
    """(response, number of queries it took)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, len(queries.captured_queries)


def test_pages_are_cached_in_redis(client, redis_server):
    first, rendering = get(client, "/kommuner/drammen/")
    again, cached = get(client, "/kommuner/drammen/")
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert cached < rendering
    assert cached == 0  # the page and the content version both came from Redis
    assert redis.Redis.from_url(redis_server.url).dbsize() > 0  # stored in that server


def test_an_edit_is_seen_at_once_through_redis(
    client, redis_server, django_capture_on_commit_callbacks
):
    get(client, "/kommuner/drammen/")
    drammen = Municipality.objects.get(slug="drammen")
    drammen.description_nb = "Ny tekst, lagret mens siden lå i Redis."
    with django_capture_on_commit_callbacks(execute=True):  # as the save's commit does
        drammen.save()
    response, _queries = get(client, "/kommuner/drammen/")
    assert "Ny tekst, lagret mens siden lå i Redis." in response.content.decode()


def test_pages_are_served_while_redis_is_down_and_cached_again_when_it_returns(
    client, redis_server
):
    get(client, "/kommuner/drammen/")
    redis_server.stop()
    response, queries = get(client, "/kommuner/drammen/")
    assert response.status_code == 200
    assert "Drammen" in response.content.decode()
    assert queries == 1  # the version from the database; the page from this process's memory
    caches["pages-local"].clear()
    response, queries = get(client, "/kommuner/drammen/")
    assert response.status_code == 200
    assert "Drammen" in response.content.decode()
    assert queries > 1  # rendered: in no cache that answers
    redis_server.start()  # the same port, empty
    get(client, "/kommuner/drammen/")  # rendered and stored again
    response, queries = get(client, "/kommuner/drammen/")
    assert response.status_code == 200
    assert queries == 0


def test_an_edit_saved_while_redis_was_down_is_shown_once_it_returns(
    client, redis_server, django_capture_on_commit_callbacks
):
    get(client, "/kommuner/drammen/")
    redis_server.stop()
    drammen = Municipality.objects.get(slug="drammen")
    drammen.description_nb = "Lagret mens Redis var nede."
    with django_capture_on_commit_callbacks(execute=True):
        drammen.save()  # the version cannot be shared: the save succeeds all the same
    redis_server.start()
    response, _queries = get(client, "/kommuner/drammen/")
    assert "Lagret mens Redis var nede." in response.content.decode()


def test_a_flushed_cache_takes_the_version_from_the_database_again(client, redis_server):
    get(client, "/kommuner/drammen/")
    # Another server's commit that never reached the cache, then the cache flushed.
    Municipality.objects.filter(slug="drammen").update(description_nb="Endret i databasen.")
    versions.bump()
    redis.Redis.from_url(redis_server.url).flushall()
    response, queries = get(client, "/kommuner/drammen/")
    assert "Endret i databasen." in response.content.decode()
    assert queries > 1
    assert caches["default"].get(versions.KEY)[0] == versions.read_database()[0]


def test_a_version_read_before_a_commit_does_not_stay_in_the_cache(redis_server):
    cache = caches["default"]
    before = versions.read_database()
    versions.bump()  # committed by another server between this reader's read and its write
    versions.share(cache, before, only_if_missing=True)
    assert cache.get(versions.KEY)[0] == before[0] + 1


def test_an_older_write_after_a_newer_one_is_corrected(redis_server):
    cache = caches["default"]
    older = versions.read_database()
    versions.bump()
    versions.publish()
    versions.share(cache, older)  # a slow writer of the previous change arrives last
    assert cache.get(versions.KEY)[0] == older[0] + 1


def commands(observer):
    """{command: calls} Redis has served, leaving out the observer's own (INFO, HELLO)."""
    stats = observer.info("commandstats")
    return {
        name: stat["calls"]
        for name, stat in stats.items()
        if name not in ("cmdstat_info", "cmdstat_hello")
    }


def test_a_cached_page_costs_no_round_trip_to_redis_while_nothing_changes(
    client, redis_server, monkeypatch
):
    monkeypatch.setattr(versions.time, "monotonic", lambda: 1000.0)  # within RECHECK_SECONDS
    observer = redis.Redis.from_url(redis_server.url)
    for _ in range(3):  # subscribed, and the subscription's replies read
        get(client, "/kommuner/drammen/")
    before = commands(observer)
    response, queries = get(client, "/kommuner/drammen/")
    assert response.status_code == 200
    assert queries == 0
    assert commands(observer) == before
    assert before.get("cmdstat_subscribe")  # it does listen for announcements


def test_a_change_announced_by_another_server_is_seen_at_the_next_request(
    client, redis_server, monkeypatch
):
    monkeypatch.setattr(versions.time, "monotonic", lambda: 1000.0)  # the clock stands still
    for _ in range(3):
        get(client, "/kommuner/drammen/")
    # What another app server's save does: the database, then Redis, then the announcement.
    Municipality.objects.filter(slug="drammen").update(description_nb="Lagret på en annen server.")
    ContentVersion.objects.filter(pk=1).update(version=F("version") + 1)
    server = redis.Redis.from_url(redis_server.url)
    cache = caches["default"]
    cache.set(versions.KEY, versions.read_database())
    server.publish(cache.make_key(versions.CHANNEL), "news")
    response, _queries = get(client, "/kommuner/drammen/")
    assert "Lagret på en annen server." in response.content.decode()
