"""The site's URLs: the admin, then each app's (bokmål at /, nynorsk at /nn/, English at /en/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from sitewide import urls as sitewide_urls

handler500 = "sitewide.views.server_error"

admin.site.site_header = _("Områdesatsinger – redigering")
admin.site.site_title = _("Områdesatsinger")
admin.site.index_title = _("Innhold")

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    *sitewide_urls.unprefixed,
]

# The paths and slugs are the same in every language, so a shared link works in each.
urlpatterns += i18n_patterns(
    path("", include(sitewide_urls.urlpatterns)),
    path("kommuner/", include("municipalities.urls")),
    path("om/", include("pages.urls")),
    path("data/", include("opendata.urls")),
    path("", include("programs.urls")),
    prefix_default_language=False,
)
