"""The Atom feed of changes (/endringer.atom): what changed, when, where, in each language."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

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
    bergen = Municipality.objects.get(slug="bergen")
    bergen.description_nb = "Endret."
    bergen.save()  # one recorded change
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


def test_a_new_municipality_and_a_changed_conference_are_entries(client):
    Municipality.objects.create(name="Ålesund", slug="alesund", published_at=timezone.now())
    conference = Conference.objects.get(ordinal=4)
    conference.place = "Bergen"
    conference.save()
    titles = [e.find(f"{ATOM}title").text for e in parse_feed(client).findall(f"{ATOM}entry")]
    assert "Ålesund: lagt til" in titles
    assert "Erfaringskonferanse 2024: endret" in titles


def test_english_feed_names_the_changes_in_english(client):
    Municipality.objects.create(name="Ålesund", slug="alesund", published_at=timezone.now())
    feed = parse_feed(client, "/en/endringer.atom")
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert "Ålesund: added" in titles
