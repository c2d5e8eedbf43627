"""The admin's history reads as a person would write it (issue 14, part 3).

Labels, not field names; choice labels, not codes; «(tom)», not None;
Norwegian dates and amounts; one line per field; the parts changed in the
same save beneath; restores said as such; a save without change not recorded.
"""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from municipalities.models import Municipality
from programs.models import Agreement, FocusArea, Grant
from tests.support.admin_forms import admin_post_data, change_url, save_through_admin
from tests.support.html import clean, parse

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def history_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def spoken(element):
    """An element's text as a screen reader says it: without what is hidden from it."""
    for hidden in element.select('[aria-hidden="true"]'):
        hidden.decompose()
    return clean(element.get_text())


def newest_entry(client, obj):
    """The newest version on the history page: (heading, [change lines], [child lines])."""
    page = parse(client.get(history_url(obj)))
    entry = page.select_one("#change-history > li")
    heading = clean(entry.select_one(".change-heading").get_text())
    changes = [spoken(li) for li in entry.select(":scope > .change-fields > li")]
    children = [spoken(li) for li in entry.select(":scope > .change-children > li")]
    return heading, changes, children


def test_changes_are_shown_with_labels_values_and_norwegian_dates(editor_client):
    agreement = Agreement.objects.get(municipality__slug="tromso")
    response = save_through_admin(
        editor_client,
        agreement,
        stage=Agreement.Stage.CONCLUDED,
        signed_on="15.03.2025",
        purpose_nn="Nytt føremål.",
    )
    assert response.status_code == 302

    heading, changes, _children = newest_entry(editor_client, agreement)
    assert heading.startswith("Endret")
    assert "Fase: Kunngjort – ikke inngått ennå ble til Inngått" in changes
    assert "Undertegnet: (tom) ble til 15.03.2025" in changes
    assert any(line.startswith("Formål (nynorsk): ") for line in changes)
    # One line per field: the bokmål mirror of a translated field is not repeated.
    assert len(changes) == 3, changes
    page_text = parse(editor_client.get(history_url(agreement))).get_text()
    for code in ("None", "announced", "concluded", "purpose_nn", "2025-03-15"):
        assert code not in page_text


def test_a_grant_saved_on_its_own_is_listed_under_its_municipality(editor_client):
    grant = Grant.objects.filter(amount__isnull=True).select_related("municipality").first()
    data = admin_post_data(editor_client.get(change_url(grant)))
    data["amount"] = "5000000"
    assert editor_client.post(change_url(grant), data).status_code == 302

    _heading, changes, children = newest_entry(editor_client, grant.municipality)
    assert changes == []
    assert len(children) == 1
    assert children[0].startswith(f"Tilskudd «{grant}» endret")
    assert "Beløp (kr): (tom) ble til 5 000 000" in children[0]  # grouped, as Norwegians write it


def test_a_focus_area_added_with_its_agreement_is_listed_under_it(editor_client):
    agreement = Agreement.objects.get(municipality__slug="drammen")
    url = change_url(agreement)
    data = admin_post_data(editor_client.get(url))
    prefix = "focus_areas"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    data[f"{prefix}-{total}-agreement"] = str(agreement.pk)
    data[f"{prefix}-{total}-order"] = "99"
    data[f"{prefix}-{total}-title_nb"] = "Et nytt innsatsområde"
    assert editor_client.post(url, data).status_code == 302
    assert FocusArea.objects.filter(agreement=agreement, title_nb="Et nytt innsatsområde").exists()

    heading, _changes, children = newest_entry(editor_client, agreement)
    assert heading.startswith("Endret")
    assert any(
        child.startswith("Innsatsområde «Et nytt innsatsområde» lagt til") for child in children
    )


def test_a_restore_is_labelled_with_the_version_it_brought_back(editor_client):
    drammen = Municipality.objects.get(slug="drammen")
    original = drammen.description_nb
    drammen.description_nb = "En feil."
    drammen.save()
    first = drammen.history.order_by("history_date").first()
    restore_url = reverse(
        "admin:municipalities_municipality_simple_history", args=[drammen.pk, first.pk]
    )
    page = parse(editor_client.get(restore_url))
    notice = clean(page.select_one(".restore-notice").get_text())
    assert "Om innholdet er publisert eller et utkast, endres ikke." in notice
    assert "blir ikke gjenopprettet" in notice
    # Links to the history of each of Drammen's areas, which a restore leaves alone.
    links = [a["href"] for a in page.select(".restore-notice a")]
    area_links = [href for href in links if href.startswith("/admin/municipalities/area/")]
    assert len(area_links) == drammen.areas.count()
    assert editor_client.get(area_links[0]).status_code == 200

    data = admin_post_data(editor_client.get(restore_url))
    assert editor_client.post(restore_url, data).status_code == 302
    drammen.refresh_from_db()
    assert drammen.description_nb == original
    heading, changes, _children = newest_entry(editor_client, drammen)
    assert heading.startswith("Gjenopprettet fra versjonen av ")
    restored = [line for line in changes if line.startswith("Kort beskrivelse (bokmål): En feil.")]
    assert restored, changes


def test_a_save_that_changes_nothing_is_not_recorded_nor_in_the_feed(editor_client, client):
    agreement = Agreement.objects.get(municipality__slug="drammen")
    # As the fixtures store some empty translations: NULL, which the form sends back as "".
    Agreement.objects.filter(pk=agreement.pk).update(programme_note_en=None)
    agreement.refresh_from_db()
    records, version = agreement.history.count(), agreement.version
    feed_before = client.get("/endringer.atom").content
    url = change_url(agreement)
    assert editor_client.post(url, admin_post_data(editor_client.get(url))).status_code == 302
    agreement.refresh_from_db()
    assert (agreement.history.count(), agreement.version) == (records, version)
    entries = ET.fromstring(client.get("/endringer.atom").content).findall(f"{ATOM}entry")
    ids_before = {e.findtext(f"{ATOM}id") for e in ET.fromstring(feed_before).iter(f"{ATOM}entry")}
    assert {e.findtext(f"{ATOM}id") for e in entries} == ids_before


def test_the_current_version_offers_no_restore_and_older_ones_do(editor_client):
    drammen = Municipality.objects.get(slug="drammen")
    drammen.description_nb = "Ny tekst."
    drammen.save()
    page = parse(editor_client.get(history_url(drammen)))
    entries = page.select("#change-history > li")
    assert len(entries) == 2
    assert entries[0].select_one("a.restore-link") is None
    assert "versjonen som gjelder nå" in entries[0].get_text()
    assert entries[1].select_one("a.restore-link") is not None
