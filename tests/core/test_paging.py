"""Long lists come in pages at national scale (core.paging); with today's 14 nothing changes."""

import pytest

from municipalities.models import Municipality
from programs.models import Agreement, Directorate, Ministry
from tests.support.html import hrefs, one, parse, text_of, texts

pytestmark = pytest.mark.django_db

LIST_PATHS = ["/", "/kommuner/", "/avtaler/", "/tema/", "/tema/arbeid/", "/departementer/"]


def municipality_links(soup):
    """The municipalities (slugs) that are the rows of a list or matrix."""
    return [
        href.removeprefix("/kommuner/").removesuffix("/")
        for href in hrefs(soup, 'th[scope="row"] a')
    ]


def next_page(soup):
    following = hrefs(soup, ".ds-pagination a[rel=next]")
    return following[0] if following else None


@pytest.mark.parametrize("path", LIST_PATHS)
def test_todays_lists_fit_on_one_page_without_a_pager(client, path):
    soup = parse(client.get(path))
    assert soup.select(".ds-pagination") == []
    assert not [href for href in hrefs(soup) if "side=" in href]


def test_every_municipality_is_listed_once_across_the_pages(client, national_scale):
    seen = []
    path = "/kommuner/"
    while path:
        soup = parse(client.get(path))
        on_page = municipality_links(soup)
        assert 0 < len(on_page) <= 50
        seen += on_page
        path = next_page(soup)
    published = Municipality.objects.published()
    assert len(seen) == len(set(seen)) == published.count() == 357
    assert set(seen) == set(published.values_list("slug", flat=True))


def test_a_page_names_itself_in_title_canonical_and_hreflang(client, national_scale):
    soup = parse(client.get("/nn/kommuner/?side=3"))
    assert "side 3 av 8" in text_of(soup, "title")
    assert one(soup, "link[rel=canonical]")["href"] == "http://testserver/nn/kommuner/?side=3"
    alternate = one(soup, 'link[rel=alternate][hreflang="en"]')
    assert alternate["href"] == "http://testserver/en/kommuner/?side=3"
    # The language switcher keeps the page.
    assert hrefs(soup, 'nav.language-switcher a[lang="nb"]') == ["/kommuner/?side=3"]
    assert hrefs(soup, ".ds-pagination a[aria-current=true]") == ["/nn/kommuner/?side=3"]
    assert hrefs(soup, ".ds-pagination a[rel=prev]") == ["/nn/kommuner/?side=2"]
    # Page 1 has one address: the list's own, without ?side=1.
    first = parse(client.get("/kommuner/?side=1"))
    assert one(first, "link[rel=canonical]")["href"] == "http://testserver/kommuner/"
    assert text_of(first, "title") == "Kommuner med områdesatsing – Områdesatsinger"


@pytest.mark.parametrize("query", ["side=9", "side=0", "side=-1", "side=abc", "side=1e3"])
def test_a_page_that_does_not_exist_is_a_404_in_the_visitors_language(
    client, national_scale, query
):
    response = client.get(f"/en/kommuner/?{query}")
    assert response.status_code == 404
    assert text_of(parse(response), "h1") == "Page not found"
    assert client.get(f"/avtaler/?{query.replace('9', '99')}").status_code == 404


def test_agreements_of_one_body_are_listed_and_paged_with_the_filter_kept(client, national_scale):
    kdd = Ministry.objects.get(abbreviation="KDD")
    soup = parse(client.get(f"/avtaler/?departement={kdd.slug}"))
    assert f"Her vises bare avtalene der {kdd.name} er part." in soup.get_text()
    assert next_page(soup) == f"/avtaler/?departement={kdd.slug}&side=2"
    total = Agreement.objects.published().filter(ministries=kdd).count()
    assert text_of(soup, "caption").endswith(f"av {total})")
    # A directorate party to a few agreements: exactly those, on one page.
    other = Directorate.objects.first()
    for agreement in Agreement.objects.published().order_by("pk")[:3]:
        agreement.directorates.add(other)
    narrow = parse(client.get(f"/avtaler/?direktorat={other.slug}"))
    names = texts(narrow, 'th[scope="row"] a')
    expected = Agreement.objects.published().filter(directorates=other)
    assert len(names) == expected.count() == 3
    assert set(names) == set(expected.values_list("municipality__name", flat=True))
    assert narrow.select(".ds-pagination") == []
    assert client.get("/avtaler/?departement=finnes-ikke").status_code == 404


def test_bodies_page_links_long_lists_to_the_agreements_page(client, national_scale):
    kdd = Ministry.objects.get(abbreviation="KDD")
    card = one(parse(client.get("/departementer/")), f"li#{kdd.anchor}")
    total = Agreement.objects.published().filter(ministries=kdd).count()
    assert total > 30
    (link,) = card.select(f'a[href="/avtaler/?departement={kdd.slug}"]')
    assert link.get_text() == f"Part i {total} avtaler"
    assert card.select("details") == []


def test_bodies_page_lists_short_lists_inline(client):
    soup = parse(client.get("/departementer/"))
    assert not [href for href in hrefs(soup) if "?departement=" in href]
    kdd = Ministry.objects.get(abbreviation="KDD")
    card = one(soup, f"li#{kdd.anchor}")
    assert text_of(card, "details summary") == "Part i 16 avtaler"
    assert len(card.select("details li a")) == 16


def test_front_page_at_national_scale_shows_points_and_links_to_the_list(client, national_scale):
    soup = parse(client.get("/"))
    assert soup.select(".municipality-card") == []
    (link,) = soup.select('.map-and-list a[href="/kommuner/"]')
    assert " ".join(link.get_text().split()) == "Se alle de 357 kommunene i listen over kommuner"
    svg = one(soup, "svg.norway-map")
    assert len(svg.select("circle")) == Municipality.objects.exclude(latitude=None).count()
    assert svg.select("text") == []


def test_theme_matrix_pages_cover_every_municipality_with_a_theme(client, national_scale):
    seen = []
    for number in range(1, 20):
        response = client.get(f"/tema/?side={number}")
        if response.status_code == 404:
            break
        seen += municipality_links(parse(response))
    expected = set(
        Municipality.objects.published()
        .filter(
            agreements__published_at__isnull=False,
            agreements__focus_areas__themes__isnull=False,
        )
        .values_list("slug", flat=True)
    )
    assert len(seen) == len(set(seen))
    assert set(seen) == expected


def test_staff_previewing_stay_in_the_preview_from_page_to_page(staff_client, national_scale):
    soup = parse(staff_client.get("/kommuner/?forhandsvis=1&side=2"))
    assert next_page(soup) == "/kommuner/?forhandsvis=1&side=3"
    assert one(soup, "link[rel=canonical]")["href"] == "http://testserver/kommuner/?side=2"
    bodies = parse(staff_client.get("/departementer/?forhandsvis=1"))
    assert "/avtaler/?departement=kdd&forhandsvis=1" in hrefs(bodies)
