"""Grants (tilskudd) to the municipalities under the budget post for områdesatsing."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.history import recorded
from core.models import EditorialChild, EditorialChildQuerySet

from ..periods import YEAR_VALIDATORS


class GrantQuerySet(EditorialChildQuerySet):
    published_filter = {"municipality__published_at__isnull": False}


@recorded()
class Grant(EditorialChild):
    """A grant (tilskudd) to a municipality under the budget post for områdesatsing."""

    editorial_parent = "municipality"

    class Stage(models.TextChoices):
        PROPOSED = "proposed", _("Foreslått i statsbudsjettet")
        ALLOCATED = "allocated", _("Tildelt")

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("kommune"),
        help_text=_("Kommunen som får tilskuddet."),
    )
    year = models.PositiveSmallIntegerField(
        _("budsjettår"), validators=YEAR_VALIDATORS, help_text=_("Året tilskuddet gjelder.")
    )
    stage = models.CharField(
        _("fase"),
        max_length=20,
        choices=Stage,
        default=Stage.PROPOSED,
        help_text=_("Foreslått i statsbudsjettet, eller tildelt."),
    )
    amount = models.DecimalField(
        _("beløp (kr)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("La stå tomt når beløpet ikke er offentliggjort. Gjett aldri."),
    )
    budget_post = models.CharField(
        _("budsjettpost"),
        max_length=150,
        default="Områdesatsing i byer",
        help_text=_("Posten i statsbudsjettet tilskuddet går over."),
    )
    document = models.ForeignKey(
        "programs.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
        # Only budget propositions in the admin's choice, not the whole library.
        limit_choices_to={"kind": "budget_proposition"},
        verbose_name=_("budsjettdokument"),
        help_text=_("Proposisjonen beløpet er foreslått eller vedtatt i."),
    )

    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "municipality__name"]
        verbose_name = _("tilskudd")
        verbose_name_plural = _("tilskudd")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "stage"],
                name="grant_unique_per_municipality_year_stage",
                violation_error_message=_("Kommunen har allerede et slikt tilskudd dette året."),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="grant_amount_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.municipality.name} {self.year} ({self.get_stage_display().lower()})"
