"""The admin as a whole: login, bokmål, every page answers, and what every editorial form offers."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.support.admin_forms import change_url
from tests.support.html import hrefs, one, parse, text_of

pytestmark = pytest.mark.django_db

CONTENT_APPS = {"municipalities", "programs", "pages"}


def test_anonymous_visitor_is_sent_to_login():
    response = Client().get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login") + "?next=")


def test_admin_speaks_bokmal_whatever_the_browser_asks(staff_client):
    response = staff_client.get(reverse("admin:index"), headers={"accept-language": "en"})
    soup = parse(response)
    assert one(soup, "html")["lang"] == "nb"
    assert text_of(soup, "#site-name") == "Områdesatsinger – redigering"
    assert text_of(soup, "#logout-form button") == "Logg ut"


def test_every_admin_list_add_and_change_page_answers(staff_client):
    models = [m for m in admin.site._registry if m._meta.app_label in CONTENT_APPS]
    assert len(models) >= 12
    for model in models:
        label = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert staff_client.get(reverse(f"{label}_changelist")).status_code == 200, label
        assert staff_client.get(reverse(f"{label}_add")).status_code == 200, label
        first = model.objects.first()
        assert first is not None, f"no {label} in the fixtures to open"
        assert staff_client.get(change_url(first)).status_code == 200, label


def test_every_editable_content_field_has_a_help_text():
    missing = []
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.model_name.startswith("historical"):
                continue
            for field in model._meta.get_fields():
                editable = getattr(field, "editable", False) and not field.auto_created
                if not editable or field.name.endswith(("_nb", "_nn", "_en")):
                    continue
                if not (field.concrete or field.many_to_many):
                    continue
                if not field.help_text:
                    missing.append(f"{model.__name__}.{field.name}")
    assert missing == []


def test_change_form_offers_preview_history_and_publishing(editor_client, drafts):
    municipality = drafts["municipality"]
    form = parse(editor_client.get(change_url(municipality)))
    assert hrefs(form, ".object-tools a.viewsitelink") == ["/kommuner/alesund/?forhandsvis=1"]
    assert text_of(form, ".object-tools a.historylink") == "Historikk og gjenoppretting"
    assert hrefs(form, ".object-tools a.historylink") == [
        reverse("admin:municipalities_municipality_history", args=[municipality.pk])
    ]
    assert one(form, "input[type=submit][name=_publish]")["value"] == "Lagre og publiser"
    assert text_of(form, ".publication-state").startswith("Utkast:")

    agreement = drafts["agreement"]
    agreement_form = parse(editor_client.get(change_url(agreement)))
    assert hrefs(agreement_form, ".object-tools a.viewsitelink") == [
        f"/kommuner/drammen/?forhandsvis=1#avtale-{agreement.pk}"
    ]
    # Django's own autocomplete, not a third-party one.
    assert agreement_form.select("select.admin-autocomplete")
    assert agreement_form.select("[data-autocomplete-light-function]") == []
