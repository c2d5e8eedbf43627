"""Drafts are invisible to the public; staff preview them (?forhandsvis=1) as they will look."""

import pytest

from municipalities.models import Municipality
from programs.models import Agreement, FocusArea, Ministry, Theme
from tests.support.html import hrefs, page_text, parse, text_of

pytestmark = pytest.mark.django_db

PUBLIC_SURFACES = [
    "/",
    "/kommuner/",
    "/kommuner/drammen/",
    "/avtaler/",
    "/tema/",
    "/tema/arbeid/",
    "/departementer/",
    "/konferanser/",
    "/om/",
    "/om/kunnskapsoverforing/",  # lists the conferences and the other pages
    "/sitemap.xml",
    "/endringer.atom",
    "/kommuner/drammen/endringer.atom",  # the draft agreement is Drammen's
    "/tema/arbeid/endringer.atom",  # and serves this theme
    "/data/kommuner.json",
    "/data/omrader.csv",
    "/data/avtaler.json",
    "/data/innsatsomrader.csv",
    "/data/konferanser.json",
    "/data/tilskudd.csv",
    "/konferanser/kalender.ics",
    "/en/kommuner/",
    "/dokumenter/",
    "/dokumenter/?kommune=drammen",
    "/om/styringsdokumenter/",
    "/data/dokumenter.json",
    "/data/katalog.ttl",
]
SECRETS = ["Ålesund", "alesund", "Hemmelig", "hemmelig"]


def test_drafts_appear_nowhere_in_public(client, drafts):
    for path in PUBLIC_SURFACES:
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode()
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} on {path}"
    for query in ("hemmelig", "Ålesund"):
        results = parse(client.get("/sok/", {"q": query}))
        assert results.select("section[aria-labelledby^=results-]") == [], query
        assert "0 treff" in page_text(results), query
    for path in [
        "/kommuner/alesund/",
        "/konferanser/hemmelig-konferanse/",
        "/konferanser/hemmelig-konferanse/kalender.ics",
        "/om/hemmelig-side/",
        "/data/kommuner/alesund.json",
        "/kommuner/alesund/endringer.atom",
        "/dokumenter/hemmelig-rapport/",
    ]:
        assert client.get(path).status_code == 404, path
    # A draft municipality is no choice in the library, nor a year only a draft is from.
    for path in ["/dokumenter/?kommune=alesund", "/dokumenter/?aar=2031"]:
        assert client.get(path).status_code == 400, path


def matrix_rows(response):
    """The municipalities (their addresses) that are rows of the theme matrix on /tema/."""
    return hrefs(parse(response), 'th[scope="row"] a')


def part_in(response, ministry):
    """«Part i N avtaler» as the bodies page says it for ``ministry``."""
    return text_of(parse(response), f"li#{ministry.anchor} summary")


def test_drafts_are_not_counted_in_lists_and_matrices(client, editor_client, drafts):
    # A draft agreement in Tromsø (which has no focus areas of its own) serving
    # a theme, and the fixture's draft in Drammen with KDD as party: neither is
    # counted by the public theme matrix or the bodies page; both are in preview.
    tromso = Municipality.objects.get(slug="tromso")
    draft = Agreement.objects.create(municipality=tromso, kind="intensjonsavtale", end_year=2031)
    focus = FocusArea.objects.create(agreement=draft, order=1, title="Utkast", title_nb="Utkast")
    focus.themes.add(Theme.objects.get(slug="arbeid"))
    kdd = Ministry.objects.get(abbreviation="KDD")
    published = Agreement.objects.published().filter(ministries=kdd).count()

    assert "/kommuner/tromso/" not in matrix_rows(client.get("/tema/"))
    assert "/kommuner/tromso/" in matrix_rows(editor_client.get("/tema/?forhandsvis=1"))
    assert part_in(client.get("/departementer/"), kdd) == f"Part i {published} avtaler"
    preview = editor_client.get("/departementer/?forhandsvis=1")
    assert part_in(preview, kdd) == f"Part i {published + 1} avtaler"


def test_preview_parameter_does_nothing_for_the_public(client, drafts):
    assert client.get("/kommuner/alesund/?forhandsvis=1").status_code == 404
    response = client.get("/kommuner/drammen/?forhandsvis=1")
    assert "Hemmelig formål" not in response.content.decode()
    assert parse(response).select(".preview-banner") == []


def test_staff_preview_shows_drafts_as_they_will_look(editor_client, drafts):
    response = editor_client.get("/kommuner/alesund/?forhandsvis=1")
    assert response.status_code == 200
    soup = parse(response)
    assert text_of(soup, "h1") == "Ålesund"
    assert "Utkast – ikke publisert" in [tag.get_text() for tag in soup.select(".ds-tag")]
    assert "Forhåndsvisning" in text_of(soup, ".preview-banner")
    assert response["Cache-Control"] == "private, no-store"
    drammen = page_text(parse(editor_client.get("/kommuner/drammen/?forhandsvis=1")))
    assert "Hemmelig formål" in drammen
    assert "Hemmelig innsats" in drammen
    # Without the parameter, staff see the public page.
    public = parse(editor_client.get("/kommuner/drammen/"))
    assert "Hemmelig formål" not in page_text(public)
    assert public.select(".preview-banner") == []


def test_published_agreement_of_a_draft_municipality_stays_hidden(client, drafts):
    agreement = Agreement.objects.create(municipality=drafts["municipality"], end_year=2030)
    agreement.publish(None)
    assert agreement.is_published
    listing = client.get("/avtaler/")
    assert "Ålesund" not in page_text(parse(listing))
    assert not [href for href in hrefs(parse(listing)) if "/kommuner/alesund/" in href]
    records = client.get("/data/avtaler.json").json()["records"]
    assert agreement.pk not in {record["id"] for record in records}
