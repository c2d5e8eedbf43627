"""Small pages: HTML under 50 KB per page type; the front page's first view under 150 KB."""

import re
from pathlib import Path

import brotli
import pytest
from django.core.management import call_command

from .pages_catalogue import PAGE_TYPES, localized_paths

pytestmark = pytest.mark.django_db

HTML_LIMIT = 50 * 1024
FIRST_VIEW_LIMIT = 150 * 1024


@pytest.mark.parametrize("path", localized_paths().values(), ids=localized_paths().keys())
def test_html_of_every_page_type_is_under_50_kb(client, path):
    assert len(client.get(path).content) <= HTML_LIMIT


@pytest.fixture
def production_static(settings, tmp_path):
    """collectstatic as production does it: hashed names, Brotli and gzip copies."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return Path(settings.STATIC_ROOT)


def transfer_size(root, url):
    """Bytes on the wire: the Brotli copy WhiteNoise serves, or the file as it is."""
    path = root / url.removeprefix("/static/")
    compressed = path.with_name(path.name + ".br")
    return (compressed if compressed.exists() else path).stat().st_size


def test_front_page_first_view_is_under_150_kb_compressed(client, production_static):
    html = client.get("/").content
    assets = set(re.findall(rb'<link[^>]+href="(/static/[^"]+)"', html))
    assert assets, "the page links no stylesheets: the parse is broken"
    urls = {a.decode() for a in assets}
    # Fonts and images the stylesheets load.
    for url in list(urls):
        if url.endswith(".css"):
            css = (production_static / url.removeprefix("/static/")).read_text()
            for ref in re.findall(r'url\("?([^")]+\.(?:woff2|png|svg|jpg))"?\)', css):
                if ref.startswith("data:"):
                    continue
                urls.add(str(Path(url).parent / ref).replace("/css/../", "/"))
    sizes = {url: transfer_size(production_static, url) for url in urls}
    total = len(brotli.compress(html)) + sum(sizes.values())
    assert any(u.endswith(".woff2") for u in sizes)  # the fonts were counted
    assert all(re.search(r"\.[0-9a-f]{12}\.", u) for u in sizes)  # hashed, cacheable forever
    assert total <= FIRST_VIEW_LIMIT, sizes


def test_html_limit_holds_for_municipality_pages_at_national_scale(client):
    # Pages about one thing stay small however many municipalities there are.
    # Lists of everything (front page, /kommuner/, /tema/<slug>/) grow with the
    # data; see "Scale" in the README.
    call_command("generate_scaled_data", total=357, verbosity=0)
    for path in ("/kommuner/testkommune-100/", PAGE_TYPES["municipality_detail"][0]):
        response = client.get(path)
        assert response.status_code == 200, path
        assert len(response.content) <= HTML_LIMIT, path
