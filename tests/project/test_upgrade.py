"""Upgrading a database that has content: the migrations run on the rows the release
before left, in a database of their own (SQLite or PostgreSQL, as the suite runs).

A fresh test database has no rows, and some migration faults only show with
rows: on PostgreSQL, rows changed in the same transaction as a schema change
keep the new indexes from being made.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]

# Before the document library: the budget documents' table renamed, nothing else.
BEFORE_LIBRARY = ("programs", "0009_document_library")

SEED = f"""
from django.db import connection
from django.db.migrations.loader import MigrationLoader
apps = MigrationLoader(connection).project_state({BEFORE_LIBRARY!r}).apps
Ministry = apps.get_model("programs", "Ministry")
Document = apps.get_model("programs", "Document")
kdd = Ministry.objects.create(name="KDD", name_nb="KDD", abbreviation="KDD", slug="kdd")
Document.objects.create(
    reference="Prop. 1 S (2023–2024)", slug="prop-1-s-2023-2024", kind="prop_s",
    title="Forslag", title_nb="Forslag", ministry=kdd,
)
Document.objects.create(
    reference="Meld. St. 28 (2022–2023)", slug="meld-st-28-2022-2023", kind="meld_st",
    title="Gode bysamfunn", title_nb="Gode bysamfunn",
)
"""

CHECK = """
from django.contrib.auth.models import Group, Permission
from programs.models import Document
for document in Document.objects.order_by("slug"):
    print(document.slug, document.kind, document.is_published)
print("old permissions:", Permission.objects.filter(codename__endswith="policydocument").count())
print("editors may publish:", Group.objects.get(name="Redaktør").permissions.filter(
    codename="publish_document").exists())
"""


@pytest.fixture
def empty_database(tmp_path):
    """The DATABASE_URL of a new, empty database beside the test database; dropped after."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
        return
    import psycopg

    db = settings.DATABASES["default"]
    name = f"upgrade_{uuid.uuid4().hex[:8]}"
    server = {
        "host": db["HOST"],
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"],
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield (
            f"postgres://{server['user']}:{server['password']}@{server['host']}:{server['port']}"
            f"/{name}"
        )
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def manage(database_url, *args, stdin=None):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "CACHE_URL"}}
    env.update(SECRET_KEY="upgrade-test", DEBUG="1", DATABASE_URL=database_url)
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_budget_documents_become_the_library_published_with_the_new_codes(empty_database):
    # Content types and permissions first (auth needs contenttypes): the
    # signals after a partial migrate expect them complete.
    manage(empty_database, "migrate", "--verbosity", "0", "auth")
    manage(empty_database, "migrate", "--verbosity", "0", *BEFORE_LIBRARY)
    manage(empty_database, "shell", "--verbosity", "0", stdin=SEED)
    manage(empty_database, "migrate", "--verbosity", "0")
    report = manage(empty_database, "shell", "--verbosity", "0", stdin=CHECK).splitlines()
    assert report == [
        "meld-st-28-2022-2023 white_paper True",
        "prop-1-s-2023-2024 budget_proposition True",
        "old permissions: 0",
        "editors may publish: True",
    ]
