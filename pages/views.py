from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core.meta import PageMetaMixin
from core.slugs import SlugHistoryMixin
from programs.models import Conference, Directorate, Document, Ministry, Network, Theme

from .models import Page


class PageIndexView(PageMetaMixin, ListView):
    model = Page
    context_object_name = "pages"

    def get_queryset(self):
        return Page.objects.visible(self.request)

    page_title = _("Om områdesatsinger")
    page_description = _(
        "Hva en områdesatsing er, hvordan kommunene arbeider, hvem som deltar, og "
        "dokumentene politikken bygger på."
    )


class PageDetailView(SlugHistoryMixin, PageMetaMixin, DetailView):
    title_field = "title"
    model = Page
    context_object_name = "page"

    def get_queryset(self):
        return Page.objects.visible(self.request)

    def get_page_title(self):
        return self.object.title

    def get_page_description(self):
        return self.object.summary

    def get_crumbs(self):
        return [(reverse("pages:index"), _("Om satsingene"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listing = self.object.listing
        Listing = Page.Listing
        if listing == Listing.THEMES:
            context["themes"] = Theme.objects.all()
        elif listing == Listing.BODIES:
            context["ministries"] = Ministry.objects.all()
            context["directorates"] = Directorate.objects.all()
        elif listing == Listing.DOCUMENTS:
            # The documents the policy rests on; the library has the rest.
            context["documents"] = (
                Document.objects.visible(self.request)
                .filter(kind__in=[Document.Kind.WHITE_PAPER, Document.Kind.BUDGET])
                .select_related("ministry")
            )
        elif listing == Listing.NETWORKS:
            context["networks"] = Network.objects.select_related("organiser")
            context["conferences"] = Conference.objects.visible(self.request)
        context["other_pages"] = Page.objects.visible(self.request).exclude(pk=self.object.pk)
        return context
