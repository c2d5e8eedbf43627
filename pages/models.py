"""Editorial pages under /om/: the general text about områdesatsinger."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import recorded
from core.links import reverse_cached
from core.models import Editorial, EditorialQuerySet, Ordered, PublicAddress


@recorded()
class Page(Ordered, Editorial, PublicAddress):
    """An editorial page under /om/: general text about områdesatsinger."""

    class Listing(models.TextChoices):
        # Facts kept in their own tables, shown below the page's text so they
        # are written once and never copied into prose.
        NONE = "", _("Ingen")
        THEMES = "themes", _("Tverrgående temaer")
        BODIES = "bodies", _("Departementer og direktorater")
        DOCUMENTS = "documents", _("Styringsdokumenter")
        NETWORKS = "networks", _("Nettverk og konferanser")

    title = models.CharField(
        _("tittel"), max_length=200, help_text=_("Sidens overskrift, kort og klar.")
    )
    summary = models.CharField(
        _("ingress"),
        max_length=300,
        help_text=_("Én eller to setninger som oppsummerer siden; vises også i søkeresultater."),
    )
    body = models.TextField(
        _("brødtekst"),
        help_text=_("Ren tekst. Tom linje mellom avsnitt. Ingen HTML."),
    )
    listing = models.CharField(
        _("liste under teksten"),
        max_length=20,
        choices=Listing,
        blank=True,
        default=Listing.NONE,
        help_text=_("Viser fakta fra databasen under teksten, så de bare skrives ett sted."),
    )

    objects = EditorialQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("side")
        verbose_name_plural = _("sider")
        permissions = [("publish_page", _("Kan publisere og avpublisere sider"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_cached("pages:detail", self.slug)
