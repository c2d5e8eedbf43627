from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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
    }


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
