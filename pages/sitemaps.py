from django.urls import reverse

from core.sitemaps import Sitemap

from .models import Page


class PageIndexSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["pages:index"]

    def location(self, item):
        return reverse(item)


class PageSitemap(Sitemap):
    def items(self):
        return Page.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at
