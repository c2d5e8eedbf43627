"""Municipalities and their areas: where the områdesatsinger work."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from core.fields import HttpsURLField
from core.history import recorded
from core.links import reverse_cached
from core.models import (
    Editorial,
    EditorialChild,
    EditorialChildQuerySet,
    EditorialQuerySet,
    PublicAddress,
    Timestamped,
)
from programs.models import Agreement, Document, FocusArea, Grant

from .fields import KommunenummerField

# Mainland Norway with Svalbard left out: the map has room for nothing else.
LATITUDE_RANGE = (Decimal("57.5"), Decimal("71.5"))
LONGITUDE_RANGE = (Decimal("4.0"), Decimal("31.5"))


class MunicipalityQuerySet(EditorialQuerySet):
    def summary(self):
        """Only what lists and the map show: name, address, county, coordinates."""
        return self.only("id", "name", "slug", "county", "latitude", "longitude", "updated_at")

    def with_page_contents(self, request=None):
        """With everything a municipality's page and JSON document show, in a fixed number
        of queries: areas, grants (with their budget document), and the agreements
        ``request`` may see with their focus areas, themes, areas and parties."""
        agreements = (
            Agreement.objects.visible(request)
            .order_by("period_start", "pk")
            .prefetch_related(
                Prefetch("focus_areas", queryset=FocusArea.objects.prefetch_related("themes")),
                "areas",
                "ministries",
                "directorates",
                Prefetch("documents", queryset=Document.objects.visible(request)),
            )
        )
        return self.prefetch_related(
            "areas",
            # By id after year: the model's ordering would join the municipality again.
            Prefetch(
                "grants", queryset=Grant.objects.select_related("document").order_by("-year", "pk")
            ),
            Prefetch("agreements", queryset=agreements),
        )

    def with_earlier_numbers(self):
        """With the kommunenumre each municipality had before its current one (one query)."""
        return self.prefetch_related("earlier_numbers")


class MunicipalityChildQuerySet(EditorialChildQuerySet):
    """Areas and earlier numbers: public when their municipality is."""

    published_filter = {"municipality__published_at__isnull": False}


@recorded()
class Municipality(Editorial, PublicAddress):
    name = models.CharField(
        _("navn"),
        max_length=100,
        unique=True,
        help_text=_("Kommunens offisielle navn, for eksempel «Indre Østfold»."),
    )
    kommunenummer = KommunenummerField(
        _("kommunenummer"),
        blank=True,
        help_text=_(
            "Dagens nummer, fire sifre som i SSBs kommuneliste (0301 for Oslo). Når nummeret "
            "endres, legg det gamle under «Tidligere kommunenumre». La stå tomt hvis du er "
            "usikker."
        ),
    )
    county = models.CharField(
        _("fylke"), max_length=100, blank=True, help_text=_("Fylket kommunen ligger i.")
    )
    website = HttpsURLField(
        _("kommunens nettsted"),
        blank=True,
        help_text=_("Forsiden til kommunens nettsted, med https://."),
    )
    latitude = models.DecimalField(
        _("breddegrad"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(LATITUDE_RANGE[0]), MaxValueValidator(LATITUDE_RANGE[1])],
        help_text=_("Desimalgrader nord, for kartet. Fylles ut sammen med lengdegrad."),
    )
    longitude = models.DecimalField(
        _("lengdegrad"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(LONGITUDE_RANGE[0]), MaxValueValidator(LONGITUDE_RANGE[1])],
        help_text=_("Desimalgrader øst, for kartet. Fylles ut sammen med breddegrad."),
    )
    description = models.TextField(
        _("kort beskrivelse"),
        max_length=500,
        blank=True,
        help_text=_("Noen setninger med egne ord om kommunens områdesatsing."),
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        permissions = [("publish_municipality", _("Kan publisere og avpublisere kommuner"))]
        constraints = [
            models.UniqueConstraint(
                fields=["kommunenummer"],
                condition=~Q(kommunenummer=""),
                name="municipality_kommunenummer_unique",
                violation_error_message=_("En annen kommune har allerede dette kommunenummeret."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="municipality_coordinates_both_or_neither",
                violation_error_message=_(
                    "Fyll ut både breddegrad og lengdegrad, eller ingen av dem."
                ),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True)
                | Q(latitude__gte=LATITUDE_RANGE[0], latitude__lte=LATITUDE_RANGE[1]),
                name="municipality_latitude_in_norway",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True)
                | Q(longitude__gte=LONGITUDE_RANGE[0], longitude__lte=LONGITUDE_RANGE[1]),
                name="municipality_longitude_in_norway",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_cached("municipalities:detail", self.slug)

    def last_modified(self):
        """When anything shown on the municipality's page last changed.

        Uses prefetched areas and agreements when the view loaded them.
        """
        stamps = [self.updated_at]
        stamps += [area.updated_at for area in self.areas.all()]
        stamps += [agreement.updated_at for agreement in self.agreements.all()]
        return max(stamps)

    def clean(self):
        super().clean()
        # Name the missing field, rather than the constraint's general message.
        if self.latitude is None and self.longitude is not None:
            raise ValidationError({"latitude": _("Fyll ut breddegrad når lengdegrad er fylt ut.")})
        if self.longitude is None and self.latitude is not None:
            raise ValidationError({"longitude": _("Fyll ut lengdegrad når breddegrad er fylt ut.")})


@recorded()
class Area(EditorialChild, Timestamped):
    """A neighbourhood (delområde, bydel) where an områdesatsing works."""

    editorial_parent = "municipality"

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="areas",
        verbose_name=_("kommune"),
        help_text=_("Kommunen området ligger i."),
    )
    name = models.CharField(
        _("navn"), max_length=150, help_text=_("Områdets navn slik kommunen bruker det.")
    )
    slug = models.SlugField(
        _("adressenavn (slug)"),
        max_length=150,
        help_text=_("Unik innen kommunen; æ, ø og å skrives ae, o og a."),
    )
    description = models.TextField(
        _("beskrivelse"),
        max_length=400,
        blank=True,
        help_text=_("En eller to setninger om området, med egne ord."),
    )

    objects = MunicipalityChildQuerySet.as_manager()

    class Meta:
        # By id, not municipality__name: ordering by a related name would add a
        # join to every query for areas, prefetches included.
        ordering = ["municipality_id", "name"]
        verbose_name = _("område")
        verbose_name_plural = _("områder")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"],
                name="area_slug_unique_per_municipality",
                violation_error_message=_(
                    "Kommunen har allerede et område med dette adressenavnet."
                ),
            ),
        ]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # An agreement's areas lie in its municipality (the agreement form checks
        # that): an area moved to another municipality leaves the agreements of
        # the one it left.
        elsewhere = self.agreements.exclude(municipality_id=self.municipality_id)
        self.agreements.remove(*elsewhere)

    def __str__(self):
        return f"{self.name} ({self.municipality.name})"

    def get_absolute_url(self):
        return f"{self.municipality.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"omrade-{self.slug}"


@recorded()
class MunicipalityNumber(EditorialChild, Timestamped):
    """A kommunenummer a municipality had before its current one, and when it was valid.

    Numbers change with municipal and county reforms (Drammen was 3005 from
    2020 to 2023 and is 3301 from 2024); statistics and registers from those
    years use the old one. The current number is Municipality.kommunenummer.
    """

    editorial_parent = "municipality"

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="earlier_numbers",
        verbose_name=_("kommune"),
        help_text=_("Kommunen som hadde nummeret."),
    )
    kommunenummer = KommunenummerField(
        _("kommunenummer"),
        help_text=_("Fire sifre, som i SSBs kommuneliste for perioden."),
    )
    valid_from = models.DateField(
        _("gyldig fra"), help_text=_("Den første dagen kommunen hadde dette nummeret.")
    )
    valid_to = models.DateField(
        _("gyldig til"), help_text=_("Den siste dagen kommunen hadde dette nummeret.")
    )

    objects = MunicipalityChildQuerySet.as_manager()

    class Meta:
        # By id, not municipality__name: see Area.
        ordering = ["municipality_id", "valid_from"]
        verbose_name = _("tidligere kommunenummer")
        verbose_name_plural = _("tidligere kommunenumre")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "valid_from"],
                name="municipality_number_unique_start",
                violation_error_message=_(
                    "Kommunen har allerede et tidligere kommunenummer som gjelder fra denne datoen."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__gt=models.F("valid_from")),
                name="municipality_number_ends_after_it_starts",
                violation_error_message=_("«Gyldig til» må være etter «gyldig fra»."),
            ),
        ]

    def __str__(self):
        return self.kommunenummer

    def clean(self):
        super().clean()
        # On the field that is wrong, rather than the constraint's general message.
        if self.valid_from and self.valid_to and self.valid_to <= self.valid_from:
            raise ValidationError({"valid_to": _("«Gyldig til» må være etter «gyldig fra».")})
