"""The agreement timeline (programs.timeline): a bar per agreement on a year axis, and today."""

import datetime

import pytest

from programs import timeline
from programs.models import Agreement

pytestmark = pytest.mark.django_db


def test_timeline_has_a_row_per_agreement_and_marks_today():
    today = datetime.date(2026, 11, 29)
    agreements = list(
        Agreement.objects.with_status(today).select_related("municipality").order_by("pk")
    )
    chart = timeline.build(agreements, today)
    assert len(chart["rows"]) == len(agreements)
    years = [tick["year"] for tick in chart["ticks"]]
    assert years[0] == 2022  # Trondheim's intention agreement
    assert years[-1] == 2031  # the axis ends after Drammen's last year, 2030
    tick_2026 = next(t["x"] for t in chart["ticks"] if t["year"] == 2026)
    tick_2027 = next(t["x"] for t in chart["ticks"] if t["year"] == 2027)
    assert tick_2026 < chart["today_x"] < tick_2027


def test_bars_show_what_the_source_says_about_each_period():
    today = datetime.date(2026, 11, 29)
    agreements = list(Agreement.objects.with_status(today).select_related("municipality"))
    chart = timeline.build(agreements, today)
    rows = {(r.agreement.municipality.name, r.agreement.stage): r for r in chart["rows"]}
    bergen = rows[("Bergen", "concluded")]
    assert bergen.open_start  # the source gives no start year
    oslo = rows[("Oslo", "concluded")]
    assert oslo.x is None  # no period, no bar
    skien = rows[("Skien", "concluded")]
    assert not skien.open_start
    assert skien.x + skien.width < chart["width"]
