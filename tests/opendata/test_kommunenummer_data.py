"""Kommunenumre in the open data: as text (Oslo is 0301), today's and the earlier ones."""

import csv
import io
import json
import re

import pytest

from municipalities.models import Municipality, MunicipalityNumber
from tests.support.html import hrefs, parse

pytestmark = pytest.mark.django_db


def csv_rows(client, path):
    text = client.get(path).content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def json_of(client, path):
    return json.loads(client.get(path).content)


def re_match(pattern, value):
    """Whether ``value`` matches a CSVW format (an ECMAScript regular expression; these are
    plain enough for Python's)."""
    return re.search(pattern, value) is not None


def test_oslo_is_0301_in_the_csv_and_the_json(client):
    rows = {row["slug"]: row for row in csv_rows(client, "/data/kommuner.csv")}
    records = {r["slug"]: r for r in json_of(client, "/data/kommuner.json")["records"]}
    assert rows["oslo"]["kommunenummer"] == "0301"
    assert records["oslo"]["kommunenummer"] == "0301"  # a string, not the number 301
    one = json_of(client, "/data/kommuner/oslo.json")["municipality"]
    assert one["kommunenummer"] == "0301"


def test_every_municipality_has_its_number_in_csv_and_json(client):
    stored = dict(Municipality.objects.values_list("slug", "kommunenummer"))
    assert len(stored) == 14
    assert all(stored.values())
    rows = {row["slug"]: row["kommunenummer"] for row in csv_rows(client, "/data/kommuner.csv")}
    records = json_of(client, "/data/kommuner.json")["records"]
    assert rows == stored
    assert {r["slug"]: r["kommunenummer"] for r in records} == stored


def test_csv_on_the_web_says_the_numbers_are_four_digit_text(client):
    for key in ("kommuner", "tidligere-kommunenumre"):
        metadata = json_of(client, f"/data/{key}.csv-metadata.json")
        columns = {c["name"]: c for c in metadata["tableSchema"]["columns"]}
        datatype = columns["kommunenummer"]["datatype"]
        assert datatype["base"] == "string"
        assert all(
            re_match(datatype["format"], row["kommunenummer"])
            for row in csv_rows(client, f"/data/{key}.csv")
            if row["kommunenummer"]
        )
        assert not re_match(datatype["format"], "301")
        assert columns["kommunenummer"]["dc:description"]
    schema = json_of(client, "/data/kommuner.json")["metadata"]["schema"]
    assert next(f for f in schema if f["name"] == "kommunenummer")["type"] == "string"


def test_earlier_numbers_are_a_dataset_with_their_validity(client):
    stored = MunicipalityNumber.objects.select_related("municipality")
    expected = {
        (n.municipality.slug, n.kommunenummer, n.valid_from.isoformat(), n.valid_to.isoformat())
        for n in stored
    }
    assert len(expected) == 8
    rows = csv_rows(client, "/data/tidligere-kommunenumre.csv")
    records = json_of(client, "/data/tidligere-kommunenumre.json")["records"]
    for found in (rows, records):
        assert {
            (r["municipality_slug"], r["kommunenummer"], r["valid_from"], r["valid_to"])
            for r in found
        } == expected
    drammen = next(r for r in rows if r["municipality_slug"] == "drammen")
    assert drammen["municipality"] == "Drammen"


def test_one_municipalitys_json_has_todays_and_its_earlier_numbers(client):
    drammen = Municipality.objects.get(slug="drammen")
    document = json_of(client, "/data/kommuner/drammen.json")["municipality"]
    assert document["kommunenummer"] == drammen.kommunenummer
    assert [
        (n["kommunenummer"], n["valid_from"], n["valid_to"])
        for n in document["earlier_kommunenummer"]
    ] == [
        (n.kommunenummer, n.valid_from.isoformat(), n.valid_to.isoformat())
        for n in drammen.earlier_numbers.order_by("valid_from")
    ]
    assert document["earlier_kommunenummer"]  # Drammen had another number 2020–2023
    oslo = json_of(client, "/data/kommuner/oslo.json")["municipality"]
    assert oslo["earlier_kommunenummer"] == []


def test_earlier_numbers_of_a_draft_municipality_are_not_published(client):
    Municipality.objects.filter(slug="drammen").update(published_at=None)
    rows = csv_rows(client, "/data/tidligere-kommunenumre.csv")
    assert rows
    assert "drammen" not in {r["municipality_slug"] for r in rows}


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_numbers_are_the_same_text_in_every_language(client, prefix):
    records = json_of(client, f"{prefix}/data/tidligere-kommunenumre.json")["records"]
    bokmal = json_of(client, "/data/tidligere-kommunenumre.json")["records"]
    assert [r["kommunenummer"] for r in records] == [r["kommunenummer"] for r in bokmal]
    oslo = json_of(client, f"{prefix}/data/kommuner/oslo.json")["municipality"]
    assert oslo["kommunenummer"] == "0301"


def test_data_page_offers_the_earlier_numbers(client):
    soup = parse(client.get("/data/"))
    links = hrefs(soup)
    assert "/data/tidligere-kommunenumre.csv" in links
    assert "/data/tidligere-kommunenumre.json" in links
    assert soup.select_one("#tidligere-kommunenumre") is not None
