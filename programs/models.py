import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from municipalities.models import Area, Municipality
from omradesatsing import clock
from omradesatsing.fields import HttpsURLField
from omradesatsing.links import reverse_cached
from omradesatsing.models import Editorial, EditorialQuerySet

from .periods import period_bounds
from .validators import PdfValidator, agreement_document_path

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class PublicBody(models.Model):
    """What ministries and directorates share: a name, a short form, a web address."""

    name = models.CharField(_("navn"), max_length=200, help_text=_("Det offisielle navnet."))
    abbreviation = models.CharField(
        _("forkortelse"), max_length=20, blank=True, help_text=_("For eksempel KDD eller IMDi.")
    )
    slug = models.SlugField(
        _("adressenavn (slug)"),
        max_length=200,
        unique=True,
        help_text=_("Brukes som anker på /departementer/; æ, ø og å skrives ae, o og a."),
    )
    website = HttpsURLField(_("nettsted"), blank=True, help_text=_("Forsiden, med https://."))
    description = models.TextField(
        _("beskrivelse"), blank=True, help_text=_("Rollen i områdesatsingene, med egne ord.")
    )
    order = models.PositiveSmallIntegerField(
        _("rekkefølge"), default=0, help_text=_("Lavere tall vises først.")
    )

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def anchor(self):
        return self.slug


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

    def get_absolute_url(self):
        return reverse_cached("programs:bodies") + f"#{self.anchor}"


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

    def get_absolute_url(self):
        return reverse_cached("programs:bodies") + f"#{self.anchor}"


class Theme(models.Model):
    """A cross-cutting goal the områdesatsinger work towards, for comparing cities."""

    name = models.CharField(
        _("navn"), max_length=100, help_text=_("Kort navn på temaet, for eksempel «Arbeid».")
    )
    slug = models.SlugField(
        _("adressenavn (slug)"),
        max_length=100,
        unique=True,
        help_text=_("Brukes i nettadressen /tema/<slug>/."),
    )
    goal = models.CharField(
        _("mål"),
        max_length=200,
        help_text=_("Målet slik kilden formulerer det, for eksempel «å få flere i arbeid»."),
    )
    description = models.TextField(
        _("beskrivelse"), blank=True, help_text=_("Hva temaet handler om, med egne ord.")
    )
    order = models.PositiveSmallIntegerField(
        _("rekkefølge"), unique=True, help_text=_("Lavere tall vises først.")
    )

    class Meta:
        ordering = ["order"]
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_cached("programs:theme_detail", self.slug)


class AgreementQuerySet(EditorialQuerySet):
    # Published agreements of published municipalities.
    published_filter = {
        "published_at__isnull": False,
        "municipality__published_at__isnull": False,
    }

    def with_status(self, today=None):
        """Annotate ``status_code`` with the status on ``today`` (default: today in Norway).

        The same rules as ``Agreement.status_on``, in SQL, so lists can filter
        and count by status without loading every row.
        """
        today = today or clock.today()
        return self.annotate(
            status_code=Case(
                When(stage=Agreement.Stage.ANNOUNCED, then=Value(Agreement.Status.ANNOUNCED)),
                When(period_start__gt=today, then=Value(Agreement.Status.ANNOUNCED)),
                When(period_end__lt=today, then=Value(Agreement.Status.ENDED)),
                When(
                    Q(period_start__isnull=False) | Q(period_end__isnull=False),
                    then=Value(Agreement.Status.ACTIVE),
                ),
                default=Value(Agreement.Status.UNKNOWN),
                output_field=models.CharField(),
            )
        )

    def summary(self):
        """Only the columns status, period and kind need: for long lists of agreements."""
        return self.only(*Agreement.SUMMARY_FIELDS)

    def with_status_code(self, status, today=None):
        return self.with_status(today).filter(status_code=status)

    def active(self, today=None):
        return self.with_status_code(Agreement.Status.ACTIVE, today)

    def in_force(self, today=None):
        """Agreements not known to have ended: active, or in force with the period not given."""
        return self.with_status(today).filter(
            status_code__in=[Agreement.Status.ACTIVE, Agreement.Status.UNKNOWN]
        )


