"""Editors' typos and tampered admin forms get a field error or a 4xx, never a 500.

Found by an audit that drew numbers out of range, which the random text of
tests/test_fuzz.py almost never produces.
"""

import pytest
from django.test import Client
from django.urls import reverse

from municipalities.models import Area
from programs.models import Agreement, FocusArea, Grant
from tests.support.admin_forms import admin_post_data, change_url

pytestmark = pytest.mark.django_db

HUGE_ID = "99999999999999999999"  # beyond a 64-bit key


@pytest.fixture
def client_500(staff_user):
    """A staff client that answers like production: a 500 page, not an exception."""
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    return client


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
def test_period_out_of_the_calendar_is_a_field_error(client_500, field, value):
    agreement = bergen()
    url = change_url(agreement)
    data = admin_post_data(client_500.get(url))
    data[field] = value
    if field == "duration_years":
        data["end_year"] = ""
    if field == "signed_on":
        data.update(stage="concluded", end_year="", duration_years="5")

    response = client_500.post(url, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors, "the form should be refused"
    assert set(errors) & {field, "duration_years", "__all__"}
    # In bokmål, like the rest of the admin (locale/nb fills a gap in Django's catalogue).
    html = response.content.decode()
    assert "<title>Feil:" in html
    assert "Rett feilen nedenfor." in html or "Rett feilene nedenfor." in html
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
def test_key_beyond_64_bits_is_a_field_error(client_500, obj, field):
    target = obj()
    url = change_url(target)
    data = admin_post_data(client_500.get(url))
    data[field] = [HUGE_ID] if isinstance(data.get(field), list) else HUGE_ID

    response = client_500.post(url, data)

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors


def test_key_beyond_64_bits_in_a_list_filter_is_a_bad_request(client_500):
    url = reverse("admin:programs_agreement_changelist")
    assert client_500.get(url, {"id__in": "1,2"}).status_code == 200
    response = client_500.get(url, {"id__in": f"1,{HUGE_ID}"})
    assert response.status_code == 400
    assert "Ugyldig forespørsel" in response.content.decode()


@pytest.mark.parametrize("version", ["abc", HUGE_ID])
def test_history_version_that_is_not_a_number_is_a_404(client_500, version):
    agreement = bergen()
    url = reverse("admin:programs_agreement_change", args=[agreement.pk])
    response = client_500.get(f"{url.removesuffix('change/')}history/{version}/")
    assert response.status_code == 404


@pytest.mark.parametrize("initial", ["-5", "0"])
def test_tampered_inline_counts_are_refused_and_nothing_saved(client_500, initial):
    agreement = bergen()
    before = list(agreement.focus_areas.values_list("pk", "title", "order"))
    url = change_url(agreement)
    data = admin_post_data(client_500.get(url))
    prefix = next(k for k in data if k.endswith("-INITIAL_FORMS")).removesuffix("-INITIAL_FORMS")
    data[f"{prefix}-INITIAL_FORMS"] = initial

    response = client_500.post(url, data)

    assert response.status_code == 200
    assert "Skjemaet er ugyldig" in response.content.decode()
    assert list(agreement.focus_areas.values_list("pk", "title", "order")) == before
