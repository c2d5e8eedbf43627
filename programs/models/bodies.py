"""The state's parties to the agreements: ministries and directorates."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import HttpsURLField
from core.history import recorded
from core.links import reverse_cached
from core.models import Ordered, Slugged


class PublicBody(Ordered, Slugged):
    """What ministries and directorates share: a name, a short form, a web address."""

    name = models.CharField(_("navn"), max_length=200, help_text=_("Det offisielle navnet."))
    abbreviation = models.CharField(
        _("forkortelse"), max_length=20, blank=True, help_text=_("For eksempel KDD eller IMDi.")
    )
    website = HttpsURLField(_("nettsted"), blank=True, help_text=_("Forsiden, med https://."))
    description = models.TextField(
        _("beskrivelse"), blank=True, help_text=_("Rollen i områdesatsingene, med egne ord.")
    )

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def anchor(self):
        return self.slug

    def get_absolute_url(self):
        return reverse_cached("programs:bodies") + f"#{self.anchor}"


@recorded()
class Ministry(PublicBody):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Koordinerer statens innsats")
        PARTNER = "partner", _("Påkoblet arbeidet")

    role = models.CharField(
        _("rolle"),
        max_length=20,
        choices=Role,
        default=Role.PARTNER,
        help_text=_("Bare ett departement koordinerer statens innsats."),
    )

    class Meta(PublicBody.Meta):
        verbose_name = _("departement")
        verbose_name_plural = _("departementer")
        constraints = [
            # The source names one coordinator; two would make "who coordinates?" ambiguous.
            models.UniqueConstraint(
                fields=["role"],
                condition=Q(role="coordinator"),
                name="ministry_single_coordinator",
                violation_error_message=_("Bare ett departement kan koordinere statens innsats."),
            ),
        ]


@recorded()
class Directorate(PublicBody):
    note = models.CharField(
        _("merknad"),
        max_length=200,
        blank=True,
        help_text=_("Kort tillegg til navnet, for eksempel «og/eller NAV lokalt»."),
    )

    class Meta(PublicBody.Meta):
        verbose_name = _("direktorat")
        verbose_name_plural = _("direktorater")
