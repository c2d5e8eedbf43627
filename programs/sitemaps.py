from django.urls import reverse

from core.sitemaps import Sitemap

from .models import Conference, Document, Theme


class ProgramsSitemap(Sitemap):
    """The programmes' list pages."""

    changefreq = "weekly"

    def items(self):
        return ["programs:agreements", "programs:themes", "programs:bodies", "programs:conferences"]

    def location(self, item):
        return reverse(item)


class ThemeSitemap(Sitemap):
    def items(self):
        return Theme.objects.order_by("pk")


class ConferenceSitemap(Sitemap):
    def items(self):
        return Conference.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class DocumentSitemap(Sitemap):
    def items(self):
        return Document.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at
