"""Publishing is an explicit act, with its own permission, recorded with who and when."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from municipalities.models import Municipality
from tests.support.admin_forms import admin_post_data, change_url
from tests.support.users import logged_in, make_staff

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_titles():
    feed = ET.fromstring(Client().get("/endringer.atom").content)
    return [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]


def test_new_content_from_the_admin_is_a_draft(editor_client):
    url = reverse("admin:municipalities_municipality_add")
    data = admin_post_data(editor_client.get(url))
    data.update({"name": "Molde", "slug": "", "description_nb": "Ny."})
    assert editor_client.post(url, data).status_code == 302
    molde = Municipality.objects.get(slug="molde")
    assert molde.published_at is None
    assert Client().get("/kommuner/molde/").status_code == 404


def test_publishing_is_an_explicit_act_recorded_with_who_and_when(editor_client, editor, drafts):
    municipality = drafts["municipality"]
    url = change_url(municipality)
    data = admin_post_data(editor_client.get(url))
    data["_publish"] = "Lagre og publiser"
    before = timezone.now()
    assert editor_client.post(url, data).status_code == 302
    municipality.refresh_from_db()
    assert municipality.published_by == editor
    assert before <= municipality.published_at <= timezone.now()
    latest = municipality.history.order_by("-history_date").first()
    assert latest.history_user == editor
    assert latest.published_at is not None
    assert Client().get("/kommuner/alesund/").status_code == 200
    assert "Ålesund: publisert" in feed_titles()


def test_list_actions_publish_and_unpublish_the_selected(editor_client, editor, drafts):
    conference = drafts["conference"]
    changelist = reverse("admin:programs_conference_changelist")
    response = editor_client.post(
        changelist, {"action": "publish_selected", "_selected_action": [conference.pk]}
    )
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.published_by == editor
    assert Client().get("/konferanser/hemmelig-konferanse/").status_code == 200
    editor_client.post(
        changelist, {"action": "unpublish_selected", "_selected_action": [conference.pk]}
    )
    conference.refresh_from_db()
    assert conference.published_at is None
    assert Client().get("/konferanser/hemmelig-konferanse/").status_code == 404


def test_staff_without_publish_permission_cannot_publish(drafts):
    writer = make_staff(
        "skribent",
        permissions=[
            "view_municipality",
            "change_municipality",
            "view_area",
            "change_area",
            "add_area",
        ],
    )
    client = logged_in(writer)
    municipality = drafts["municipality"]
    data = admin_post_data(client.get(change_url(municipality)))
    data["_publish"] = "Lagre og publiser"
    data["description_nb"] = "Lagret, men ikke publisert."
    assert client.post(change_url(municipality), data).status_code == 302
    municipality.refresh_from_db()
    assert municipality.description_nb == "Lagret, men ikke publisert."  # the save went through
    assert municipality.published_at is None  # the publishing did not
    assert Client().get("/kommuner/alesund/").status_code == 404


def test_unpublishing_takes_the_entries_out_of_the_feed():
    oslo = Municipality.objects.get(slug="oslo")
    oslo.description_nb = "Endret."
    oslo.save()
    assert any(title.startswith("Oslo: ") for title in feed_titles())
    oslo.unpublish()
    assert not any(title.startswith("Oslo: ") for title in feed_titles())
