"""Kommunenummer: today's number and the earlier ones, in the data, the admin and on the page.

The expected numbers below are SSB's (KLASS 131, Standard for kommuneinndeling),
checked as the README says; the tests hold the fixture and the database to them.
"""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext

from municipalities.models import Municipality, MunicipalityNumber
from tests.support.admin_forms import admin_post_data, change_url
from tests.support.html import definitions, one, parse, texts

pytestmark = pytest.mark.django_db

# Valid from 1 January 2024 (the split of Viken, Vestfold og Telemark and Troms og Finnmark).
NUMBERS_2024 = {
    "Oslo": "0301",
    "Bergen": "4601",
    "Drammen": "3301",
    "Stavanger": "1103",
    "Trondheim": "5001",
    "Sarpsborg": "3105",
    "Fredrikstad": "3107",
    "Kristiansand": "4204",
    "Skien": "4003",
    "Larvik": "3909",
    "Gjøvik": "3407",
    "Halden": "3101",
    "Indre Østfold": "3118",
    "Tromsø": "5501",
}
# Valid 1 January 2020 to 31 December 2023, where the number was another.
NUMBERS_2020_2023 = {
    "Drammen": "3005",
    "Sarpsborg": "3003",
    "Fredrikstad": "3004",
    "Skien": "3807",
    "Larvik": "3805",
    "Halden": "3001",
    "Indre Østfold": "3014",
    "Tromsø": "5401",
}
# The first two digits of a kommunenummer are its county's number (SSB, KLASS 104).
COUNTY_NUMBERS = {
    "Oslo": "03",
    "Rogaland": "11",
    "Østfold": "31",
    "Buskerud": "33",
    "Innlandet": "34",
    "Vestfold": "39",
    "Telemark": "40",
    "Agder": "42",
    "Vestland": "46",
    "Trøndelag": "50",
    "Troms": "55",
}
FOUR_DIGITS = re.compile(r"\d{4}")
# The facts under the heading, not those in the citation box further down.
FACTS = "article.municipality > dl.facts"


def test_every_municipality_in_the_fixtures_has_its_four_digit_number_from_2024():
    numbers = dict(Municipality.objects.values_list("name", "kommunenummer"))
    assert len(numbers) == 14
    assert all(FOUR_DIGITS.fullmatch(number) for number in numbers.values()), numbers
    assert numbers == NUMBERS_2024


def test_oslo_keeps_its_leading_zero_in_the_database():
    stored = Municipality.objects.filter(slug="oslo").values_list("kommunenummer", flat=True)
    assert list(stored) == ["0301"]
    assert not Municipality.objects.filter(kommunenummer="301").exists()


def test_each_number_begins_with_its_countys_number():
    for name, county, number in Municipality.objects.values_list("name", "county", "kommunenummer"):
        assert number[:2] == COUNTY_NUMBERS[county], name


def test_earlier_numbers_are_kept_with_the_dates_they_were_valid():
    earlier = {
        number.municipality.name: number
        for number in MunicipalityNumber.objects.select_related("municipality")
    }
    assert {name: number.kommunenummer for name, number in earlier.items()} == NUMBERS_2020_2023
    for number in earlier.values():
        assert number.valid_from == datetime.date(2020, 1, 1)
        assert number.valid_to == datetime.date(2023, 12, 31)
        assert number.kommunenummer != number.municipality.kommunenummer


def test_municipalities_that_kept_their_number_have_no_earlier_one():
    kept = set(NUMBERS_2024) - set(NUMBERS_2020_2023)
    assert kept == {"Oslo", "Bergen", "Stavanger", "Trondheim", "Kristiansand", "Gjøvik"}
    assert not MunicipalityNumber.objects.filter(municipality__name__in=kept).exists()


@pytest.mark.parametrize("typed", ["301", "03011", "03O1", "3 01"])
def test_a_number_that_is_not_four_digits_is_refused_by_the_model(typed):
    drammen = Municipality.objects.get(slug="drammen")
    drammen.kommunenummer = typed
    with pytest.raises(ValidationError) as error:
        drammen.full_clean()
    assert set(error.value.message_dict) == {"kommunenummer"}


