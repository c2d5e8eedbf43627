"""/healthz and /readyz: what a load balancer asks (sitewide.health)."""

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sitewide import health


def test_healthz_answers_without_touching_the_database(client):
    # No database for this test: any query would raise (pytest-django blocks it).
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_answers_when_the_database_and_the_cache_do(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_is_503_with_a_reason_when_the_database_does_not_answer(client, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr(health, "connection", Unreachable())
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "problems": {"database": "DatabaseError"}}


@pytest.mark.django_db
def test_readyz_is_503_with_a_reason_when_the_cache_does_not_answer(client, settings):
    settings.CACHES = {"default": {"BACKEND": "tests.support.broken_cache.BrokenCache"}}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["problems"] == {"cache": "ConnectionError"}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_checks_are_never_cached_and_set_no_cookie(client, path, settings):
    settings.PAGE_CACHE_SECONDS = 300

    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "ETag" not in response
        assert not response.cookies
    # /readyz asks the database each time: its answer is never a stored one.
    if path == "/readyz":
        assert len(queries.captured_queries) == 1


@pytest.mark.django_db
def test_health_checks_are_not_in_the_sitemap(client):
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert "healthz" not in sitemap
    assert "readyz" not in sitemap
