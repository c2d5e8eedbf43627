"""Small pages: HTML under 50 KB per page type; the front page's first view under 150 KB."""

import re
from pathlib import Path

import brotli
import pytest

from tests.support.html import hrefs, parse
from tests.support.pages_catalogue import localized_paths

pytestmark = pytest.mark.django_db

HTML_LIMIT = 50 * 1024
FIRST_VIEW_LIMIT = 150 * 1024


@pytest.mark.parametrize("path", localized_paths().values(), ids=localized_paths().keys())
def test_html_of_every_page_type_is_under_50_kb(client, path):
    assert len(client.get(path).content) <= HTML_LIMIT


def transfer_size(root, url):
    """Bytes on the wire: the Brotli copy WhiteNoise serves, or the file as it is."""
    path = root / url.removeprefix("/static/")
    compressed = path.with_name(path.name + ".br")
    return (compressed if compressed.exists() else path).stat().st_size


def test_front_page_first_view_is_under_150_kb_compressed(client, production_static):
    html = client.get("/").content
    urls = {href for href in hrefs(parse(html), "link[href]") if href.startswith("/static/")}
    assert urls, "the page links no stylesheets: the parse is broken"
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


def test_html_limit_holds_for_every_page_type_at_national_scale(client, national_scale):
    # With all 357 municipalities, lists come in pages (core.paging)
    # and the front page shows points instead of names: no page type grows
    # past the limit, in any language, on its first page or its last.
    paths = [
        *localized_paths().values(),
        "/kommuner/testkommune-100/",
        "/kommuner/?side=8",
        "/avtaler/?side=21",
        "/avtaler/?departement=kdd&side=2",
        "/en/tema/?side=2",
        "/nn/tema/arbeid/?side=2",
    ]
    sizes = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        sizes[path] = len(response.content)
    assert {p: n for p, n in sizes.items() if n > HTML_LIMIT} == {}
    # The data really is national: the paged lists have further pages.
    assert "/kommuner/?side=2" in hrefs(parse(client.get("/kommuner/")))
