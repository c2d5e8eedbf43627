"""The admin of municipalities and their areas."""

import json

import pytest
from django.urls import reverse

from municipalities.models import Municipality
from tests.support.admin_forms import admin_post_data
from tests.support.html import one, parse

pytestmark = pytest.mark.django_db

ADD = "admin:municipalities_municipality_add"


def test_new_municipality_gets_a_transliterated_slug_without_javascript(staff_client):
    url = reverse(ADD)
    data = admin_post_data(staff_client.get(url))
    data.update({"name": "Ålesund", "slug": "", "description_nb": "Ny kommune."})
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    data[f"{prefix}-TOTAL_FORMS"] = "1"
    data.update({f"{prefix}-0-name": "Løvenvold og Sørbyen", f"{prefix}-0-slug": ""})
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    municipality = Municipality.objects.get(name="Ålesund")
    assert municipality.slug == "alesund"
    assert municipality.areas.get().slug == "lovenvold-og-sorbyen"


def test_municipality_form_fills_the_slug_while_typing(staff_client):
    # With JavaScript, the admin's own urlify.js fills the slug from the name.
    form = parse(staff_client.get(reverse(ADD)))
    scripts = [tag["src"] for tag in form.select("script[src]")]
    assert any(src.endswith("admin/js/urlify.js") for src in scripts)
    constants = one(form, "script#django-admin-prepopulated-fields-constants")
    fields = {
        f["id"]: f["dependency_ids"] for f in json.loads(constants["data-prepopulated-fields"])
    }
    assert fields["#id_slug"] == ["#id_name"]
