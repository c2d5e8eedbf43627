from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from municipalities.models import Municipality
from omradesatsing import clock
from omradesatsing.meta import PageMetaMixin
from omradesatsing.slugs import SlugHistoryMixin

from . import timeline
from .models import Agreement, Conference, Directorate, FocusArea, Ministry, Network, Theme


class AgreementTimelineView(PageMetaMixin, TemplateView):
    template_name = "programs/agreement_timeline.html"
    page_title = _("Avtaler over tid")
    page_description = _(
        "Tidslinje over alle avtaler om områdesatsing mellom staten og kommunene, "
        "med dagens dato markert."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = clock.today()
        agreements = list(
            Agreement.objects.visible(self.request)
            .summary()
            .select_related("municipality")
            .only(*Agreement.SUMMARY_FIELDS, "municipality__name", "municipality__slug")
            .order_by("municipality__name", "period_start", "pk")
        )
        context.update(agreements=agreements, today=today, chart=timeline.build(agreements, today))
        return context


def theme_coverage(municipalities, themes):
    """Rows of (municipality, [(theme, focus areas serving it)]) for the city-by-theme matrix."""
    rows = []
    for municipality in municipalities:
        by_theme = {theme.pk: [] for theme in themes}
        for agreement in municipality.agreements.all():
            for focus_area in agreement.focus_areas.all():
                for theme in focus_area.themes.all():
                    by_theme[theme.pk].append(focus_area)
        if any(by_theme.values()):
            rows.append((municipality, [(theme, by_theme[theme.pk]) for theme in themes]))
    return rows


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
        municipalities = Municipality.objects.visible(self.request).prefetch_related(
            Prefetch(
                "agreements",
                queryset=Agreement.objects.visible(self.request).prefetch_related(
                    Prefetch("focus_areas", queryset=FocusArea.objects.prefetch_related("themes"))
                ),
            )
        )
        context["matrix"] = theme_coverage(municipalities, themes)
        return context


class ThemeDetailView(SlugHistoryMixin, PageMetaMixin, DetailView):
    title_field = "name"
    model = Theme
    context_object_name = "theme"

    def get_queryset(self):
        return Theme.objects.prefetch_related(
            Prefetch(
                "focus_areas",
                queryset=FocusArea.objects.visible(self.request)
                .select_related("agreement__municipality")
                .order_by("agreement__municipality__name", "agreement__period_start", "order"),
            )
        )

    def get_page_title(self):
        return self.object.name

    def get_page_description(self):
        return _("Kommunene som arbeider med %(theme)s i sine områdesatsinger.") % {
            "theme": self.object.name.lower()
        }

    def get_crumbs(self):
        return [(reverse("programs:themes"), _("Temaer"))]


class BodiesView(PageMetaMixin, TemplateView):
    template_name = "programs/bodies.html"
    page_title = _("Departementer og direktorater")
    page_description = _(
        "Hvem i staten som deltar i områdesatsingene, og hvilke avtaler hvert "
        "departement er part i."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreements = (
            Agreement.objects.visible(self.request)
            .summary()
            .select_related("municipality")
            .only(*Agreement.SUMMARY_FIELDS, "municipality__name", "municipality__slug")
        )
        context["ministries"] = Ministry.objects.prefetch_related(
            Prefetch("agreements", queryset=agreements)
        )
        context["directorates"] = Directorate.objects.prefetch_related(
            Prefetch("agreements", queryset=agreements)
        )
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
            "dates": self.object.dates_display,
            "place": self.object.place,
        }

    def get_crumbs(self):
        return [(reverse("programs:conferences"), _("Konferanser"))]
