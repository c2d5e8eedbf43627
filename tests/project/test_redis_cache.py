"""The page cache shared through a real Redis server (CACHE_URL=redis://…), as app servers
share it: cached pages, edits seen at once, and pages still served while Redis is down.

Each test starts its own redis-server on a free loopback port, so it can stop it.
"""

import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from municipalities.models import Municipality
from tests.support.requirements import require_redis

pytestmark = pytest.mark.django_db


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A throwaway redis-server on 127.0.0.1, without persistence."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def redis_server(settings):
    require_redis()
    server = RedisServer()
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": server.url,
        }
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
    assert cached == 1  # the content version only: the page itself came from Redis
    assert redis.Redis.from_url(redis_server.url).dbsize() > 0  # stored in that server


def test_an_edit_is_seen_at_once_through_redis(client, redis_server):
    get(client, "/kommuner/drammen/")
    drammen = Municipality.objects.get(slug="drammen")
    drammen.description_nb = "Ny tekst, lagret mens siden lå i Redis."
    drammen.save()
    response, _queries = get(client, "/kommuner/drammen/")
    assert "Ny tekst, lagret mens siden lå i Redis." in response.content.decode()


def test_pages_are_served_while_redis_is_down_and_cached_again_when_it_returns(
    client, redis_server
):
    get(client, "/kommuner/drammen/")
    redis_server.stop()
    for _ in range(3):
        response, queries = get(client, "/kommuner/drammen/")
        assert response.status_code == 200
        assert "Drammen" in response.content.decode()
        assert queries > 1  # rendered: nothing to read from a cache that is down
    redis_server.start()  # the same port, empty
    get(client, "/kommuner/drammen/")  # rendered and stored again
    response, queries = get(client, "/kommuner/drammen/")
    assert response.status_code == 200
    assert queries == 1
