"""Knowledge transfer: the experience conferences and the networks between the municipalities."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core import clock
from core.fields import HttpsURLField
from core.history import recorded
from core.links import reverse_cached
from core.models import Editorial, EditorialQuerySet, PublicAddress


@recorded()
class Conference(Editorial, PublicAddress):
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
        "programs.Ministry",
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


class Network(models.Model):
    """A network for knowledge transfer between the municipalities, such as Bynettverket."""

    name = models.CharField(
        _("navn"), max_length=150, unique=True, help_text=_("Nettverkets navn i dag.")
    )
    former_names = models.CharField(
        _("tidligere navn"), max_length=200, blank=True, help_text=_("Skill flere med komma.")
    )
    organiser = models.ForeignKey(
        "programs.Ministry",
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
