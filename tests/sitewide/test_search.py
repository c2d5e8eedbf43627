"""Search finds what journalists type, on SQLite and on PostgreSQL, and never breaks."""

import re

import pytest
from django.db import connection

from sitewide.search import MAX_QUERY_LENGTH, clean_query

pytestmark = pytest.mark.django_db


def groups(html):
    """{group heading id: [result titles]} from the search page."""
    found = {}
    for key, body in re.findall(
        r'<section aria-labelledby="results-(\w+)">(.*?)</section>', html, re.S
    ):
        found[key] = re.findall(r'<a class="ds-link" href="[^"]+">([^<]+)</a>', body)
    return found


def search(client, query, prefix=""):
    response = client.get(f"{prefix}/sok/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_area_name_finds_its_municipality(client):
    found = groups(search(client, "Strømsø"))
    assert "Drammen" in found["municipalities"]
    assert "Strømsø" in found["areas"]


def test_focus_area_finds_the_cities_with_it(client):
    found = groups(search(client, "sysselsetting"))
    assert {"Oslo", "Drammen", "Fredrikstad"} <= set(found["municipalities"])
    assert found["focus_areas"].count("Sysselsetting") == 3


def test_lowercase_and_part_of_a_word(client):
    assert "Tromsø" in groups(search(client, "tromsø"))["municipalities"]
    assert "Strømsø" in groups(search(client, "Strøm"))["areas"]


def test_theme_conference_and_page_are_found(client):
    assert "Folkehelse" in groups(search(client, "folkehelse"))["themes"]
    assert (
        "Erfaringskonferanse 2024" in groups(search(client, "erfaringskonferanse"))["conferences"]
    )
    assert "Kunnskapsoverføring og Bynettverket" in groups(search(client, "Bynettverket"))["pages"]


def test_results_link_to_their_pages(client):
    html = search(client, "Strømsø")
    assert 'href="/kommuner/drammen/"' in html
    assert 'href="/kommuner/drammen/#omrade-stromso"' in html


def test_search_in_english_finds_english_text(client):
    found = groups(search(client, "employment", prefix="/en"))
    assert "Drammen" in found["municipalities"]
    html = search(client, "employment", prefix="/en")
    assert '<html lang="en"' in html
    assert 'href="/en/kommuner/drammen/' in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL-only")
def test_postgresql_stems_norwegian_words(client):
    # "områdesatsingene" (definite plural) finds pages that say "områdesatsing".
    assert groups(search(client, "samarbeidsavtalene"))


def test_no_match_gets_a_normal_page(client):
    html = search(client, "xyzzy-finnes-ikke")
    assert "0 treff" in html
    assert groups(html) == {}


def test_empty_query_shows_only_the_form(client):
    html = search(client, "")
    assert 'name="q"' in html
    assert "treff" not in html


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
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1


@pytest.mark.parametrize("raw", ["%ff%fe", "%00%00", "%ED%A0%80", "%"])
def test_undecodable_bytes_in_the_query_string_get_a_normal_page(client, raw):
    response = client.get(f"/sok/?q={raw}")
    assert response.status_code == 200


def test_query_is_cleaned_and_capped():
    assert clean_query("  Strømsø \x00 by\n ") == "Strømsø by"
    assert len(clean_query("x" * 5000)) == MAX_QUERY_LENGTH
    assert clean_query("\u202eabc") == "\u202eabc"  # bidi marks are text, kept


def test_search_page_works_in_nynorsk(client):
    html = search(client, "Strømsø", prefix="/nn")
    assert '<html lang="nn"' in html
    assert 'href="/nn/kommuner/drammen/"' in html
