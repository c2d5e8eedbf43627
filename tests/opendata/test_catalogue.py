"""The DCAT-AP-NO catalogue: valid against Digdir's shapes, and complete for what /data/ offers."""

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SH, SKOS

from opendata.datasets import DATASETS
from tests.support.html import hrefs, parse

pytestmark = pytest.mark.django_db

STANDARDS = Path(__file__).parent / "standards" / "dcat-ap-no"
EU = "http://publications.europa.eu/resource/authority/"
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


def turtle(client, path="/data/katalog.ttl"):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    return Graph().parse(data=response.content.decode("utf-8"), format="turtle")


@pytest.fixture
def catalogue(client):
    return turtle(client)


def test_catalogue_conforms_to_dcat_ap_no_with_no_violations(catalogue):
    shapes = Graph().parse(STANDARDS / "DCAT-AP-NO-shacl_shapes_2.00.ttl", format="turtle")
    # The ontologies file only names what to import; nothing is fetched (imports off).
    ontologies = Graph().parse(STANDARDS / "ontologies.ttl", format="turtle")
    # Validators read the catalogue with the EU authority tables, which say which
    # table each code is in (skos:inScheme). Offline, the tables are stood in for by
    # that one statement per code the catalogue uses, read from the code's address.
    data = Graph() + catalogue
    for code in set(catalogue.objects()):
        if isinstance(code, URIRef) and code.startswith(EU):
            table = code.removeprefix(EU).split("/")[0]
            if code != URIRef(EU + table):
                data.add((code, SKOS.inScheme, URIRef(EU + table)))
    conforms, report, text = validate(
        data, shacl_graph=shapes, ont_graph=ontologies, inference="rdfs", allow_warnings=True
    )
    # The report's own results; each warning's details may hold violations of the
    # sub-shapes it tried, which are not violations of the catalogue.
    results = [
        r
        for top in report.subjects(RDF.type, SH.ValidationReport)
        for r in report.objects(top, SH.result)
    ]
    violations = [r for r in results if report.value(r, SH.resultSeverity) == SH.Violation]
    assert violations == [], text
    assert conforms, text
    warnings = {
        (str(report.value(r, SH.resultPath)), str(report.value(r, SH.resultMessage)))
        for r in results
    }
    assert warnings == set(), text


