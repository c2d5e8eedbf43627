"""The Atom feed of changes and the conference calendar files."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from icalendar import Calendar

from municipalities.models import Municipality
from programs.models import Agreement, Conference

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_feed(client, path="/endringer.atom"):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_feed_is_atom_with_required_elements(client):
    Municipality.objects.get(slug="bergen").save()  # one recorded change
    feed = parse_feed(client)
    assert feed.tag == f"{ATOM}feed"
    for element in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{element}") is not None, element
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/endringer.atom"
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for element in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{element}") is not None, element


def test_a_changed_agreement_is_an_entry_naming_what_changed(client):
    agreement = Agreement.objects.get(municipality__slug="drammen")
    agreement.save()  # the first recorded version
    agreement.end_year = 2031
    agreement.purpose_nb = "Et nytt formål."
    agreement.save()
    feed = parse_feed(client)
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Samarbeidsavtale med Drammen: endret"
    summary = entry.find(f"{ATOM}summary").text
    assert "Siste år" in summary
    assert "Formål" in summary
    assert entry.find(f"{ATOM}link").get("href") == (
        f"http://testserver/kommuner/drammen/#avtale-{agreement.pk}"
    )
    updated = datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
    assert abs(updated - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=5)


def test_new_municipality_and_conference_change_appear(client):
    Municipality.objects.create(name="Ålesund", slug="alesund", published_at=timezone.now())
    conference = Conference.objects.get(ordinal=4)
    conference.save()
    conference.place = "Bergen"
    conference.save()
    titles = [e.find(f"{ATOM}title").text for e in parse_feed(client).findall(f"{ATOM}entry")]
    assert "Ålesund: lagt til" in titles
    assert "Erfaringskonferanse 2024: endret" in titles


def test_feed_in_english(client):
    Municipality.objects.create(name="Ålesund", slug="alesund", published_at=timezone.now())
    feed = parse_feed(client, "/en/endringer.atom")
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert "Ålesund: added" in titles


def test_conference_calendar_file(client):
    response = client.get("/konferanser/erfaringskonferanse-2024/kalender.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime.date(2024, 9, 26)
    # All-day events end on the day after the last day (RFC 5545).
    assert event.decoded("dtend") == datetime.date(2024, 9, 28)
    assert str(event["summary"]) == "Erfaringskonferanse 2024"
    assert str(event["location"]) == "Oslo"
    assert str(event["uid"]).startswith("konferanse-")
    assert str(calendar["version"]) == "2.0"
    assert str(event["url"]) == "http://testserver/konferanser/erfaringskonferanse-2024/"


def test_calendar_of_all_conferences(client):
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
    starts = sorted(e.decoded("dtstart") for e in calendar.walk("VEVENT"))
    assert starts == [datetime.date(2024, 9, 26), datetime.date(2025, 10, 1)]


def test_unknown_conference_calendar_is_404(client):
    assert client.get("/konferanser/finnes-ikke/kalender.ics").status_code == 404


def test_municipality_page_offers_a_citation(client):
    html = client.get("/kommuner/drammen/").content.decode()
    assert "Foreslått kildehenvisning" in html
    assert "Områdesatsinger: Drammen. Sist endret" in html
    assert "http://testserver/kommuner/drammen/ (lest " in html
    assert 'href="/data/kommuner/drammen.json"' in html
