from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import health, views
from .feeds import ChangesFeed
from .sitemaps import SITEMAPS

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
    path("endringer.atom", ChangesFeed(), name="changes_feed"),
]
