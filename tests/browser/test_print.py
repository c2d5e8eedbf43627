"""Pages print as documents: no menus or controls, addresses after links, tables whole.

Chromium prints each page to A4 with the print stylesheet (``@media print`` in
static/css/site.css), and pypdf reads the text of every printed page back.
"""

import io
import re

import pytest
from pypdf import PdfReader

from tests.support.pages_catalogue import LANGUAGE_PREFIXES

pytestmark = pytest.mark.browser

MUNICIPALITY = "/kommuner/drammen/"
AGREEMENTS = "/avtaler/"
# Both pages in bokmål, nynorsk and English.
PRINTED = {
    f"{name}-{code}": prefix + path
    for code, prefix in LANGUAGE_PREFIXES.items()
    for name, path in (("municipality", MUNICIPALITY), ("agreements", AGREEMENTS))
}
A4_POINTS = (595, 842)  # 210 × 297 mm


def print_pdf(page):
    """Chromium's A4 print of ``page``, read back: a pypdf reader."""
    page.emulate_media(media="print")
    return PdfReader(io.BytesIO(page.pdf(format="A4")))


def page_texts(reader):
    return [pdf_page.extract_text() for pdf_page in reader.pages]


def spaced(text):
    """Lines joined: a phrase may wrap anywhere in the PDF."""
    return " ".join(text.split())


def compact(text):
    """Without any white space: a long address wraps wherever it must."""
    return "".join(text.split())


def occurrences(phrase, text):
    """How often ``phrase`` stands as words of its own in ``text``."""
    return len(re.findall(rf"(?<!\w){re.escape(spaced(phrase))}(?!\w)", spaced(text)))


def screen_texts(page):
    """What the screen page shows in its header, and what its content says."""
    header = page.get_by_role("banner")
    header_links = header.get_by_role("navigation").get_by_role("link")
    search = page.get_by_role("search")
    return {
        "menu": [
            link.inner_text().strip()
            for link in header_links.all()
            if link.get_attribute("hreflang") is None
        ],
        "languages": [
            link.inner_text().strip()
            for link in header_links.all()
            if link.get_attribute("hreflang") is not None
        ],
        "search": [
            search.locator("label").text_content().strip(),
            search.get_by_role("button").inner_text().strip(),
        ],
        "skip_link": page.locator("a[href='#main']").text_content().strip(),
        # Main content and footer as on screen, without the breadcrumbs' navigation.
        "content": [page.locator("main").inner_text(), page.locator("footer").inner_text()],
        "content_navigation": page.locator("main nav, footer nav").all_inner_texts(),
    }


@pytest.mark.parametrize("path", PRINTED.values(), ids=PRINTED.keys())
def test_print_leaves_out_menu_search_and_language_switcher(open_page, path):
    page, response, watch = open_page(path)
    assert response.status == 200
    screen = screen_texts(page)
    heading = page.locator("h1").inner_text()
    # The test reads real menus, not an empty list that passes anything.
    assert len(screen["menu"]) >= 5, screen["menu"]
    assert screen["languages"] == ["Bokmål", "Nynorsk", "English"]
    assert all(screen["search"]), screen["search"]

    printed = " ".join(page_texts(print_pdf(page)))

    assert spaced(heading) in spaced(printed)
    # Each header text may appear on paper only as often as the page's own
    # content uses the same word ("Data" is also a term on the municipality page).
    for text in [*screen["menu"], *screen["languages"], *screen["search"], screen["skip_link"]]:
        in_content = sum(occurrences(text, part) for part in screen["content"]) - sum(
            occurrences(text, nav) for nav in screen["content_navigation"]
        )
        assert occurrences(text, printed) <= in_content, f"{text!r} printed on {path}"
    # The whole menu in a row is not there either.
    assert spaced(" ".join(screen["menu"])) not in spaced(printed)
    assert watch.failed_resources == [], watch.failed_resources


