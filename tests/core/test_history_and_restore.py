"""Every change is in the history, with who made it; editors restore an earlier version."""

import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from municipalities.models import Area, Municipality
from programs.models import Agreement, Conference, FocusArea, Grant
from tests.support.admin_forms import admin_post_data, change_url
from tests.support.html import clean, definitions, parse
from tests.support.users import PASSWORD, logged_in, make_staff

ATOM = "{http://www.w3.org/2005/Atom}"


def last_change_shown(client, path):
    """The machine-readable «Sist endret» time among the facts at the top of a municipality page."""
    facts = definitions(parse(client.get(path)).select_one("dl.facts"))
    return facts["Sist endret"].time["datetime"]


def history_rows(client, obj):
    """The versions on the admin's history page of ``obj``, newest first.

    Each as (restore link or None for the current version, who made it).
    """
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])
    response = client.get(url)
    assert response.status_code == 200
    rows = []
    for entry in parse(response).select("#change-history > li"):
        link = entry.select_one("a.restore-link")
        who = clean(entry.select_one(".change-user").get_text()).removeprefix("av ")
        rows.append((link["href"] if link else None, who))
    return rows


@pytest.mark.django_db
def test_every_change_is_recorded_and_can_be_restored(editor_client, editor):
    drammen = Municipality.objects.get(slug="drammen")
    original = drammen.description_nb
    url = change_url(drammen)
    data = admin_post_data(editor_client.get(url))
    data["description_nb"] = "En feilaktig endring."
    assert editor_client.post(url, data).status_code == 302
    history = list(drammen.history.order_by("-history_date"))
    assert history[0].description_nb == "En feilaktig endring."
    assert history[0].history_user == editor
    rows = history_rows(editor_client, drammen)
    assert len(rows) == len(history)
    assert rows[0][1] == editor.get_full_name()
    # Restore the earlier version through the restore link of its row.
    restore_url = rows[1][0]
    assert restore_url == reverse(
        "admin:municipalities_municipality_simple_history", args=[drammen.pk, history[1].pk]
    )
    restore_data = admin_post_data(editor_client.get(restore_url))
    assert editor_client.post(restore_url, restore_data).status_code == 302
    drammen.refresh_from_db()
    assert drammen.description_nb == original
    assert drammen.version > history[0].version  # versions only go up


@pytest.mark.django_db
def test_restoring_a_version_keeps_the_current_publication():
    # Publishing has its own permission: restoring a version from before an
    # unpublish must not publish again (nor a draft-era version unpublish).
    client = logged_in(
        make_staff("bare-endre", permissions=["change_conference", "view_conference"])
    )
    conference = Conference.objects.published().get(slug="erfaringskonferanse-2024")
    conference.place = "Bergen"
    conference.save()  # a version recorded while published
    published_version = conference.history.order_by("-history_id").first()
    assert published_version.published_at is not None
    conference.unpublish()

    restore_url = reverse(
        "admin:programs_conference_simple_history",
        args=[conference.pk, published_version.history_id],
    )
    assert client.post(restore_url, admin_post_data(client.get(restore_url))).status_code == 302

    conference.refresh_from_db()
    assert conference.published_at is None
    assert Client().get(conference.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_last_change_date_on_the_page_is_that_of_the_history(client):
    drammen = Municipality.objects.get(slug="drammen")
    drammen.description_nb = "Endret i dag."
    drammen.save()
    record = drammen.history.order_by("-history_date").first()
    assert abs(record.history_date - drammen.updated_at).total_seconds() < 1
    shown = last_change_shown(client, "/kommuner/drammen/")
    assert shown.startswith(timezone.localtime(record.history_date).date().isoformat())


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["focus area", "grant"])
def test_a_child_saved_on_its_own_moves_last_change_and_reaches_the_feed(
    editor_client, client, kind
):
    bergen = Municipality.objects.get(slug="bergen")
    long_ago = timezone.now() - timezone.timedelta(days=400)
    Municipality.objects.filter(pk=bergen.pk).update(updated_at=long_ago)
    Agreement.objects.filter(municipality=bergen).update(updated_at=long_ago)
    Area.objects.filter(municipality=bergen).update(updated_at=long_ago)
    if kind == "focus area":
        child = FocusArea.objects.filter(agreement__municipality=bergen).first()
        field, value, label = "title_nb", "Ny tittel fra innsatsområdeskjemaet", "innsatsområder"
    else:
        child = Grant.objects.filter(municipality=bergen).first()
        field, value, label = "amount", "1000000", "tilskudd"
    data = admin_post_data(editor_client.get(change_url(child)))
    data[field] = value

    assert editor_client.post(change_url(child), data).status_code == 302

    bergen.refresh_from_db()
    today = timezone.localdate().isoformat()
    assert timezone.localtime(bergen.last_modified()).date().isoformat() == today
    assert last_change_shown(client, "/kommuner/bergen/").startswith(f"{today}T")
    feed = ET.fromstring(client.get("/endringer.atom").content)
    summaries = [entry.findtext(f"{ATOM}summary") or "" for entry in feed.iter(f"{ATOM}entry")]
    assert any(f"Endret: {label}." in summary for summary in summaries)


@pytest.mark.django_db(transaction=True)
def test_restore_view_works_outside_a_test_transaction(django_user_model):
    """Restoring from history outside a test transaction, as in production.

    Every other test runs inside a transaction, where SELECT ... FOR UPDATE (the
    optimistic lock) always works; PostgreSQL refuses it outside one, which is
    how the admin's restore view used to fail.
    """
    call_command("loaddata", "omradesatsinger", verbosity=0)
    admin_user = django_user_model.objects.create_superuser("admin", "a@example.no", PASSWORD)
    client = logged_in(admin_user)
    drammen = Municipality.objects.get(slug="drammen")
    original = drammen.description_nb
    call_command("populate_history", auto=True, verbosity=0)
    drammen.description_nb = "Midlertidig."
    drammen.save()
    old = drammen.history.order_by("history_date").first()
    url = reverse(
        "admin:municipalities_municipality_simple_history", args=[drammen.pk, old.history_id]
    )
    response = client.post(url, admin_post_data(client.get(url)))
    assert response.status_code == 302
    drammen.refresh_from_db()
    assert drammen.description_nb == original
