"""Every download parses back to exactly the facts in the database."""

import csv
import io
import json

import pytest
from django.urls import reverse

from municipalities.models import Area, Municipality, MunicipalityNumber
from opendata.datasets import DATASETS, LIST_SEPARATOR
from programs.models import Agreement, Conference, Document, FocusArea, Grant
from tests.support.html import hrefs, page_text, parse, texts

pytestmark = pytest.mark.django_db

MODELS = {
    "kommuner": Municipality,
    "tidligere-kommunenumre": MunicipalityNumber,
    "omrader": Area,
    "avtaler": Agreement,
    "innsatsomrader": FocusArea,
    "tilskudd": Grant,
    "konferanser": Conference,
    "dokumenter": Document,
}


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheets read the file as UTF-8
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def read_json(response):
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_every_collection_is_offered():
    assert {dataset.key for dataset in DATASETS} == set(MODELS)


@pytest.mark.parametrize("key", MODELS)
def test_csv_and_json_have_one_row_per_record_with_the_documented_columns(client, key):
    dataset = next(d for d in DATASETS if d.key == key)
    names = [c.name for c in dataset.columns]
    rows = read_csv(client.get(reverse("opendata:csv", args=[key])))
    document = read_json(client.get(reverse("opendata:json", args=[key])))
    assert len(rows) == len(document["records"]) == MODELS[key].objects.count() > 0
    assert list(rows[0]) == names
    assert list(document["records"][0]) == names
    assert [field["name"] for field in document["metadata"]["schema"]] == names


def test_agreements_parse_back_to_the_database(client):
    rows = {int(r["id"]): r for r in read_csv(client.get("/data/avtaler.csv"))}
    records = {r["id"]: r for r in read_json(client.get("/data/avtaler.json"))["records"]}
    skien = Agreement.objects.get(municipality__slug="skien", stage="concluded")
    assert rows[skien.pk]["signed_on"] == "2023-11-16"
    assert rows[skien.pk]["duration_years"] == "5"
    assert rows[skien.pk]["extension_possible"] == "true"
    assert rows[skien.pk]["end_year"] == ""  # not given by the source: empty, not invented
    assert records[skien.pk]["signed_on"] == "2023-11-16"
    assert records[skien.pk]["end_year"] is None
    assert records[skien.pk]["ministries"] == ["Kommunal- og distriktsdepartementet"]
    drammen = Agreement.objects.get(municipality__slug="drammen")
    assert rows[drammen.pk]["areas"] == "Strømsø"
    assert rows[drammen.pk]["status"] == drammen.status
    trondheim = Agreement.objects.get(municipality__slug="trondheim", stage="concluded")
    assert rows[trondheim.pk]["areas"].split(LIST_SEPARATOR) == ["Lademoen", "Tempe/Sorgenfri"]
    assert records[trondheim.pk]["kind"] == "intensjonsavtale"


def test_focus_areas_carry_their_themes_in_order(client):
    records = read_json(client.get("/data/innsatsomrader.json"))["records"]
    drammen = [r for r in records if r["municipality_slug"] == "drammen"]
    assert [r["order"] for r in drammen] == [1, 2, 3, 4]
    assert drammen[0]["title"] == "Sysselsetting"
    assert drammen[0]["theme_slugs"] == ["arbeid"]


def test_grants_have_empty_amounts(client):
    rows = read_csv(client.get("/data/tilskudd.csv"))
    assert len(rows) == 14
    assert {r["amount_nok"] for r in rows} == {""}
    assert {r["budget_document"] for r in rows} == {"Prop. 1 S (2023–2024)"}
    records = read_json(client.get("/data/tilskudd.json"))["records"]
    assert {r["amount_nok"] for r in records} == {None}


def test_conference_dates_and_place_are_in_the_data(client):
    (record,) = read_json(client.get("/data/konferanser.json"))["records"]
    assert record["start_date"] == "2024-09-26"
    assert record["end_date"] == "2024-09-27"
    assert record["ordinal"] == 4
    assert record["place"] == "Oslo"


def test_municipality_links_are_absolute(client):
    records = read_json(client.get("/data/kommuner.json"))["records"]
    tromso = next(r for r in records if r["slug"] == "tromso")
    assert tromso["page_url"] == "http://testserver/kommuner/tromso/"
    assert tromso["name"] == "Tromsø"
    assert tromso["latitude"] == pytest.approx(69.6492)


def test_every_file_states_licence_and_attribution(client):
    document = read_json(client.get("/data/kommuner.json"))
    metadata = document["metadata"]
    assert metadata["licence"]["url"] == "https://data.norge.no/nlod/no/2.0"
    assert "NLOD" in metadata["attribution"]
    assert metadata["source"].startswith("https://www.regjeringen.no/")
    response = client.get("/data/kommuner.csv")
    assert 'rel="describedby"' in response["Link"]
    assert 'rel="license"' in response["Link"]
    csvw = json.loads(client.get("/data/kommuner.csv-metadata.json").content)
    assert csvw["dc:license"]["@id"] == "https://data.norge.no/nlod/no/2.0"
    assert csvw["url"] == "http://testserver/data/kommuner.csv"
    columns = csvw["tableSchema"]["columns"]
    assert [c["name"] for c in columns][:2] == ["slug", "name"]
    assert next(c for c in columns if c["name"] == "areas")["separator"] == LIST_SEPARATOR


def test_data_page_shows_licence_attribution_and_columns(client):
    soup = parse(client.get("/data/"))
    assert "NLOD" in page_text(soup)
    links = hrefs(soup)
    assert "https://data.norge.no/nlod/no/2.0" in links
    columns = texts(soup, 'th[scope="row"] code')
    for dataset in DATASETS:
        assert f"/data/{dataset.key}.csv" in links
        assert f"/data/{dataset.key}.json" in links
        for column in dataset.columns:
            assert column.name in columns


def test_one_municipality_as_json_has_its_areas_agreements_and_grants(client):
    document = read_json(client.get("/data/kommuner/trondheim.json"))
    municipality = document["municipality"]
    assert municipality["name"] == "Trondheim"
    assert [a["name"] for a in municipality["areas"]] == ["Lademoen", "Tempe/Sorgenfri"]
    assert len(municipality["agreements"]) == 2
    intention = next(a for a in municipality["agreements"] if a["kind"] == "intensjonsavtale")
    assert len(intention["focus_areas"]) == 5
    assert municipality["grants"][0]["year"] == 2024
    assert document["metadata"]["licence"]["name"].startswith("Norsk lisens")


def test_unknown_dataset_or_municipality_is_404(client):
    assert client.get("/data/finnes-ikke.csv").status_code == 404
    assert client.get("/data/kommuner/finnes-ikke.json").status_code == 404


def test_english_data_has_english_text_and_the_same_field_names(client):
    bokmal = read_json(client.get("/data/innsatsomrader.json"))
    english = read_json(client.get("/en/data/innsatsomrader.json"))
    assert list(english["records"][0]) == list(bokmal["records"][0])
    titles = {r["title"] for r in english["records"]}
    assert "Employment" in titles
    assert english["metadata"]["licence"]["url"] == "https://data.norge.no/nlod/en/2.0"
