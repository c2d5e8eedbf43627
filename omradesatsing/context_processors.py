from django.conf import settings
from django.urls import reverse, translate_url
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
    ("pages:index", _("Om satsingene")),
]


def site(request):
    return {
        "SOURCE_URL": settings.SOURCE_URL,
        "canonical_url": request.build_absolute_uri(request.path),
        "navigation": navigation(request.path),
        "languages": languages(request),
    }


def languages(request):
    """This page in every language: for the switcher and the hreflang links.

    Paths and slugs are the same in every language, so translate_url only
    swaps the prefix. A path that resolves to nothing (a 404) offers each
    language's front page instead and is not announced as an alternate.
    """
    current = get_language()
    found = getattr(request, "resolver_match", None) is not None
    links = []
    here = request.path if found else reverse("home")
    for code, _name in settings.LANGUAGES:
        url = translate_url(here, code)
        links.append(
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "og_locale": OG_LOCALES[code],
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
                "alternate": found,
            }
        )
    return links


def navigation(path):
    items = []
    for name, label in NAVIGATION:
        url = reverse(name)
        if path == url:
            current = "page"
        elif path.startswith(url):
            current = "true"  # a page inside this section
        else:
            current = None
        items.append({"url": url, "label": label, "current": current})
    return items
