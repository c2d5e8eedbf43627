"""The pictures: the map of Norway and the agreement timeline put things where they belong."""

import datetime
import itertools
import json
import shutil
import subprocess

import pytest
from django.conf import settings

from municipalities.models import Municipality
from programs import timeline
from programs.models import Agreement
from sitewide import maps


def test_python_projection_matches_the_one_that_drew_the_outline():
    """The server places markers with the same projection d3-geo used for the outline."""
    if not shutil.which("node"):
        pytest.skip("no Node.js: the outline is built with it, see scripts/setup")
    projection = maps.outline()["projection"]
    script = (
        'import {{ geoProjection }} from "d3-geo";'
        "const c = Math.cos({phi} * Math.PI / 180);"
        "const p = geoProjection((l, f) => [l * c, f]).scale({k}).translate({t});"
        "console.log(JSON.stringify([p([10.7522, 59.9139]), p([18.9553, 69.6492])]));"
    ).format(
        phi=projection["standard_parallel"],
        k=projection["scale"],
        t=json.dumps(projection["translate"]),
    )
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    oslo, tromso = json.loads(result.stdout)
    assert maps.project(59.9139, 10.7522) == pytest.approx(tuple(oslo))
    assert maps.project(69.6492, 18.9553) == pytest.approx(tuple(tromso))


@pytest.mark.django_db
def test_every_municipality_lands_inside_the_map_and_labels_do_not_collide():
    outline = maps.outline()
    markers = maps.place_markers(Municipality.objects.all())
    assert len(markers) == 14
    for marker in markers:
        assert 0 < marker.x < outline["width"]
        assert 0 < marker.y < outline["height"]
        assert 0 < marker.label_y <= outline["height"]
    column = sorted(m.label_y for m in markers if m.leader)
    assert len(column) >= 2
    assert all(b - a >= maps.LABEL_LINE_HEIGHT - 0.01 for a, b in itertools.pairwise(column))
    # North is up: Tromsø above Trondheim above Oslo.
    by_name = {m.label: m for m in markers}
    assert by_name["Tromsø"].y < by_name["Trondheim"].y < by_name["Oslo"].y


def test_marker_without_coordinates_is_left_off():
    class Place:
        latitude = longitude = None

    assert maps.place_markers([Place()]) == []


@pytest.mark.django_db
def test_timeline_rows_and_today_line():
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
    rows = {(r.agreement.municipality.name, r.agreement.stage): r for r in chart["rows"]}
    bergen = rows[("Bergen", "concluded")]
    assert bergen.open_start  # the source gives no start year
    oslo = rows[("Oslo", "concluded")]
    assert oslo.x is None  # no period, no bar
    skien = rows[("Skien", "concluded")]
    assert not skien.open_start
    assert skien.x + skien.width < chart["width"]
