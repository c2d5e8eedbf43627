"""The site's URLs: the admin, then each app's (bokmål at /, nynorsk at /nn/, English at /en/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from core import password_reset
from sitewide import urls as sitewide_urls

handler500 = "sitewide.views.server_error"

# «Glemt passord?» on the admin's login (the admin shows the link when
# admin_password_reset exists). Under the admin's path, so its language
# applies, and before the admin, whose catch-all would answer these paths.
admin_password_reset = [
    path("glemt-passord/", password_reset.PasswordResetView.as_view(), name="admin_password_reset"),
    path(
        "glemt-passord/sendt/",
        password_reset.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "nytt-passord/ferdig/",
        password_reset.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "nytt-passord/<uidb64>/<token>/",
        password_reset.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
]

urlpatterns = [
    path(settings.ADMIN_URL, include(admin_password_reset)),
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
