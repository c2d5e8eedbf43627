import csv
import io

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.meta import PageMetaMixin
from core.slugs import renamed
from municipalities.models import Municipality

from . import catalogue
from .datasets import BY_KEY, DATASETS, LIST_SEPARATOR

LICENCE_NAME = _("Norsk lisens for offentlige data (NLOD) 2.0")
LICENCE_URLS = {
    "nb": "https://data.norge.no/nlod/no/2.0",
    "nn": "https://data.norge.no/nlod/no/2.0",
    "en": "https://data.norge.no/nlod/en/2.0",
}
PUBLISHER = _("Områdesatsinger")


def licence_url():
    return LICENCE_URLS.get(get_language(), LICENCE_URLS["nb"])


def attribution():
    return str(
        _(
            "Inneholder data under Norsk lisens for offentlige data (NLOD) tilgjengeliggjort "
            "av Områdesatsinger. Kilde for faktaene: regjeringen.no."
        )
    )


def dataset_or_404(key):
    try:
        return BY_KEY[key]
    except KeyError:
        raise Http404(key) from None


def metadata(request, *, title, description, columns=(), documentation=None):
    """What every file says about itself: licence, attribution, source, schema."""
    return {
        "title": str(title),
        "description": str(description),
        "publisher": str(PUBLISHER),
        "licence": {"name": str(LICENCE_NAME), "url": licence_url()},
        "attribution": attribution(),
        "source": settings.SOURCE_URL,
        "language": get_language(),
        "generated": timezone.now().isoformat(timespec="seconds"),
        "documentation": request.build_absolute_uri(documentation or reverse("opendata:index")),
        "schema": [
            {
                "name": c.name,
                "type": c.datatype,
                "description": str(c.description),
                **({"pattern": c.pattern} if c.pattern else {}),
            }
            for c in columns
        ],
    }


def json_response(payload, filename):
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Link"] = f'<{licence_url()}>; rel="license"'
    return response


def dataset_json(request, key):
    dataset = dataset_or_404(key)
    payload = {
        "metadata": metadata(
            request,
            title=dataset.title,
            description=dataset.description,
            columns=dataset.columns,
            documentation=reverse("opendata:index") + f"#{dataset.key}",
        ),
        "records": dataset.records(request.build_absolute_uri),
    }
    return json_response(payload, f"omradesatsinger-{dataset.key}.json")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(map(str, value))
    return value


def dataset_csv(request, key):
    dataset = dataset_or_404(key)
    buffer = io.StringIO()
    # A byte order mark so that spreadsheets read the file as UTF-8 (æ, ø, å).
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in dataset.columns])
    for record in dataset.records(request.build_absolute_uri):
        writer.writerow([_cell(record[c.name]) for c in dataset.columns])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="omradesatsinger-{dataset.key}.csv"'
    metadata_url = request.build_absolute_uri(reverse("opendata:csv_metadata", args=[key]))
    response["Link"] = (
        f'<{metadata_url}>; rel="describedby"; type="application/csvm+json", '
        f'<{licence_url()}>; rel="license"'
    )
    return response


def dataset_csv_metadata(request, key):
    """CSV on the Web (W3C) metadata: the CSV file's licence, attribution and columns."""
    dataset = dataset_or_404(key)
    payload = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": get_language()}],
        "url": request.build_absolute_uri(reverse("opendata:csv", args=[key])),
        "dc:title": str(dataset.title),
        "dc:description": str(dataset.description),
        "dc:publisher": str(PUBLISHER),
        "dc:license": {"@id": licence_url()},
        "dc:rights": attribution(),
        "dc:source": {"@id": settings.SOURCE_URL},
        "dialect": {"encoding": "utf-8", "header": True},
        "tableSchema": {
            "columns": [
                {
                    "name": c.name,
                    "titles": c.name,
                    # A pattern makes the datatype an object: {"base": "string", "format": …}.
                    "datatype": {"base": c.datatype, "format": c.pattern}
                    if c.pattern
                    else c.datatype,
                    "dc:description": str(c.description),
                    **({"separator": LIST_SEPARATOR} if c.is_list else {}),
                }
                for c in dataset.columns
            ]
        },
    }
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = "application/csvm+json; charset=utf-8"
    return response


def municipality_json(request, slug):
    """One municipality with everything about it, at a URL that stays the same."""
    try:
        # Open data is published content only, even for staff.
        municipality = (
            Municipality.objects.published()
            .with_page_contents()
            .with_earlier_numbers()
            .get(slug=slug)
        )
    except Municipality.DoesNotExist:
        # A permanent address: a renamed municipality's old one still leads here.
        target = renamed(Municipality.objects.published(), slug)
        if target is None:
            raise Http404(slug) from None
        return redirect("opendata:municipality_json", slug=target.slug, permanent=True)

    def row(key, obj):
        return BY_KEY[key].row(obj, request.build_absolute_uri)

    agreements = []
    for agreement in municipality.agreements.all():
        entry = row("avtaler", agreement)
        entry["focus_areas"] = [row("innsatsomrader", f) for f in agreement.focus_areas.all()]
        agreements.append(entry)
    payload = {
        "metadata": metadata(
            request,
            title=municipality.name,
            description=_("Alt om områdesatsingen i én kommune."),
            documentation=reverse("opendata:index") + "#kommune",
        ),
        "municipality": {
            **row("kommuner", municipality),
            "last_modified": municipality.last_modified().isoformat(timespec="seconds"),
            "areas": [row("omrader", a) for a in municipality.areas.all()],
            "agreements": agreements,
            "grants": [row("tilskudd", g) for g in municipality.grants.all()],
            "earlier_kommunenummer": [
                row("tidligere-kommunenumre", n) for n in municipality.earlier_numbers.all()
            ],
            "documents": [
                row("dokumenter", d)
                for d in BY_KEY["dokumenter"].queryset().concerning(municipality)
            ],
        },
    }
    return json_response(payload, f"omradesatsinger-{municipality.slug}.json")


class DataIndexView(PageMetaMixin, TemplateView):
    template_name = "opendata/index.html"
    page_title = _("Åpne data")
    page_description = _(
        "Last ned kommunene, områdene, avtalene, innsatsområdene, tilskuddene, "
        "konferansene og dokumentene som CSV eller JSON, under lisensen NLOD 2.0."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            datasets=DATASETS,
            licence_name=LICENCE_NAME,
            licence_url=licence_url(),
            attribution=attribution(),
            example=Municipality.objects.published().order_by("name").first(),
        )
        return context


def _catalogue_response(request, format, content_type, filename):
    graph = catalogue.build(request)
    # JSON-LD with short names (dcat:dataset), the Turtle's prefixes as its context.
    options = {"context": catalogue.PREFIXES, "auto_compact": True} if format == "json-ld" else {}
    response = HttpResponse(graph.serialize(format=format, **options), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Link"] = f'<{licence_url()}>; rel="license"'
    return response


def catalogue_turtle(request):
    """The DCAT-AP-NO catalogue of every dataset and file here, for data.norge.no (Turtle)."""
    return _catalogue_response(
        request, "turtle", "text/turtle; charset=utf-8", "omradesatsinger-katalog.ttl"
    )


def catalogue_jsonld(request):
    """The same catalogue as JSON-LD."""
    return _catalogue_response(
        request, "json-ld", "application/ld+json", "omradesatsinger-katalog.jsonld"
    )
