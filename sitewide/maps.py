"""The map of Norway: an outline built at set-up time, markers placed per request.

scripts/build-assets.mjs projects and simplifies Natural Earth's outline of
Norway into build/norway-map.json. The same projection is repeated here so
municipalities, whose coordinates staff can edit, land in the right place.
"""

import functools
import json
import math
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MAP_FILE = settings.BASE_DIR / "build" / "norway-map.json"

# Labels of markers south of this latitude go in a column to the east, with a
# leader line: the south-east has too many towns close together for labels
# beside each marker.
CROWDED_SOUTH_OF = 61.0
LABEL_LINE_HEIGHT = 15
LABEL_COLUMN_GAP = 14


@functools.cache
def outline():
    try:
        data = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ImproperlyConfigured(
            f"{MAP_FILE} is missing: run scripts/setup (it builds the map with Node)."
        ) from None
    return data


def project(latitude, longitude):
    """(x, y) in the SVG's coordinates, as d3-geo projects in build-assets.mjs."""
    projection = outline()["projection"]
    k = projection["scale"]
    tx, ty = projection["translate"]
    cos_phi0 = math.cos(math.radians(projection["standard_parallel"]))
    return (
        tx + k * math.radians(float(longitude)) * cos_phi0,
        ty - k * math.radians(float(latitude)),
    )


@dataclass
class Marker:
    obj: object
    x: float
    y: float
    label_x: float
    label_y: float
    leader: bool

    @property
    def label(self):
        return str(self.obj)

    @property
    def leader_end(self):
        """Where the leader line meets its label: just before the text, at mid-height."""
        return round(self.label_x - 3, 1), round(self.label_y - 4, 1)


def place_markers(places):
    """Markers and label positions for objects with ``latitude`` and ``longitude``."""
    markers = []
    crowded = []
    for place in places:
        if place.latitude is None or place.longitude is None:
            continue
        x, y = project(place.latitude, place.longitude)
        marker = Marker(place, round(x, 1), round(y, 1), round(x + 8, 1), round(y + 4, 1), False)
        markers.append(marker)
        if float(place.latitude) < CROWDED_SOUTH_OF:
            crowded.append(marker)
    if crowded:
        column = max(m.x for m in crowded) + LABEL_COLUMN_GAP
        labels = []
        for marker in sorted(crowded, key=lambda m: m.y):
            previous = labels[-1][1] + LABEL_LINE_HEIGHT if labels else -math.inf
            labels.append((marker, max(marker.y + 4, previous)))
        # A stack running off the bottom moves up as a whole, keeping its order.
        overflow = max(0, labels[-1][1] - (outline()["height"] - 6))
        for marker, label_y in labels:
            marker.label_x, marker.label_y = column, round(label_y - overflow, 1)
            marker.leader = True
    return markers


def points(places):
    """(x, y) of each place on the map, without labels: for more places than labels fit."""
    return [
        (round(x, 1), round(y, 1))
        for x, y in (
            project(place.latitude, place.longitude)
            for place in places
            if place.latitude is not None and place.longitude is not None
        )
    ]