class Agreement(Editorial):
    """A long-term agreement between the state and a municipality."""

    class Kind(models.TextChoices):
        SAMARBEIDSAVTALE = "samarbeidsavtale", _("Samarbeidsavtale")
        INTENSJONSAVTALE = "intensjonsavtale", _("Intensjonsavtale")

    class Stage(models.TextChoices):
        ANNOUNCED = "announced", _("Kunngjort – ikke inngått ennå")
        CONCLUDED = "concluded", _("Inngått")

    class Status(models.TextChoices):
        ANNOUNCED = "announced", pgettext_lazy("agreement status", "Kunngjort")
        ACTIVE = "active", pgettext_lazy("agreement status", "Aktiv")
        ENDED = "ended", pgettext_lazy("agreement status", "Avsluttet")
        UNKNOWN = "unknown", pgettext_lazy("agreement status", "Periode ikke oppgitt")

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
    # For counts: «4 aktive avtaler».
    STATUS_PLURALS = {
        Status.ANNOUNCED: _("Kunngjorte avtaler"),
        Status.ACTIVE: _("Aktive avtaler"),
        Status.ENDED: _("Avsluttede avtaler"),
        Status.UNKNOWN: _("Avtaler uten oppgitt periode"),
    }
    # Designsystemet colours for each status; the words always carry the meaning too.
    STATUS_COLORS = {
        Status.ANNOUNCED: "info",
        Status.ACTIVE: "success",
        Status.ENDED: "neutral",
        Status.UNKNOWN: "warning",
    }

    class FocusAreaTerm(models.TextChoices):
        INNSATSOMRADE = "innsatsomrade", _("Innsatsområder")
        PROGRAMOMRADE = "programomrade", _("Programområder")
        DELPROGRAM = "delprogram", _("Delprogrammer")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("kommune"),
        help_text=_("Kommunen staten har avtalen med."),
    )
    areas = models.ManyToManyField(
        Area,
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
    # Derived from the four fields above on every save (see signals.py), never
    # typed in: they let the database compare periods with today's date.
    period_start = models.DateField(_("periodens første dag"), null=True, editable=False)
    period_end = models.DateField(_("periodens siste dag"), null=True, editable=False)
    purpose = models.TextField(
        _("formål"), blank=True, help_text=_("Hva satsingen skal oppnå, med egne ord.")
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
        Ministry,
        blank=True,
        related_name="agreements",
        verbose_name=_("departementer"),
        help_text=_(
            "Departementene som er part i avtalen. "
            "Kommunal- og distriktsdepartementet er alltid med."
        ),
    )
    directorates = models.ManyToManyField(
        Directorate,
        blank=True,
        related_name="agreements",
        verbose_name=_("direktorater"),
        help_text=_("Direktoratene som er part i avtalen, hvis noen."),
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

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
        return f"{self.get_kind_display()} – {self.municipality.name} ({self.period_label})"

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

    def refresh_period(self):
        self.period_start, self.period_end = self.bounds

    def clean(self):
        super().clean()
        errors = {}
        if self.end_year and self.duration_years:
            errors["duration_years"] = _("Oppgi enten siste år eller varighet, ikke begge.")
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("Siste år kan ikke være før første år.")
        elif self.signed_on and self.end_year and self.end_year < self.signed_on.year:
            errors["end_year"] = _("Siste år kan ikke være før året avtalen ble undertegnet.")
        if self.stage == self.Stage.ANNOUNCED and self.signed_on:
            errors["stage"] = _(
                "En avtale med undertegningsdato er inngått. Velg «Inngått», eller fjern datoen."
            )
        if not errors and self.has_period_input() and self.bounds == (None, None):
            errors["signed_on"] = _("Perioden går utover kalenderen. Sjekk dato og varighet.")
        if errors:
            raise ValidationError(errors)
        # The form leaves these out (not editable); set them so the database
        # constraints see the same values the status will use.
        self.refresh_period()

    def has_period_input(self):
        # A duration alone gives no dates; any of these gives at least one.
        return any(value is not None for value in (self.signed_on, self.start_year, self.end_year))

    # Derived facts -----------------------------------------------------------

    def status_on(self, today):
        """The status on a given day; keep in step with AgreementQuerySet.with_status."""
        start, end = self.bounds
        if self.stage == self.Stage.ANNOUNCED:
            return self.Status.ANNOUNCED
        if start and start > today:
            return self.Status.ANNOUNCED
        if end and end < today:
            return self.Status.ENDED
        if start or end:
            return self.Status.ACTIVE
        return self.Status.UNKNOWN

    @property
    def status(self):
        return self.status_on(clock.today())

    @property
    def status_color(self):
        return self.STATUS_COLORS[self.status]

    def remaining_on(self, today):
        """Time left of an active agreement, or None when it is not active or has no end."""
        end = self.bounds[1]
        if self.status_on(today) != self.Status.ACTIVE or not end:
            return None
        return end - today + datetime.timedelta(days=1)

    @property
    def remaining(self):
        return self.remaining_on(clock.today())

    @property
    def announced_year(self):
        start = self.bounds[0]
        return start.year if start else None

    def status_text_on(self, today):
        """The status in words: «Aktiv til 2030», «Avsluttet 2024», «Kunngjort 2024»."""
        status = self.status_on(today)
        end = self.bounds[1]
        if status == self.Status.ACTIVE and end:
            return _("Aktiv til %(year)s") % {"year": end.year}
        if status == self.Status.ENDED:
            return _("Avsluttet %(year)s") % {"year": end.year}
        if status == self.Status.ANNOUNCED and self.announced_year:
            return _("Kunngjort %(year)s") % {"year": self.announced_year}
        return str(status.label)

    @property
    def status_text(self):
        return self.status_text_on(clock.today())

    @property
    def period_label(self):
        """A compact period: «2023–2028», «–2026», «2024 (5 år)», or «periode ikke oppgitt»."""
        start, end = self.bounds
        if start and end:
            return f"{start.year}–{end.year}"
        if end:
            return _("til %(year)s") % {"year": end.year}
        if start:
            return _("fra %(year)s") % {"year": start.year}
        return str(_("periode ikke oppgitt"))

    @property
    def signed_on_display(self):
        return formats.date_format(self.signed_on) if self.signed_on else ""

    @property
    def period_facts(self):
        """What the source says about the period, one short sentence each."""
        facts = []
        if self.stage == self.Stage.ANNOUNCED:
            if self.duration_years and self.start_year:
                facts.append(
                    _("Staten varslet en avtale på %(years)s år fra %(year)s.")
                    % {"years": self.duration_years, "year": self.start_year}
                )
            elif self.start_year:
                facts.append(
                    _("Staten varslet en avtale fra %(year)s.") % {"year": self.start_year}
                )
        else:
            if self.signed_on:
                facts.append(_("Undertegnet %(date)s.") % {"date": self.signed_on_display})
            if self.start_year:
                facts.append(_("Gjelder fra %(year)s.") % {"year": self.start_year})
            if self.duration_years:
                facts.append(_("Ramme på %(years)s år.") % {"years": self.duration_years})
            if self.end_year:
                facts.append(_("Gjelder til %(year)s.") % {"year": self.end_year})
        if self.extension_possible:
            facts.append(_("Kan forlenges."))
        if not facts:
            facts.append(_("Kilden oppgir ikke når avtalen begynte eller slutter."))
        return facts

    @property
    def title(self):
        return _("%(kind)s med %(municipality)s kommune") % {
            "kind": self.get_kind_display(),
            "municipality": self.municipality.name,
        }

    @property
    def document_link(self):
        """The agreement document to link to, or "" when there is none to offer.

        An uploaded PDF is linked through the site (right type, drafts kept
        private) and only if the file is really there.
        """
        from .documents import document_available

        if document_available(self):
            return reverse("programs:agreement_document", args=[self.pk])
        return self.document_url


class FocusAreaQuerySet(EditorialQuerySet):
    published_filter = {
        "agreement__published_at__isnull": False,
        "agreement__municipality__published_at__isnull": False,
    }


class GrantQuerySet(EditorialQuerySet):
    published_filter = {"municipality__published_at__isnull": False}


class FocusArea(models.Model):
    """One of an agreement's focus areas (innsatsområde, programområde, delprogram)."""

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="focus_areas",
        verbose_name=_("avtale"),
        help_text=_("Avtalen innsatsområdet hører til."),
    )
    order = models.PositiveSmallIntegerField(
        _("nummer"),
        validators=[MinValueValidator(1)],
        help_text=_("Rekkefølgen i avtalen: 1, 2, 3 …"),
    )
    title = models.CharField(
        _("tittel"), max_length=250, help_text=_("Tittelen slik avtalen gir den.")
    )
    description = models.TextField(
        _("beskrivelse"), blank=True, help_text=_("Hva innsatsområdet omfatter, med egne ord.")
    )
    themes = models.ManyToManyField(
        Theme,
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


class PolicyDocument(models.Model):
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
    slug = models.SlugField(
        _("adressenavn (slug)"),
        max_length=100,
        unique=True,
        help_text=_("Lages av betegnelsen; æ, ø og å skrives ae, o og a."),
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
        Ministry,
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
    order = models.PositiveSmallIntegerField(
        _("rekkefølge"), default=0, help_text=_("Lavere tall vises først.")
    )

    class Meta:
        ordering = ["order", "reference"]
        verbose_name = _("styringsdokument")
        verbose_name_plural = _("styringsdokumenter")

    def __str__(self):
        return f"{self.reference} {self.title}".strip()


class Grant(models.Model):
    """A grant (tilskudd) to a municipality under the budget post for områdesatsing."""

    class Stage(models.TextChoices):
        PROPOSED = "proposed", _("Foreslått i statsbudsjettet")
        ALLOCATED = "allocated", _("Tildelt")

    municipality = models.ForeignKey(
        Municipality,
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
        PolicyDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
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


class Conference(Editorial):
    class Registration(models.TextChoices):
        NOT_OPEN = "not_open", _("Påmeldingen er ikke åpnet ennå")
        OPEN = "open", _("Påmeldingen er åpen")
        CLOSED = "closed", _("Påmeldingen er stengt")

    class Timing(models.TextChoices):
        UPCOMING = "upcoming", _("Kommende")
        ONGOING = "ongoing", _("Pågår nå")
        PAST = "past", _("Avholdt")

    title = models.CharField(
        _("tittel"), max_length=200, help_text=_("For eksempel «Erfaringskonferanse 2024».")
    )
    slug = models.SlugField(
        _("adressenavn (slug)"),
        max_length=200,
        unique=True,
        help_text=_("Brukes i nettadressen /konferanser/<slug>/."),
    )
    ordinal = models.PositiveSmallIntegerField(
        _("nummer i rekken"),
        null=True,
        blank=True,
        unique=True,
        validators=[MinValueValidator(1)],
        help_text=_("Den fjerde erfaringskonferansen har nummer 4."),
    )
    start_date = models.DateField(_("første dag"), help_text=_("Konferansens første dag."))
    end_date = models.DateField(
        _("siste dag"), help_text=_("Konferansens siste dag; samme som første dag for én dag.")
    )
    place = models.CharField(_("sted"), max_length=200, help_text=_("Byen konferansen holdes i."))
    organiser = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conferences",
        verbose_name=_("arrangør"),
        help_text=_("Departementet som arrangerer konferansen."),
    )
    description = models.TextField(
        _("beskrivelse"), blank=True, help_text=_("Hva konferansen handler om, med egne ord.")
    )
    registration = models.CharField(
        _("påmelding"),
        max_length=20,
        choices=Registration,
        default=Registration.NOT_OPEN,
        help_text=_("Etter konferansen vises påmeldingen alltid som stengt."),
    )
    registration_url = HttpsURLField(
        _("lenke til påmelding"),
        blank=True,
        help_text=_("Vises bare mens påmeldingen er åpen."),
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    objects = EditorialQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("konferanse")
        verbose_name_plural = _("konferanser")
        permissions = [("publish_conference", _("Kan publisere og avpublisere konferanser"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="conference_end_not_before_start",
                violation_error_message=_("Siste dag kan ikke være før første dag."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_cached("programs:conference_detail", self.slug)

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Siste dag kan ikke være før første dag.")})

    def timing_on(self, today):
        if today < self.start_date:
            return self.Timing.UPCOMING
        if today > self.end_date:
            return self.Timing.PAST
        return self.Timing.ONGOING

    @property
    def timing(self):
        return self.timing_on(clock.today())

    def registration_on(self, today):
        """Registration as visitors should read it: never «open» for a conference that is over."""
        if self.timing_on(today) == self.Timing.PAST:
            return self.Registration.CLOSED
        return self.Registration(self.registration)

    @property
    def registration_state(self):
        return self.registration_on(clock.today())

    @property
    def dates_display(self):
        """«26.–27. september 2024», or the full dates when months or years differ."""
        start, end = self.start_date, self.end_date
        if start == end:
            return formats.date_format(start)
        if (start.year, start.month) == (end.year, end.month):
            # «26.–27. september 2024»; English drops the day's full stop.
            return _("%(first_day)s.–%(last_date)s") % {
                "first_day": start.day,
                "last_date": formats.date_format(end),
            }
        return f"{formats.date_format(start)} – {formats.date_format(end)}"


class Network(models.Model):
    """A network for knowledge transfer between the municipalities, such as Bynettverket."""

    name = models.CharField(
        _("navn"), max_length=150, unique=True, help_text=_("Nettverkets navn i dag.")
    )
    former_names = models.CharField(
        _("tidligere navn"), max_length=200, blank=True, help_text=_("Skill flere med komma.")
    )
    organiser = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name=_("arrangør"),
        help_text=_("Departementet som driver nettverket."),
    )
    description = models.TextField(
        _("beskrivelse"), blank=True, help_text=_("Hva nettverket gjør, med egne ord.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("nettverk")
        verbose_name_plural = _("nettverk")

    def __str__(self):
        return self.name
