from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core import clock
from core.meta import PageMetaMixin
from core.paging import PagedListMixin
from core.slugs import SlugHistoryMixin
from programs.models import Agreement, Document

from .models import Area, Municipality


def agreements_prefetch(request):
    """A municipality's visible agreements in period order (statuses come from the model)."""
    return Prefetch(
        "agreements",
        queryset=Agreement.objects.visible(request).summary().order_by("period_start", "pk"),
    )


class MunicipalityListView(PagedListMixin, PageMetaMixin, ListView):
    model = Municipality
    context_object_name = "municipalities"
    page_title = _("Kommuner med områdesatsing")
    page_description = _(
        "Kommunene som har eller skal få avtale med staten om områdesatsing, med områder, "
        "avtaleperioder og status."
    )

    def get_queryset(self):
        return (
            Municipality.objects.visible(self.request)
            .summary()
            .prefetch_related(
                Prefetch(
                    "areas", queryset=Area.objects.only("id", "municipality_id", "name", "slug")
                ),
                agreements_prefetch(self.request),
            )
        )


class MunicipalityDetailView(SlugHistoryMixin, PageMetaMixin, DetailView):
    model = Municipality
    context_object_name = "municipality"

    def get_queryset(self):
        return Municipality.objects.visible(self.request).with_page_contents(self.request)

    def get_renamed_queryset(self):
        # Only the address is needed for the redirect, not the page's contents.
        return Municipality.objects.visible(self.request)

    def get_page_title(self):
        return self.object.name

    def get_page_description(self):
        return self.object.description or _(
            "Områdesatsingen i %(name)s: områder, avtaler, innsatsområder og parter."
        ) % {"name": self.object.name}

    def get_crumbs(self):
        return [(reverse("municipalities:list"), _("Kommuner"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        municipality = self.object
        last_modified = municipality.last_modified()
        place = {"@type": "AdministrativeArea", "name": municipality.name}
        if municipality.kommunenummer:
            # As text: Oslo is 0301, and a number would lose the zero.
            place["identifier"] = {
                "@type": "PropertyValue",
                "propertyID": "kommunenummer",
                "value": municipality.kommunenummer,
            }
        if municipality.county:
            place["containedInPlace"] = {
                "@type": "AdministrativeArea",
                "name": municipality.county,
            }
        if municipality.latitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(municipality.latitude),
                "longitude": float(municipality.longitude),
            }
        if municipality.website:
            place["sameAs"] = municipality.website
        context["documents"] = (
            Document.objects.visible(self.request)
            .concerning(municipality)
            .select_related("ministry")
        )
        context["last_modified"] = last_modified
        context["permanent_url"] = self.request.build_absolute_uri(municipality.get_absolute_url())
        context["today"] = clock.today()
        context["municipality_json_ld"] = {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": self.get_page_title(),
            "description": str(self.get_page_description()),
            "url": self.request.build_absolute_uri(municipality.get_absolute_url()),
            "inLanguage": get_language(),
            "dateModified": last_modified.isoformat(),
            "isBasedOn": settings.SOURCE_URL,
            "about": place,
        }
        return context
