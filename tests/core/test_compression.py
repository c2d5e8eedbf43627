"""Pages go out compressed, compressed once when stored, and never with a secret (core.caching)."""

import gzip

import brotli
import pytest
from django.http import HttpResponse

from core import caching

pytestmark = pytest.mark.django_db


def test_a_page_is_sent_in_the_encoding_the_client_accepts(client, page_cache):
    plain = client.get("/kommuner/drammen/")
    assert "Content-Encoding" not in plain
    as_brotli = client.get("/kommuner/drammen/", headers={"accept-encoding": "gzip, br"})
    assert as_brotli["Content-Encoding"] == "br"
    assert brotli.decompress(as_brotli.content) == plain.content
    assert int(as_brotli["Content-Length"]) == len(as_brotli.content) < len(plain.content) / 2
    as_gzip = client.get("/kommuner/drammen/", headers={"accept-encoding": "gzip;q=1.0, br;q=0"})
    assert as_gzip["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.content) == plain.content
    for response in (plain, as_brotli, as_gzip):
        assert "Accept-Encoding" in response["Vary"]
    # One ETag per representation.
    assert len({plain["ETag"], as_brotli["ETag"], as_gzip["ETag"]}) == 3


def test_a_page_is_compressed_once_when_it_is_stored(client, page_cache, monkeypatch):
    calls = []
    real = dict(caching.ENCODINGS)
    monkeypatch.setitem(
        caching.ENCODINGS, "br", lambda body: calls.append("br") or real["br"](body)
    )
    monkeypatch.setitem(
        caching.ENCODINGS, "gzip", lambda body: calls.append("gzip") or real["gzip"](body)
    )
    for _ in range(3):
        assert (
            client.get("/kommuner/drammen/", headers={"accept-encoding": "br"}).status_code == 200
        )
    assert calls == ["br", "gzip"]


def test_a_conditional_request_for_a_compressed_page_gets_304(client, page_cache):
    headers = {"accept-encoding": "br"}
    first = client.get("/kommuner/drammen/", headers=headers)
    again = client.get("/kommuner/drammen/", headers={**headers, "if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_the_admin_login_with_its_csrf_token_is_not_compressed(client, page_cache):
    response = client.get("/admin/login/", headers={"accept-encoding": "br, gzip"})
    assert b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response


def test_a_logged_in_page_is_not_compressed(client, page_cache, staff_user):
    client.force_login(staff_user)
    for path in ("/admin/", "/kommuner/drammen/"):
        response = client.get(path, headers={"accept-encoding": "br, gzip"})
        assert response.status_code == 200
        assert "Content-Encoding" not in response, path


def test_a_response_that_sets_a_cookie_is_neither_stored_nor_compressed(rf, page_cache):
    def view(request):
        response = HttpResponse("<p>" + "hemmelig " * 200 + "</p>")
        response.set_cookie("valg", "x")
        return response

    middleware = caching.PublicPageCacheMiddleware(view)
    response = middleware(rf.get("/kommuner/drammen/", headers={"accept-encoding": "br"}))
    assert response.cookies
    assert "Content-Encoding" not in response
    assert "ETag" not in response


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", None),
        ("identity", None),
        ("gzip", "gzip"),
        ("gzip, deflate, br", "br"),
        ("br;q=0, gzip", "gzip"),
        ("*", "br"),
        ("gzip;q=abc", None),
    ],
)
def test_the_encoding_is_chosen_from_accept_encoding(header, expected):
    assert caching.accepted_encoding(header) == expected
