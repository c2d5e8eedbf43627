"""Shared fixtures: the source's data loaded once per test session, users and clients."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from core import versions
from core.roles import EDITOR
from municipalities.models import Area, Municipality
from pages.models import Page
from programs.models import Agreement, Conference, Document, FocusArea, Ministry, Theme
from tests.support.users import PASSWORD, logged_in, make_staff


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Every database test starts from the fixtures drawn from the source page
    # and runs in a transaction that is rolled back afterwards.
    with django_db_blocker.unblock():
        call_command("loaddata", "omradesatsinger", verbosity=0)
        # As scripts/serve does: each object's first version in its history.
        call_command("populate_history", auto=True, verbosity=0)


@pytest.fixture
def national_scale(db):
    """All 357 municipalities of Norway: the source's 14 and generated ones."""
    call_command("generate_scaled_data", total=357, verbosity=0)


@pytest.fixture
def staff_user(django_user_model):
    """A superuser: every permission, so a test of the admin's forms is about the forms."""
    return django_user_model.objects.create_superuser(
        username="redaktor", email="redaktor@example.no", password=PASSWORD
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def lenient_client(staff_user):
    """A logged-in staff client that answers like production: a 500 page, not an exception."""
    return logged_in(staff_user, raise_request_exception=False)


@pytest.fixture
def editor(db):
    """A member of the editors' role (core.roles.EDITOR), with a name the admin shows."""
    return make_staff("rita", EDITOR, first_name="Rita", last_name="Redaktør")


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)


@pytest.fixture
def drafts(db):
    """Unpublished content of every kind, each named with «Hemmelig» or «Ålesund».

    A draft municipality (with an area), a draft agreement in published Drammen
    with KDD as party and a focus area serving the theme «Arbeid», a draft
    conference, a draft page and a draft evaluation about Drammen and Ålesund.
    """
    alesund = Municipality.objects.create(
        name="Ålesund", slug="alesund", latitude=62.47, longitude=6.15
    )
    Area.objects.create(municipality=alesund, name="Hemmelig område", slug="hemmelig-omrade")
    drammen = Municipality.objects.get(slug="drammen")
    agreement = Agreement.objects.create(
        municipality=drammen, kind="intensjonsavtale", start_year=2031, purpose_nb="Hemmelig formål"
    )
    agreement.ministries.add(Ministry.objects.get(abbreviation="KDD"))
    focus = FocusArea.objects.create(
        agreement=agreement, order=1, title_nb="Hemmelig innsats", title="Hemmelig innsats"
    )
    focus.themes.add(Theme.objects.get(slug="arbeid"))
    conference = Conference.objects.create(
        title="Hemmelig konferanse",
        title_nb="Hemmelig konferanse",
        slug="hemmelig-konferanse",
        start_date="2027-05-01",
        end_date="2027-05-02",
        place="Ålesund",
    )
    page = Page.objects.create(
        title="Hemmelig side", title_nb="Hemmelig side", slug="hemmelig-side", summary="x", body="y"
    )
    document = Document.objects.create(
        title="Hemmelig rapport",
        title_nb="Hemmelig rapport",
        slug="hemmelig-rapport",
        kind=Document.Kind.EVALUATION,
        year=2031,
        reference="Hemmelig 1 (2031)",
    )
    document.municipalities.add(drammen, alesund)
    document.agreements.add(agreement)
    return {
        "municipality": alesund,
        "agreement": agreement,
        "conference": conference,
        "page": page,
        "document": document,
    }


@pytest.fixture(autouse=True)
def uploads_in_a_temporary_folder(settings, tmp_path_factory):
    # Uploads and the grant import's waiting files (MEDIA_ROOT) never land in
    # the project's media/ folder; tests that look at them set their own.
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture(autouse=True)
def content_version_read_afresh():
    # Each test's database is rolled back, version and all: the version a
    # process remembers (core.versions) must not carry over into the next test.
    versions.forget()
    yield
    versions.forget()


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


@pytest.fixture
def page_cache(settings):
    """The page cache on (the test settings turn it off), empty before and after."""
    settings.PAGE_CACHE_SECONDS = 3600
    cache.clear()
    yield
    cache.clear()
