from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views
from .feeds import ChangesFeed
from .sitemaps import SITEMAPS

handler500 = "omradesatsing.views.server_error"

admin.site.site_header = _("Områdesatsinger – redigering")
admin.site.site_title = _("Områdesatsinger")
admin.site.index_title = _("Innhold")

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

# Bokmål unprefixed at /, nynorsk at /nn/, English at /en/. The paths and
# slugs are the same in every language, so a shared link works in each.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("kommuner/", include("municipalities.urls")),
    path("om/", include("pages.urls")),
    path("tilgjengelighet/", views.AccessibilityView.as_view(), name="accessibility"),
    path("sok/", views.SearchView.as_view(), name="search"),
    path("endringer.atom", ChangesFeed(), name="changes_feed"),
    path("data/", include("opendata.urls")),
    path("", include("programs.urls")),
    prefix_default_language=False,
)
