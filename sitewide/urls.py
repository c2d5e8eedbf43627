from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter

from . import health, library, views
from .feeds import ChangesFeed, MunicipalityChangesFeed, ThemeChangesFeed
from .sitemaps import SITEMAPS


class Hex16Converter:
    regex = "[0-9a-f]{16}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(Hex16Converter, "hex16")

# Outside the language prefixes: one robots.txt and one sitemap for the site.
unprefixed = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Checked by load balancers (settings.HEALTH_PATHS: never cached, never redirected).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]

# Inside them: /, /nn/ and /en/.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tilgjengelighet/", views.AccessibilityView.as_view(), name="accessibility"),
    path("sok/", views.SearchView.as_view(), name="search"),
    # The library lists documents by municipality, so it sits above both apps.
    path("dokumenter/", library.DocumentListView.as_view(), name="documents"),
    path("endringer.atom", ChangesFeed(), name="changes_feed"),
    # Beside the municipality's and the theme's pages (their apps sit below this one).
    path(
        "kommuner/<slug:slug>/endringer.atom",
        MunicipalityChangesFeed(),
        name="municipality_changes_feed",
    ),
    path("tema/<slug:slug>/endringer.atom", ThemeChangesFeed(), name="theme_changes_feed"),
    # Link-preview pictures (og:image), in the page's language; the token names what is drawn.
    path("delingsbilde/<hex16:token>.png", views.site_preview, name="preview_site"),
    path(
        "delingsbilde/kommuner/<slug:slug>/<hex16:token>.png",
        views.municipality_preview,
        name="preview_municipality",
    ),
]
