"""The document library: white papers, budget propositions, agreements, reports.

Every document the initiatives rest on or produce, with where to read it: a
link, a PDF uploaded here, or, when neither is known, a sentence on where to
find it. A document concerns municipalities directly or through agreements;
``DocumentQuerySet.concerning`` is the one place that rule lives.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import HttpsURLField
from core.history import recorded
from core.links import reverse_cached
from core.models import Editorial, EditorialQuerySet, PublicAddress
from core.text import norwegian_slugify

from ..periods import YEAR_VALIDATORS
from ..validators import PdfValidator, is_stored


def document_path(instance, filename):
    """A safe stored name: never the uploader's file name, never a collision."""
    base = instance.slug or norwegian_slugify(instance.title or "") or "dokument"
    return f"dokumenter/{base[:60]}-{uuid.uuid4().hex[:12]}.pdf"


class DocumentQuerySet(EditorialQuerySet):
    def concerning(self, municipality):
        """The documents about ``municipality``: named directly or through its agreements."""
        links = Document.municipalities.through.objects.filter(municipality=municipality)
        agreement_links = Document.agreements.through.objects.filter(
            agreement__municipality=municipality
        )
        return self.filter(
            Q(pk__in=links.values("document_id")) | Q(pk__in=agreement_links.values("document_id"))
        )

    def years(self):
        """The years these documents are from, newest first (one query)."""
        return list(
            self.filter(year__isnull=False)
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )


@recorded()
class Document(Editorial, PublicAddress):
    """A document about the områdesatsinger, in the library at /dokumenter/."""

    class Kind(models.TextChoices):
        # The values are the codes in the open data: English, and never changed.
        AGREEMENT = "agreement", _("Avtale")
        ACTION_PROGRAMME = "action_programme", _("Handlingsprogram")
        ANNUAL_REPORT = "annual_report", _("Årsrapport")
        EVALUATION = "evaluation", _("Evaluering")
        RESEARCH_REPORT = "research_report", _("Forskningsrapport")
        WHITE_PAPER = "white_paper", _("Stortingsmelding")
        BUDGET = "budget_proposition", _("Budsjettproposisjon")
        WEB_PAGE = "web_page", _("Nettside om satsingen")

    class Language(models.TextChoices):
        BOKMAL = "nb", _("bokmål")
        NYNORSK = "nn", _("nynorsk")
        ENGLISH = "en", _("engelsk")
        NORTHERN_SAMI = "se", _("nordsamisk")

    kind = models.CharField(
        _("type"), max_length=20, choices=Kind, help_text=_("Hva slags dokument det er.")
    )
    title = models.CharField(
        _("tittel"),
        max_length=250,
        help_text=_(
            "Tittelen slik dokumentet selv gir den, for eksempel "
            "«Gode bysamfunn med små skilnader»."
        ),
    )
    reference = models.CharField(
        _("betegnelse"),
        max_length=100,
        blank=True,
        help_text=_(
            "Den offisielle betegnelsen når dokumentet har en, for eksempel "
            "«Meld. St. 28 (2022–2023)». Ellers tomt."
        ),
    )
    year = models.PositiveSmallIntegerField(
        _("år"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Året dokumentet kom ut. Tomt når det ikke er kjent."),
    )
    ministry = models.ForeignKey(
        "programs.Ministry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("utgiver: departement"),
        help_text=_("Departementet som ga ut dokumentet. La stå tomt hvis utgiveren er en annen."),
    )
    publisher = models.CharField(
        _("utgiver: annen"),
        max_length=200,
        blank=True,
        help_text=_(
            "Utgiveren når det ikke er et departement, for eksempel «Drammen kommune». "
            "Tomt når kilden ikke sier det."
        ),
    )
    language = models.CharField(
        _("språk"),
        max_length=2,
        choices=Language,
        blank=True,
        help_text=_("Språket dokumentet er skrevet på. Tomt når det ikke er kjent."),
    )
    url = HttpsURLField(
        _("nettadresse"),
        blank=True,
        help_text=_("Der dokumentet ligger, for eksempel på regjeringen.no, med https://."),
    )
    file = models.FileField(
        _("PDF-fil"),
        upload_to=document_path,
        blank=True,
        validators=[PdfValidator()],
        help_text=_("Last opp dokumentet som PDF når det ikke ligger på et annet nettsted."),
    )
    where_to_find = models.CharField(
        _("hvor dokumentet finnes"),
        max_length=300,
        blank=True,
        help_text=_(
            "Når verken adresse eller fil er kjent: si hvor leseren kan finne dokumentet, "
            "for eksempel «Søk etter tittelen på regjeringen.no»."
        ),
    )
    description = models.TextField(
        _("beskrivelse"),
        blank=True,
        help_text=_("Hva dokumentet sier om satsingene, med egne ord."),
    )
    municipalities = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="documents",
        verbose_name=_("kommuner"),
        help_text=_("Kommunene dokumentet handler om. Tomt for dokumenter om alle satsingene."),
    )
    agreements = models.ManyToManyField(
        "programs.Agreement",
        blank=True,
        related_name="documents",
        verbose_name=_("avtaler"),
        help_text=_("Avtalene dokumentet gjelder. Kommunen til en avtale regnes med av seg selv."),
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = [models.F("year").desc(nulls_last=True), "title", "pk"]
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenter")
        permissions = [("publish_document", _("Kan publisere og avpublisere dokumenter"))]
        constraints = [
            # Unique when given; most reports have no official reference.
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="document_reference_unique_when_given",
                violation_error_message=_("Et annet dokument har allerede denne betegnelsen."),
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}".strip()

    def get_absolute_url(self):
        return reverse_cached("programs:document_detail", self.slug)

    def clean(self):
        super().clean()
        # On the ministry: the other publisher is a field per language in the form.
        if self.ministry_id and self.publisher:
            raise ValidationError(
                {"ministry": _("Velg et departement eller skriv en annen utgiver, ikke begge.")}
            )

    def has_file(self):
        """True when the uploaded PDF is really in storage (a missing file gets no link)."""
        return is_stored(self.file)

    @property
    def file_link(self):
        """The uploaded PDF, served through the site (drafts kept private), or ""."""
        if self.has_file():
            return reverse_cached("programs:document_file", self.slug)
        return ""

    @property
    def link(self):
        """Where to read the document: the uploaded PDF first, else its address, else ""."""
        return self.file_link or self.url

    @property
    def publisher_name(self):
        """The ministry's name in the page's language, or the other publisher, or ""."""
        if self.ministry_id:
            return self.ministry.name
        return self.publisher
