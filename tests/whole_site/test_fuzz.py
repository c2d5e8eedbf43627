"""Bad input never yields a 500: random paths, query strings, headers and admin form data.

Property-based (hypothesis): each test sends many generated requests and
holds every answer to a 2xx, 3xx or 4xx with a page. Runs on SQLite and, in
CI, on PostgreSQL.
"""

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programs.models import Agreement
from tests.support.admin_forms import admin_post_data
from tests.support.html import parse

pytestmark = pytest.mark.django_db

# The Django test client and the database are shared by the examples of one
# test on purpose: they keep no state a request could depend on (no session
# for the anonymous client), and a fresh database per example would make the
# run minutes long.
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PREFIXES = ["", "/nn", "/en", "/de", "/nb", "/%FF"]
SECTIONS = [
    "/",
    "/kommuner/",
    "/tema/",
    "/konferanser/",
    "/om/",
    "/sok/",
    "/data/",
    "/data/kommuner/",
    "/avtaler/",
    "/admin/",
    "/static/",
]
text = st.text(st.characters(codec="utf-8"), max_size=80)
raw = st.binary(max_size=40).map(lambda b: "".join(f"%{byte:02X}" for byte in b))


def assert_answered(response, path):
    assert response.status_code < 500, f"{response.status_code} for {path!r}"
    if response.status_code not in (301, 302, 304) and response["Content-Type"].startswith(
        "text/html"
    ):
        assert parse(response).find("html"), path


@FUZZ
@given(prefix=st.sampled_from(PREFIXES), section=st.sampled_from(SECTIONS), tail=text | raw)
def test_random_paths_are_answered_never_with_an_error(client, prefix, section, tail):
    path = prefix + section + (tail if tail.startswith("%") else quote(tail, safe="/.%"))
    assert_answered(client.get(path), path)


@FUZZ
@given(
    path=st.sampled_from(["/sok/", "/en/sok/", "/kommuner/", "/data/avtaler.csv", "/avtaler/"]),
    params=st.dictionaries(
        st.sampled_from(["q", "page", "forhandsvis", "lang", "language", "format", "x"]),
        text,
        max_size=4,
    ),
)
def test_random_query_strings_are_answered_never_with_an_error(client, path, params):
    assert_answered(client.get(path, params), f"{path}?{params}")


@FUZZ
@given(q=raw | text)
def test_raw_search_queries_are_answered_never_with_an_error(client, q):
    assert_answered(client.get(f"/sok/?q={q}"), q)


@FUZZ
@given(
    host=st.text(st.characters(codec="ascii"), max_size=60),
    language=text,
    etag=text,
    since=text,
)
def test_random_headers_get_the_page_or_a_400_page(host, language, etag, since):
    # Answers, not exceptions: a bad Host is Django's SuspiciousOperation.
    client = Client(raise_request_exception=False)
    headers = {"accept-language": language, "if-none-match": etag, "if-modified-since": since}
    response = client.get("/kommuner/drammen/", headers=headers, HTTP_HOST=host or "x")
    # A host we do not serve is a 400 page, never an error.
    assert response.status_code in (200, 304, 400), (host, response.status_code)
    if response.status_code == 400:
        assert b"Ugyldig foresp" in response.content


@pytest.fixture
def agreement_form(staff_client):
    agreement = Agreement.objects.get(municipality__slug="drammen")
    url = f"/admin/programs/agreement/{agreement.pk}/change/"
    return url, admin_post_data(staff_client.get(url))


ADMIN_FIELDS = [
    "kind",
    "stage",
    "signed_on",
    "start_year",
    "end_year",
    "duration_years",
    "purpose_nb",
    "document_url",
    "municipality_page_url",
    "areas",
    "ministries",
    "focus_area_term",
    "edit_version",
]


@FUZZ
@given(changes=st.dictionaries(st.sampled_from(ADMIN_FIELDS), text | raw, max_size=4))
def test_random_admin_form_data_is_saved_or_refused_never_a_crash(
    staff_client, agreement_form, changes
):
    url, data = agreement_form
    response = staff_client.post(url, {**data, **changes})
    # Saved (302) or the form again with errors (200): never a crash.
    assert response.status_code in (200, 302), changes
