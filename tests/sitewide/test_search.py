"""Search finds what journalists type, on SQLite and on PostgreSQL, and never breaks."""

import pytest
from django.db import connection

from municipalities.models import Area, Municipality
from sitewide.search import KINDS, MAX_QUERY_LENGTH, clean_query
from tests.support.html import hrefs, one, page_text, parse, texts

pytestmark = pytest.mark.django_db


def groups(soup):
    """{group key: [result titles]} from the search page, in the page's order."""
    return {
        section["aria-labelledby"].removeprefix("results-"): texts(section, "li > a")
        for section in soup.select('section[aria-labelledby^="results-"]')
    }


def result_links(soup):
    return hrefs(soup, 'section[aria-labelledby^="results-"] li > a')


def search(client, query, prefix=""):
    response = client.get(f"{prefix}/sok/", {"q": query})
    assert response.status_code == 200
    return parse(response)


def test_area_name_finds_its_municipality(client):
    found = groups(search(client, "Strømsø"))
    assert "Drammen" in found["municipalities"]
    assert "Strømsø" in found["areas"]


def test_focus_area_finds_the_cities_with_it(client):
    found = groups(search(client, "sysselsetting"))
    assert {"Oslo", "Drammen", "Fredrikstad"} <= set(found["municipalities"])
    assert found["focus_areas"].count("Sysselsetting") == 3


def test_lowercase_and_part_of_a_word_still_find(client):
    assert "Tromsø" in groups(search(client, "tromsø"))["municipalities"]
    assert "Strømsø" in groups(search(client, "Strøm"))["areas"]


def test_theme_conference_and_page_are_found(client):
    assert "Folkehelse" in groups(search(client, "folkehelse"))["themes"]
    assert (
        "Erfaringskonferanse 2024" in groups(search(client, "erfaringskonferanse"))["conferences"]
    )
    assert "Kunnskapsoverføring og Bynettverket" in groups(search(client, "Bynettverket"))["pages"]


def test_results_link_to_their_pages(client):
    links = result_links(search(client, "Strømsø"))
    assert "/kommuner/drammen/" in links
    assert "/kommuner/drammen/#omrade-stromso" in links


def test_search_in_english_finds_english_text(client):
    soup = search(client, "employment", prefix="/en")
    assert "Drammen" in groups(soup)["municipalities"]
    assert one(soup, "html")["lang"] == "en"
    assert "/en/kommuner/drammen/" in result_links(soup)


def searched_texts(kind, obj):
    """Every text the bokmål search looks at for ``obj``, casefolded."""
    texts = []
    for name in [*kind.fields, *(f"{field}_nb" for field in kind.translated)]:
        value = obj
        for part in name.split("__"):
            value = getattr(value, part, None)
        texts.append(str(value or "").casefold())
    return texts


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL-only")
@pytest.mark.parametrize(
    ("query", "record", "group", "title"),
    [
        # Tøyen's description: "Sørli lekepark er et av resultatene."
        ("lekeparkene", lambda: Area.objects.get(slug="toyen"), "areas", "Tøyen"),
        # Trondheim's: "Trondheim inngikk en intensjonsavtale med staten i 2022 …"
        (
            "intensjonsavtalene",
            lambda: Municipality.objects.get(slug="trondheim"),
            "municipalities",
            "Trondheim",
        ),
    ],
)
def test_postgresql_finds_another_inflection_of_a_word(client, query, record, group, title):
    # The definite plural is in no text at all, so only the Norwegian stemmer
    # (lekeparkene → lekepark) can find the one record with the singular.
    record = record()
    kind = next(kind for kind in KINDS if isinstance(record, kind.model))
    everything = [
        text
        for each in KINDS
        for obj in each.model.objects.all()
        for text in searched_texts(each, obj)
    ]
    assert not [text for text in everything if query in text]
    assert any(query.removesuffix("ene") in text for text in searched_texts(kind, record))
    assert title in groups(search(client, query)).get(group, [])


def test_no_match_gets_a_normal_page(client):
    soup = search(client, "xyzzy-finnes-ikke")
    assert page_text(one(soup, ".search-summary")).startswith("0 treff")
    assert groups(soup) == {}


def test_empty_query_shows_only_the_form(client):
    soup = search(client, "")
    assert one(soup, "form.search-form input[name=q]")
    assert soup.select(".search-summary") == []
    assert groups(soup) == {}


@pytest.mark.parametrize(
    "query",
    [
        '"Strømsø',
        "100%",
        "a\x00b",
        "\x00",
        "'; DROP TABLE municipalities_municipality; --",
        "مرحبا بالعالم",
        "שלום",
        "🏙️ by",
        "\u202eRTL override",
        "&<script>alert(1)</script>",
        "   ",
        "a" * 5000,
        "OR AND NOT -",
        "\\",
    ],
)
def test_odd_input_gets_a_normal_page(client, query):
    response = client.get("/sok/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()
    soup = parse(response)
    one(soup, "h1")
    assert [tag.get("src") for tag in soup.select("script")] == [
        tag.get("src") for tag in parse(client.get("/sok/")).select("script")
    ]  # no script of the query's making


@pytest.mark.parametrize("raw", ["%ff%fe", "%00%00", "%ED%A0%80", "%"])
def test_undecodable_bytes_in_the_query_string_get_a_normal_page(client, raw):
    response = client.get(f"/sok/?q={raw}")
    assert response.status_code == 200


def test_query_is_cleaned_and_capped():
    assert clean_query("  Strømsø \x00 by\n ") == "Strømsø by"
    assert len(clean_query("x" * 5000)) == MAX_QUERY_LENGTH
    assert clean_query("\u202eabc") == "\u202eabc"  # bidi marks are text, kept


def test_search_page_works_in_nynorsk(client):
    soup = search(client, "Strømsø", prefix="/nn")
    assert one(soup, "html")["lang"] == "nn"
    assert "/nn/kommuner/drammen/" in result_links(soup)
