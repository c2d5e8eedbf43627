from django.urls import path

from . import calendar, documents, views

app_name = "programs"

urlpatterns = [
    path("avtaler/", views.AgreementTimelineView.as_view(), name="agreements"),
    path("avtaler/<int:pk>/avtale.pdf", documents.agreement_document, name="agreement_document"),
    path("tema/", views.ThemeListView.as_view(), name="themes"),
    path("tema/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("departementer/", views.BodiesView.as_view(), name="bodies"),
    path("dokumenter/<slug:slug>/", views.DocumentDetailView.as_view(), name="document_detail"),
    path("dokumenter/<slug:slug>/dokument.pdf", documents.document_file, name="document_file"),
    path("konferanser/", views.ConferenceListView.as_view(), name="conferences"),
    path("konferanser/kalender.ics", calendar.all_conferences_ics, name="conferences_ics"),
    path("konferanser/<slug:slug>/kalender.ics", calendar.conference_ics, name="conference_ics"),
    path(
        "konferanser/<slug:slug>/",
        views.ConferenceDetailView.as_view(),
        name="conference_detail",
    ),
]
