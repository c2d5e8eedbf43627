from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitewideConfig(AppConfig):
    """The pages and features that span the apps: front page, search, the change feed,
    the sitemap, the map, the accessibility statement, error pages, robots.txt."""

    name = "sitewide"
    verbose_name = _("Sider for hele nettstedet")
