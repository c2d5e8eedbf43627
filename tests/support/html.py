"""Read HTML through a parser, as a browser does, never with regular expressions.

Tests pick elements with CSS selectors on the parsed tree (BeautifulSoup with
Python's own ``html.parser``; soupsieve does the selecting). So the order or
quoting of attributes, or the whitespace a template leaves, cannot make a test
pass or fail by accident, and an assertion names the element it is about.

    soup = parse(client.get("/kommuner/"))
    assert text_of(soup, "h1") == "Kommuner med områdesatsing"
    assert "/kommuner/drammen/" in hrefs(soup, "th[scope=row] a")
"""

from bs4 import BeautifulSoup


def parse(page):
    """The parsed tree of a response (its content), of bytes (UTF-8) or of HTML text."""
    if hasattr(page, "content"):
        page = page.content
    if isinstance(page, bytes):
        page = page.decode("utf-8")
    return BeautifulSoup(page, "html.parser")


def clean(text):
    """Text as a reader sees it: runs of whitespace (also non-breaking) as one space, trimmed."""
    return " ".join(text.split())


def one(soup, selector):
    """The one element ``selector`` matches; fails the test when there are none or several."""
    found = soup.select(selector)
    assert len(found) == 1, f"{len(found)} elements match {selector!r}, not one"
    return found[0]


def text_of(soup, selector):
    """The text of the one element ``selector`` matches, whitespace made single."""
    return clean(one(soup, selector).get_text())


def texts(soup, selector):
    """The text of every element ``selector`` matches, in document order."""
    return [clean(element.get_text()) for element in soup.select(selector)]


def hrefs(soup, selector="a"):
    """The href of every element ``selector`` matches that has one, in document order."""
    return [element["href"] for element in soup.select(selector) if element.has_attr("href")]


def page_text(soup):
    """All the text of the page, as a reader sees it: no markup, scripts, styles or comments."""
    return clean(soup.get_text(" "))


def definitions(element):
    """A description list (``dl``) as {term text: its ``dd`` element}."""
    return {clean(dt.get_text()): dt.find_next_sibling("dd") for dt in element.select("dt")}
