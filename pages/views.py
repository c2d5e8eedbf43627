from django.views.generic import DetailView, ListView

from .models import Page


class PageIndexView(ListView):
    model = Page
    context_object_name = "pages"


class PageDetailView(DetailView):
    model = Page
    context_object_name = "page"
