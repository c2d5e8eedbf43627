"""Bokmål at /, nynorsk at /nn/, English at /en/: interface, content, formats, links."""

import re
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from municipalities.models import Municipality
from programs.models import Grant
from tests.support.html import one, page_text, parse, text_of, texts
from tests.support.pages_catalogue import (
    LANGUAGE_PREFIXES,
    NOT_FOUND_PATH,
    PAGE_TYPES,
    PROPER_NAME_H1,
)

LOCALE = Path(settings.BASE_DIR) / "locale"
TRANSLATED = ["nn", "en"]
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\{ ?\w+ ?\}\}")


def catalogue(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_and_none_fuzzy(language):
    po = catalogue(language)
    assert len(po) > 100  # the catalogue really holds the site's messages
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy  # the header is not fuzzy either
    assert po.metadata["Language"] == language


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_every_placeholder(language):
    for entry in catalogue(language).translated_entries():
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            for text in entry.msgstr_plural.values():
                found = sorted(set(PLACEHOLDER.findall(text)))
                assert set(found) <= set(PLACEHOLDER.findall(entry.msgid_plural)) | set(wanted)
        else:
            assert sorted(PLACEHOLDER.findall(entry.msgstr)) == wanted, entry.msgid


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_matches_the_po_file(language):
    """The committed .mo files are compiled from the current .po files."""
    po = catalogue(language)
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    expected = {(e.msgctxt, e.msgid): (e.msgstr or dict(e.msgstr_plural)) for e in po if e.msgid}
    compiled = {(e.msgctxt, e.msgid): (e.msgstr or dict(e.msgstr_plural)) for e in mo if e.msgid}
    assert compiled == expected


def h1_text(soup):
    return text_of(soup, "h1")


def nav_labels(soup):
    return texts(soup, "nav.site-nav a")


def page_language(soup):
    return one(soup, "html")["lang"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize(("name", "path"), [(n, p) for n, (p, _f) in PAGE_TYPES.items()])
def test_page_type_reads_in_each_language(client, language, name, path):
    bokmal = parse(client.get(path))
    response = client.get(LANGUAGE_PREFIXES[language] + path)
    assert response.status_code == 200
    soup = parse(response)
    assert page_language(soup) == language
    assert nav_labels(soup) != nav_labels(bokmal)
    with translation.override(language):
        assert nav_labels(soup)[0] == gettext("Kommuner")
    # A real translation, not the bokmål fallback.
    assert one(soup, "h1").select('[lang="nb"]') == []
    assert h1_text(soup) == str(response.context["page_title"])
    if name in PROPER_NAME_H1:
        assert h1_text(soup) == h1_text(bokmal)
    elif language == "en":
        # Nynorsk may rightly spell a title as bokmål does ("Arbeid"); English never.
        assert h1_text(soup) != h1_text(bokmal)


@pytest.mark.django_db
def test_every_page_links_its_alternates_and_x_default(client):
    soup = parse(client.get("/nn/kommuner/drammen/"))
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")
    }
    assert alternates == {
        **{
            code: f"http://testserver{prefix}/kommuner/drammen/"
            for code, prefix in LANGUAGE_PREFIXES.items()
        },
        "x-default": "http://testserver/kommuner/drammen/",
    }
    assert one(soup, "link[rel=canonical]")["href"] == "http://testserver/nn/kommuner/drammen/"


@pytest.mark.django_db
def test_switching_language_from_a_city_page_stays_on_that_city(client):
    soup = parse(client.get("/kommuner/drammen/"))
    targets = {a["href"]: a["lang"] for a in soup.select("nav.language-switcher a")}
    assert targets == {
        "/kommuner/drammen/": "nb",
        "/nn/kommuner/drammen/": "nn",
        "/en/kommuner/drammen/": "en",
    }
    for url, language in targets.items():
        page = parse(client.get(url))
        assert h1_text(page) == "Drammen"
        assert page_language(page) == language


@pytest.mark.django_db
def test_slugs_are_the_same_in_every_language(client):
    for municipality in Municipality.objects.all():
        for prefix in LANGUAGE_PREFIXES.values():
            assert client.get(f"{prefix}/kommuner/{municipality.slug}/").status_code == 200


@pytest.mark.django_db
def test_bokmal_url_ignores_the_browser_language(client):
    response = client.get("/kommuner/", headers={"accept-language": "en"})
    assert page_language(parse(response)) == "nb"


@pytest.mark.django_db
def test_missing_translation_falls_back_to_bokmal_and_says_so(client):
    drammen = Municipality.objects.get(slug="drammen")
    drammen.description_nn = None
    drammen.save()
    soup = parse(client.get("/nn/kommuner/drammen/"))
    assert drammen.description_nb in texts(soup, 'main span[lang="nb"]')
    with translation.override("nn"):
        assert f"({gettext('bare på bokmål')})" in texts(soup, "main .fallback-note")
    # Translated text carries no such mark.
    soup = parse(client.get("/en/kommuner/drammen/"))
    assert drammen.description_en in page_text(soup)
    assert soup.select('[lang="nb"]:not(a)') == []


@pytest.mark.django_db
def test_every_fixture_record_has_nynorsk_and_english(client):
    from django.apps import apps
    from modeltranslation.translator import translator

    missing = []
    for model in translator.get_registered_models():
        if model._meta.app_label not in {"municipalities", "programs", "pages"}:
            continue
        fields = translator.get_options_for_model(model).fields
        for obj in model.objects.all():
            for field in fields:
                if getattr(obj, f"{field}_nb"):
                    for language in TRANSLATED:
                        if not getattr(obj, f"{field}_{language}"):
                            missing.append(f"{model._meta.label} {obj.pk} {field}_{language}")
    assert missing == []
    assert apps.get_model("programs", "Theme").objects.get(slug="arbeid").name_en


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", "26.–27. september 2024"),
        ("/nn", "26.–27. september 2024"),
        ("/en", "26–27 September 2024"),
    ],
)
def test_dates_in_each_language(client, prefix, expected):
    html = client.get(f"{prefix}/konferanser/erfaringskonferanse-2024/").content.decode()
    assert expected in html


