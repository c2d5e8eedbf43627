from dataclasses import dataclass

from django.db.models import Count, Prefetch, prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from core import clock
from core.meta import PageMetaMixin
from core.paging import paginate
from core.slugs import SlugHistoryMixin

from . import display, timeline
from .models import (
    Agreement,
    Conference,
    Directorate,
    Document,
    FocusArea,
    Ministry,
    Network,
    Theme,
)


class AgreementTimelineView(PageMetaMixin, TemplateView):
    template_name = "programs/agreement_timeline.html"
    page_title = _("Avtaler over tid")
    page_description = _(
        "Tidslinje over alle avtaler om områdesatsing mellom staten og kommunene, "
        "med dagens dato markert."
    )

    # ?departement=<slug> or ?direktorat=<slug>: the agreements one public body
    # is party to (linked from /departementer/ when the list there is long).
    BODY_FILTERS = {
        "departement": (Ministry, "ministries"),
        "direktorat": (Directorate, "directorates"),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = clock.today()
        agreements = Agreement.objects.visible(self.request)
        body, keep = None, ()
        for param, (model, relation) in self.BODY_FILTERS.items():
            slug = self.request.GET.get(param)
            if slug:
                body = model.objects.filter(slug=slug).first()
                if body is None:
                    raise Http404(slug)
                agreements = agreements.filter(**{relation: body})
                keep = (param,)
                break
        page = paginate(
            self.request,
            agreements.summary()
            .select_related("municipality")
            .only(*Agreement.SUMMARY_FIELDS, "municipality__name", "municipality__slug")
            .order_by("municipality__name", "period_start", "pk"),
            keep=keep,
        )
        agreements = list(page)
        context.update(
            agreements=agreements,
            body=body,
            page_obj=page,
            today=today,
            chart=timeline.build(agreements, today),
        )
        return context


@dataclass
class MatrixRow:
    """A municipality in the city-by-theme matrix, with (theme, covered?) per theme."""

    name: str
    url: str
    cells: list


def theme_coverage(places, themes, pairs):
    """The matrix rows for ``places`` (dicts of municipality id, name and slug).

    ``pairs``: the (municipality id, theme id) pairs where at least one focus
    area of the municipality serves the theme.
    """
    return [
        MatrixRow(
            place["municipality__name"],
            reverse("municipalities:detail", args=[place["municipality__slug"]]),
            [(theme, (place["municipality_id"], theme.pk) in pairs) for theme in themes],
        )
        for place in places
    ]


# A matrix row carries a cell per theme: fewer rows per page keep it under 50 KB.
MATRIX_PER_PAGE = 30


class ThemeListView(PageMetaMixin, ListView):
    model = Theme
    context_object_name = "themes"
    page_title = _("Temaer")
    page_description = _(
        "Hvilke kommuner arbeider med hva? De tverrgående temaene i områdesatsingene, by for by."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        themes = list(context["themes"])
        agreements = Agreement.objects.visible(self.request)
        # A row for each municipality with at least one focus area linked to a
        # theme, counted and paged in SQL (the municipality through its agreements).
        places = (
            agreements.filter(focus_areas__themes__isnull=False)
            .order_by("municipality__name")
            .values("municipality_id", "municipality__name", "municipality__slug")
            .distinct()
        )
        page = paginate(self.request, places, per_page=MATRIX_PER_PAGE)
        places = list(page)
        # The pairs alone, in one query: the matrix shows no focus area itself.
        pairs = set(
            FocusArea.themes.through.objects.filter(
                focusarea__agreement__in=agreements,
                focusarea__agreement__municipality__in=[p["municipality_id"] for p in places],
            ).values_list("focusarea__agreement__municipality_id", "theme_id")
        )
        context["matrix"] = theme_coverage(places, themes, pairs)
        context["page_obj"] = page
        return context


class ThemeDetailView(SlugHistoryMixin, PageMetaMixin, DetailView):
    title_field = "name"
    model = Theme
    context_object_name = "theme"

    def get_page_title(self):
        return self.object.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        focus_areas = FocusArea.objects.visible(self.request).filter(themes=self.object)
        # In pages of whole municipalities: a city's focus areas stay together.
        page = paginate(
            self.request,
            focus_areas.order_by("agreement__municipality__name")
            .values_list("agreement__municipality_id", "agreement__municipality__name")
            .distinct(),
        )
        context["page_obj"] = page
        context["focus_areas"] = (
            focus_areas.filter(agreement__municipality__in=[pk for pk, _name in page])
            .select_related("agreement__municipality")
            .order_by("agreement__municipality__name", "agreement__period_start", "order")
        )
        return context

    def get_page_description(self):
        return _("Kommunene som arbeider med %(theme)s i sine områdesatsinger.") % {
            "theme": self.object.name.lower()
        }

    def get_crumbs(self):
        return [(reverse("programs:themes"), _("Temaer"))]


BODY_LIST_LIMIT = 30


class BodiesView(PageMetaMixin, TemplateView):
    template_name = "programs/bodies.html"
    page_title = _("Departementer og direktorater")
    page_description = _(
        "Hvem i staten som deltar i områdesatsingene, og hvilke avtaler hvert "
        "departement er part i."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = Agreement.objects.visible(self.request)
        agreements = (
            visible.summary()
            .select_related("municipality")
            .only(*Agreement.SUMMARY_FIELDS, "municipality__name", "municipality__slug")
        )
        for name, model, field in (
            ("ministries", Ministry, "ministries"),
            ("directorates", Directorate, "directorates"),
        ):
            # Count first: a body party to more than BODY_LIST_LIMIT agreements
            # links to them on /avtaler/ instead of listing them here (at
            # national scale, KDD is party to all of them), so only the short
            # lists are loaded.
            link = getattr(Agreement, field).through
            column = link._meta.get_field(model._meta.model_name).attname
            counts = dict(
                link.objects.filter(agreement__in=visible)
                .values(column)
                .annotate(total=Count("pk"))
                .values_list(column, "total")
            )
            bodies = list(model.objects.all())
            for body in bodies:
                body.agreement_count = counts.get(body.pk, 0)
            prefetch_related_objects(
                [b for b in bodies if 0 < b.agreement_count <= BODY_LIST_LIMIT],
                Prefetch("agreements", queryset=agreements),
            )
            context[name] = bodies
        context["list_limit"] = BODY_LIST_LIMIT
        return context


class ConferenceListView(PageMetaMixin, ListView):
    model = Conference
    context_object_name = "conferences"
    page_title = _("Konferanser og nettverk")
    page_description = _(
        "Erfaringskonferansene om områdesatsinger og Bynettverket, der kommunene deler "
        "kunnskap og erfaringer."
    )

    def get_queryset(self):
        return Conference.objects.visible(self.request).select_related("organiser")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["networks"] = Network.objects.select_related("organiser")
        return context


class ConferenceDetailView(SlugHistoryMixin, PageMetaMixin, DetailView):
    title_field = "title"
    model = Conference
    context_object_name = "conference"

    def get_queryset(self):
        return Conference.objects.visible(self.request).select_related("organiser")

    def get_page_title(self):
        return self.object.title

    def get_page_description(self):
        return _("%(title)s: %(dates)s i %(place)s.") % {
            "title": self.object.title,
            "dates": display.conference_dates(self.object),
            "place": self.object.place,
        }

    def get_crumbs(self):
        return [(reverse("programs:conferences"), _("Konferanser"))]


class DocumentDetailView(SlugHistoryMixin, PageMetaMixin, DetailView):
    title_field = "title"
    model = Document
    context_object_name = "document"

    def get_queryset(self):
        return Document.objects.visible(self.request).select_related("ministry")

    def get_page_title(self):
        return self.object.title

    def get_page_description(self):
        return self.object.description or _("%(kind)s om områdesatsingene.") % {
            "kind": self.object.get_kind_display()
        }

    def get_crumbs(self):
        return [(reverse("documents"), _("Dokumenter"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        context["municipalities"] = document.municipalities.visible(self.request)
        context["agreements"] = (
            document.agreements.visible(self.request)
            .summary()
            .select_related("municipality")
            .only(*Agreement.SUMMARY_FIELDS, "municipality__name", "municipality__slug")
            .order_by("municipality__name", "period_start", "pk")
        )
        return context
