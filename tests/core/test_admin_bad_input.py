"""Editors' typos and tampered admin forms get a field error or a 4xx, never a 500.

Found by an audit that drew numbers out of range, which the random text of
tests/whole_site/test_fuzz.py almost never produces.
"""

import pytest
from django.urls import reverse

from municipalities.models import Area
from programs.models import Agreement, FocusArea, Grant
from tests.support.admin_forms import admin_post_data, change_url
from tests.support.html import page_text, parse, text_of

pytestmark = pytest.mark.django_db

HUGE_ID = "99999999999999999999"  # beyond a 64-bit key


def bergen():
    return Agreement.objects.get(municipality__slug="bergen", stage="concluded")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start_year", "20245"),
        ("end_year", "10000"),
        ("duration_years", "30000"),
        ("signed_on", "9999-12-31"),
    ],
)
def test_period_out_of_the_calendar_is_a_field_error(lenient_client, field, value):
    agreement = bergen()
    url = change_url(agreement)
    data = admin_post_data(lenient_client.get(url))
    data[field] = value
    if field == "duration_years":
        data["end_year"] = ""
    if field == "signed_on":
        data.update(stage="concluded", end_year="", duration_years="5")

    response = lenient_client.post(url, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors, "the form should be refused"
    assert set(errors) & {field, "duration_years", "__all__"}
    # In bokmål, like the rest of the admin (locale/nb fills a gap in Django's catalogue).
    soup = parse(response)
    assert text_of(soup, "title").startswith("Feil:")
    assert text_of(soup, ".errornote") in {"Rett feilen nedenfor.", "Rett feilene nedenfor."}
    agreement.refresh_from_db()
    assert agreement.end_year == 2026  # nothing saved


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        (bergen, "areas"),
        (bergen, "ministries"),
        (bergen, "municipality"),
        (lambda: FocusArea.objects.filter(agreement=bergen()).first(), "themes"),
        (lambda: FocusArea.objects.filter(agreement=bergen()).first(), "agreement"),
        (lambda: Area.objects.first(), "municipality"),
        (lambda: Grant.objects.first(), "municipality"),
    ],
)
def test_key_beyond_64_bits_is_a_field_error(lenient_client, obj, field):
    target = obj()
    url = change_url(target)
    data = admin_post_data(lenient_client.get(url))
    data[field] = [HUGE_ID] if isinstance(data.get(field), list) else HUGE_ID

    response = lenient_client.post(url, data)

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors


def test_key_beyond_64_bits_in_a_list_filter_is_a_bad_request(lenient_client):
    url = reverse("admin:programs_agreement_changelist")
    assert lenient_client.get(url, {"id__in": "1,2"}).status_code == 200
    response = lenient_client.get(url, {"id__in": f"1,{HUGE_ID}"})
    assert response.status_code == 400
    assert "Ugyldig forespørsel" in text_of(parse(response), "h1")


@pytest.mark.parametrize("version", ["abc", HUGE_ID])
def test_history_version_that_is_not_a_number_is_a_404(lenient_client, version):
    agreement = bergen()
    url = reverse("admin:programs_agreement_change", args=[agreement.pk])
    response = lenient_client.get(f"{url.removesuffix('change/')}history/{version}/")
    assert response.status_code == 404


@pytest.mark.parametrize("initial", ["-5", "0"])
def test_tampered_inline_counts_are_refused_and_nothing_saved(lenient_client, initial):
    agreement = bergen()
    before = list(agreement.focus_areas.values_list("pk", "title", "order"))
    url = change_url(agreement)
    data = admin_post_data(lenient_client.get(url))
    prefix = next(k for k in data if k.endswith("-INITIAL_FORMS")).removesuffix("-INITIAL_FORMS")
    data[f"{prefix}-INITIAL_FORMS"] = initial

    response = lenient_client.post(url, data)

    assert response.status_code == 200
    assert "Skjemaet er ugyldig" in page_text(parse(response))
    assert list(agreement.focus_areas.values_list("pk", "title", "order")) == before
