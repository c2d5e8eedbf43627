"""A different URLconf, for the test that remembered addresses follow the URLconf."""

from django.http import HttpResponse
from django.urls import include, path


def page(request, slug):
    return HttpResponse(slug)


municipalities = ([path("<slug:slug>/", page, name="detail")], "municipalities")
urlpatterns = [path("annet/", include(municipalities))]
