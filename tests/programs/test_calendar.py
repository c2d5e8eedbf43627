"""Conference calendar files (programs.calendar): one conference, or all, as iCalendar."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from programs.models import Conference

pytestmark = pytest.mark.django_db


def test_conference_calendar_file_is_an_all_day_event_with_place_and_link(client):
    response = client.get("/konferanser/erfaringskonferanse-2024/kalender.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["version"]) == "2.0"
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime.date(2024, 9, 26)
    # All-day events end on the day after the last day (RFC 5545).
    assert event.decoded("dtend") == datetime.date(2024, 9, 28)
    assert str(event["summary"]) == "Erfaringskonferanse 2024"
    assert str(event["location"]) == "Oslo"
    assert str(event["uid"]).startswith("konferanse-")
    assert str(event["url"]) == "http://testserver/konferanser/erfaringskonferanse-2024/"


def test_calendar_of_all_conferences_has_each_published_one(client):
    Conference.objects.create(
        title="Erfaringskonferanse 2025",
        slug="erfaringskonferanse-2025",
        ordinal=5,
        start_date=datetime.date(2025, 10, 1),
        end_date=datetime.date(2025, 10, 1),
        place="Trondheim",
        published_at=timezone.now(),
    )
    calendar = Calendar.from_ical(client.get("/konferanser/kalender.ics").content)
    events = calendar.walk("VEVENT")
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts == [datetime.date(2024, 9, 26), datetime.date(2025, 10, 1)]
    assert len({str(e["uid"]) for e in events}) == 2  # each event its own id


def test_unknown_conference_calendar_is_404(client):
    assert client.get("/konferanser/finnes-ikke/kalender.ics").status_code == 404
