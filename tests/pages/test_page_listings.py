"""Editorial pages under /om/ (pages.views): the facts listed below the text, and the others."""

import pytest

from pages.models import Page
from programs.models import Conference, Directorate, Document, Ministry, Network, Theme
from tests.support.html import hrefs, one, parse, texts

pytestmark = pytest.mark.django_db


def article(client, page):
    return one(parse(client.get(page.get_absolute_url())), "article.editorial")


def page_with(listing):
    return Page.objects.get(listing=listing)


def test_themes_page_links_every_theme(client):
    links = hrefs(article(client, page_with(Page.Listing.THEMES)), "ul a")
    assert links == [theme.get_absolute_url() for theme in Theme.objects.all()]


def test_bodies_page_links_every_ministry_and_directorate(client):
    links = hrefs(article(client, page_with(Page.Listing.BODIES)), "ul a")
    bodies = [*Ministry.objects.all(), *Directorate.objects.all()]
    assert links == [body.get_absolute_url() for body in bodies]


def test_documents_page_lists_the_white_papers_and_budget_propositions(client):
    listing = article(client, page_with(Page.Listing.DOCUMENTS))
    shown = texts(listing, ".document-list h3")
    documents = Document.objects.filter(kind__in=[Document.Kind.WHITE_PAPER, Document.Kind.BUDGET])
    assert shown == [document.title for document in documents]
    assert len(shown) < Document.objects.count()  # the rest are in the library
    assert "/dokumenter/" in hrefs(listing)


def test_networks_page_names_the_networks_and_links_the_published_conferences(client, drafts):
    listing = article(client, page_with(Page.Listing.NETWORKS))
    names = texts(listing, "p strong")
    assert names == [network.name for network in Network.objects.all()]
    published = [c.get_absolute_url() for c in Conference.objects.published()]
    assert hrefs(listing, "ul a") == published
    assert drafts["conference"].get_absolute_url() not in published


def test_a_page_without_a_listing_shows_only_its_text(client):
    plain = article(client, Page.objects.filter(listing=Page.Listing.NONE).first())
    assert plain.select("ul") == []
    assert plain.select("h2") == []


def test_each_page_links_the_other_published_pages_but_not_itself(client, drafts):
    page = Page.objects.get(slug="kunnskapsoverforing")
    soup = parse(client.get(page.get_absolute_url()))
    others = hrefs(soup, "nav.related a")
    expected = [p.get_absolute_url() for p in Page.objects.published().exclude(pk=page.pk)]
    assert others == expected
    assert drafts["page"].get_absolute_url() not in others
