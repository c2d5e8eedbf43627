import logging
import sys

from django.db import InterfaceError, OperationalError
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import TemplateView

from core import clock
from core.meta import PageMetaMixin
from municipalities.models import Area, Municipality
from pages.models import Page
from programs import display
from programs.models import Agreement, Conference, Theme

from . import maps, previews, search

logger = logging.getLogger(__name__)


# Up to this many municipalities the front page names each one on the map and
# in a list beside it. Beyond it (all of Norway has 357) labels would overlap
# and the page would pass its weight budget: the map shows points, and the
# list is on /kommuner/ (in pages).
FRONT_PAGE_LIST_LIMIT = 40


class HomeView(PageMetaMixin, TemplateView):
    template_name = "home.html"
    page_title = _("Områdesatsinger i norske byer")
    page_description = _(
        "Staten og kommunene samarbeider om bedre tjenester og nærmiljø i områder med "
        "levekårsutfordringer. Se hvilke byer og områder, hva som gjøres og hvor lenge."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = clock.today()
        # The summary columns cover the map's points and the list; only a list
        # short enough to show gets the agreements (statuses) loaded.
        municipalities = list(Municipality.objects.visible(self.request).summary())
        listed = len(municipalities) <= FRONT_PAGE_LIST_LIMIT
        if listed:
            prefetch_related_objects(
                municipalities,
                Prefetch(
                    "agreements",
                    queryset=Agreement.objects.visible(self.request)
                    .summary()
                    .order_by("period_start", "pk"),
                ),
            )
        status_counts = dict(
            Agreement.objects.visible(self.request)
            .with_status(today)
            .order_by()
            .values("status_code")
            .annotate(total=Count("pk"))
            .values_list("status_code", "total")
        )
        context.update(
            municipalities=municipalities,
            listed=listed,
            markers=maps.place_markers(municipalities) if listed else maps.points(municipalities),
            map=maps.outline(),
            themes=Theme.objects.all(),
            # The first page in the reading order of /om/ introduces the subject.
            introduction=Page.objects.visible(self.request).first(),
            figures={
                "municipalities": len(municipalities),
                "areas": Area.objects.visible(self.request).count(),
                "statuses": [
                    (display.STATUS_PLURALS[status], status_counts.get(status.value, 0))
                    for status in Agreement.Status
                ],
            },
            conference=(
                Conference.objects.visible(self.request)
                .filter(end_date__gte=today)
                .order_by("start_date")
                .first()
                or Conference.objects.visible(self.request).order_by("-start_date").first()
            ),
        )
        return context


class AccessibilityView(PageMetaMixin, TemplateView):
    template_name = "accessibility.html"
    page_title = _("Tilgjengelighetserklæring")
    page_description = _(
        "Hvordan nettstedet oppfyller kravene til universell utforming (WCAG 2.1 AA), og "
        "hvordan du sier fra om feil."
    )


@require_GET
def robots_txt(request):
    # The admin is not listed: naming it here would undo ADMIN_URL's point,
    # and its pages are never indexable anyway (login required, no-cache).
    lines = [
        "User-agent: *",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class SearchView(PageMetaMixin, TemplateView):
    template_name = "search.html"
    page_title = _("Søk")
    page_description = _("Søk etter kommuner, områder, avtaler, innsatsområder, temaer og sider.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query, groups = search.search(self.request.GET.get("q", ""), self.request)
        context.update(
            query=query,
            groups=groups,
            total=sum(len(group.results) for group in groups),
            max_length=search.MAX_QUERY_LENGTH,
        )
        return context


def server_error(request):
    """500, or 503 when the database is unreachable: a styled page, never a traceback.

    Rendered without the database or context processors, so it works when
    everything else does not. Django closes the broken connection at the end
    of the request, and the next request connects again: the site recovers by
    itself when the database is back.
    """
    error = sys.exc_info()[1]
    # Unreachable, restarting or locked: worth retrying. Other database errors
    # (a constraint, a bad query) are bugs and get the 500 page.
    if isinstance(error, OperationalError | InterfaceError):
        logger.error("database unavailable: %s", error.__class__.__name__)
        response = HttpResponse(
            loader.get_template("503.html").render(), status=503, content_type="text/html"
        )
        response["Retry-After"] = "30"
    else:
        response = HttpResponse(
            loader.get_template("500.html").render(), status=500, content_type="text/html"
        )
    response["Cache-Control"] = "no-store"
    return response


def _preview_response(picture, token, current, current_url):
    """The PNG of ``picture``; an outdated token is sent on to the current address."""
    if token != current:
        response = HttpResponseRedirect(current_url)
        response["Cache-Control"] = "no-cache"
        return response
    response = HttpResponse(previews.png(picture), content_type="image/png")
    # The token names what is drawn: what this address shows never changes.
    response["Cache-Control"] = f"public, max-age={previews.IMMUTABLE_SECONDS}, immutable"
    return response


@require_safe
def municipality_preview(request, slug, token):
    """A municipality's link-preview picture (previews.municipality_picture)."""
    municipality = get_object_or_404(Municipality.objects.published().summary(), slug=slug)
    agreements = Agreement.objects.published().filter(municipality=municipality).summary()
    picture = previews.municipality_picture(municipality, agreements)
    return _preview_response(
        picture,
        token,
        previews.municipality_token(picture),
        previews.municipality_url(municipality, picture),
    )


@require_safe
def site_preview(request, token):
    """The site's link-preview picture, shared by every page but a municipality's."""
    municipalities = Municipality.objects.published().only("id", "latitude", "longitude")
    picture = previews.site_picture(municipalities)
    return _preview_response(picture, token, previews.site_token(), previews.site_url())
