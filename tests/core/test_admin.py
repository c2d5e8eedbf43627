"""Ministry staff edit through the admin's own views: changes saved, bad input refused whole."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from municipalities.models import Area, Municipality
from programs.models import Agreement, FocusArea
from tests.support.admin_forms import admin_post_data, change_url

pytestmark = pytest.mark.django_db


def drammen():
    return Agreement.objects.get(municipality__slug="drammen")


def focus_prefix(data):
    return next(k for k in data if k.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")


def test_anonymous_visitor_is_sent_to_login():
    from django.test import Client

    response = Client().get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_admin_speaks_bokmal_whatever_the_browser_asks(staff_client):
    response = staff_client.get(reverse("admin:index"), headers={"accept-language": "en"})
    html = response.content.decode()
    assert '<html lang="nb"' in html
    assert "Områdesatsinger – redigering" in html
    assert "Logg ut" in html


def test_staff_changes_an_agreement_and_its_focus_areas(staff_client):
    agreement = drammen()
    url = change_url(agreement)
    data = admin_post_data(staff_client.get(url))
    data["purpose_nb"] = "Nytt formål skrevet i admin."
    prefix = focus_prefix(data)
    data[f"{prefix}-0-title_nb"] = "Sysselsetting og arbeid"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    agreement.refresh_from_db()
    assert agreement.purpose_nb == "Nytt formål skrevet i admin."
    assert agreement.focus_areas.get(order=1).title_nb == "Sysselsetting og arbeid"


def test_end_before_start_is_refused_and_nothing_is_saved(staff_client):
    agreement = drammen()
    url = change_url(agreement)
    data = admin_post_data(staff_client.get(url))
    data["purpose_nb"] = "Denne endringen skal ikke lagres."
    data["start_year"] = "2031"  # the agreement lasts until 2030
    prefix = focus_prefix(data)
    data[f"{prefix}-0-title_nb"] = "Heller ikke denne"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "end_year" in errors
    assert "Siste år kan ikke være før første år." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.start_year is None
    assert agreement.purpose_nb != "Denne endringen skal ikke lagres."
    assert agreement.focus_areas.get(order=1).title_nb == "Sysselsetting"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("document_url", "ikke en adresse"),
        ("municipality_page_url", "javascript:alert(1)"),
        ("end_year", "tjuetretti"),
        ("duration_years", "0"),
    ],
)
def test_malformed_input_gets_an_error_on_its_field(staff_client, field, value):
    agreement = drammen()
    url = change_url(agreement)
    data = admin_post_data(staff_client.get(url))
    data[field] = value
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    agreement.refresh_from_db()
    assert agreement.end_year == 2030


def test_non_pdf_upload_is_refused(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agreement = drammen()
    url = change_url(agreement)
    data = admin_post_data(staff_client.get(url))
    data["document"] = SimpleUploadedFile(
        "avtale.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "document" in response.context["adminform"].form.errors
    assert "ikke en gyldig PDF-fil" in response.content.decode()
    agreement.refresh_from_db()
    assert not agreement.document
    assert not any(tmp_path.rglob("*"))


def test_pdf_upload_is_stored_under_a_safe_name(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agreement = drammen()
    url = change_url(agreement)
    data = admin_post_data(staff_client.get(url))
    data["document"] = SimpleUploadedFile(
        "../../etc/Avtale Drammen ÆØÅ.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf"
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.document.name.startswith("avtaler/drammen-")
    assert agreement.document.name.endswith(".pdf")
    assert (tmp_path / agreement.document.name).read_bytes().startswith(b"%PDF-")


def test_area_from_another_municipality_is_refused(staff_client):
    agreement = drammen()
    url = change_url(agreement)
    data = admin_post_data(staff_client.get(url))
    data["areas"] = [str(Area.objects.get(name="Storhaug").pk)]
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "areas" in response.context["adminform"].form.errors
    assert list(agreement.areas.values_list("name", flat=True)) == ["Strømsø"]


def test_two_focus_areas_with_the_same_number_are_refused(staff_client):
    agreement = drammen()
    url = change_url(agreement)
    data = admin_post_data(staff_client.get(url))
    prefix = focus_prefix(data)
    data[f"{prefix}-1-order"] = "1"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert list(agreement.focus_areas.values_list("order", flat=True)) == [1, 2, 3, 4]


def test_new_municipality_gets_a_transliterated_slug_without_javascript(staff_client):
    url = reverse("admin:municipalities_municipality_add")
    data = admin_post_data(staff_client.get(url))
    data.update({"name": "Ålesund", "slug": "", "description_nb": "Ny kommune."})
    prefix = focus_prefix(data)
    data[f"{prefix}-TOTAL_FORMS"] = "1"
    data.update({f"{prefix}-0-name": "Løvenvold og Sørbyen", f"{prefix}-0-slug": ""})
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    municipality = Municipality.objects.get(name="Ålesund")
    assert municipality.slug == "alesund"
    assert municipality.areas.get().slug == "lovenvold-og-sorbyen"


def test_agreement_form_groups_translations_per_language(staff_client):
    html = staff_client.get(change_url(drammen())).content.decode()
    for legend in ["Bokmål", "Nynorsk", "Engelsk"]:
        assert legend in html
    for name in ["purpose_nb", "purpose_nn", "purpose_en", "programme_note_en"]:
        assert f'name="{name}"' in html
    # Slugs are filled in while typing by the admin's own urlify.js.
    assert (
        "admin/js/urlify.js"
        in staff_client.get(reverse("admin:municipalities_municipality_add")).content.decode()
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=ended", {"Stavanger"}),
        ("status=unknown", {"Oslo", "Fredrikstad", "Kristiansand", "Sarpsborg"}),
        ("year=2030", {"Drammen"}),
        ("q=Strømsø", {"Drammen"}),
        ("q=sysselsetting", {"Oslo", "Drammen", "Fredrikstad"}),
    ],
)
def test_agreement_list_filters_and_search(staff_client, query, expected):
    response = staff_client.get(reverse("admin:programs_agreement_changelist") + "?" + query)
    assert response.status_code == 200
    found = {a.municipality.name for a in response.context["cl"].result_list}
    assert found == expected


def test_every_admin_list_and_add_page_answers(staff_client):
    from django.contrib import admin

    apps_here = {"municipalities", "programs", "pages"}
    models = [m for m in admin.site._registry if m._meta.app_label in apps_here]
    assert len(models) >= 12
    for model in models:
        label = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert staff_client.get(reverse(f"{label}_changelist")).status_code == 200, label
        assert staff_client.get(reverse(f"{label}_add")).status_code == 200, label
        first = model.objects.first()
        assert staff_client.get(change_url(first)).status_code == 200, label
    assert FocusArea.objects.exists()
