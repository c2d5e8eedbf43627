from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.text import norwegian_slugify
from municipalities.models import Area, Municipality


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Indre Østfold", "indre-ostfold"),
        ("Tromsø", "tromso"),
        ("Gjøvik", "gjovik"),
        ("Strømsø", "stromso"),
        ("Ålesund", "alesund"),
        ("Særheim og Ærø", "saerheim-og-aero"),
        ("Tempe/Sorgenfri", "tempe-sorgenfri"),
        ("Holmen/Seut/sentrum øst og vest", "holmen-seut-sentrum-ost-og-vest"),
    ],
)
def test_norwegian_slugify_transliterates(name, slug):
    assert norwegian_slugify(name) == slug


@pytest.mark.django_db
class TestMunicipality:
    def test_slug_is_unique(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Municipality.objects.create(name="Oslo 2", slug="oslo")

    def test_coordinates_come_in_pairs_in_the_database(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Municipality.objects.create(name="Halvt", slug="halvt", latitude=Decimal("60.1"))

    def test_coordinates_outside_norway_refused(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Municipality.objects.create(
                name="Paris", slug="paris", latitude=Decimal("48.85"), longitude=Decimal("2.35")
            )

    def test_full_clean_names_the_missing_coordinate(self):
        municipality = Municipality(name="Halvt", slug="halvt", latitude=Decimal("60.1"))
        with pytest.raises(ValidationError) as error:
            municipality.full_clean()
        assert "longitude" in error.value.message_dict

    def test_address_is_its_slug_under_kommuner(self):
        assert Municipality.objects.get(name="Tromsø").get_absolute_url() == "/kommuner/tromso/"

    def test_area_slug_unique_within_municipality_only(self):
        bergen = Municipality.objects.get(slug="bergen")
        Area.objects.create(
            municipality=bergen, name="Sentrum", slug="sentrum"
        )  # Kristiansand has one
        with pytest.raises(IntegrityError), transaction.atomic():
            Area.objects.create(municipality=bergen, name="Sentrum igjen", slug="sentrum")
