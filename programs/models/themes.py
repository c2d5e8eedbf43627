"""The cross-cutting goals the områdesatsinger work towards."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import recorded
from core.links import reverse_cached
from core.models import Ordered, PublicAddress


@recorded()
class Theme(Ordered, PublicAddress):
    """A cross-cutting goal the områdesatsinger work towards, for comparing cities."""

    name = models.CharField(
        _("navn"), max_length=100, help_text=_("Kort navn på temaet, for eksempel «Arbeid».")
    )
    goal = models.CharField(
        _("mål"),
        max_length=200,
        help_text=_("Målet slik kilden formulerer det, for eksempel «å få flere i arbeid»."),
    )
    description = models.TextField(
        _("beskrivelse"), blank=True, help_text=_("Hva temaet handler om, med egne ord.")
    )
    # Unique: the themes are compared side by side in a fixed order.
    order = models.PositiveSmallIntegerField(
        _("rekkefølge"), unique=True, help_text=_("Lavere tall vises først.")
    )

    class Meta(Ordered.Meta):
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_cached("programs:theme_detail", self.slug)
