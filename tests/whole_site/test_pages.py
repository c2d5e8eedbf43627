"""Every page type answers, with one h1 and the facts it should show, and is reachable."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from municipalities.models import Municipality
from pages.models import Page
from programs.models import Theme
from sitewide import previews
from tests.support.html import hrefs, one, page_text, parse
from tests.support.pages_catalogue import PAGE_TYPES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("path", "facts"), PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_shows_its_facts_under_one_h1(client, path, facts):
    response = client.get(path)
    assert response.status_code == 200
    soup = parse(response)
    one(soup, "h1")
    text = page_text(soup)
    for fact in facts:
        assert fact in text, fact
    assert one(soup, "html")["lang"] == "nb"
    assert one(soup, "link[rel=canonical]")["href"] == f"http://testserver{path}"


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
    "municipality_changes_feed": lambda: "drammen",
    "theme_changes_feed": lambda: "arbeid",
    "programs:conference_detail": lambda: "erfaringskonferanse-2024",
    "pages:detail": lambda: Page.objects.first().slug,
    "programs:conference_ics": lambda: "erfaringskonferanse-2024",
    "programs:agreement_document": None,  # only with a document: tests/programs/test_documents.py
    "programs:document_detail": lambda: "meld-st-28-2022-2023",
    "programs:document_file": None,  # only with an uploaded PDF: tests/programs/test_library.py
    "opendata:municipality_json": lambda: "tromso",
    "opendata:json": lambda: "avtaler",
    "opendata:csv": lambda: "avtaler",
    "opendata:csv_metadata": lambda: "avtaler",
    # A one-time link made for a user: tests/core/test_password_reset.py.
    "password_reset_confirm": None,
    # Link-preview pictures, named by a token of what they show: tests/sitewide/test_previews.py.
    "preview_site": lambda: previews.site_token(),
    "preview_municipality": None,
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
            assert len(parse(response).select("h1")) == 1, url


def test_every_fixture_object_has_a_working_page(client):
    for model in (Municipality, Theme, Page):
        for obj in model.objects.all():
            assert client.get(obj.get_absolute_url()).status_code == 200, obj


def test_every_source_fact_is_within_two_clicks_of_the_front_page(client):
    """Front page → linked page → linked page reaches every fact the source gives."""

    def links(soup):
        return {
            href.split("#", 1)[0]
            for href in hrefs(soup)
            if href.startswith("/") and not href.startswith(("/static/", "/admin/"))
        } - {""}

    pages = {"/": parse(client.get("/"))}
    for _click in range(2):
        for path in set().union(*(links(soup) for soup in pages.values())) - pages.keys():
            response = client.get(path)
            ok = response.status_code == 200 and response["Content-Type"].startswith("text/html")
            pages[path] = parse(response) if ok else parse("")
    text = " ".join(page_text(soup) for soup in pages.values())
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