@pytest.mark.django_db
def test_signing_date_in_english(client):
    assert "16 November 2023" in client.get("/en/kommuner/skien/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("", "5\xa0000\xa0000 kr"), ("/nn", "5\xa0000\xa0000 kr"), ("/en", "NOK 5,000,000")],
)
def test_amounts_in_each_language(client, prefix, expected):
    Grant.objects.filter(municipality__slug="bergen").update(amount=Decimal(5_000_000))
    html = client.get(f"{prefix}/kommuner/bergen/").content.decode()
    assert expected in html
    assert "2024" in html  # years are never grouped


@pytest.mark.django_db
@pytest.mark.parametrize("language", TRANSLATED)
def test_not_found_page_in_the_visitors_language(client, language):
    response = client.get(LANGUAGE_PREFIXES[language] + NOT_FOUND_PATH)
    assert response.status_code == 404
    soup = parse(response)
    assert page_language(soup) == language
    with translation.override(language):
        heading = gettext("Fant ikke siden")
    assert heading != "Fant ikke siden"  # really translated
    assert h1_text(soup) == heading


@pytest.mark.django_db
def test_bokmal_fallback_is_marked_in_search_results_and_breadcrumbs(client):
    from pages.models import Page
    from programs.models import FocusArea

    focus_area = FocusArea.objects.get(
        title_nb="Sysselsetting", agreement__municipality__slug="oslo"
    )
    focus_area.title_en = None
    focus_area.save()
    page = Page.objects.published().first()
    page.title_en = None
    page.save()
    path = page.get_absolute_url()  # before any request switches the language

    results = parse(client.get("/en/sok/", {"q": "Sysselsetting"}))
    marked = texts(results, 'section[aria-labelledby="results-focus_areas"] span[lang="nb"]')
    assert focus_area.title_nb in marked

    crumbs = one(parse(client.get(f"/en{path}")), "nav.ds-breadcrumbs")
    assert texts(crumbs, 'span[lang="nb"]') == [page.title_nb]
    assert crumbs.select(".fallback-note") == []  # the h1 carries the note; once is enough

    # A real translation carries no mark.
    crumbs = one(parse(client.get(f"/nn{path}")), "nav.ds-breadcrumbs")
    assert crumbs.select('[lang="nb"]') == []
