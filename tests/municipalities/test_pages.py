"""A municipality's page: what it tells readers, link previews and search engines."""

import json

import pytest
from django.conf import settings
from django.utils import timezone

from municipalities.models import Municipality
from tests.support.html import definitions, hrefs, one, page_text, parse, text_of, texts

pytestmark = pytest.mark.django_db


def json_ld(soup):
    return json.loads(one(soup, 'script[type="application/ld+json"]').string)


def meta(soup, prop):
    return one(soup, f'meta[property="{prop}"]')["content"]


def test_municipality_page_has_open_graph_and_json_ld(client):
    soup = parse(client.get("/kommuner/skien/"))
    assert meta(soup, "og:title") == "Skien"
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:url") == "http://testserver/kommuner/skien/"
    data = json_ld(soup)
    assert data["about"]["name"] == "Skien"
    assert data["about"]["containedInPlace"]["name"] == "Telemark"
    assert data["url"] == "http://testserver/kommuner/skien/"
    assert data["isBasedOn"].startswith("https://www.regjeringen.no/")


def test_json_ld_cannot_be_closed_by_content(client):
    payload = "</script><script>alert(1)</script>"
    skien = Municipality.objects.get(slug="skien")
    skien.description_nb = payload
    skien.save()
    response = client.get("/kommuner/skien/")
    assert "<script>alert(1)" not in response.content.decode()
    soup = parse(response)
    assert len(soup.select("script")) == 1  # the JSON-LD block, and nothing broke out of it
    assert json_ld(soup)["description"] == payload  # the text itself arrives intact


def test_municipality_page_shows_last_change_and_source(client):
    drammen = Municipality.objects.get(slug="drammen")
    facts = definitions(parse(client.get(drammen.get_absolute_url())).select_one("dl.facts"))
    changed = timezone.localtime(drammen.last_modified())
    assert facts["Sist endret"].time["datetime"] == changed.isoformat()
    assert hrefs(facts["Kilde"]) == [settings.SOURCE_URL]
    assert settings.SOURCE_URL.startswith("https://www.regjeringen.no/")


def test_grant_without_amount_says_so(client):
    soup = parse(client.get("/kommuner/bergen/"))
    amounts = texts(soup, "section[aria-labelledby=grants-heading] tbody td:nth-of-type(3)")
    assert amounts == ["Ikke oppgitt i kilden"]


def test_municipality_page_offers_a_citation(client):
    soup = parse(client.get("/kommuner/drammen/"))
    citation = one(soup, "section.citation")
    assert "Foreslått kildehenvisning:" in page_text(citation)
    line = text_of(citation, ".citation__line")
    assert line.startswith("Områdesatsinger: Drammen. Sist endret ")
    assert "http://testserver/kommuner/drammen/ (lest " in line
    assert "/data/kommuner/drammen.json" in hrefs(citation)
