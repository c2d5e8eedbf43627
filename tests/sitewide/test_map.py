"""The map of Norway (sitewide.maps): every municipality where it belongs, labels apart."""

import itertools
import json
import shutil
import subprocess

import pytest
from django.conf import settings

from municipalities.models import Municipality
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
