from django.urls import reverse

from core.sitemaps import Sitemap

from .models import Municipality


class MunicipalityListSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["municipalities:list"]

    def location(self, item):
        return reverse(item)


class MunicipalitySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Municipality.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at
