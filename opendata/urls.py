from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.DataIndexView.as_view(), name="index"),
    path("katalog.ttl", views.catalogue_turtle, name="catalogue_turtle"),
    path("katalog.jsonld", views.catalogue_jsonld, name="catalogue_jsonld"),
    path("kommuner/<slug:slug>.json", views.municipality_json, name="municipality_json"),
    path("<slug:key>.json", views.dataset_json, name="json"),
    path("<slug:key>.csv", views.dataset_csv, name="csv"),
    path("<slug:key>.csv-metadata.json", views.dataset_csv_metadata, name="csv_metadata"),
]
