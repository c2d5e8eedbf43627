"""A database made before core existed keeps its old addresses (core/migrations/0002)."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from core.models import ContentVersion, SlugHistory
from core.slugs import renamed
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db

migration = importlib.import_module("core.migrations.0002_content_version_row_and_earlier_tables")


@pytest.fixture
def earlier_tables():
    """The project package's two tables as the release before made them, with a rename in them."""
    drammen = Municipality.objects.get(slug="drammen")
    content_type = ContentType.objects.get_for_model(Municipality)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE omradesatsing_slughistory (id integer PRIMARY KEY, "
            "content_type_id integer NOT NULL, object_id bigint NOT NULL, "
            "slug varchar(200) NOT NULL, created_at timestamp with time zone NOT NULL)"
        )
        cursor.execute(
            "INSERT INTO omradesatsing_slughistory VALUES (1, %s, %s, %s, %s)",
            [content_type.pk, drammen.pk, "drammen-for", "2026-11-01 12:00:00+00:00"],
        )
        cursor.execute(
            "CREATE TABLE omradesatsing_contentversion (id integer PRIMARY KEY, "
            "version bigint NOT NULL, changed_at timestamp with time zone NOT NULL)"
        )
        cursor.execute(
            "INSERT INTO omradesatsing_contentversion VALUES (1, 228, '2026-11-01 12:00:00+00:00')"
        )
    return drammen


def test_old_addresses_keep_redirecting_and_the_version_goes_on(earlier_tables, client):
    SlugHistory.objects.all().delete()

    migration.adopt_earlier_tables(apps, SimpleNamespace(connection=connection))

    assert renamed(Municipality.objects.all(), "drammen-for") == earlier_tables
    assert ContentVersion.objects.get(pk=1).version == 229
    response = client.get("/kommuner/drammen-for/")
    assert (response.status_code, response["Location"]) == (301, "/kommuner/drammen/")
    # Left in place for the release before, should a deploy be rolled back.
    assert "omradesatsing_slughistory" in connection.introspection.table_names()


def test_a_new_database_gets_the_version_row_and_nothing_else():
    before = SlugHistory.objects.count()
    migration.adopt_earlier_tables(apps, SimpleNamespace(connection=connection))
    assert ContentVersion.objects.get(pk=1).version == 1
    assert SlugHistory.objects.count() == before


def test_the_readmes_clean_up_removes_the_old_tables_and_content_types(earlier_tables):
    ContentType.objects.create(app_label="omradesatsing", model="slughistory")
    # The README's two commands, as it gives them.
    with connection.cursor() as c:
        c.execute("DROP TABLE omradesatsing_contentversion")
        c.execute("DROP TABLE omradesatsing_slughistory")
    call_command(
        "remove_stale_contenttypes", include_stale_apps=True, interactive=False, verbosity=0
    )

    assert not {"omradesatsing_contentversion", "omradesatsing_slughistory"} & set(
        connection.introspection.table_names()
    )
    assert not ContentType.objects.filter(app_label="omradesatsing").exists()
    assert Municipality.objects.get(slug="drammen") == earlier_tables
