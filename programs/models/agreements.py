"""Agreements between the state and a municipality, and their focus areas.

An agreement's status (announced, active, ended) is never stored: it follows
from the period and a day. The rule is written once, in STATUS_RULE, and
``Agreement.status_on`` (Python, one agreement) and
``AgreementQuerySet.with_status`` (SQL, for filtering and counting) both read it.
"""

import datetime
import operator

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import clock
from core.fields import HttpsURLField
from core.history import recorded
from core.models import Editorial, EditorialChild, EditorialChildQuerySet, EditorialQuerySet

from ..display import period_label
from ..periods import YEAR_VALIDATORS, period_bounds
from ..validators import PdfValidator, agreement_document_path, is_stored


class Stage(models.TextChoices):
    ANNOUNCED = "announced", _("Kunngjort – ikke inngått ennå")
    CONCLUDED = "concluded", _("Inngått")


class Status(models.TextChoices):
    ANNOUNCED = "announced", pgettext_lazy("agreement status", "Kunngjort")
    ACTIVE = "active", pgettext_lazy("agreement status", "Aktiv")
    ENDED = "ended", pgettext_lazy("agreement status", "Avsluttet")
    UNKNOWN = "unknown", pgettext_lazy("agreement status", "Periode ikke oppgitt")


# Stands for the day the status is asked for.
TODAY = object()

# The status rule: the first row that holds gives the status; if none does,
# STATUS_OTHERWISE. Each row is (status, field, lookup, value) and means the
# same in Python and in SQL (a NULL date never compares, as in SQL).
STATUS_RULE = (
    (Status.ANNOUNCED, "stage", "exact", Stage.ANNOUNCED),
    (Status.ANNOUNCED, "period_start", "gt", TODAY),
    (Status.ENDED, "period_end", "lt", TODAY),
    (Status.ACTIVE, "period_start", "isnull", False),
    (Status.ACTIVE, "period_end", "isnull", False),
)
STATUS_OTHERWISE = Status.UNKNOWN

_LOOKUPS = {
    "exact": operator.eq,
    "gt": lambda value, other: value is not None and value > other,
    "lt": lambda value, other: value is not None and value < other,
    "isnull": lambda value, other: (value is None) == other,
}


def status_from(values, today):
    """The status of an agreement with these ``values`` (field name → value) on ``today``."""
    for status, field, lookup, operand in STATUS_RULE:
        if _LOOKUPS[lookup](values[field], today if operand is TODAY else operand):
            return status
    return STATUS_OTHERWISE


def status_expression(today):
    """STATUS_RULE as an SQL CASE expression for ``today``."""
    return Case(
        *(
            When(
                Q(**{f"{field}__{lookup}": today if operand is TODAY else operand}),
                then=Value(status.value),
            )
            for status, field, lookup, operand in STATUS_RULE
        ),
        default=Value(STATUS_OTHERWISE.value),
        output_field=models.CharField(),
    )


class AgreementQuerySet(EditorialQuerySet):
    # Published agreements of published municipalities.
    published_filter = {
        "published_at__isnull": False,
        "municipality__published_at__isnull": False,
    }

    def with_status(self, today=None):
        """Annotate ``status_code`` with the status on ``today`` (default: today in Norway)."""
        return self.annotate(status_code=status_expression(today or clock.today()))

    def with_status_code(self, status, today=None):
        return self.with_status(today).filter(status_code=status)

    def active(self, today=None):
        return self.with_status_code(Status.ACTIVE, today)

    def needs_review(self, today):
        """The common rules (core), and the two an agreement's dates give."""
        published = self.published()
        year_ago = today - datetime.timedelta(days=365)
        return [
            (
                _("Kunngjort for over et år siden, men uten undertegningsdato"),
                published.filter(
                    stage=Stage.ANNOUNCED, signed_on__isnull=True, period_start__lt=year_ago
                ),
            ),
            (
                _("Perioden er over: bekreft at avtalen er avsluttet, eller før inn forlengelsen"),
                published.filter(period_end__lt=today).filter(
                    Q(checked_at__isnull=True) | Q(checked_at__date__lte=F("period_end"))
                ),
            ),
            *super().needs_review(today),
        ]

    def summary(self):
        """Only the columns status, period and kind need: for long lists of agreements."""
        return self.only(*Agreement.SUMMARY_FIELDS)


