"""«Glemt passord?»: a new password by e-mail, in bokmål, telling no one who has an account."""

import asyncio
import email
import email.policy
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from core.password_reset import MAILS_PER_ADDRESS
from tests.support.english_in_admin import english_in, english_in_text
from tests.support.html import hrefs, one, parse, text_of
from tests.support.users import PASSWORD, make_staff

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
NEW_PASSWORD = "blå-fjord-sykkel-lykt-92"
LINK = re.compile(r"https?://testserver(/admin/nytt-passord/[^/\s]+/[^/\s]+/)")


@pytest.fixture(autouse=True)
def mail_sent_in_memory(settings):
    # The limit per address is counted in the cache; each test starts afresh.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rita(db):
    return make_staff("rita", email="rita@example.no", first_name="Rita", last_name="Redaktør")


def ask_for_reset(client, email):
    return client.post(reverse("admin_password_reset"), {"email": email})


def link_in(message):
    """The path of the reset link in a reset e-mail."""
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)


def log_in(client, username, password):
    """Log in through the admin's login form, as a person does (django-axes watching)."""
    response = client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"}
    )
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_login_page_offers_glemt_passord(client):
    soup = parse(client.get(reverse("admin:login")))
    link = one(soup, ".password-reset-link a")
    assert link.get_text(strip=True) == "Glemt passord?"
    assert link["href"] == reverse("admin_password_reset") == "/admin/glemt-passord/"


def test_reset_form_is_in_bokmal_with_the_admins_look(client):
    response = client.get(reverse("admin_password_reset"))
    soup = parse(response)
    assert text_of(soup, "h1") == "Glemt passord"
    assert text_of(soup, "#site-name") == "Områdesatsinger – redigering"
    assert soup.title.get_text() == "Glemt passord | Områdesatsinger"
    assert text_of(soup, "label[for=id_email]") == "E-postadresse:"
    assert english_in(response.content) == []


def test_the_whole_reset_from_request_to_login(client, rita):
    response = ask_for_reset(client, "rita@example.no")
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")

    [message] = mail.outbox
    assert message.to == ["rita@example.no"]
    assert message.subject == "Nytt passord for redigeringen av Områdesatsinger"
    assert message.body.startswith("Hei, Rita Redaktør.")
    assert "Brukernavnet ditt er: rita" in message.body
    assert "Lenken virker én gang og i 60 minutter." in message.body
    assert english_in_text(message.subject + message.body) == []

    # The link from the e-mail leads to a form for the new password (Django
    # moves the token into the session and the address to …/set-password/).
    response = client.get(link_in(message), follow=True)
    soup = parse(response)
    assert text_of(soup, "h1") == "Velg nytt passord"
    assert "Brukernavnet ditt er rita." in text_of(soup, "#content p")
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    soup = parse(response)
    assert text_of(soup, "h1") == "Passordet er endret"
    assert reverse("admin:login") in hrefs(soup, "#content a")

    assert log_in(Client(), "rita", NEW_PASSWORD)
    assert not log_in(Client(), "rita", PASSWORD)


def test_unknown_address_gets_the_same_answer_and_no_mail(client, rita):
    known = ask_for_reset(client, "rita@example.no")
    unknown = ask_for_reset(Client(), "ingen@example.no")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [message.to for message in mail.outbox] == [["rita@example.no"]]

    done = parse(client.get(known["Location"]))
    assert text_of(done, "h1") == "Sjekk e-posten din"
    assert "Hvis adressen hører til en bruker her" in text_of(done, "#content")


def test_address_case_does_not_matter(client, rita):
    ask_for_reset(client, "Rita@Example.NO")
    assert len(mail.outbox) == 1


def test_only_staff_accounts_get_a_link(client, django_user_model):
    django_user_model.objects.create_user("publikum", "publikum@example.no", PASSWORD)
    response = ask_for_reset(client, "publikum@example.no")
    assert response.status_code == 302
    assert mail.outbox == []


def test_at_most_a_few_mails_per_address_an_hour(client, rita):
    for _attempt in range(MAILS_PER_ADDRESS + 2):
        response = ask_for_reset(client, "rita@example.no")
        assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == MAILS_PER_ADDRESS