def test_an_earlier_number_must_end_after_it_starts():
    drammen = Municipality.objects.get(slug="drammen")
    backwards = MunicipalityNumber(
        municipality=drammen,
        kommunenummer="0602",
        valid_from=datetime.date(2019, 12, 31),
        valid_to=datetime.date(1964, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        backwards.full_clean()
    assert set(error.value.message_dict) == {"valid_to"}
    # The database refuses it too, whoever saves it.
    with pytest.raises(IntegrityError), transaction.atomic():
        backwards.save()


def test_saving_an_earlier_number_is_a_change_of_its_municipality():
    drammen = Municipality.objects.get(slug="drammen")
    version, records = drammen.version, drammen.history.count()
    MunicipalityNumber.objects.create(  # Drammen's number before 2020; the start is made up
        municipality=drammen,
        kommunenummer="0602",
        valid_from=datetime.date(1964, 1, 1),
        valid_to=datetime.date(2019, 12, 31),
    )
    drammen.refresh_from_db()
    assert drammen.version == version + 1
    assert drammen.history.count() == records + 1
    reason = drammen.history.first().history_change_reason
    assert reason == MunicipalityNumber._meta.label_lower


# The admin


def error_texts(soup, field):
    return texts(soup, f".field-{field} ul.errorlist li")


@pytest.mark.parametrize("typed", ["301", "03011"])
def test_admin_refuses_a_number_that_is_not_four_digits_with_an_error_on_the_field(
    staff_client, typed
):
    oslo = Municipality.objects.get(slug="oslo")
    data = admin_post_data(staff_client.get(change_url(oslo)))
    data["kommunenummer"] = typed
    response = staff_client.post(change_url(oslo), data)
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["kommunenummer"]
    (message,) = error_texts(parse(response), "kommunenummer")
    # The same message for too short and too long, and it says what to write.
    assert "fire sifre" in message
    assert "tegn" not in message  # not Django's general one about characters
    oslo.refresh_from_db()
    assert oslo.kommunenummer == "0301"


def earlier_numbers_formset(response):
    return next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is MunicipalityNumber
    )


def with_earlier_number(data, **fields):
    """``data`` with one more earlier number in the inline (``fields`` by name)."""
    prefix = next(
        key.removesuffix("-TOTAL_FORMS")
        for key in data
        if key.endswith("-TOTAL_FORMS") and key.startswith("earlier_numbers")
    )
    row = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(row + 1)
    for name, value in fields.items():
        data[f"{prefix}-{row}-{name}"] = value
    return data


@pytest.mark.parametrize("typed", ["301", "03011"])
def test_admin_refuses_an_earlier_number_that_is_not_four_digits(staff_client, typed):
    oslo = Municipality.objects.get(slug="oslo")
    data = with_earlier_number(
        admin_post_data(staff_client.get(change_url(oslo))),
        kommunenummer=typed,
        valid_from="01.01.1838",
        valid_to="31.12.1947",
    )
    response = staff_client.post(change_url(oslo), data)
    assert response.status_code == 200
    (row_errors,) = [errors for errors in earlier_numbers_formset(response).errors if errors]
    assert list(row_errors) == ["kommunenummer"]
    assert "fire sifre" in row_errors["kommunenummer"][0]
    assert not oslo.earlier_numbers.exists()


def test_admin_refuses_an_earlier_number_that_ends_before_it_starts(staff_client):
    oslo = Municipality.objects.get(slug="oslo")
    data = with_earlier_number(
        admin_post_data(staff_client.get(change_url(oslo))),
        kommunenummer="0301",
        valid_from="31.12.1947",  # the wrong way round
        valid_to="01.01.1838",
    )
    response = staff_client.post(change_url(oslo), data)
    assert response.status_code == 200
    (row_errors,) = [errors for errors in earlier_numbers_formset(response).errors if errors]
    assert list(row_errors) == ["valid_to"]
    assert not oslo.earlier_numbers.exists()


def test_admin_adds_an_earlier_number_as_one_change_of_the_municipality(staff_client):
    drammen = Municipality.objects.get(slug="drammen")
    version, records = drammen.version, drammen.history.count()
    data = with_earlier_number(
        admin_post_data(staff_client.get(change_url(drammen))),
        kommunenummer="0602",
        valid_from="01.01.1964",
        valid_to="31.12.2019",
    )
    response = staff_client.post(change_url(drammen), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(drammen.earlier_numbers.values_list("kommunenummer", flat=True)) == [
        "0602",
        "3005",
    ]
    drammen.refresh_from_db()
    assert drammen.version == version + 1
    assert drammen.history.count() == records + 1
    added = MunicipalityNumber.history.filter(kommunenummer="0602").get()
    assert added.history_type == "+"


# The page


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_city_page_shows_number_and_county_in_each_language(client, prefix):
    drammen = Municipality.objects.get(slug="drammen")
    response = client.get(f"{prefix}/kommuner/drammen/")
    assert response.status_code == 200
    soup = parse(response)
    language = one(soup, "html")["lang"]
    assert language == (prefix.strip("/") or "nb")
    facts = definitions(one(soup, FACTS))
    with translation.override(language):
        number_label, county_label = gettext("Kommunenummer"), gettext("Fylke")
    assert facts[number_label].get_text(strip=True) == drammen.kommunenummer
    assert facts[county_label].get_text(strip=True) == drammen.county


def test_city_page_shows_oslos_number_with_its_zero(client):
    facts = definitions(one(parse(client.get("/kommuner/oslo/")), FACTS))
    assert facts["Kommunenummer"].get_text(strip=True) == "0301"


def test_city_page_without_a_number_leaves_the_fact_out(client):
    Municipality.objects.filter(slug="bergen").update(kommunenummer="")
    facts = definitions(one(parse(client.get("/kommuner/bergen/")), FACTS))
    assert "Kommunenummer" not in facts
    assert facts["Fylke"].get_text(strip=True) == "Vestland"


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_json_ld_names_the_number_as_text_and_the_county(client, prefix):
    soup = parse(client.get(f"{prefix}/kommuner/oslo/"))
    place = json.loads(one(soup, 'script[type="application/ld+json"]').string)["about"]
    assert place["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "kommunenummer",
        "value": "0301",
    }
    assert place["containedInPlace"]["name"] == "Oslo"
