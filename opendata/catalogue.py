"""The open data as a DCAT-AP-NO catalogue, the form data.norge.no harvests.

Made from the same dataset definitions as the files (``datasets.DATASETS``),
so every dataset and every file offered on /data/ is in it and nothing else.
Texts come in bokmål, nynorsk and English whatever the URL's language; the
addresses of the datasets and files are the bokmål ones (unprefixed), so the
identifiers never depend on the language asked for.

Vocabularies (DCAT-AP-NO 2, «Kontrollerte vokabularer»): EU data themes, the
Norwegian LOS themes, EU country, language, licence, access-right and
file-type authority tables, IANA media types. The publisher is named by its
organisation number in Digdir's organisation catalogue, the URI pattern the
specification gives until Brønnøysundregistrene settles a final one.
"""

import datetime
import itertools

from django.conf import settings
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from programs.models import Agreement

from .datasets import DATASETS

ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
# The prefixes in the Turtle, and the JSON-LD's context.
PREFIXES = {
    "adms": str(ADMS),
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "rdf": str(RDF),
    "vcard": str(VCARD),
    "xsd": str(XSD),
}

ORGANIZATION_CATALOGUE = "https://organization-catalog.fellesdatakatalog.digdir.no/organizations/"
PUBLISHER_TYPE = URIRef("http://purl.org/adms/publishertype/NationalAuthority")
COMPLETED = URIRef("http://purl.org/adms/status/Completed")

# (language code, EU language authority code)
LANGUAGES = (("nb", "NOB"), ("nn", "NNO"), ("en", "ENG"))

THEMES = (
    URIRef(EU + "data-theme/SOCI"),  # Population and society
    URIRef(EU + "data-theme/GOVE"),  # Government and public sector
    URIRef("https://psi.norge.no/los/tema/sosiale-tjenester"),  # LOS: Sosiale tjenester
)
NORWAY = URIRef(EU + "country/NOR")
LICENCE = URIRef(EU + "licence/NLOD_2_0")
PUBLIC = URIRef(EU + "access-right/PUBLIC")

CATALOGUE_TITLE = _("Åpne data fra Områdesatsinger")
CATALOGUE_DESCRIPTION = _(
    "Kommunene, områdene, avtalene, innsatsområdene, tilskuddene og konferansene i "
    "områdesatsingene, som CSV og JSON under lisensen NLOD 2.0."
)
# Every dataset's keywords: these, and the dataset's own title.
KEYWORDS = (_("Områdesatsinger"), _("levekår"))


# One entry per kind of file a dataset is offered as: the URL name, the IANA media
# type, the EU file type, and the distribution's title (a message of /data/).
FORMATS = (
    ("csv", "text/csv", "CSV", gettext_noop("%(title)s som CSV")),
    ("json", "application/json", "JSON", gettext_noop("%(title)s som JSON")),
    (
        "csv_metadata",
        "application/csvm+json",
        "JSON_LD",
        gettext_noop("Metadata for %(title)s (CSV on the Web)"),
    ),
)

# Which dates a dataset's rows cover, as lookups on its queryset: the agreements'
# periods for what belongs to agreements, the conferences' days.
PERIODS = {
    "avtaler": ("period_start", "period_end"),
    "innsatsomrader": ("agreement__period_start", "agreement__period_end"),
    "konferanser": ("start_date", "end_date"),
    "tidligere-kommunenumre": ("valid_from", "valid_to"),
}


def in_every_language(text):
    """One literal per language: ``text``, a lazy message, translated into each."""
    literals = []
    for language, _code in LANGUAGES:
        with translation.override(language):
            literals.append(Literal(str(text), lang=language))
    return literals


def _changed_field(model):
    """The field that says when a row, or the object it is part of, last changed."""
    if any(f.name == "updated_at" for f in model._meta.get_fields()):
        return "updated_at"
    return f"{model.editorial_parent}__updated_at"


def _summary(dataset):
    """When the dataset last changed, and the first and last day it covers: one query."""
    queryset = dataset.queryset()
    aggregates = {"modified": Max(_changed_field(queryset.model))}
    if dataset.key in PERIODS:
        start, end = PERIODS[dataset.key]
        aggregates.update(start=Min(start), end=Max(end))
    return queryset.aggregate(**aggregates)


def _date(value):
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)  # the day in Norway
    return Literal(value, datatype=XSD.date)


def _agreements_period():
    return Agreement.objects.published().aggregate(start=Min("period_start"), end=Max("period_end"))


