"""Agreement periods: from what the source says to dates that can be compared.

The source gives periods in several shapes: "frem til 2026", "til og med 2024",
"signed 16 November 2023 for 5 years with possible extension", "2022, 5 years",
"new five-year agreements in 2024". These functions turn those inputs into a
first and last day, which is all the status needs.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator

# The years an agreement or a grant can have: typos such as 20245 are refused.
FIRST_YEAR, LAST_YEAR = 1990, 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def add_years(day, years):
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def period_bounds(*, signed_on, start_year, end_year, duration_years):
    """Return (first day, last day) of an agreement period; either may be None.

    Year-only bounds cover whole years: a period "until 2026" lasts through
    31 December 2026. A duration counts from the signing date when there is one
    (the day before the anniversary is the last day), otherwise in whole years
    from the start year. A start year later than the signing year wins over
    the signing date.
    """
    try:
        return _bounds(signed_on, start_year, end_year, duration_years)
    except (ValueError, OverflowError):
        # Beyond the calendar (a typo such as 20245, kept on the instance while
        # the form shows the field's error): unknown rather than a crash.
        return None, None


def _bounds(signed_on, start_year, end_year, duration_years):
    # A start year later than the signing means the period begins that year.
    from_signing = bool(signed_on) and not (start_year and start_year > signed_on.year)
    if from_signing:
        start = signed_on
    elif start_year:
        start = datetime.date(start_year, 1, 1)
    else:
        start = None

    if end_year:
        end = datetime.date(end_year, 12, 31)
    elif duration_years and from_signing:
        end = add_years(signed_on, duration_years) - datetime.timedelta(days=1)
    elif duration_years and start:
        end = datetime.date(start.year + duration_years - 1, 12, 31)
    else:
        end = None
    return start, end
