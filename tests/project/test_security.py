"""Hardening: deploy checks, security headers, admin protection, no stored XSS, logs."""

import datetime
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from municipalities.models import Municipality
from pages.models import Page
from programs.models import Agreement, FocusArea, Theme
from tests.support.html import parse, text_of
from tests.support.pages_catalogue import PAGE_TYPES, localized_paths
from tests.support.users import PASSWORD

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "omradesatsing.settings.production",
    "SECRET_KEY": "a" * 10 + "-long-production-secret-with-many-different-characters-1234567890",
    "ALLOWED_HOSTS": "omradesatsinger.example.no",
    "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/db",
}


def test_production_settings_pass_check_deploy_with_no_warnings():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(PRODUCTION_ENV)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.fixture
def production_headers(settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True


HEADER_PATHS = [
    *localized_paths().values(),
    "/kommuner/finnes-ikke/",
    "/sok/?q=bergen",
    "/data/",
    "/data/avtaler.csv",
    "/endringer.atom",
    "/admin/login/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", HEADER_PATHS)
def test_every_response_carries_the_security_headers(client, production_headers, path):
    response = client.get(path, secure=True)
    assert response.status_code in (200, 404)
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_no_inline_script_or_style_in_any_page(client):
    # The Content-Security-Policy forbids them; a browser would refuse them.
    for path in localized_paths().values():
        soup = parse(client.get(path))
        inline = soup.select("script:not([src])")
        assert all(tag.get("type") == "application/ld+json" for tag in inline), path
        assert soup.select("style") == [], path
        assert soup.select("[style]") == [], path
        handlers = [
            f"{tag.name}[{name}]"
            for tag in soup.find_all(True)
            for name in tag.attrs
            if name.lower().startswith("on")
        ]
        assert handlers == [], path


# --- admin protection -------------------------------------------------------------


@pytest.mark.django_db
def test_login_is_locked_after_repeated_failures(django_user_model, settings):
    django_user_model.objects.create_user("redaktor", password=PASSWORD, is_staff=True)
    client = Client()
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "redaktor", "password": "feil"})
        assert response.status_code == 200  # the form again, with an error
    last_try = client.post(url, {"username": "redaktor", "password": "feil"})
    assert last_try.status_code == 429
    locked = client.post(url, {"username": "redaktor", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Innloggingen er sperret" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address may still log in with the right password.
    other = Client(REMOTE_ADDR="10.0.0.2")
    ok = other.post(url, {"username": "redaktor", "password": PASSWORD})
    assert ok.status_code == 302


@pytest.mark.django_db
def test_password_validators_refuse_weak_passwords():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("kort", "passord123", "123456789012"):  # short, short, numeric
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("Blåbær-og-tyttebær-i-Bergen")


@pytest.mark.django_db
def test_staff_sessions_end_with_the_browser_and_after_a_working_day(
    django_user_model, settings, monkeypatch
):
    django_user_model.objects.create_user("redaktor", password=PASSWORD, is_staff=True)
    client = Client()
    logged_in_at = timezone.now()
    response = client.post(
        reverse("admin:login"), {"username": "redaktor", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    # A browser-session cookie: gone when the browser closes, out of reach of scripts.
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    # The server forgets the session after eight hours, whatever the browser does.
    stored = Session.objects.get(session_key=cookie.value)
    assert stored.expire_date <= logged_in_at + datetime.timedelta(hours=8, seconds=5)
    assert client.get(reverse("admin:index")).status_code == 200

    later = timezone.now() + datetime.timedelta(hours=8, minutes=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_admin_path_comes_from_the_environment():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(DJANGO_SETTINGS_MODULE="omradesatsing.settings.test", ADMIN_URL="redigering-7f3a/")
    probe = (
        "import django; django.setup(); from django.urls import reverse; "
        "print(reverse('admin:index'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == "/redigering-7f3a/", result.stderr


# --- stored XSS ------------------------------------------------------------------

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>"\'&'


@pytest.mark.django_db
def test_text_entered_in_the_admin_is_escaped_everywhere(client):
    drammen = Municipality.objects.get(slug="drammen")
    drammen.description_nb = PAYLOAD
    drammen.save()
    agreement = Agreement.objects.get(municipality=drammen)
    agreement.purpose_nb = PAYLOAD
    agreement.save()
    focus = FocusArea.objects.filter(agreement=agreement).first()
    focus.title_nb = PAYLOAD
    focus.save()
    theme = Theme.objects.get(slug="arbeid")
    theme.name_nb = PAYLOAD
    theme.save()
    page = Page.objects.get(slug="kunnskapsoverforing")
    page.body_nb = PAYLOAD
    page.summary_nb = PAYLOAD
    page.save()
    paths = [p for p, _f in PAGE_TYPES.values()] + [
        "/sok/?q=xss",
        "/sok/?q=" + PAYLOAD,
        "/endringer.atom",
        "/tema/arbeid/endringer.atom",  # the theme's name is in its title
    ]
    for path in paths:
        response = client.get(path)
        html = response.content.decode()
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
        if response["Content-Type"].startswith("text/html"):
            assert parse(html).select("img[onerror]") == [], path
    # Shown, as the text it is: the escaping did not just drop it.
    assert PAYLOAD in text_of(parse(client.get("/kommuner/drammen/")), "p.lead")
    data = client.get("/data/kommuner.json")
    records = json.loads(data.content)["records"]
    # The data keeps the text as typed; JSON is not HTML.
    assert next(r for r in records if r["slug"] == "drammen")["description"] == PAYLOAD
    assert data["Content-Type"] == "application/json"


# --- structured logs ----------------------------------------------------------------


@pytest.mark.django_db
def test_logs_are_json_lines_with_the_request_id(client, caplog):
    from core.logs import JsonFormatter, RequestIdFilter

    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/kommuner/finnes-ikke/", headers={"x-request-id": "abc123def456"})
    assert response["X-Request-ID"] == "abc123def456"
    record = next(r for r in caplog.records if r.name == "django.request")
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "abc123def456"
    assert line["level"] == "WARNING"
    assert line["status"] == 404
    assert line["path"] == "/kommuner/finnes-ikke/"


@pytest.mark.django_db
def test_request_id_is_made_when_missing_or_malformed(client):
    made = client.get("/robots.txt")["X-Request-ID"]
    assert len(made) == 32
    odd = client.get("/robots.txt", headers={"x-request-id": "<script>"})["X-Request-ID"]
    assert odd != "<script>"
