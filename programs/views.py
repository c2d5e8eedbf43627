from django.db.models import Prefetch
from django.views.generic import DetailView, ListView, TemplateView

from .models import (
    Agreement,
    Conference,
    Directorate,
    FocusArea,
    Ministry,
    Network,
    Theme,
)


class AgreementTimelineView(ListView):
    template_name = "programs/agreement_timeline.html"
    context_object_name = "agreements"

    def get_queryset(self):
        return Agreement.objects.with_status().select_related("municipality")


class ThemeListView(ListView):
    model = Theme
    context_object_name = "themes"

    def get_queryset(self):
        return Theme.objects.prefetch_related(
            Prefetch(
                "focus_areas", queryset=FocusArea.objects.select_related("agreement__municipality")
            )
        )


class ThemeDetailView(DetailView):
    model = Theme
    context_object_name = "theme"

    def get_queryset(self):
        return Theme.objects.prefetch_related(
            Prefetch(
                "focus_areas",
                queryset=FocusArea.objects.select_related("agreement__municipality").order_by(
                    "agreement__municipality__name", "agreement__period_start", "order"
                ),
            )
        )


class BodiesView(TemplateView):
    template_name = "programs/bodies.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreements = Agreement.objects.select_related("municipality")
        context["ministries"] = Ministry.objects.prefetch_related(
            Prefetch("agreements", queryset=agreements)
        )
        context["directorates"] = Directorate.objects.prefetch_related(
            Prefetch("agreements", queryset=agreements)
        )
        return context


class ConferenceListView(ListView):
    model = Conference
    context_object_name = "conferences"

    def get_queryset(self):
        return Conference.objects.select_related("organiser")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["networks"] = Network.objects.select_related("organiser")
        return context


class ConferenceDetailView(DetailView):
    model = Conference
    context_object_name = "conference"

    def get_queryset(self):
        return Conference.objects.select_related("organiser")
