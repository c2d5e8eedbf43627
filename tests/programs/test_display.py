"""How agreements and conferences read (programs.display), and where editors see it."""

import datetime

import pytest
from django.utils import translation

from programs import display
from programs.models import Agreement, Conference
from tests.support.admin_forms import change_url

pytestmark = pytest.mark.django_db

NOV_2026 = datetime.date(2026, 11, 29)


def concluded(name):
    return Agreement.objects.get(municipality__name=name, stage=Agreement.Stage.CONCLUDED)


def test_every_status_has_a_colour_and_a_plural():
    assert set(display.STATUS_COLORS) == set(Agreement.Status.values)
    assert set(display.STATUS_PLURALS) == set(Agreement.Status.values)


def test_remaining_time_of_an_active_agreement_in_words():
    drammen = concluded("Drammen")  # until the end of 2030
    assert display.remaining_text(drammen, datetime.date(2030, 12, 1)) == "1\xa0måned"
    assert display.remaining_text(drammen, NOV_2026).startswith("4\xa0år")
    assert display.remaining_text(concluded("Stavanger"), NOV_2026) == ""  # ended
    assert display.remaining_text(concluded("Oslo"), NOV_2026) == ""  # no period given


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"start_year": 2023, "end_year": 2028}, "2023–2028"),
        ({"end_year": 2026}, "til 2026"),
        ({"start_year": 2024}, "fra 2024"),
        ({}, "periode ikke oppgitt"),
    ],
)
def test_period_label(fields, label):
    assert display.period_label(Agreement(**fields)) == label


def test_conference_dates_within_a_month_across_months_and_in_english():
    conference = Conference(
        start_date=datetime.date(2024, 9, 26), end_date=datetime.date(2024, 9, 27)
    )
    assert display.conference_dates(conference) == "26.–27. september 2024"
    conference.end_date = datetime.date(2024, 10, 1)
    assert display.conference_dates(conference) == "26. september 2024 – 1. oktober 2024"
    with translation.override("en"):
        conference.end_date = datetime.date(2024, 9, 27)
        assert display.conference_dates(conference) == "26–27 September 2024"


def test_the_admin_shows_status_and_remaining_time_it_promises(staff_client, monkeypatch):
    monkeypatch.setattr("core.clock.today", lambda: NOV_2026)
    drammen = concluded("Drammen")
    html = staff_client.get(change_url(drammen)).content.decode()
    # The period's help text promises status and remaining time worked out from the dates.
    assert "Status og gjenstående tid regnes ut" in html
    assert "Aktiv til 2030" in html
    assert display.remaining_text(drammen, NOV_2026) in html
    listing = staff_client.get("/admin/programs/agreement/").content.decode()
    assert "Gjenstående tid" in listing