def test_municipality_page_fits_on_two_a4_pages(open_page):
    page, _response, _watch = open_page(MUNICIPALITY)
    heading = page.locator("h1").inner_text()
    footer = spaced(page.locator("footer p").first.inner_text())

    reader = print_pdf(page)
    texts = page_texts(reader)

    assert 1 <= len(texts) <= 2, f"{len(texts)} pages"
    for pdf_page in reader.pages:
        size = (float(pdf_page.mediabox.width), float(pdf_page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=2), size
    assert spaced(heading) in spaced(texts[0])
    # Nothing is lost off the end: the source line in the footer is printed.
    assert footer.split(" (")[0][:40] in spaced(texts[-1])


LINKS = """() => [...document.querySelectorAll("main a[href]")].map((a) => ({
  text: a.innerText.trim(),
  href: a.getAttribute("href"),
  absolute: a.href,
  inTable: a.closest("td, th") !== null,
  urlLink: a.classList.contains("url-link"),
  shown: a.checkVisibility(),
  after: getComputedStyle(a, "::after").content,
}))"""


@pytest.mark.parametrize("path", [MUNICIPALITY, AGREEMENTS, "/departementer/"])
def test_links_print_their_address_after_their_text(open_page, site, path):
    page, _response, _watch = open_page(path)
    # On screen no address follows a link: the print rules stay in print.
    assert {link["after"] for link in page.evaluate(LINKS)} <= {"none", "normal"}

    printed = compact(" ".join(page_texts(print_pdf(page))))

    checked = []
    for link in page.evaluate(LINKS):  # as printed
        text, href = link["text"], link["href"]
        if not link["shown"]:
            # The breadcrumbs: navigation, left out on paper.
            assert compact(text + f"({site}{href})") not in printed, link
            continue
        if href.startswith("#"):
            # An anchor on the same page: no address, it leads nowhere on paper.
            assert compact(link["absolute"]) not in printed, link
        elif link["urlLink"]:
            # The text already is the address: printed once, not twice.
            assert compact(text) in printed, link
            assert compact(f"{text} ({href})") not in printed, link
        elif href.startswith("/"):
            # The site's own links in full, with scheme and host.
            address = compact(f"({site}{href})")
            if link["inTable"]:
                assert address not in printed, link  # a table keeps its rows short
            else:
                assert compact(text) + address in printed, link
        elif href.startswith("http"):
            assert compact(f"{text} ({href})") in printed, link
        else:
            continue
        checked.append(href)
    assert checked, f"no link checked on {path}"


ROWS = """() => [...document.querySelectorAll("main table")].map((table) => ({
  caption: table.caption ? table.caption.innerText : "",
  header: table.tHead.innerText,
  rows: [...table.tBodies[0].rows].map((row) => row.innerText),
  headerDisplay: getComputedStyle(table.tHead).display,
  rowBreaks: [...table.rows].map((row) => getComputedStyle(row).breakInside),
}))"""


def on_pages(text, texts):
    """The numbers of the printed pages whose text holds all of ``text``."""
    wanted = compact(text)
    return [number for number, page_text in enumerate(texts, 1) if wanted in compact(page_text)]


@pytest.mark.parametrize("path", [MUNICIPALITY, AGREEMENTS])
def test_tables_are_printed_whole(open_page, path):
    page, _response, _watch = open_page(path)
    page.emulate_media(media="print")
    tables = page.evaluate(ROWS)
    assert tables, f"no table on {path}"
    for table in tables:
        assert set(table["rowBreaks"]) == {"avoid"}, table
        assert table["headerDisplay"] == "table-header-group", table

    texts = page_texts(print_pdf(page))

    for table in tables:
        first, last = table["rows"][0], table["rows"][-1]
        caption_pages = on_pages(table["caption"], texts)
        # Caption, header, first and last row together on one page.
        assert len(caption_pages) == 1, (table["caption"], caption_pages)
        for part in (table["header"], first, last):
            assert caption_pages[0] in on_pages(part, texts), (part, len(texts))


def test_long_table_breaks_between_rows_and_repeats_its_header(open_page, national_scale):
    # 50 municipalities a page: longer than one sheet of A4.
    page, response, _watch = open_page("/kommuner/?side=2")
    assert response.status == 200
    page.emulate_media(media="print")
    (table,) = page.evaluate(ROWS)
    assert len(table["rows"]) == 50

    texts = page_texts(print_pdf(page))

    pages_with_rows = set()
    for row in table["rows"]:
        pages = on_pages(row, texts)
        assert len(pages) == 1, f"row {row!r} is not whole on one page"
        pages_with_rows.add(pages[0])
    assert len(pages_with_rows) >= 2, "the table fitted on one page: nothing was tested"
    for number in pages_with_rows:
        assert compact(table["header"]) in compact(texts[number - 1]), f"no header on page {number}"


INK = """() => {
  const style = (selector, pseudo) => {
    const element = document.querySelector(selector);
    return element ? getComputedStyle(element, pseudo) : null;
  };
  return {
    body: style("body").backgroundColor,
    header: style(".site-header").backgroundColor,
    footer: style(".site-footer").backgroundColor,
    link: style("main a[href^='/']").color,
    tag: style("main .ds-tag").backgroundColor,
    headerPosition: style(".site-header").position,
  };
}"""


def test_print_is_black_on_white(open_page):
    page, _response, _watch = open_page(MUNICIPALITY)
    on_screen = page.evaluate(INK)
    page.emulate_media(media="print")
    on_paper = page.evaluate(INK)

    transparent = "rgba(0, 0, 0, 0)"
    assert on_paper["body"] in {"rgb(255, 255, 255)", transparent}
    assert on_paper["header"] == on_paper["footer"] == transparent
    assert on_paper["tag"] == transparent
    assert on_paper["link"] == "rgb(0, 0, 0)"
    assert on_paper["headerPosition"] in {"static", "relative"}
    # The screen keeps its tinted header and coloured status tags.
    assert on_screen["header"] != transparent
    assert on_screen["tag"] != transparent