def build(request):
    """The catalogue as an rdflib graph, with the request's scheme and host in every address."""
    with translation.override("nb"):
        index = request.build_absolute_uri(reverse("opendata:index"))
    # Each file in each language: /data/…, /nn/data/…, /en/data/…; text values differ.
    urls = {}
    for language, _code in LANGUAGES:
        with translation.override(language):
            for dataset in DATASETS:
                for name, *_rest in FORMATS:
                    urls[dataset.key, name, language] = request.build_absolute_uri(
                        reverse(f"opendata:{name}", args=[dataset.key])
                    )
    with translation.override("nb"):
        home = request.build_absolute_uri("/")

    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)

    publisher = URIRef(ORGANIZATION_CATALOGUE + settings.PUBLISHER_ORGANIZATION_NUMBER)
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(settings.PUBLISHER_NAME, lang="nb")))
    graph.add((publisher, DCTERMS.identifier, Literal(settings.PUBLISHER_ORGANIZATION_NUMBER)))
    graph.add((publisher, DCTERMS.type, PUBLISHER_TYPE))

    contact = BNode()
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(settings.PUBLISHER_NAME, lang="nb")))
    if settings.DATA_CONTACT_EMAIL:
        graph.add((contact, VCARD.hasEmail, URIRef("mailto:" + settings.DATA_CONTACT_EMAIL)))
    if settings.DATA_CONTACT_URL:
        graph.add((contact, VCARD.hasURL, URIRef(settings.DATA_CONTACT_URL)))

    catalogue = URIRef(index + "#katalog")
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add((catalogue, DCTERMS.identifier, Literal(str(catalogue))))
    for literal in in_every_language(CATALOGUE_TITLE):
        graph.add((catalogue, DCTERMS.title, literal))
    for literal in in_every_language(CATALOGUE_DESCRIPTION):
        graph.add((catalogue, DCTERMS.description, literal))
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, FOAF.homepage, URIRef(home)))
    graph.add((catalogue, DCTERMS.license, LICENCE))
    graph.add((catalogue, DCTERMS.spatial, NORWAY))
    for _language, code in LANGUAGES:
        graph.add((catalogue, DCTERMS.language, URIRef(EU + "language/" + code)))

    agreements = _agreements_period()
    latest = None
    for dataset in DATASETS:
        summary = _summary(dataset)
        node = URIRef(f"{index}#{dataset.key}")
        graph.add((catalogue, DCAT.dataset, node))
        graph.add((node, RDF.type, DCAT.Dataset))
        graph.add((node, DCTERMS.identifier, Literal(str(node))))
        for literal in in_every_language(dataset.title):
            graph.add((node, DCTERMS.title, literal))
        for literal in in_every_language(dataset.description):
            graph.add((node, DCTERMS.description, literal))
        for keyword in (*KEYWORDS, dataset.title):
            for literal in in_every_language(keyword):
                graph.add((node, DCAT.keyword, literal))
        graph.add((node, DCTERMS.publisher, publisher))
        graph.add((node, DCAT.contactPoint, contact))
        for theme in THEMES:
            graph.add((node, DCAT.theme, theme))
        graph.add((node, DCTERMS.spatial, NORWAY))
        graph.add((node, DCTERMS.accessRights, PUBLIC))
        graph.add((node, DCAT.landingPage, URIRef(f"{index}#{dataset.key}")))
        for _language, code in LANGUAGES:
            graph.add((node, DCTERMS.language, URIRef(EU + "language/" + code)))
        if summary["modified"]:
            graph.add((node, DCTERMS.modified, _date(summary["modified"])))
            latest = max(latest or summary["modified"], summary["modified"])
        # What has no dates of its own is part of the programme: the agreements' years.
        start, end = (
            (summary["start"], summary["end"])
            if dataset.key in PERIODS
            else (agreements["start"], agreements["end"])
        )
        if start or end:
            period = BNode()
            graph.add((node, DCTERMS.temporal, period))
            graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
            if start:
                graph.add((period, DCAT.startDate, _date(start)))
            if end:
                graph.add((period, DCAT.endDate, _date(end)))

        for (name, media_type, file_type, title), (language, code) in itertools.product(
            FORMATS, LANGUAGES
        ):
            url = URIRef(urls[dataset.key, name, language])
            distribution = URIRef(f"{index}#{dataset.key}-{name.replace('_', '-')}-{language}")
            graph.add((node, DCAT.distribution, distribution))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            # Each file is titled in its own language, the language of its texts.
            with translation.override(language):
                label = gettext(title) % {"title": str(dataset.title)}
            graph.add((distribution, DCTERMS.title, Literal(label, lang=language)))
            graph.add((distribution, DCTERMS.language, URIRef(EU + "language/" + code)))
            graph.add((distribution, DCAT.accessURL, url))
            graph.add((distribution, DCAT.downloadURL, url))
            graph.add(
                (
                    distribution,
                    DCAT.mediaType,
                    URIRef("https://www.iana.org/assignments/media-types/" + media_type),
                )
            )
            graph.add((distribution, DCTERMS.format, URIRef(EU + "file-type/" + file_type)))
            graph.add((distribution, DCTERMS.license, LICENCE))
            graph.add((distribution, ADMS.status, COMPLETED))
            if summary["modified"]:
                graph.add((distribution, DCTERMS.modified, _date(summary["modified"])))

    if latest:
        graph.add((catalogue, DCTERMS.modified, _date(latest)))
    return graph
