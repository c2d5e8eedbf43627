"""What the site works out once per process: addresses and static URLs, remembered safely."""

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from core.links import reverse_cached
from municipalities.models import Municipality
from programs.models import Theme

pytestmark = pytest.mark.django_db


def test_remembered_addresses_follow_the_language_and_the_slug():
    theme = Theme.objects.get(slug="arbeid")
    assert theme.get_absolute_url() == "/tema/arbeid/"
    with translation.override("en"):
        assert theme.get_absolute_url() == "/en/tema/arbeid/"
    with translation.override("nn"):
        assert reverse_cached("programs:bodies") == "/nn/departementer/"
    theme.slug = "arbeid-og-jobb"
    assert theme.get_absolute_url() == "/tema/arbeid-og-jobb/"
    drammen = Municipality.objects.get(slug="drammen")
    assert drammen.get_absolute_url() == reverse("municipalities:detail", args=["drammen"])


def test_remembered_addresses_are_forgotten_when_the_urlconf_changes():
    assert reverse_cached("municipalities:detail", "oslo") == "/kommuner/oslo/"
    with override_settings(ROOT_URLCONF="tests.support.urls_elsewhere"):
        assert reverse_cached("municipalities:detail", "oslo") == "/annet/oslo/"
    assert reverse_cached("municipalities:detail", "oslo") == "/kommuner/oslo/"


def test_static_urls_are_hashed_and_remembered_in_production(production_static):
    storage_class = settings.STORAGES["staticfiles"]["BACKEND"]
    assert storage_class == "core.storage.StaticStorage"
    from django.contrib.staticfiles.storage import staticfiles_storage

    first = static("css/site.css")
    assert first.startswith("/static/css/site.")
    assert first != "/static/css/site.css"  # hashed
    assert staticfiles_storage.known_urls["css/site.css"] == first
    assert static("css/site.css") == first


def test_static_urls_are_not_remembered_with_debug(production_static, settings):
    from django.contrib.staticfiles.storage import staticfiles_storage

    settings.DEBUG = True
    assert static("css/site.css") == "/static/css/site.css"
    assert "css/site.css" not in staticfiles_storage.known_urls
