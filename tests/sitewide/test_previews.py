"""Link previews: every page type names a 1200×630 PNG, drawn here, that follows the content."""

import io
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image

from programs.models import Agreement
from sitewide import previews
from tests.support.html import one, parse
from tests.support.pages_catalogue import LANGUAGE_PREFIXES, localized_paths

pytestmark = pytest.mark.django_db


def meta(soup, attribute, name):
    return one(soup, f'meta[{attribute}="{name}"]')["content"]


def preview_of(client, path):
    """(image URL, alt text) the page at ``path`` names, after checking every tag."""
    soup = parse(client.get(path))
    url = meta(soup, "property", "og:image")
    alt = meta(soup, "property", "og:image:alt")
    assert meta(soup, "property", "og:image:type") == "image/png"
    assert meta(soup, "property", "og:image:width") == "1200"
    assert meta(soup, "property", "og:image:height") == "630"
    assert meta(soup, "name", "twitter:card") == "summary_large_image"
    assert meta(soup, "name", "twitter:image") == url
    assert meta(soup, "name", "twitter:image:alt") == alt
    return url, alt


def fetch(client, url):
    return client.get(urlsplit(url).path)


def assert_png_1200_by_630(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert image.size == (1200, 630)


@pytest.mark.parametrize(("name", "path"), localized_paths().items())
def test_every_page_type_names_a_png_of_1200_by_630_in_its_language(client, name, path):
    url, alt = preview_of(client, path)
    assert url.startswith("http://testserver/"), "og:image must be absolute"
    assert alt.strip()
    prefix = LANGUAGE_PREFIXES[name.rsplit("-", 1)[1]]
    assert urlsplit(url).path.startswith(f"{prefix}/delingsbilde/")
    assert_png_1200_by_630(fetch(client, url))


def test_a_municipality_has_its_own_picture_and_the_others_share_the_sites(client):
    drammen, _alt = preview_of(client, "/kommuner/drammen/")
    tromso, _alt = preview_of(client, "/kommuner/tromso/")
    home, _alt = preview_of(client, "/")
    themes, _alt = preview_of(client, "/tema/")
    assert "/delingsbilde/kommuner/drammen/" in drammen
    assert "/delingsbilde/kommuner/tromso/" in tromso
    assert home == themes
    assert len({drammen, tromso, home}) == 3
    assert fetch(client, drammen).content != fetch(client, tromso).content


def test_the_alt_text_says_what_the_picture_shows(client):
    _url, alt = preview_of(client, "/kommuner/drammen/")
    assert "Drammen" in alt
    assert "Aktiv til 2030" in alt
    _url, alt = preview_of(client, "/en/kommuner/drammen/")
    assert "Active until 2030" in alt


def test_a_municipalitys_picture_changes_with_its_status(client):
    before, _alt = preview_of(client, "/kommuner/drammen/")
    old_png = fetch(client, before).content
    agreement = Agreement.objects.get(municipality__slug="drammen")
    agreement.end_year = 2032
    agreement.save()
    after, alt_after = preview_of(client, "/kommuner/drammen/")
    assert after != before
    assert "Aktiv til 2032" in alt_after
    new = fetch(client, after)
    assert_png_1200_by_630(new)
    assert new.content != old_png
    # The old address sends readers on to the current picture.
    old = fetch(client, before)
    assert old.status_code == 302
    assert old["Location"] == urlsplit(after).path


def test_a_municipality_without_a_published_agreement_says_so(client):
    Agreement.objects.get(municipality__slug="drammen").unpublish()
    url, alt = preview_of(client, "/kommuner/drammen/")
    assert "Ingen avtale er publisert ennå." in alt
    assert_png_1200_by_630(fetch(client, url))


def test_the_sites_picture_follows_the_content_version(client):
    before, _alt = preview_of(client, "/")
    Agreement.objects.get(municipality__slug="drammen").unpublish()
    after, _alt = preview_of(client, "/")
    assert after != before
    assert fetch(client, before).status_code == 302
    assert_png_1200_by_630(fetch(client, after))


def test_a_picture_at_its_address_may_be_kept_for_a_year(client):
    url, _alt = preview_of(client, "/kommuner/drammen/")
    response = fetch(client, url)
    assert "immutable" in response["Cache-Control"]
    assert "max-age=31536000" in response["Cache-Control"]
    assert not response.cookies


def test_unknown_or_unpublished_municipalities_have_no_picture(client, drafts):
    token = "0" * 16
    assert client.get(f"/delingsbilde/kommuner/finnes-ikke/{token}.png").status_code == 404
    assert client.get(f"/delingsbilde/kommuner/alesund/{token}.png").status_code == 404
    # Not a token at all.
    assert client.get("/delingsbilde/kommuner/drammen/x.png").status_code == 404
    assert client.get("/delingsbilde/ABCDEF.png").status_code == 404


def test_a_draft_agreement_is_not_drawn_even_in_the_preview(staff_client, drafts):
    url, alt = preview_of(Client(), "/kommuner/drammen/")
    assert "2031" not in alt
    # Staff previewing the page see the draft, but the picture is the public one.
    preview_url, _alt = preview_of(staff_client, "/kommuner/drammen/?forhandsvis=1")
    assert preview_url == url


# At most: the content version (usually known without a query), and the
# municipality and its agreements, or the municipalities.
@pytest.mark.parametrize(("page", "bound"), [("/kommuner/drammen/", 3), ("/en/", 2)])
def test_the_picture_takes_a_fixed_number_of_queries(client, page, bound):
    url, _alt = preview_of(client, page)
    cache.clear()  # drawn, not read from the cache
    with CaptureQueriesContext(connection) as queries:
        response = fetch(client, url)
    assert response.status_code == 200
    assert len(queries) <= bound


def test_a_missing_font_is_named(monkeypatch, tmp_path):
    monkeypatch.setattr(previews, "FONT_FOLDER", tmp_path)
    previews._font_path.cache_clear()
    previews.font.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured, match="scripts/setup"):
            previews.draw(previews.Picture(language="nb", title="Drammen"))
    finally:
        previews._font_path.cache_clear()
        previews.font.cache_clear()
