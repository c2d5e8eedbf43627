"""The pages of the site as a whole: sitemap, robots.txt, navigation and the error pages."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from municipalities.models import Municipality
from programs.models import Document
from tests.support.html import hrefs, one, page_text, parse, text_of
from tests.support.pages_catalogue import NOT_FOUND_PATH, PAGE_TYPES

pytestmark = pytest.mark.django_db

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
XHTML_LINK = "{http://www.w3.org/1999/xhtml}link"


def test_sitemap_lists_every_public_page_in_every_language(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = {loc.text for loc in root.findall("s:url/s:loc", SITEMAP)}
    for municipality in Municipality.objects.all():
        assert f"http://testserver{municipality.get_absolute_url()}" in locations
    for document in Document.objects.published():
        assert f"http://testserver{document.get_absolute_url()}" in locations
    for path, _facts in PAGE_TYPES.values():
        if "?" in path:
            continue  # a filtered list: the list's own address is listed
        for prefix in ("", "/nn", "/en"):
            assert f"http://testserver{prefix}{path}" in locations, prefix + path
    alternates = root.findall(f"s:url/{XHTML_LINK}", SITEMAP)
    assert {link.get("hreflang") for link in alternates} == {"nb", "nn", "en", "x-default"}


def test_robots_txt_points_to_sitemap_and_does_not_reveal_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "admin" not in text  # the admin path (ADMIN_URL) is not advertised
    assert "Sitemap: http://testserver/sitemap.xml" in text.splitlines()


def current_section(client, path):
    """{link: aria-current} of the main menu's links that are marked current."""
    menu = parse(client.get(path)).select("nav.site-nav a[aria-current]")
    return {link["href"]: link["aria-current"] for link in menu}


def test_navigation_marks_the_current_section_and_page(client):
    assert current_section(client, "/kommuner/bergen/") == {"/kommuner/": "true"}
    assert current_section(client, "/kommuner/") == {"/kommuner/": "page"}
    assert current_section(client, "/en/kommuner/") == {"/en/kommuner/": "page"}


def test_unknown_slug_gets_a_norwegian_404_with_a_way_onward(client):
    response = client.get(NOT_FOUND_PATH)
    assert response.status_code == 404
    soup = parse(response)
    assert text_of(soup, "h1") == "Fant ikke siden"
    assert "/kommuner/" in hrefs(soup, "main a")
    assert one(soup, "html")["lang"] == "nb"


def test_an_error_in_a_view_gets_the_styled_500_page_made_without_the_database(monkeypatch):
    # The project's handler (handler500 in omradesatsing.urls), end to end:
    # a public view fails and the visitor gets the site's own page.
    with CaptureQueriesContext(connection) as queries:
        before_the_error = []

        def broken(self, request, *args, **kwargs):
            before_the_error.append(len(queries))
            raise RuntimeError("a bug in the front page")

        monkeypatch.setattr("sitewide.views.HomeView.get", broken)
        response = Client(raise_request_exception=False).get("/")

    assert before_the_error, "the view did not run"
    after_the_error = queries.captured_queries[before_the_error[0] :]
    assert after_the_error == []  # the handler, and everything after it, read no database
    assert response.status_code == 500
    assert response["Cache-Control"] == "no-store"
    assert "Retry-After" not in response  # a bug, not an outage (that is a 503)
    soup = parse(response)
    assert text_of(soup, "h1") == "Noe gikk galt hos oss"
    stylesheets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assert "/static/css/site.css" in stylesheets
    assert "a bug in the front page" not in page_text(soup)
    assert "Traceback" not in response.content.decode()