# rdflib's own JSON-LD parser still builds a ConjunctiveGraph, which rdflib deprecates.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_turtle_and_json_ld_say_the_same(client, catalogue):
    response = client.get("/data/katalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    as_json_ld = Graph().parse(data=response.content.decode("utf-8"), format="json-ld")
    assert len(catalogue) > 100
    assert isomorphic(catalogue, as_json_ld)


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_every_dataset_and_file_on_the_data_page_is_in_the_catalogue(client, catalogue, prefix):
    page = parse(client.get(f"{prefix}/data/"))
    files = {
        "http://testserver" + href
        for href in hrefs(page)
        if href.startswith(f"{prefix}/data/")
        and href.endswith((".csv", ".json"))
        and "/kommuner/" not in href  # one municipality's document: not a dataset
    }
    (root,) = catalogue.subjects(RDF.type, DCAT.Catalog)
    datasets = set(catalogue.objects(root, DCAT.dataset))
    assert {str(d).split("#")[1] for d in datasets} == {d.key for d in DATASETS}
    language = URIRef(EU + "language/" + {"": "NOB", "/nn": "NNO", "/en": "ENG"}[prefix])
    downloads = {
        str(url)
        for dataset in datasets
        for distribution in catalogue.objects(dataset, DCAT.distribution)
        if catalogue.value(distribution, DCTERMS.language) == language
        for url in catalogue.objects(distribution, DCAT.downloadURL)
    }
    assert files == downloads
    assert len(downloads) == 3 * len(DATASETS)  # CSV, JSON and CSVW metadata


def test_each_file_is_titled_in_its_own_language(catalogue):
    distribution = URIRef("http://testserver/data/#kommuner-csv-en")
    assert catalogue.value(distribution, DCAT.downloadURL) == URIRef(
        "http://testserver/en/data/kommuner.csv"
    )
    assert list(catalogue.objects(distribution, DCTERMS.title)) == [
        Literal("Municipalities as CSV", lang="en")
    ]


def test_each_dataset_has_its_title_in_three_languages(catalogue):
    for dataset in DATASETS:
        node = URIRef(f"http://testserver/data/#{dataset.key}")
        titles = {t.language: str(t) for t in catalogue.objects(node, DCTERMS.title)}
        assert set(titles) == {"nb", "nn", "en"}, dataset.key
        assert titles["nb"] == str(dataset.title)
    (root,) = catalogue.subjects(RDF.type, DCAT.Catalog)
    assert {t.language for t in catalogue.objects(root, DCTERMS.title)} == {"nb", "nn", "en"}


def test_the_english_titles_are_english(catalogue):
    node = URIRef("http://testserver/data/#kommuner")
    assert Literal("Municipalities", lang="en") in set(catalogue.objects(node, DCTERMS.title))


def test_publisher_licence_themes_and_coverage(catalogue, settings):
    publisher = URIRef(
        "https://organization-catalog.fellesdatakatalog.digdir.no/organizations/972417858"
    )
    assert settings.PUBLISHER_ORGANIZATION_NUMBER == "972417858"
    node = URIRef("http://testserver/data/#avtaler")
    assert catalogue.value(node, DCTERMS.publisher) == publisher
    assert catalogue.value(node, DCTERMS.accessRights) == URIRef(EU + "access-right/PUBLIC")
    assert URIRef(EU + "data-theme/SOCI") in set(catalogue.objects(node, DCAT.theme))
    assert catalogue.value(node, DCTERMS.spatial) == URIRef(EU + "country/NOR")
    period = catalogue.value(node, DCTERMS.temporal)
    assert catalogue.value(period, DCAT.startDate) is not None
    assert catalogue.value(node, DCTERMS.modified) is not None
    contact = catalogue.value(node, DCAT.contactPoint)
    assert catalogue.value(contact, VCARD.hasURL) == URIRef(settings.DATA_CONTACT_URL)
    for distribution in catalogue.objects(node, DCAT.distribution):
        assert catalogue.value(distribution, DCTERMS.license) == URIRef(EU + "licence/NLOD_2_0")


def test_the_catalogue_is_the_same_whatever_the_language_of_the_address(client, catalogue):
    assert isomorphic(turtle(client, "/en/data/katalog.ttl"), catalogue)


def test_the_data_page_links_the_catalogue(client):
    page = parse(client.get("/data/"))
    assert "/data/katalog.ttl" in hrefs(page)
    assert "/data/katalog.jsonld" in hrefs(page)


def test_publisher_and_contact_come_from_the_settings(client, settings):
    settings.PUBLISHER_ORGANIZATION_NUMBER = "991825827"
    settings.PUBLISHER_NAME = "Digitaliseringsdirektoratet"
    settings.DATA_CONTACT_EMAIL = "data@example.no"
    settings.DATA_CONTACT_URL = ""
    catalogue = turtle(client)
    publisher = URIRef(
        "https://organization-catalog.fellesdatakatalog.digdir.no/organizations/991825827"
    )
    (root,) = catalogue.subjects(RDF.type, DCAT.Catalog)
    assert catalogue.value(root, DCTERMS.publisher) == publisher
    assert catalogue.value(publisher, DCTERMS.identifier) == Literal("991825827")
    names = list(catalogue.objects(publisher, FOAF.name))
    assert names == [Literal("Digitaliseringsdirektoratet", lang="nb")]
    contact = catalogue.value(URIRef("http://testserver/data/#kommuner"), DCAT.contactPoint)
    assert catalogue.value(contact, VCARD.hasEmail) == URIRef("mailto:data@example.no")
    assert catalogue.value(contact, VCARD.hasURL) is None
