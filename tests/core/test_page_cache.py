"""Public pages are cacheable by anyone in between, cached here, and never stale."""

import pytest

from core import versions
from core.models import ContentVersion
from municipalities.models import Municipality
from programs.models import Agreement
from tests.support.admin_forms import admin_post_data
from tests.support.html import hrefs, one, parse
from tests.support.pages_catalogue import PAGE_TYPES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", [p for p, _f in PAGE_TYPES.values()])
def test_anonymous_page_sets_no_cookie_and_is_public(client, path):
    response = client.get(path)
    assert response.cookies == {}
    assert "public" in response["Cache-Control"]
    # Kept by browsers and proxies, but checked each time (a cheap 304).
    assert "max-age=0" in response["Cache-Control"]
    assert "must-revalidate" in response["Cache-Control"]
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    assert "Accept-Language" not in response.get("Vary", "")
    assert "Accept-Encoding" in response["Vary"]


@pytest.mark.parametrize(
    "path", ["/data/avtaler.csv", "/data/kommuner.json", "/endringer.atom", "/sitemap.xml"]
)
def test_downloads_and_feeds_are_public_too(client, path):
    response = client.get(path)
    assert response.cookies == {}
    assert "public" in response["Cache-Control"]


def test_conditional_request_gets_not_modified(client, django_assert_max_num_queries):
    first = client.get("/kommuner/drammen/")
    with django_assert_max_num_queries(1):  # the content version, nothing rendered
        again = client.get("/kommuner/drammen/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    since = client.get("/kommuner/drammen/", headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304


def test_etag_changes_when_content_changes(client):
    before = client.get("/kommuner/drammen/")["ETag"]
    bergen = Municipality.objects.get(slug="bergen")
    bergen.description_nb = "Endret."
    bergen.save()
    after = client.get("/kommuner/drammen/")
    assert after["ETag"] != before
    stale = client.get("/kommuner/drammen/", headers={"if-none-match": before})
    assert stale.status_code == 200


def test_etag_changes_at_midnight(client, monkeypatch):
    import datetime

    before = client.get("/avtaler/")["ETag"]
    monkeypatch.setattr("core.clock.today", lambda: datetime.date(2031, 1, 1))
    after = client.get("/avtaler/")
    assert after["ETag"] != before
    assert "Avsluttet 2030" in after.content.decode()  # Drammen's agreement has ended


def test_second_request_comes_from_the_page_cache(
    client, page_cache, django_assert_max_num_queries
):
    client.get("/kommuner/drammen/")
    with django_assert_max_num_queries(1):
        cached = client.get("/kommuner/drammen/")
    assert cached.status_code == 200
    assert "Strømsø" in cached.content.decode()


def test_content_change_shows_at_once_despite_the_cache(client, page_cache):
    assert "Ny beskrivelse" not in client.get("/kommuner/drammen/").content.decode()
    drammen = Municipality.objects.get(slug="drammen")
    drammen.description_nb = "Ny beskrivelse av Drammen."
    drammen.save()
    assert "Ny beskrivelse av Drammen." in client.get("/kommuner/drammen/").content.decode()


def test_admin_edit_is_visible_on_the_next_request(client, staff_client, page_cache):
    from django.test import Client

    visitor = Client()
    assert "Aktiv til 2030" in visitor.get("/kommuner/drammen/").content.decode()
    agreement = Agreement.objects.get(municipality__slug="drammen")
    url = f"/admin/programs/agreement/{agreement.pk}/change/"
    data = admin_post_data(staff_client.get(url))
    data["end_year"] = "2032"
    assert staff_client.post(url, data).status_code == 302
    assert "Aktiv til 2032" in visitor.get("/kommuner/drammen/").content.decode()


def test_many_to_many_change_invalidates_too(client, page_cache):
    client.get("/kommuner/drammen/")
    agreement = Agreement.objects.get(municipality__slug="drammen")
    agreement.areas.clear()
    links = hrefs(parse(client.get("/kommuner/drammen/")))
    assert "#omrade-stromso" not in links


def test_logged_in_staff_bypass_the_cache(staff_client, page_cache):
    response = staff_client.get("/kommuner/drammen/")
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")


def test_admin_is_never_public(staff_client):
    response = staff_client.get("/admin/")
    assert "public" not in response.get("Cache-Control", "")
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_pages_are_served_when_the_cache_is_down(client, settings, caplog):
    settings.CACHES = {
        **settings.CACHES,
        "broken": {"BACKEND": "tests.support.broken_cache.BrokenCache"},
    }
    settings.PAGE_CACHE_ALIAS = "broken"
    settings.PAGE_CACHE_SECONDS = 3600
    response = client.get("/kommuner/drammen/")
    assert response.status_code == 200
    assert "Strømsø" in response.content.decode()
    assert "page cache unavailable" in caplog.text


def test_not_found_is_not_cached_as_public(client):
    response = client.get("/kommuner/finnes-ikke/")
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


def test_each_host_gets_its_own_cached_page_and_etag(client, page_cache, settings):
    settings.ALLOWED_HOSTS = ["a.example.no", "b.example.no"]
    first = client.get("/om/", HTTP_HOST="b.example.no")
    second = client.get("/om/", HTTP_HOST="a.example.no")
    assert first["ETag"] != second["ETag"]
    assert one(parse(second), "link[rel=canonical]")["href"] == "http://a.example.no/om/"


def test_a_new_release_changes_the_etag(client, monkeypatch):
    from core import caching

    before = client.get("/om/")["ETag"]
    monkeypatch.setattr(caching, "release_id", lambda: "next-release")
    assert client.get("/om/")["ETag"] != before


def test_pages_cached_before_a_restore_are_not_served_after_it(client, page_cache):
    client.get("/kommuner/drammen/")
    cached_at = ContentVersion.objects.get(pk=1).version
    # The backup being restored is one change older and says something else; the
    # first change after the restore brings the number back to where it was.
    ContentVersion.objects.filter(pk=1).update(version=cached_at - 1)
    Municipality.objects.filter(slug="drammen").update(description_nb="Etter gjenopprettingen.")
    versions.bump()
    assert ContentVersion.objects.get(pk=1).version == cached_at
    assert "Etter gjenopprettingen." in client.get("/kommuner/drammen/").content.decode()