@recorded(excluded_fields=["period_start", "period_end"])
class Agreement(Editorial):
    """A long-term agreement between the state and a municipality."""

    Stage = Stage
    Status = Status

    class Kind(models.TextChoices):
        SAMARBEIDSAVTALE = "samarbeidsavtale", _("Samarbeidsavtale")
        INTENSJONSAVTALE = "intensjonsavtale", _("Intensjonsavtale")

    class FocusAreaTerm(models.TextChoices):
        INNSATSOMRADE = "innsatsomrade", _("Innsatsområder")
        PROGRAMOMRADE = "programomrade", _("Programområder")
        DELPROGRAM = "delprogram", _("Delprogrammer")

    # What a list needs to show an agreement's kind, period and status.
    SUMMARY_FIELDS = (
        "id",
        "municipality_id",
        "kind",
        "stage",
        "signed_on",
        "start_year",
        "end_year",
        "duration_years",
        "extension_possible",
        "period_start",
        "period_end",
    )

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("kommune"),
        help_text=_("Kommunen staten har avtalen med."),
    )
    areas = models.ManyToManyField(
        "municipalities.Area",
        blank=True,
        related_name="agreements",
        verbose_name=_("områder"),
        help_text=_("Områdene avtalen gjelder. Bare områder i samme kommune."),
    )
    kind = models.CharField(
        _("avtaletype"),
        max_length=20,
        choices=Kind,
        default=Kind.SAMARBEIDSAVTALE,
        help_text=_("Som avtalen selv kaller seg."),
    )
    stage = models.CharField(
        _("fase"),
        max_length=20,
        choices=Stage,
        default=Stage.CONCLUDED,
        help_text=_(
            "«Kunngjort» når staten har varslet en avtale som ikke er undertegnet ennå. "
            "Status (aktiv, avsluttet) regnes ut fra datoene og skal ikke skrives inn."
        ),
    )
    signed_on = models.DateField(
        _("undertegnet"), null=True, blank=True, help_text=_("Datoen avtalen ble undertegnet.")
    )
    start_year = models.PositiveSmallIntegerField(
        _("første år"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Året perioden begynner, når bare året er kjent."),
    )
    end_year = models.PositiveSmallIntegerField(
        _("siste år"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Siste år avtalen gjelder («frem til 2026», «til og med 2024»)."),
    )
    duration_years = models.PositiveSmallIntegerField(
        _("varighet i år"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Avtalens ramme i år («ramme på 5 år»), når siste år ikke er oppgitt."),
    )
    extension_possible = models.BooleanField(
        _("kan forlenges"), default=False, help_text=_("Avtalen åpner for forlengelse.")
    )
    # Derived from the four fields above by derive_period() below, on every
    # save, never typed in: they let the database compare periods with a day.
    period_start = models.DateField(_("periodens første dag"), null=True, editable=False)
    period_end = models.DateField(_("periodens siste dag"), null=True, editable=False)
    purpose = models.TextField(
        _("formål"),
        max_length=1000,
        blank=True,
        help_text=_("Hva satsingen skal oppnå, med egne ord."),
    )
    focus_area_term = models.CharField(
        _("kalles innsatsområdene"),
        max_length=20,
        choices=FocusAreaTerm,
        default=FocusAreaTerm.INNSATSOMRADE,
        help_text=_("Ordet avtalen selv bruker om innsatsområdene."),
    )
    programme_note = models.TextField(
        _("om programbeskrivelsen"),
        blank=True,
        help_text=_("For eksempel når programbeskrivelsen skal være klar."),
    )
    document = models.FileField(
        _("avtaledokument (PDF)"),
        upload_to=agreement_document_path,
        blank=True,
        validators=[PdfValidator()],
        help_text=_("Last opp den undertegnede avtalen som PDF."),
    )
    document_url = HttpsURLField(
        _("lenke til avtaledokumentet"),
        blank=True,
        help_text=_("Hvis avtalen ligger på et annet nettsted, for eksempel regjeringen.no."),
    )
    municipality_page_url = HttpsURLField(
        _("kommunens side om satsingen"),
        blank=True,
        help_text=_("Kommunens egen nettside om områdesatsingen."),
    )
    ministries = models.ManyToManyField(
        "programs.Ministry",
        blank=True,
        related_name="agreements",
        verbose_name=_("departementer"),
        help_text=_(
            "Departementene som er part i avtalen. "
            "Kommunal- og distriktsdepartementet er alltid med."
        ),
    )
    directorates = models.ManyToManyField(
        "programs.Directorate",
        blank=True,
        related_name="agreements",
        verbose_name=_("direktorater"),
        help_text=_("Direktoratene som er part i avtalen, hvis noen."),
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name", F("period_start").asc(nulls_first=True), "pk"]
        verbose_name = _("avtale")
        verbose_name_plural = _("avtaler")
        permissions = [("publish_agreement", _("Kan publisere og avpublisere avtaler"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="agreement_end_year_not_before_start_year",
                violation_error_message=_("Siste år kan ikke være før første år."),
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(duration_years__isnull=True),
                name="agreement_end_year_or_duration",
                violation_error_message=_("Oppgi enten siste år eller varighet, ikke begge."),
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="agreement_period_end_not_before_start",
                violation_error_message=_("Avtalen kan ikke slutte før den begynner."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.municipality.name} ({period_label(self)})"

    def get_absolute_url(self):
        return f"{self.municipality.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"avtale-{self.pk}"

    @property
    def bounds(self):
        """(first day, last day) from the period fields as they are now, saved or not."""
        return period_bounds(
            signed_on=self.signed_on,
            start_year=self.start_year,
            end_year=self.end_year,
            duration_years=self.duration_years,
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.end_year and self.duration_years:
            errors["duration_years"] = _("Oppgi enten siste år eller varighet, ikke begge.")
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("Siste år kan ikke være før første år.")
        elif self.signed_on and self.end_year and self.end_year < self.signed_on.year:
            errors["end_year"] = _("Siste år kan ikke være før året avtalen ble undertegnet.")
        if self.stage == Stage.ANNOUNCED and self.signed_on:
            errors["stage"] = _(
                "En avtale med undertegningsdato er inngått. Velg «Inngått», eller fjern datoen."
            )
        # A year out of range is reported on its own field (clean_fields); the
        # period it would give is then no one else's error.
        if (
            not errors
            and self.period_fields_valid()
            and self.has_period_input()
            and self.bounds == (None, None)
        ):
            errors["signed_on"] = _("Perioden går utover kalenderen. Sjekk dato og varighet.")
        if errors:
            raise ValidationError(errors)

    def period_fields_valid(self):
        """Whether each field the period is made from passes its own validators."""
        for name in ("signed_on", "start_year", "end_year", "duration_years"):
            field = self._meta.get_field(name)
            value = getattr(self, name)
            if value is None:
                continue
            try:
                field.run_validators(value)
            except ValidationError:
                return False
        return True

    def has_period_input(self):
        # A duration alone gives no dates; any of these gives at least one.
        return any(value is not None for value in (self.signed_on, self.start_year, self.end_year))

    # Derived facts -----------------------------------------------------------

    def status_on(self, today):
        """The status on ``today``, from the period fields as they are now (STATUS_RULE)."""
        start, end = self.bounds
        return status_from({"stage": self.stage, "period_start": start, "period_end": end}, today)

    @property
    def status(self):
        return self.status_on(clock.today())

    def remaining_on(self, today):
        """Time left of an active agreement, or None when it is not active or has no end."""
        end = self.bounds[1]
        if self.status_on(today) != Status.ACTIVE or not end:
            return None
        return end - today + datetime.timedelta(days=1)

    def has_document_file(self):
        """True when the uploaded PDF is really in storage (a missing file gets no link)."""
        return is_stored(self.document)

    @property
    def document_link(self):
        """The agreement document to link to, or "" when there is none to offer.

        An uploaded PDF is linked through the site (right type, drafts kept
        private) and only if the file is really there.
        """
        if self.has_document_file():
            return reverse("programs:agreement_document", args=[self.pk])
        return self.document_url


@receiver(pre_save, sender=Agreement, dispatch_uid="derive-agreement-period")
def derive_period(sender, instance, **kwargs):
    """The one place the stored period is derived: every save, fixtures (raw saves) included."""
    instance.period_start, instance.period_end = instance.bounds


class FocusAreaQuerySet(EditorialChildQuerySet):
    published_filter = {
        "agreement__published_at__isnull": False,
        "agreement__municipality__published_at__isnull": False,
    }


@recorded()
class FocusArea(EditorialChild):
    """One of an agreement's focus areas (innsatsområde, programområde, delprogram)."""

    editorial_parent = "agreement"

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="focus_areas",
        verbose_name=_("avtale"),
        help_text=_("Avtalen innsatsområdet hører til."),
    )
    # A number within the agreement, as the agreement counts them: not an Ordered position.
    order = models.PositiveSmallIntegerField(
        _("nummer"),
        validators=[MinValueValidator(1)],
        help_text=_("Rekkefølgen i avtalen: 1, 2, 3 …"),
    )
    title = models.CharField(
        _("tittel"), max_length=250, help_text=_("Tittelen slik avtalen gir den.")
    )
    description = models.TextField(
        _("beskrivelse"),
        max_length=1000,
        blank=True,
        help_text=_("Hva innsatsområdet omfatter, med egne ord."),
    )
    themes = models.ManyToManyField(
        "programs.Theme",
        blank=True,
        related_name="focus_areas",
        verbose_name=_("temaer"),
        help_text=_("De tverrgående temaene dette innsatsområdet bidrar til."),
    )

    objects = FocusAreaQuerySet.as_manager()

    class Meta:
        ordering = ["agreement_id", "order"]  # no join to the agreement's own ordering
        verbose_name = _("innsatsområde")
        verbose_name_plural = _("innsatsområder")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "order"],
                name="focus_area_order_unique_per_agreement",
                violation_error_message=_("To innsatsområder i samme avtale har samme nummer."),
            ),
            models.CheckConstraint(condition=Q(order__gte=1), name="focus_area_order_positive"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.agreement.get_absolute_url()
