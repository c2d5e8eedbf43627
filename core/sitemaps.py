from django.contrib.sitemaps import Sitemap as BaseSitemap


class Sitemap(BaseSitemap):
    """Every page in bokmål, nynorsk and English, each listing the others (hreflang),
    with bokmål as x-default. The apps' sitemaps build on this."""

    i18n = True
    alternates = True
    x_default = True
