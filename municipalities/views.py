from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from programs.models import Agreement, FocusArea

from .models import Municipality


def agreements_prefetch():
    """Agreements with everything a municipality page shows, in a fixed number of queries."""
    return Prefetch(
        "agreements",
        queryset=Agreement.objects.with_status()
        .prefetch_related(
            "areas",
            "ministries",
            "directorates",
            Prefetch(
                "focus_areas",
                queryset=FocusArea.objects.order_by("order").prefetch_related("themes"),
            ),
        )
        .order_by("period_start", "pk"),
    )


class MunicipalityListView(ListView):
    model = Municipality
    context_object_name = "municipalities"

    def get_queryset(self):
        return Municipality.objects.prefetch_related(
            "areas", Prefetch("agreements", queryset=Agreement.objects.with_status())
        )


class MunicipalityDetailView(DetailView):
    model = Municipality
    context_object_name = "municipality"

    def get_queryset(self):
        return Municipality.objects.prefetch_related(
            "areas", "grants__document", agreements_prefetch()
        )
