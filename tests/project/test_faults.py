"""Faults: the database going away gives a styled 503 and the site recovers by itself."""

from unittest import mock

import pytest
from django.db import IntegrityError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.test import Client

from tests.support.html import parse, text_of

pytestmark = pytest.mark.django_db


def anonymous():
    return Client(raise_request_exception=False)


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "midlertidig utilgjengelig" in text_of(parse(html), "h1")
    assert "Traceback" not in html
    assert "OperationalError" not in html


def refuse(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


@pytest.mark.parametrize("path", ["/", "/kommuner/drammen/", "/en/tema/", "/data/avtaler.csv"])
def test_database_down_gives_503_and_the_site_recovers(path):
    client = anonymous()
    with mock.patch.object(CursorWrapper, "execute", refuse):
        assert_unavailable_page(client.get(path))
    assert client.get(path).status_code == 200


def test_database_refusing_connections_gives_503():
    client = anonymous()
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse):
        assert_unavailable_page(client.get("/kommuner/bergen/"))
    assert client.get("/kommuner/bergen/").status_code == 200


def test_other_errors_still_give_the_500_page(monkeypatch):
    def broken(self, *args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("municipalities.views.MunicipalityListView.get_queryset", broken)
    response = anonymous().get("/kommuner/")
    assert response.status_code == 500
    assert text_of(parse(response), "h1") == "Noe gikk galt hos oss"
    assert "a bug" not in response.content.decode()


def test_a_broken_constraint_is_a_bug_not_an_outage(monkeypatch):
    # An IntegrityError is not "the database is down": 500, and no Retry-After.
    def broken(self, *args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed")

    monkeypatch.setattr("municipalities.views.MunicipalityListView.get_queryset", broken)
    response = anonymous().get("/kommuner/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert text_of(parse(response), "h1") == "Noe gikk galt hos oss"
