"""Long lists come in pages at national scale; with today's 14 municipalities nothing changes."""

import re

import pytest
from django.core.management import call_command

from municipalities.models import Municipality
from programs.models import Agreement, Directorate, Ministry

pytestmark = pytest.mark.django_db

LIST_PATHS = ["/", "/kommuner/", "/avtaler/", "/tema/", "/tema/arbeid/", "/departementer/"]


@pytest.fixture
def national_scale():
    call_command("generate_scaled_data", total=357, verbosity=0)


def rows(html, pattern):
    return re.findall(pattern, html)


def municipality_links(html):
    return rows(html, r'<th scope="row"><a class="ds-link" href="/kommuner/([^/]+)/"')


@pytest.mark.parametrize("path", LIST_PATHS)
def test_todays_lists_fit_on_one_page_without_a_pager(client, path):
    html = client.get(path).content.decode()
    assert "ds-pagination" not in html
    assert "?side=" not in html


def test_every_municipality_is_listed_once_across_the_pages(client, national_scale):
    seen = []
    path = "/kommuner/"
    while path:
        html = client.get(path).content.decode()
        on_page = municipality_links(html)
        assert 0 < len(on_page) <= 50
        seen += on_page
        following = re.search(r'rel="next" href="([^"]+)"', html)
        path = following.group(1).replace("&amp;", "&") if following else None
    published = Municipality.objects.published()
    assert len(seen) == len(set(seen)) == published.count() == 357
    assert set(seen) == set(published.values_list("slug", flat=True))


def test_a_page_names_itself_in_title_canonical_and_hreflang(client, national_scale):
    html = client.get("/nn/kommuner/?side=3").content.decode()
    assert re.search(r"<title>[^<]*side 3 av 8[^<]*</title>", html)
    assert 'rel="canonical" href="http://testserver/nn/kommuner/?side=3"' in html
    assert 'hreflang="en" href="http://testserver/en/kommuner/?side=3"' in html
    assert 'href="/kommuner/?side=3" lang="nb"' in html  # the language switcher keeps the page
    assert 'aria-current="true" href="/nn/kommuner/?side=3"' in html
    assert 'rel="prev" href="/nn/kommuner/?side=2"' in html
    # Page 1 has one address: the list's own, without ?side=1.
    first = client.get("/kommuner/?side=1").content.decode()
    assert 'rel="canonical" href="http://testserver/kommuner/"' in first
    assert "<title>Kommuner med områdesatsing – Områdesatsinger</title>" in first


@pytest.mark.parametrize("query", ["side=9", "side=0", "side=-1", "side=abc", "side=1e3"])
def test_a_page_that_does_not_exist_is_a_404_in_the_visitors_language(
    client, national_scale, query
):
    response = client.get(f"/en/kommuner/?{query}")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert client.get(f"/avtaler/?{query.replace('9', '99')}").status_code == 404


def test_agreements_of_one_body_are_listed_and_paged_with_the_filter_kept(client, national_scale):
    kdd = Ministry.objects.get(abbreviation="KDD")
    html = client.get(f"/avtaler/?departement={kdd.slug}").content.decode()
    assert f"Her vises bare avtalene der {kdd.name} er part." in html
    assert f'rel="next" href="/avtaler/?departement={kdd.slug}&amp;side=2"' in html
    total = Agreement.objects.published().filter(ministries=kdd).count()
    assert f"av {total})</caption>" in html.replace("\n", "")
    # A directorate party to a few agreements: exactly those, on one page.
    other = Directorate.objects.first()
    for agreement in Agreement.objects.published().order_by("pk")[:3]:
        agreement.directorates.add(other)
    narrow = client.get(f"/avtaler/?direktorat={other.slug}").content.decode()
    names = rows(narrow, r'<th scope="row"><a class="ds-link" href="[^"]+">([^<]+)</a>')
    expected = Agreement.objects.published().filter(directorates=other)
    assert len(names) == expected.count() == 3
    assert set(names) == set(expected.values_list("municipality__name", flat=True))
    assert "ds-pagination" not in narrow
    assert client.get("/avtaler/?departement=finnes-ikke").status_code == 404


def test_bodies_page_links_long_lists_to_the_agreements_page(client, national_scale):
    kdd = Ministry.objects.get(abbreviation="KDD")
    html = client.get("/departementer/").content.decode()
    total = Agreement.objects.published().filter(ministries=kdd).count()
    assert total > 30
    assert f'href="/avtaler/?departement={kdd.slug}">Part i {total} avtaler</a>' in html


def test_bodies_page_lists_short_lists_inline(client):
    html = client.get("/departementer/").content.decode()
    assert "?departement=" not in html
    assert "<summary>Part i 16 avtaler</summary>" in html


def test_front_page_at_national_scale_shows_points_and_links_to_the_list(client, national_scale):
    html = client.get("/").content.decode()
    assert "municipality-card" not in html
    assert 'href="/kommuner/">Se alle de 357 kommunene i listen over kommuner</a>' in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<circle") == Municipality.objects.exclude(latitude=None).count()
    assert "<text" not in svg


def test_theme_matrix_pages_cover_every_municipality_with_a_theme(client, national_scale):
    seen = []
    for number in range(1, 20):
        response = client.get(f"/tema/?side={number}")
        if response.status_code == 404:
            break
        seen += municipality_links(response.content.decode())
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
    html = staff_client.get("/kommuner/?forhandsvis=1&side=2").content.decode()
    assert 'rel="next" href="/kommuner/?forhandsvis=1&amp;side=3"' in html
    assert 'rel="canonical" href="http://testserver/kommuner/?side=2"' in html
    bodies = staff_client.get("/departementer/?forhandsvis=1").content.decode()
    assert 'href="/avtaler/?departement=kdd&amp;forhandsvis=1"' in bodies
