"""The white papers and budget propositions the områdesatsinger rest on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import HttpsURLField
from core.history import recorded
from core.models import Ordered, Slugged


@recorded()
class PolicyDocument(Ordered, Slugged):
    """A white paper or budget proposition the områdesatsinger rest on."""

    class Kind(models.TextChoices):
        WHITE_PAPER = "meld_st", _("Stortingsmelding")
        BUDGET = "prop_s", _("Budsjettproposisjon")

    reference = models.CharField(
        _("betegnelse"),
        max_length=100,
        unique=True,
        help_text=_("Den offisielle betegnelsen, for eksempel «Meld. St. 28 (2022–2023)»."),
    )
    kind = models.CharField(
        _("type"), max_length=10, choices=Kind, help_text=_("Hva slags dokument det er.")
    )
    title = models.CharField(
        _("tittel"),
        max_length=250,
        blank=True,
        help_text=_("Tittelen, for eksempel «Gode bysamfunn med små skilnader»."),
    )
    ministry = models.ForeignKey(
        "programs.Ministry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("departement"),
        help_text=_("Departementet som har lagt fram dokumentet, når kilden sier det."),
    )
    url = HttpsURLField(
        _("nettadresse"), blank=True, help_text=_("Dokumentet på regjeringen.no, med https://.")
    )
    description = models.TextField(
        _("beskrivelse"),
        blank=True,
        help_text=_("Hva dokumentet sier om satsingene, med egne ord."),
    )

    class Meta:
        ordering = ["order", "reference"]
        verbose_name = _("styringsdokument")
        verbose_name_plural = _("styringsdokumenter")

    def __str__(self):
        return f"{self.reference} {self.title}".strip()
