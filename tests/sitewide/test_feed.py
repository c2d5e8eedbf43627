"""The Atom feed of changes (/endringer.atom): what changed, when, where, in each language."""

import datetime

import pytest
from django.utils import timezone

from municipalities.models import Municipality
from programs.models import Agreement, Conference
from tests.support.atom import ATOM, assert_atom, parse_feed

pytestmark = pytest.mark.django_db


def test_feed_is_atom_with_required_elements(client):
    bergen = Municipality.objects.get(slug="bergen")
    bergen.description_nb = "Endret."
    bergen.save()  # one recorded change
    feed = parse_feed(client)
    assert_atom(feed, "http://testserver/endringer.atom")
    assert feed.findall(f"{ATOM}entry")


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
