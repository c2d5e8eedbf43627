"""An agreement's status and remaining time are derived from its dates and a day."""

import datetime

import pytest

from programs import display
from programs.models import Agreement
from programs.periods import add_years, period_bounds

NOV_2026 = datetime.date(2026, 11, 29)


def concluded(name):
    return Agreement.objects.get(municipality__name=name, stage=Agreement.Stage.CONCLUDED)


@pytest.mark.django_db
class TestStatusOnFixedDates:
    def test_stavanger_through_2024_reads_ended_in_2026(self):
        agreement = concluded("Stavanger")
        assert agreement.status_on(NOV_2026) == Agreement.Status.ENDED
        assert display.status_text(agreement, NOV_2026) == "Avsluttet 2024"

    def test_stavanger_was_active_on_the_last_day_of_2024(self):
        agreement = concluded("Stavanger")
        assert agreement.status_on(datetime.date(2024, 12, 31)) == Agreement.Status.ACTIVE
        assert agreement.status_on(datetime.date(2025, 1, 1)) == Agreement.Status.ENDED

    def test_drammen_until_2030_reads_active(self):
        agreement = concluded("Drammen")
        assert agreement.status_on(NOV_2026) == Agreement.Status.ACTIVE
        assert display.status_text(agreement, NOV_2026) == "Aktiv til 2030"
        assert agreement.status_on(datetime.date(2031, 1, 1)) == Agreement.Status.ENDED

    def test_skien_runs_five_years_from_signing(self):
        agreement = concluded("Skien")
        assert agreement.period_start == datetime.date(2023, 11, 16)
        assert agreement.period_end == datetime.date(2028, 11, 15)
        assert agreement.status_on(datetime.date(2023, 11, 15)) == Agreement.Status.ANNOUNCED
        assert agreement.status_on(NOV_2026) == Agreement.Status.ACTIVE
        assert agreement.status_on(datetime.date(2028, 11, 16)) == Agreement.Status.ENDED

    def test_announced_2024_agreement_reads_announced_until_concluded(self):
        agreement = Agreement.objects.get(
            municipality__name="Tromsø", stage=Agreement.Stage.ANNOUNCED
        )
        assert agreement.status_on(NOV_2026) == Agreement.Status.ANNOUNCED
        assert display.status_text(agreement, NOV_2026) == "Kunngjort 2024"
        agreement.stage = Agreement.Stage.CONCLUDED
        assert agreement.status_on(NOV_2026) == Agreement.Status.ACTIVE

    def test_agreement_without_dates_reads_unknown(self):
        agreement = concluded("Oslo")
        assert agreement.status_on(NOV_2026) == Agreement.Status.UNKNOWN
        assert display.status_text(agreement, NOV_2026) == "Periode ikke oppgitt"
        assert agreement.remaining_on(NOV_2026) is None

    def test_remaining_time_counts_through_the_last_day(self):
        agreement = concluded("Drammen")
        assert agreement.remaining_on(datetime.date(2030, 12, 31)) == datetime.timedelta(days=1)
        assert agreement.remaining_on(datetime.date(2030, 1, 1)) == datetime.timedelta(days=365)
        assert concluded("Stavanger").remaining_on(NOV_2026) is None

    @pytest.mark.parametrize(
        "day",
        [
            datetime.date(2022, 6, 1),
            datetime.date(2023, 11, 16),
            datetime.date(2024, 3, 1),
            datetime.date(2025, 1, 1),
            NOV_2026,
            datetime.date(2027, 1, 1),
            datetime.date(2031, 1, 1),
        ],
    )
    def test_queryset_and_property_agree(self, day):
        annotated = {a.pk: a.status_code for a in Agreement.objects.with_status(day)}
        derived = {a.pk: a.status_on(day) for a in Agreement.objects.all()}
        assert annotated == derived
        assert len(set(derived.values())) >= 2  # the dates exercise more than one status

    def test_active_queryset_on_a_fixed_date(self):
        names = sorted(a.municipality.name for a in Agreement.objects.active(NOV_2026))
        assert names == ["Bergen", "Drammen", "Skien", "Trondheim"]

    def test_status_property_uses_today(self, monkeypatch):
        monkeypatch.setattr("core.clock.today", lambda: datetime.date(2040, 1, 1))
        assert concluded("Drammen").status == Agreement.Status.ENDED


class TestPeriodBounds:
    def test_end_year_covers_the_whole_year(self):
        assert period_bounds(
            signed_on=None, start_year=None, end_year=2026, duration_years=None
        ) == (None, datetime.date(2026, 12, 31))

    def test_duration_in_whole_years_from_start_year(self):
        assert period_bounds(signed_on=None, start_year=2024, end_year=None, duration_years=5) == (
            datetime.date(2024, 1, 1),
            datetime.date(2028, 12, 31),
        )

    def test_later_start_year_wins_over_signing_date(self):
        start, end = period_bounds(
            signed_on=datetime.date(2023, 11, 16), start_year=2024, end_year=None, duration_years=2
        )
        assert (start, end) == (datetime.date(2024, 1, 1), datetime.date(2025, 12, 31))

    def test_leap_day_anniversary(self):
        assert add_years(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)
