"""The document library at /dokumenter/ (sitewide.library) and where else documents show:
the city page, search, the feeds, open data, the DCAT catalogue."""

import csv
import io

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from core.paging import PER_PAGE
from municipalities.models import Municipality
from programs.models import Document
from tests.support.html import hrefs, one, page_text, parse, text_of, texts

pytestmark = pytest.mark.django_db


def titles(response):
    return texts(parse(response), ".document-list h3 a")


def test_the_library_lists_every_published_document(client):
    response = client.get("/dokumenter/")
    assert response.status_code == 200
    shown = titles(response)
    assert len(shown) == Document.objects.published().count() == 18
    assert "18 dokumenter" in text_of(parse(response), "#results-heading")


def test_filtering_by_municipality_includes_documents_through_its_agreements(client):
    shown = titles(client.get("/dokumenter/?kommune=drammen"))
    assert shown == [
        "Områdesatsingene i Drammen",
        "Samarbeidsavtalen mellom Drammen kommune og staten",
    ]


def test_filters_combine_and_say_what_is_chosen(client):
    response = client.get("/dokumenter/?type=agreement&aar=2023")
    assert titles(response) == ["Samarbeidsavtalen mellom Skien kommune og staten"]
    page = parse(response)
    assert text_of(page, "#results-heading") == "1 dokument: Avtale, 2023"
    assert one(page, "#id_type option[selected]")["value"] == "agreement"
    assert "/dokumenter/" in hrefs(page)  # back to all


def test_the_filter_offers_only_municipalities_with_documents_and_known_years(client):
    page = parse(client.get("/dokumenter/"))
    municipalities = texts(page, "#id_kommune option")[1:]
    assert "Drammen" in municipalities
    assert "Tromsø" not in municipalities  # the source names no document about it
    assert texts(page, "#id_aar option")[1:] == ["2023"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/dokumenter/?type=brosjyre", "«brosjyre» finnes ikke i listen"),
        ("/dokumenter/?kommune=tromso", "«tromso» finnes ikke i listen"),
        ("/dokumenter/?aar=totusen", "«totusen» finnes ikke i listen"),
        ("/en/dokumenter/?aar=1850", "“1850” is not in the list"),
        ("/nn/dokumenter/?type=x", "«x» finst ikkje i lista"),
    ],
)
def test_a_filter_that_does_not_exist_is_a_400_said_on_the_field(client, path, message):
    response = client.get(path)
    assert response.status_code == 400
    page = parse(response)
    assert message in text_of(page, ".ds-validation-message")
    assert one(page, "select[aria-invalid=true]")
    assert one(page, "[role=alert]")


def test_a_long_library_is_paged_and_keeps_its_filters(client):
    drammen = Municipality.objects.get(slug="drammen")
    for number in range(PER_PAGE + 5):
        document = Document.objects.create(
            title=f"Rapport {number:03}",
            title_nb=f"Rapport {number:03}",
            slug=f"rapport-{number:03}",
            kind=Document.Kind.RESEARCH_REPORT,
        )
        document.municipalities.add(drammen)
    Document.objects.filter(slug__startswith="rapport-").update(published_at="2026-11-29T03:00Z")
    first = client.get("/dokumenter/?kommune=drammen")
    assert len(titles(first)) == PER_PAGE
    assert "/dokumenter/?kommune=drammen&side=2" in hrefs(parse(first))
    second = client.get("/dokumenter/?kommune=drammen&side=2")
    assert len(titles(second)) == PER_PAGE + 5 + 2 - PER_PAGE
    assert client.get("/dokumenter/?kommune=drammen&side=9").status_code == 404


def test_staff_previewing_see_draft_documents_marked_as_drafts(editor_client, drafts):
    response = editor_client.get("/dokumenter/?forhandsvis=1")
    assert "Hemmelig rapport" in titles(response)
    detail = editor_client.get("/dokumenter/hemmelig-rapport/?forhandsvis=1")
    assert detail.status_code == 200
    assert "Utkast" in page_text(parse(detail))


