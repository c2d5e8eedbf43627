"""A municipality's and a theme's own Atom feeds (<page>endringer.atom), offered on their pages."""

import pytest
from django.utils import timezone

from municipalities.models import Municipality
from programs.models import Agreement, Document, FocusArea, Theme
from tests.support.atom import ATOM, assert_atom, entry_links, entry_titles, parse_feed
from tests.support.html import hrefs, one, parse, text_of

pytestmark = pytest.mark.django_db


def change(obj, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()


def test_a_municipalitys_feed_has_its_own_and_its_agreements_changes_and_no_one_elses(client):
    drammen = Municipality.objects.get(slug="drammen")
    change(drammen, description_nb="Ny beskrivelse.")
    change(Agreement.objects.get(municipality=drammen), purpose_nb="Et nytt formål.")
    change(Municipality.objects.get(slug="bergen"), description_nb="Også endret.")
    change(Agreement.objects.filter(municipality__slug="oslo").first(), purpose_nb="Annet.")

    feed = parse_feed(client, "/kommuner/drammen/endringer.atom")
    titles = entry_titles(feed)
    assert "Drammen: endret" in titles
    assert "Samarbeidsavtale med Drammen: endret" in titles
    assert all("Drammen" in title for title in titles), titles
    # The city's own page, or the pages of the documents about it.
    documents = {
        f"http://testserver{d.get_absolute_url()}" for d in Document.objects.concerning(drammen)
    }
    assert documents
    assert all(
        link.startswith("http://testserver/kommuner/drammen/") or link in documents
        for link in entry_links(feed)
    )
    assert feed.findtext(f"{ATOM}title") == "Endringer for Drammen"


def test_a_focus_area_saved_on_its_own_is_an_entry_about_its_agreement(client):
    focus_area = FocusArea.objects.filter(agreement__municipality__slug="drammen").first()
    change(focus_area, description_nb="Omformulert.")
    entry = parse_feed(client, "/kommuner/drammen/endringer.atom").find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Samarbeidsavtale med Drammen: endret"
    assert entry.findtext(f"{ATOM}summary") == "Endret: innsatsområder."


def test_a_themes_feed_has_only_the_agreements_serving_it(client):
    crime = Theme.objects.get(slug="kriminalitet")
    serving = set(
        Agreement.objects.published()
        .filter(focus_areas__themes=crime)
        .values_list("municipality__name", flat=True)
    )
    assert serving == {"Skien"}  # the fixtures: only Skien works on crime
    change(Agreement.objects.get(municipality__slug="skien"), purpose_nb="Et nytt formål.")
    change(Agreement.objects.get(municipality__slug="drammen"), purpose_nb="Et nytt formål.")
    change(Municipality.objects.get(slug="skien"), description_nb="Ikke om temaet.")

    titles = entry_titles(parse_feed(client, "/tema/kriminalitet/endringer.atom"))
    assert "Samarbeidsavtale med Skien: endret" in titles
    assert not [title for title in titles if "Drammen" in title]
    assert "Skien: endret" not in titles  # the municipality's own text is not about the theme
    assert all(" med Skien: " in title for title in titles), titles


def test_a_focus_area_tagged_with_a_theme_brings_its_agreement_into_the_themes_feed(client):
    crime = Theme.objects.get(slug="kriminalitet")
    assert "Samarbeidsavtale med Drammen: lagt til" not in entry_titles(
        parse_feed(client, "/tema/kriminalitet/endringer.atom")
    )
    FocusArea.objects.filter(agreement__municipality__slug="drammen").first().themes.add(crime)
    assert "Samarbeidsavtale med Drammen: lagt til" in entry_titles(
        parse_feed(client, "/tema/kriminalitet/endringer.atom")
    )


def test_a_draft_never_appears_and_a_draft_municipality_has_no_feed(client, drafts):
    change(drafts["municipality"], description_nb="Hemmelig beskrivelse.")
    change(drafts["agreement"], purpose_nb="Fortsatt hemmelig.")
    assert client.get("/kommuner/alesund/endringer.atom").status_code == 404
    for path in ("/kommuner/drammen/endringer.atom", "/tema/arbeid/endringer.atom"):
        titles = entry_titles(parse_feed(client, path))
        assert titles
        assert not [title for title in titles if "Intensjonsavtale med Drammen" in title], path
    # Published, it appears in both, as published.
    change(drafts["agreement"], published_at=timezone.now())
    for path in ("/kommuner/drammen/endringer.atom", "/tema/arbeid/endringer.atom"):
        assert "Intensjonsavtale med Drammen: publisert" in entry_titles(parse_feed(client, path))


def test_an_unpublished_municipality_loses_its_feed(client):
    assert client.get("/kommuner/bergen/endringer.atom").status_code == 200
    change(Municipality.objects.get(slug="bergen"), published_at=None)
    assert client.get("/kommuner/bergen/endringer.atom").status_code == 404


@pytest.mark.parametrize(
    "path", ["/en/kommuner/finnes-ikke/endringer.atom", "/en/tema/finnes-ikke/endringer.atom"]
)
def test_an_unknown_slug_is_a_404_in_the_visitors_language(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert text_of(parse(response), "h1") == "Page not found"


def test_a_renamed_municipalitys_old_feed_address_answers_301(client):
    change(Municipality.objects.get(slug="drammen"), slug="drammen-kommune")
    response = client.get("/nn/kommuner/drammen/endringer.atom")
    assert response.status_code == 301
    assert response["Location"] == "/nn/kommuner/drammen-kommune/endringer.atom"


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("/kommuner/drammen/", "/kommuner/drammen/endringer.atom"),
        ("/en/kommuner/drammen/", "/en/kommuner/drammen/endringer.atom"),
        ("/tema/arbeid/", "/tema/arbeid/endringer.atom"),
        ("/nn/tema/arbeid/", "/nn/tema/arbeid/endringer.atom"),
    ],
)
def test_the_page_advertises_its_feed_and_offers_to_follow_it(client, page, feed):
    soup = parse(client.get(page))
    feeds = hrefs(soup, 'head link[rel=alternate][type="application/atom+xml"]')
    assert feed in feeds
    # The site-wide feed is still offered beside it.
    assert feeds[0] in {"/endringer.atom", "/nn/endringer.atom", "/en/endringer.atom"}
    assert len(feeds) == 2
    follow = one(soup, f'main a[href="{feed}"]')
    assert follow.get_text(strip=True) in {"Følg endringer", "Follow changes", "Følg endringane"}
    assert "print-hidden" in follow.parent["class"]
    assert client.get(feed).status_code == 200


