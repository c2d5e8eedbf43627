from django.db.models import Prefetch
from django.views.generic import TemplateView

from municipalities.models import Area, Municipality
from programs.models import Agreement, Conference, Theme


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["municipalities"] = Municipality.objects.prefetch_related(
            Prefetch("agreements", queryset=Agreement.objects.with_status())
        )
        context["themes"] = Theme.objects.all()
        context["figures"] = {
            "municipalities": Municipality.objects.count(),
            "active_agreements": Agreement.objects.active().count(),
            "areas": Area.objects.count(),
        }
        context["conference"] = Conference.objects.first()
        return context
