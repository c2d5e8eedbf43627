from django.contrib.sitemaps import Sitemap as BaseSitemap
from django.urls import reverse

from municipalities.models import Municipality
from pages.models import Page
from programs.models import Conference, Theme


class Sitemap(BaseSitemap):
    # Every page in bokmål, nynorsk and English, each listing the others
    # (hreflang) and bokmål as x-default.
    i18n = True
    alternates = True
    x_default = True


class StaticViewSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "municipalities:list",
            "programs:agreements",
            "programs:themes",
            "programs:bodies",
            "programs:conferences",
            "pages:index",
            "accessibility",
        ]

    def location(self, item):
        return reverse(item)


class MunicipalitySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Municipality.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class ThemeSitemap(Sitemap):
    def items(self):
        return Theme.objects.order_by("pk")


class ConferenceSitemap(Sitemap):
    def items(self):
        return Conference.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class PageSitemap(Sitemap):
    def items(self):
        return Page.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


SITEMAPS = {
    "static": StaticViewSitemap,
    "municipalities": MunicipalitySitemap,
    "themes": ThemeSitemap,
    "conferences": ConferenceSitemap,
    "pages": PageSitemap,
}