def test_a_draft_municipality_previewed_offers_no_feed(editor_client, drafts):
    soup = parse(editor_client.get("/kommuner/alesund/?forhandsvis=1"))
    assert text_of(soup, "h1") == "Ålesund"
    assert not [href for href in hrefs(soup) if href.endswith("/alesund/endringer.atom")]
    assert not soup.select('link[href$="/alesund/endringer.atom"]')


@pytest.mark.parametrize(
    ("path", "entry_title"),
    [
        ("/kommuner/drammen/endringer.atom", "Samarbeidsavtale med Drammen: endret"),
        ("/nn/kommuner/drammen/endringer.atom", "Samarbeidsavtale med Drammen: endra"),
        ("/en/kommuner/drammen/endringer.atom", "Cooperation agreement with Drammen: changed"),
        ("/tema/arbeid/endringer.atom", "Samarbeidsavtale med Drammen: endret"),
        ("/nn/tema/arbeid/endringer.atom", "Samarbeidsavtale med Drammen: endra"),
        ("/en/tema/arbeid/endringer.atom", "Cooperation agreement with Drammen: changed"),
    ],
)
def test_the_feeds_are_atom_in_each_language(client, path, entry_title):
    change(Agreement.objects.get(municipality__slug="drammen"), purpose_nb="Et nytt formål.")
    feed = parse_feed(client, path)
    assert_atom(feed, f"http://testserver{path}")
    language = {"nn": "nn", "en": "en"}.get(path.split("/")[1], "nb")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    assert entry_title in entry_titles(feed)
    prefix = "" if language == "nb" else f"/{language}"
    assert all(
        link.startswith(
            (f"http://testserver{prefix}/kommuner/", f"http://testserver{prefix}/dokumenter/")
        )
        for link in entry_links(feed)
    )
    page = path.removesuffix("endringer.atom")
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == f"http://testserver{page}"


def test_a_themes_feed_is_named_with_the_themes_name_in_the_visitors_language(client):
    theme = Theme.objects.get(slug="arbeid")
    assert theme.name_en
    feed = parse_feed(client, "/en/tema/arbeid/endringer.atom")
    assert theme.name_en in feed.findtext(f"{ATOM}title")
    assert theme.name_nb not in feed.findtext(f"{ATOM}title")


def test_the_feeds_are_not_in_the_sitemap(client):
    assert b"endringer.atom" not in client.get("/sitemap.xml").content
