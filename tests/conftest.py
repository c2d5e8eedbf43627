"""Shared fixtures: the source's data loaded once per test session."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Every database test starts from the fixtures drawn from the source page
    # and runs in a transaction that is rolled back afterwards.
    with django_db_blocker.unblock():
        call_command("loaddata", "omradesatsinger", verbosity=0)


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser(
        username="redaktor", email="redaktor@example.no", password="korrekt-hest-batteri-stift"
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture(autouse=True)
def bokmal_between_tests():
    # A request to /en/ leaves English active in this thread; modeltranslation
    # would then rewrite name= lookups to name_en in the next test.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def production_static(settings, tmp_path):
    """collectstatic as production does it: hashed names, Brotli and gzip copies."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "core.storage.StaticStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return Path(settings.STATIC_ROOT)
