import functools

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Each language named in itself, as language switchers do.
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
# Open Graph wants language_TERRITORY.
OG_LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}

# The main menu: (URL name, label). A page belongs to the first item whose
# URL its path starts with (the front page only to itself).
NAVIGATION = [
    ("municipalities:list", _("Kommuner")),
    ("programs:agreements", _("Avtaler")),
    ("programs:themes", _("Temaer")),
    ("programs:bodies", _("Departementer")),
    ("programs:conferences", _("Konferanser")),
    ("documents", _("Dokumenter")),
    ("pages:index", _("Om satsingene")),
    ("opendata:index", _("Data")),
]


def absolute_url(request, path):
    """The full URL of ``path``; just the path when the request's Host is not ours.

    The 400 page for a forbidden Host header is rendered with this context too,
    and must not fail on the same header.
    """
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:
        return path


def site(request):
    # Page 2 and on of a long list name their page (core.paging).
    page_query = getattr(request, "page_query", "")
    return {
        "SOURCE_URL": settings.SOURCE_URL,
        "canonical_url": absolute_url(request, request.path + page_query),
        # Scheme and host, so a printed page can give its links in full (site.css).
        "site_origin": absolute_url(request, "/").removesuffix("/"),
        "navigation": navigation(request.path),
        "languages": languages(request),
    }


def language_path(path, current, target):
    """The same path in another language: only the prefix differs (/, /nn/, /en/).

    Paths and slugs are the same in every language by design, so swapping the
    prefix is enough; the test of the language switcher holds it to that.
    """
    default = settings.LANGUAGE_CODE
    if current != default and path.startswith(f"/{current}/"):
        path = path[len(current) + 1 :]
    return path if target == default else f"/{target}{path}"


def languages(request):
    """This page in every language: for the switcher and the hreflang links.

    A path that resolves to nothing (a 404) offers each language's front page
    instead and is not announced as an alternate.
    """
    current = get_language()
    found = getattr(request, "resolver_match", None) is not None
    links = []
    here = request.path + getattr(request, "page_query", "") if found else reverse("home")
    for code, _name in settings.LANGUAGES:
        url = language_path(here, current, code)
        links.append(
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "og_locale": OG_LOCALES[code],
                "url": url,
                "absolute_url": absolute_url(request, url),
                "current": code == current,
                "alternate": found,
            }
        )
    return links


@functools.lru_cache(maxsize=8)
def _menu_urls(language):
    # Menu addresses depend only on the language; reverse() them once each.
    return [reverse(name) for name, _label in NAVIGATION]


def navigation(path):
    items = []
    for (_name, label), url in zip(NAVIGATION, _menu_urls(get_language()), strict=True):
        if path == url:
            current = "page"
        elif path.startswith(url):
            current = "true"  # a page inside this section
        else:
            current = None
        items.append({"url": url, "label": label, "current": current})
    return items