def test_a_document_page_says_where_to_find_a_document_without_an_address(client):
    page = parse(client.get("/dokumenter/drammen-kommunens-side/"))
    text = page_text(page)
    assert "Vi har ikke adressen til dokumentet" in text
    assert "På kommunens nettsted" in text
    assert "Drammen kommune" in text  # the publisher
    assert "/kommuner/drammen/" in hrefs(page)


def test_a_document_page_links_the_document_when_the_address_is_known(client):
    page = parse(client.get("/en/dokumenter/prop-1-s-2023-2024/"))
    assert "https://www.regjeringen.no/no/dokumenter/prop.-1-s-20232024/id2997517/" in hrefs(page)
    text = page_text(page)
    assert "Budget proposition" in text
    assert "Ministry of Local Government and Regional Development" in text
    assert "Nynorsk" in text


def test_the_city_page_lists_its_documents_and_links_the_budget_document(client):
    page = parse(client.get("/kommuner/drammen/"))
    section = one(page, "section[aria-labelledby=documents-heading]")
    assert texts(section, "h3 a") == [
        "Områdesatsingene i Drammen",
        "Samarbeidsavtalen mellom Drammen kommune og staten",
    ]
    assert "/dokumenter/?kommune=drammen" in hrefs(section)
    # The agreement points to its document in the library.
    agreement = one(page, "article.agreement")
    assert "/dokumenter/samarbeidsavtalen-mellom-drammen-kommune-og-staten/" in hrefs(agreement)
    assert "/dokumenter/prop-1-s-2023-2024/" in hrefs(page, "table a")


def test_search_finds_documents_by_title_and_reference(client):
    for query in ("skilnader", "Meld. St. 28"):
        page = parse(client.get("/sok/", {"q": query}))
        assert "/dokumenter/meld-st-28-2022-2023/" in hrefs(
            page, "section[aria-labelledby=results-documents] a"
        ), query


def test_a_documents_changes_are_in_the_site_and_city_feeds(client):
    document = Document.objects.get(slug="drammen-kommunens-side")
    document._change_reason = ""
    document.description_nb = "Ny beskrivelse av siden."
    document.save()
    for path in ("/endringer.atom", "/kommuner/drammen/endringer.atom"):
        body = client.get(path).content.decode()
        assert "Områdesatsingene i Drammen: endret" in body, path
        assert "http://testserver/dokumenter/drammen-kommunens-side/" in body, path
    assert (
        "drammen-kommunens-side" not in client.get("/kommuner/oslo/endringer.atom").content.decode()
    )


def test_open_data_lists_the_documents_with_their_municipalities_as_text(client):
    text = client.get("/data/dokumenter.csv").content.decode("utf-8-sig")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text))}
    assert len(rows) == 18
    agreement = rows["samarbeidsavtalen-mellom-drammen-kommune-og-staten"]
    assert agreement["kind"] == "agreement"
    assert agreement["municipality_slugs"] == "drammen"
    assert agreement["document_url"] == ""
    white_paper = rows["meld-st-28-2022-2023"]
    assert white_paper["reference"] == "Meld. St. 28 (2022–2023)"
    assert white_paper["language"] == "nn"
    assert white_paper["document_url"].startswith("https://www.regjeringen.no/")


def test_a_municipalitys_json_has_its_documents(client):
    data = client.get("/data/kommuner/drammen.json").json()
    slugs = [d["slug"] for d in data["municipality"]["documents"]]
    assert sorted(slugs) == [
        "drammen-kommunens-side",
        "samarbeidsavtalen-mellom-drammen-kommune-og-staten",
    ]
    assert client.get("/data/kommuner/tromso.json").json()["municipality"]["documents"] == []


def test_the_catalogue_describes_the_documents_dataset(client):
    graph = Graph().parse(data=client.get("/data/katalog.ttl").content, format="turtle")
    node = URIRef("http://testserver/data/#dokumenter")
    assert node in set(graph.subjects(RDF.type, DCAT.Dataset))
    titles = {title.language: str(title) for title in graph.objects(node, DCTERMS.title)}
    assert titles == {"nb": "Dokumenter", "nn": "Dokument", "en": "Documents"}
    assert len(list(graph.objects(node, DCAT.distribution))) == 9
