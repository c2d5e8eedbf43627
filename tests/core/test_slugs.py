"""Renamed pages keep their old addresses (core.slugs): a journalist's link never breaks."""

import pytest
from django.utils import timezone

from municipalities.models import Municipality
from pages.models import Page
from programs.models import Conference, Theme
from tests.support.html import parse, text_of

pytestmark = pytest.mark.django_db


def rename(obj, *slugs):
    for slug in slugs:
        obj.slug = slug
        obj.save()
    return obj


def test_renamed_slug_redirects_permanently(client):
    rename(Municipality.objects.get(slug="drammen"), "drammen-kommune")
    response = client.get("/kommuner/drammen/")
    assert response.status_code == 301
    assert response["Location"] == "/kommuner/drammen-kommune/"
    assert client.get("/kommuner/drammen-kommune/").status_code == 200


def test_old_address_in_another_language_redirects_within_that_language(client):
    rename(Municipality.objects.get(slug="drammen"), "drammen-kommune")
    response = client.get("/en/kommuner/drammen/")
    assert response.status_code == 301
    assert response["Location"] == "/en/kommuner/drammen-kommune/"


def test_renamed_twice_still_redirects_from_the_first_slug(client):
    rename(Municipality.objects.get(slug="drammen"), "drammen-kommune", "drammen-by")
    assert client.get("/kommuner/drammen/")["Location"] == "/kommuner/drammen-by/"
    assert client.get("/kommuner/drammen-kommune/")["Location"] == "/kommuner/drammen-by/"


def test_new_page_at_an_old_slug_wins_over_the_redirect(client):
    rename(Municipality.objects.get(slug="drammen"), "drammen-kommune")
    Municipality.objects.create(name="Drammen (ny)", slug="drammen", published_at=timezone.now())
    response = client.get("/kommuner/drammen/")
    assert response.status_code == 200
    assert text_of(parse(response), "h1") == "Drammen (ny)"


@pytest.mark.parametrize(
    ("model", "slug", "old", "new"),
    [
        (Theme, "arbeid", "/tema/arbeid/", "/tema/sysselsetting/"),
        (Page, "kunnskapsoverforing", "/om/kunnskapsoverforing/", "/om/sysselsetting/"),
        (
            Conference,
            "erfaringskonferanse-2024",
            "/konferanser/erfaringskonferanse-2024/",
            "/konferanser/sysselsetting/",
        ),
    ],
    ids=["theme", "page", "conference"],
)
def test_renamed_theme_page_and_conference_redirect_too(client, model, slug, old, new):
    rename(model.objects.get(slug=slug), "sysselsetting")
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_renamed_draft_does_not_reveal_itself_through_its_old_address(client, drafts):
    rename(drafts["page"], "annen-side")
    assert client.get("/om/hemmelig-side/").status_code == 404


def test_open_data_of_a_renamed_municipality_keeps_its_address(client):
    rename(Municipality.objects.get(slug="drammen"), "drammen-kommune")
    response = client.get("/data/kommuner/drammen.json")
    assert response.status_code == 301
    assert response["Location"] == "/data/kommuner/drammen-kommune.json"
    assert client.get(response["Location"]).json()["municipality"]["name"] == "Drammen"
