"""A database made before core existed keeps its old addresses (core/migrations/0002)."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
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
