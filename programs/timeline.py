"""Geometry of the agreement timeline on /avtaler/: computed here, drawn by the template."""

import datetime
from dataclasses import dataclass

LABEL_WIDTH = 150
YEAR_WIDTH = 64
ROW_HEIGHT = 30
TOP = 34
BAR_HEIGHT = 16


@dataclass
class Row:
    agreement: object
    y: float
    x: float | None = None
    width: float | None = None
    open_start: bool = False

    @property
    def bar_y(self):
        return self.y + (ROW_HEIGHT - BAR_HEIGHT) / 2

    @property
    def text_y(self):
        return self.y + ROW_HEIGHT / 2 + 5


def _year_fraction(day):
    start = datetime.date(day.year, 1, 1)
    length = (datetime.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def build(agreements, today):
    """Rows, year ticks and today's line for the given agreements (with status)."""
    dated = [a for a in agreements if a.period_start or a.period_end]
    years = [today.year]
    for a in dated:
        years += [d.year for d in (a.period_start, a.period_end) if d]
    first, last = min(years), max(years)

    def x_of(year_value):
        return LABEL_WIDTH + (year_value - first) * YEAR_WIDTH

    rows = []
    for index, agreement in enumerate(agreements):
        row = Row(agreement, TOP + index * ROW_HEIGHT)
        if agreement.period_start or agreement.period_end:
            # An open end is drawn to the edge of the chart.
            start = _year_fraction(agreement.period_start) if agreement.period_start else first
            end = (
                _year_fraction(agreement.period_end + datetime.timedelta(days=1))
                if agreement.period_end
                else last + 1
            )
            row.x, row.width = x_of(start), max(x_of(end) - x_of(start), 2)
            row.open_start = agreement.period_start is None
        rows.append(row)
    return {
        "rows": rows,
        "ticks": [{"year": y, "x": x_of(y)} for y in range(first, last + 2)],
        "today_x": x_of(_year_fraction(today)),
        "width": x_of(last + 1) + 10,
        "height": TOP + len(rows) * ROW_HEIGHT + 10,
        "label_width": LABEL_WIDTH,
        "top": TOP,
        "bar_height": BAR_HEIGHT,
    }
