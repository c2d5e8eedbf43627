"""Every page type answers, with one h1 and the facts it should show."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from municipalities.models import Municipality
from pages.models import Page
from programs.models import Theme
from tests.support.pages_catalogue import NOT_FOUND_PATH, PAGE_TYPES

pytestmark = pytest.mark.django_db


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


@pytest.mark.parametrize(("path", "facts"), PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_shows_its_facts_under_one_h1(client, path, facts):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(html) == 1
    for fact in facts:
        assert fact in html, fact
    assert '<html lang="nb"' in html
    assert f'<link rel="canonical" href="http://testserver{path}">' in html


def named_urls(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            if entry.namespace != "admin":
                yield from named_urls(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name


SLUG_ARGS = {
    "municipalities:detail": lambda: Municipality.objects.first().slug,
    "programs:theme_detail": lambda: Theme.objects.first().slug,
    "programs:conference_detail": lambda: "erfaringskonferanse-2024",
    "pages:detail": lambda: Page.objects.first().slug,
    "programs:conference_ics": lambda: "erfaringskonferanse-2024",
    "programs:agreement_document": None,  # only with a document: tests/test_editing.py
    "opendata:municipality_json": lambda: "tromso",
    "opendata:json": lambda: "avtaler",
    "opendata:csv": lambda: "avtaler",
    "opendata:csv_metadata": lambda: "avtaler",
}


def test_every_named_url_answers(client):
    names = set(named_urls())
    assert {"home", "municipalities:detail", "sitemap", "robots_txt"} <= names
    for name in names:
        if name in SLUG_ARGS and SLUG_ARGS[name] is None:
            continue
        url = reverse(name, args=[SLUG_ARGS[name]()]) if name in SLUG_ARGS else reverse(name)
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("text/html"):
            assert h1_count(response.content.decode()) == 1, url


def test_every_fixture_object_has_a_working_page(client):
    for model in (Municipality, Theme, Page):
        for obj in model.objects.all():
            assert client.get(obj.get_absolute_url()).status_code == 200, obj


def test_municipality_page_has_open_graph_and_json_ld(client):
    html = client.get("/kommuner/skien/").content.decode()
    assert '<meta property="og:title" content="Skien">' in html
    assert '<meta property="og:type" content="article">' in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["about"]["name"] == "Skien"
    assert data["about"]["containedInPlace"]["name"] == "Telemark"
    assert data["url"] == "http://testserver/kommuner/skien/"
    assert data["isBasedOn"].startswith("https://www.regjeringen.no/")


def test_json_ld_cannot_be_closed_by_content(client):
    skien = Municipality.objects.get(slug="skien")
    skien.description = "</script><script>alert(1)</script>"
    skien.save()
    html = client.get("/kommuner/skien/").content.decode()
    assert "<script>alert(1)" not in html
    assert html.count("</script>") == 1


def test_municipality_page_shows_last_change_and_source(client):
    drammen = Municipality.objects.get(slug="drammen")
    html = client.get(drammen.get_absolute_url()).content.decode()
    assert "Sist endret" in html
    assert drammen.last_modified().date().isoformat() in html
    assert "https://www.regjeringen.no/" in html


def test_grant_without_amount_says_so(client):
    html = client.get("/kommuner/bergen/").content.decode()
    assert "Ikke oppgitt i kilden" in html


def test_renamed_slug_redirects_permanently(client):
    drammen = Municipality.objects.get(slug="drammen")
    drammen.slug = "drammen-kommune"
    drammen.save()
    response = client.get("/kommuner/drammen/")
    assert response.status_code == 301
    assert response["Location"] == "/kommuner/drammen-kommune/"
    assert client.get("/kommuner/drammen-kommune/").status_code == 200


def test_renamed_twice_still_redirects_from_the_first_slug(client):
    drammen = Municipality.objects.get(slug="drammen")
    for slug in ("drammen-kommune", "drammen-by"):
        drammen.slug = slug
        drammen.save()
    assert client.get("/kommuner/drammen/")["Location"] == "/kommuner/drammen-by/"
    assert client.get("/kommuner/drammen-kommune/")["Location"] == "/kommuner/drammen-by/"


def test_new_page_at_an_old_slug_wins_over_the_redirect(client):
    drammen = Municipality.objects.get(slug="drammen")
    drammen.slug = "drammen-kommune"
    drammen.save()
    Municipality.objects.create(name="Drammen (ny)", slug="drammen", published_at=timezone.now())
    response = client.get("/kommuner/drammen/")
    assert response.status_code == 200
    assert "Drammen (ny)" in response.content.decode()


def test_renamed_theme_and_page_redirect_too(client):
    theme = Theme.objects.get(slug="arbeid")
    theme.slug = "sysselsetting"
    theme.save()
    assert client.get("/tema/arbeid/")["Location"] == "/tema/sysselsetting/"


def test_unknown_slug_gets_a_norwegian_404_with_a_way_onward(client):
    response = client.get(NOT_FOUND_PATH)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Fant ikke siden" in html
    assert h1_count(html) == 1
    assert 'href="/kommuner/"' in html
    assert '<html lang="nb"' in html


def test_sitemap_lists_every_public_page(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(response.content)
    locations = {loc.text for loc in root.findall("s:url/s:loc", namespace)}
    for municipality in Municipality.objects.all():
        assert f"http://testserver{municipality.get_absolute_url()}" in locations
    for path, _facts in PAGE_TYPES.values():
        for prefix in ("", "/nn", "/en"):
            assert f"http://testserver{prefix}{path}" in locations, prefix + path
    alternates = root.findall("s:url/{http://www.w3.org/1999/xhtml}link", namespace)
    assert {link.get("hreflang") for link in alternates} == {"nb", "nn", "en", "x-default"}


def test_robots_txt_points_to_sitemap_and_does_not_reveal_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "admin" not in text  # the admin path (ADMIN_URL) is not advertised
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_navigation_marks_the_current_section(client):
    html = client.get("/kommuner/bergen/").content.decode()
    assert '<a href="/kommuner/" aria-current="true">' in html
    html = client.get("/kommuner/").content.decode()
    assert '<a href="/kommuner/" aria-current="page">' in html


def test_every_source_fact_is_within_two_clicks_of_the_front_page(client):
    """Front page → linked page → linked page reaches every fact the source gives."""

    def links(html):
        return {
            path
            for path in re.findall(r'href="(/[^"#]*)', html)
            if not path.startswith(("/static/", "/admin/"))
        }

    pages = {"/": client.get("/").content.decode()}
    for _click in range(2):
        for path in set().union(*(links(html) for html in pages.values())) - pages.keys():
            response = client.get(path)
            pages[path] = response.content.decode() if response.status_code == 200 else ""
    text = "".join(pages.values())
    for fact in [
        "Loddefjord og Olsvik",
        "Holmen/Seut/sentrum øst og vest",
        "Universitetskommune TRD 3.0",
        "Gode bysamfunn med små skilnader",
        "Storbynettverket",
        "Miljødirektoratet",
        "Erfaringskonferanse 2024",
        "Erstatter ikke ordinær drift",
        "ingen ledige midler",
    ]:
        assert fact in text, fact


def test_server_error_page_is_styled_and_needs_no_database(rf, django_assert_num_queries):
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert h1_count(html) == 1
    assert "Noe gikk galt hos oss" in html
    assert "/static/css/site.css" in html
