"""Rules kept by the database as well as by forms."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from municipalities.models import Municipality
from programs.models import Agreement, Conference, FocusArea, Ministry

pytestmark = pytest.mark.django_db


def test_database_refuses_end_year_before_start_year():
    agreement = Agreement.objects.get(municipality__name="Drammen")  # until 2030
    # A bulk update skips every form and model check; the database still says no.
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.filter(pk=agreement.pk).update(start_year=2031)
    agreement.refresh_from_db()
    assert agreement.start_year is None


def test_database_refuses_end_year_and_duration_together():
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.create(
            municipality=Municipality.objects.get(slug="oslo"), end_year=2030, duration_years=5
        )


def test_database_refuses_period_ending_before_signing():
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.create(
            municipality=Municipality.objects.get(slug="oslo"),
            signed_on=datetime.date(2025, 6, 1),
            end_year=2024,
        )


def test_full_clean_names_the_field_for_end_before_start():
    agreement = Agreement(
        municipality=Municipality.objects.get(slug="oslo"), start_year=2030, end_year=2020
    )
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "end_year" in error.value.message_dict


def test_full_clean_refuses_signed_date_on_announced_agreement():
    agreement = Agreement(
        municipality=Municipality.objects.get(slug="oslo"),
        stage=Agreement.Stage.ANNOUNCED,
        signed_on=datetime.date(2024, 5, 1),
    )
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "stage" in error.value.message_dict


def test_focus_area_order_is_unique_per_agreement():
    agreement = Agreement.objects.get(municipality__name="Drammen")
    with pytest.raises(IntegrityError), transaction.atomic():
        FocusArea.objects.create(agreement=agreement, order=1, title="Dobbel")


def test_focus_areas_come_in_their_order():
    agreement = Agreement.objects.get(municipality__name="Drammen")
    assert list(agreement.focus_areas.values_list("order", flat=True)) == [1, 2, 3, 4]


def test_only_one_coordinating_ministry():
    with pytest.raises(IntegrityError), transaction.atomic():
        Ministry.objects.create(name="Nytt departement", slug="nytt", role="coordinator")


def test_conference_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        Conference.objects.create(
            title="Feil",
            slug="feil",
            start_date=datetime.date(2025, 5, 2),
            end_date=datetime.date(2025, 5, 1),
            place="Oslo",
        )


def test_conference_registration_reads_closed_after_the_event():
    conference = Conference.objects.get(ordinal=4)
    assert conference.registration_on(datetime.date(2024, 6, 1)) == "not_open"
    assert conference.registration_on(datetime.date(2024, 10, 1)) == "closed"
    assert conference.timing_on(datetime.date(2024, 9, 26)) == Conference.Timing.ONGOING
    assert conference.timing_on(datetime.date(2026, 11, 29)) == Conference.Timing.PAST


def test_agreement_and_conference_name_themselves_and_point_to_their_pages():
    agreement = Agreement.objects.get(municipality__name="Drammen")
    assert str(agreement) == "Samarbeidsavtale – Drammen (til 2030)"
    assert agreement.get_absolute_url() == f"/kommuner/drammen/#avtale-{agreement.pk}"
    assert Conference.objects.get(ordinal=4).get_absolute_url() == (
        "/konferanser/erfaringskonferanse-2024/"
    )
