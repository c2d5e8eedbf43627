"""A locked-out login is told in bokmål when to try again, and where to get a new password."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.support.english_in_admin import english_in
from tests.support.html import hrefs, parse, text_of
from tests.support.users import PASSWORD, make_staff

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def rita(db):
    return make_staff("rita", email="rita@example.no")


def fail_until_locked(client, settings, username="rita"):
    """Log in wrongly AXES_FAILURE_LIMIT times; the last answer is the lockout page."""
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("admin:login"), {"username": username, "password": "feil"})
    return response


def test_lockout_page_tells_when_to_try_again(client, rita, settings, monkeypatch):
    # At a fixed time of day: within half an hour of midnight the end is
    # tomorrow and the message also names the day (tested below).
    morning = datetime.datetime(2026, 3, 14, 9, 41, tzinfo=OSLO)
    monkeypatch.setattr("axes.handlers.proxy.now", lambda: morning)
    response = fail_until_locked(client, settings)
    assert response.status_code == 429
    soup = parse(response)
    assert text_of(soup, "h1") == "Innloggingen er sperret"
    attempt = AccessAttempt.objects.get(username="rita")
    ends = timezone.localtime(attempt.attempt_time + datetime.timedelta(minutes=30))
    assert f"{ends:%H.%M}" == "10.11"
    assert text_of(soup, ".lockout-end strong") == "Du kan prøve igjen om 30 minutter, kl. 10.11."
    assert "Prøver du før det, begynner ventetiden på nytt." in text_of(soup, ".lockout-end")


def test_lockout_page_has_the_admins_look_and_no_english(client, rita, settings):
    response = fail_until_locked(client, settings)
    soup = parse(response)
    assert soup.title.get_text() == "Innloggingen er sperret | Områdesatsinger"
    assert text_of(soup, "#site-name") == "Områdesatsinger – redigering"
    assert english_in(response.content) == []


def test_lockout_page_offers_a_new_password(client, rita, settings):
    soup = parse(fail_until_locked(client, settings))
    assert reverse("admin_password_reset") in hrefs(soup, "#content a")


def test_right_password_while_locked_gets_the_page_too(client, rita, settings):
    fail_until_locked(client, settings)
    response = client.post(reverse("admin:login"), {"username": "rita", "password": PASSWORD})
    assert response.status_code == 429
    assert "Du kan prøve igjen om 30 minutter" in text_of(parse(response), ".lockout-end")


def test_the_wait_follows_the_cooloff_setting(client, rita, settings, monkeypatch):
    # At a fixed time of day: within two hours of midnight the end is tomorrow,
    # and the message names the day (the next test).
    midday = datetime.datetime(2026, 3, 14, 12, 0, tzinfo=OSLO)
    monkeypatch.setattr("axes.handlers.proxy.now", lambda: midday)
    settings.AXES_COOLOFF_TIME = datetime.timedelta(hours=2)
    soup = parse(fail_until_locked(client, settings))
    assert text_of(soup, ".lockout-end strong") == "Du kan prøve igjen om 2 timer, kl. 14.00."


def test_a_lockout_ending_tomorrow_names_the_day(client, rita, settings, monkeypatch):
    late = datetime.datetime(2026, 3, 14, 23, 50, tzinfo=OSLO)
    monkeypatch.setattr("axes.handlers.proxy.now", lambda: late)
    soup = parse(fail_until_locked(client, settings))
    assert text_of(soup, ".lockout-end strong") == (
        "Du kan prøve igjen om 30 minutter, 15. mars kl. 00.20."
    )


def test_a_lockout_without_end_says_ask_an_administrator(client, rita, settings):
    settings.AXES_COOLOFF_TIME = None
    soup = parse(fail_until_locked(client, settings))
    assert soup.select(".lockout-end") == []
    assert "Be en administrator om å åpne innloggingen igjen." in text_of(soup, "#content")


def test_another_address_is_not_locked_out(client, rita, settings):
    fail_until_locked(client, settings)
    elsewhere = Client(REMOTE_ADDR="10.0.0.7")
    response = elsewhere.post(
        reverse("admin:login"), {"username": "rita", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
