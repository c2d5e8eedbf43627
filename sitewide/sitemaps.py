"""/sitemap.xml: the site-wide pages, then each app's own sitemaps."""

from django.urls import reverse

from core.sitemaps import Sitemap
from municipalities.sitemaps import MunicipalityListSitemap, MunicipalitySitemap
from pages.sitemaps import PageIndexSitemap, PageSitemap
from programs.sitemaps import ConferenceSitemap, DocumentSitemap, ProgramsSitemap, ThemeSitemap


class SitewideSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["home", "accessibility", "documents"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "sitewide": SitewideSitemap,
    "municipality_list": MunicipalityListSitemap,
    "programs": ProgramsSitemap,
    "pages_index": PageIndexSitemap,
    "municipalities": MunicipalitySitemap,
    "themes": ThemeSitemap,
    "conferences": ConferenceSitemap,
    "documents": DocumentSitemap,
    "pages": PageSitemap,
}
