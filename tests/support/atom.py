"""Read an Atom feed (RFC 4287) as a feed reader does: parsed XML, the elements it needs."""

import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_feed(client, path="/endringer.atom"):
    """The feed at ``path`` as an XML tree; fails unless it is served as Atom."""
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def assert_atom(feed, self_href):
    """The feed has what RFC 4287 requires: id, title, updated, its own address, whole entries."""
    assert feed.tag == f"{ATOM}feed"
    for element in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{element}") or "").strip(), element
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == self_href
    # An author for the feed, or one in every entry.
    entries = feed.findall(f"{ATOM}entry")
    assert feed.findtext(f"{ATOM}author/{ATOM}name") or all(
        entry.find(f"{ATOM}author") is not None for entry in entries
    )
    for entry in entries:
        for element in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{element}") or "").strip(), element
        assert entry.find(f"{ATOM}link").get("href"), "link"


def entry_titles(feed):
    return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


def entry_links(feed):
    return [entry.find(f"{ATOM}link").get("href") for entry in feed.findall(f"{ATOM}entry")]