def test_a_used_link_says_so_in_bokmal(client, rita):
    ask_for_reset(client, "rita@example.no")
    link = link_in(mail.outbox[0])
    response = client.get(link, follow=True)
    client.post(
        response.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    response = Client().get(link, follow=True)
    assert response.status_code == 200
    soup = parse(response)
    assert text_of(soup, "h1") == "Lenken virker ikke"
    assert "allerede brukt" in text_of(soup, "#content")
    assert reverse("admin_password_reset") in hrefs(soup, "#content a")
    assert english_in(response.content) == []


@pytest.mark.parametrize(
    "path",
    [
        "/admin/nytt-passord/MQ/ugyldig-lenke/",
        "/admin/nytt-passord/%C3%A6%C3%B8%C3%A5/x/",
        "/admin/nytt-passord/OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ/abc-def/",
        "/admin/nytt-passord/MQ/set-password/",
    ],
)
def test_a_broken_link_says_so_rather_than_failing(client, rita, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert text_of(parse(response), "h1") == "Lenken virker ikke"


def test_an_expired_link_says_so(client, rita, settings):
    ask_for_reset(client, "rita@example.no")
    link = link_in(mail.outbox[0])
    settings.PASSWORD_RESET_TIMEOUT = -1  # any link is older than that
    response = client.get(link, follow=True)
    assert text_of(parse(response), "h1") == "Lenken virker ikke"


def test_a_weak_new_password_is_refused_in_bokmal(client, rita):
    ask_for_reset(client, "rita@example.no")
    response = client.get(link_in(mail.outbox[0]), follow=True)
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": "kort", "new_password2": "kort"}
    )
    assert response.status_code == 200
    soup = parse(response)
    errors = text_of(soup, ".field-password2 .errorlist")
    assert "Passordet er for kort. Det må ha minst 12 tegn." in errors
    assert soup.title.get_text().startswith("Feil: Velg nytt passord")
    assert english_in(response.content) == []


def test_a_new_password_lifts_the_login_lockout(client, rita, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("admin:login"), {"username": "rita", "password": "feil"})
    assert not log_in(client, "rita", PASSWORD), "should be locked out"

    ask_for_reset(client, "rita@example.no")
    response = client.get(link_in(mail.outbox[0]), follow=True)
    client.post(
        response.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert log_in(Client(), "rita", NEW_PASSWORD)


def test_without_a_mail_server_the_page_says_ask_an_administrator(client, rita, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    response = client.get(reverse("admin_password_reset"))
    soup = parse(response)
    assert soup.select("#content form") == []
    assert "Be en administrator om å sette et nytt passord" in text_of(soup, "#content")

    response = ask_for_reset(client, "rita@example.no")
    assert response.status_code == 200
    assert "ikke satt opp til å sende e-post" in text_of(parse(response), "#content")


def test_every_reset_page_and_the_mail_are_without_english(client, rita):
    pages = [client.get(reverse("admin_password_reset"))]
    response = ask_for_reset(client, "rita@example.no")
    pages.append(client.get(response["Location"]))
    response = client.get(link_in(mail.outbox[0]), follow=True)
    pages.append(response)
    pages.append(
        client.post(
            response.redirect_chain[-1][0],
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
            follow=True,
        )
    )
    for page in pages:
        assert page.status_code == 200
        assert english_in(page.content) == [], page.request["PATH_INFO"]


def test_help_texts_are_there_for_screen_readers(client, rita):
    ask_for_reset(client, "rita@example.no")
    soup = parse(client.get(link_in(mail.outbox[0]), follow=True))
    described = soup.select("[aria-describedby]")
    assert len(described) == 2
    for field in described:
        assert soup.find(id=field["aria-describedby"]), field["name"]
    assert "minst 12 tegn" in text_of(soup, "#id_new_password1_helptext")


# --- A real mail server ---------------------------------------------------------------


class Mailbox:
    """An aiosmtpd handler keeping each message it receives, and who logged in."""

    def __init__(self):
        self.messages = []
        self.logins = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=auth_data.password == b"smtp-hemmelig")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    """An SMTP server on 127.0.0.1 (plain, with AUTH) for the length of a test."""
    mailbox = Mailbox()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=free_port(),
        loop=asyncio.new_event_loop(),
        authenticator=mailbox.authenticate,
        auth_require_tls=False,
    )
    controller.start()
    yield controller, mailbox
    controller.stop()
    controller.loop.close()


def test_settings_from_the_environment_deliver_mail_to_a_real_server(smtp_server):
    controller, mailbox = smtp_server
    script = (
        "import django; django.setup(); from django.core.mail import send_mail; "
        "send_mail('Prøve æøå', 'Virker e-posten?', None, ['rita@example.no'])"
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DJANGO_"))},
        "DJANGO_SETTINGS_MODULE": "omradesatsing.settings.base",
        "SECRET_KEY": "s",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(controller.port),
        "EMAIL_USE_TLS": "0",
        "EMAIL_HOST_USER": "omradesatsinger",
        "EMAIL_HOST_PASSWORD": "smtp-hemmelig",
        "EMAIL_TIMEOUT": "5",
        "DEFAULT_FROM_EMAIL": "Områdesatsinger <ikke-svar@example.no>",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    [envelope] = mailbox.messages
    assert mailbox.logins == [("omradesatsinger", "smtp-hemmelig")]
    assert envelope.mail_from == "ikke-svar@example.no"
    assert envelope.rcpt_tos == ["rita@example.no"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["Subject"] == "Prøve æøå"
    assert message.get_content().strip() == "Virker e-posten?"


def test_the_reset_mail_goes_out_over_smtp(client, rita, settings, smtp_server):
    controller, mailbox = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = "omradesatsinger"
    settings.EMAIL_HOST_PASSWORD = "smtp-hemmelig"
    settings.DEFAULT_FROM_EMAIL = "ikke-svar@example.no"

    response = ask_for_reset(client, "rita@example.no")
    assert response["Location"] == reverse("password_reset_done")
    [envelope] = mailbox.messages
    assert envelope.rcpt_tos == ["rita@example.no"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["Subject"] == "Nytt passord for redigeringen av Områdesatsinger"
    assert "/admin/nytt-passord/" in message.get_content()


# --- Settings --------------------------------------------------------------------------

PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'backend': settings.EMAIL_BACKEND, 'tls': settings.EMAIL_USE_TLS, "
    "'ssl': settings.EMAIL_USE_SSL, 'port': settings.EMAIL_PORT, "
    "'timeout': settings.EMAIL_TIMEOUT, 'from': settings.DEFAULT_FROM_EMAIL, "
    "'server': settings.SERVER_EMAIL}))"
)


def mail_settings(module="omradesatsing.settings.base", **env):
    """The mail settings a process gets from ``env``, or None and why it refused to start."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DJANGO_"))}
    clean = {k: v for k, v in clean.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    clean.update({"SECRET_KEY": "s", **env, "DJANGO_SETTINGS_MODULE": module})
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    return (json.loads(result.stdout) if result.returncode == 0 else None), result.stderr


def test_without_a_mail_server_nothing_is_sent_unless_debugging():
    values, _err = mail_settings()
    assert values["backend"] == "django.core.mail.backends.dummy.EmailBackend"
    values, _err = mail_settings(DEBUG="1")
    assert values["backend"] == "django.core.mail.backends.console.EmailBackend"


def test_a_mail_server_is_used_with_starttls_by_default():
    values, _err = mail_settings(EMAIL_HOST="smtp.example.no", DEFAULT_FROM_EMAIL="a@example.no")
    assert values == {
        "backend": "django.core.mail.backends.smtp.EmailBackend",
        "tls": True,
        "ssl": False,
        "port": 587,
        "timeout": 10,
        "from": "a@example.no",
        "server": "a@example.no",
    }
    values, _err = mail_settings(EMAIL_HOST="smtp.example.no", EMAIL_USE_SSL="1", EMAIL_PORT="465")
    assert (values["tls"], values["ssl"], values["port"]) == (False, True, 465)


def test_tls_and_ssl_together_are_refused():
    values, err = mail_settings(EMAIL_HOST="smtp.example.no", EMAIL_USE_TLS="1", EMAIL_USE_SSL="1")
    assert values is None
    assert "EMAIL_USE_TLS" in err


def test_production_refuses_a_mail_server_without_a_sender():
    production = {
        "ALLOWED_HOSTS": "omradesatsinger.example.no",
        "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/db",
    }
    values, err = mail_settings(
        "omradesatsing.settings.production", EMAIL_HOST="smtp.example.no", **production
    )
    assert values is None
    assert "DEFAULT_FROM_EMAIL" in err
    values, _err = mail_settings(
        "omradesatsing.settings.production",
        EMAIL_HOST="smtp.example.no",
        DEFAULT_FROM_EMAIL="ikke-svar@example.no",
        **production,
    )
    assert values["from"] == "ikke-svar@example.no"
    values, _err = mail_settings("omradesatsing.settings.production", **production)
    assert values["backend"] == "django.core.mail.backends.dummy.EmailBackend"
