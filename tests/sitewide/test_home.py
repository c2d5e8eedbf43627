"""The front page: its link to the introduction follows the editorial pages, never a fixed slug."""

import pytest

from pages.models import Page
from tests.support.html import parse

pytestmark = pytest.mark.django_db


def introduction_link(client, prefix=""):
    page = parse(client.get(f"{prefix}/"))
    link = page.select_one(".intro a.ds-link")
    return link["href"], " ".join(link.get_text().split())


def test_the_front_page_links_the_first_page_of_the_about_section(client):
    assert introduction_link(client) == (
        "/om/hva-er-en-omradesatsing/",
        "Les mer: Hva er en områdesatsing?",
    )
    href, text = introduction_link(client, "/en")
    assert href == "/en/om/hva-er-en-omradesatsing/"
    assert text.startswith("Read more:")


def test_a_renamed_introduction_is_linked_at_its_new_address(client):
    page = Page.objects.get(slug="hva-er-en-omradesatsing")
    page.slug = "om-omradesatsinger"
    page.save()
    assert introduction_link(client)[0] == "/om/om-omradesatsinger/"


def test_the_page_editors_put_first_is_the_one_linked(client):
    Page.objects.filter(slug="erstatter-ikke-ordinaer-drift").update(order=0)
    assert introduction_link(client) == (
        "/om/erstatter-ikke-ordinaer-drift/",
        "Les mer: Erstatter ikke ordinær drift",
    )


def test_a_draft_is_never_linked(client):
    Page.objects.get(slug="hva-er-en-omradesatsing").unpublish()
    assert introduction_link(client)[0] == "/om/slik-jobber-kommunene/"
