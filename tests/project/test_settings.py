"""Settings come from the environment, and production refuses to start without essentials."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'debug': settings.DEBUG, 'engine': db['ENGINE'], 'name': str(db['NAME']), "
    "'hosts': settings.ALLOWED_HOSTS, 'cache': settings.CACHES['default']['BACKEND'], "
    "'conn_max_age': db['CONN_MAX_AGE'], 'conn_health_checks': db['CONN_HEALTH_CHECKS'], "
    "'redirect_exempt': getattr(settings, 'SECURE_REDIRECT_EXEMPT', [])}))"
)


def run_settings(module, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "CACHE_URL",
            "DATABASE_CONN_MAX_AGE",
            "DATABASE_CONN_HEALTH_CHECKS",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def settings_of(module, **env):
    result = run_settings(module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_are_sqlite_in_the_project_folder_and_debug_off():
    values = settings_of("omradesatsing.settings.base", SECRET_KEY="s")
    assert values["debug"] is False
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(ROOT / "db.sqlite3")
    assert values["hosts"] == []
    assert values["cache"].endswith("LocMemCache")


def test_database_url_selects_postgresql():
    values = settings_of(
        "omradesatsing.settings.base",
        SECRET_KEY="s",
        DATABASE_URL="postgres://user:pw@127.0.0.1:5432/omrade",
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "omrade"


def test_cache_url_selects_a_shared_cache():
    values = settings_of(
        "omradesatsing.settings.base", SECRET_KEY="s", CACHE_URL="redis://127.0.0.1:6379/1"
    )
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_secret_key_required_unless_debug():
    result = run_settings("omradesatsing.settings.base")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    values = settings_of("omradesatsing.settings.base", DEBUG="1")
    assert values["debug"] is True
    assert "127.0.0.1" in values["hosts"]


def test_nonsense_boolean_is_refused():
    result = run_settings("omradesatsing.settings.base", SECRET_KEY="s", DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PUBLISHER_ORGANIZATION_NUMBER": "97241785"}, "nine digits"),
        ({"PUBLISHER_ORGANIZATION_NUMBER": "KDD"}, "nine digits"),
        ({"DATA_CONTACT_EMAIL": "", "DATA_CONTACT_URL": ""}, "needs a contact point"),
    ],
)
def test_the_data_catalogue_needs_a_publisher_number_and_a_contact(env, message):
    result = run_settings("omradesatsing.settings.base", DEBUG="1", **env)
    assert result.returncode != 0
    assert message in result.stderr


PRODUCTION_OK = {
    "SECRET_KEY": "a-long-production-secret",
    "ALLOWED_HOSTS": "omradesatsinger.example.no",
    "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/db",
}


def test_production_starts_with_the_essentials():
    values = settings_of("omradesatsing.settings.production", **PRODUCTION_OK)
    assert values["debug"] is False
    assert values["hosts"] == ["omradesatsinger.example.no"]


def test_production_keeps_database_connections_and_checks_them_by_default():
    values = settings_of("omradesatsing.settings.production", **PRODUCTION_OK)
    assert (values["conn_max_age"], values["conn_health_checks"]) == (600, True)
    # Development (base) opens one per request: runserver's threads would each keep one.
    assert settings_of("omradesatsing.settings.base", SECRET_KEY="s")["conn_max_age"] == 0
    chosen = settings_of(
        "omradesatsing.settings.production", DATABASE_CONN_MAX_AGE="0", **PRODUCTION_OK
    )
    assert chosen["conn_max_age"] == 0


def test_production_answers_health_checks_over_plain_http():
    exempt = settings_of("omradesatsing.settings.production", **PRODUCTION_OK)["redirect_exempt"]
    assert exempt == ["^healthz$", "^readyz$"]


@pytest.mark.parametrize("missing", sorted(PRODUCTION_OK))
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_OK.items() if k != missing}
    result = run_settings("omradesatsing.settings.production", **env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_debug():
    result = run_settings("omradesatsing.settings.production", DEBUG="1", **PRODUCTION_OK)
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_env_example_documents_every_variable_the_settings_read():
    read = set()
    for path in (ROOT / "omradesatsing").rglob("*.py"):
        text = path.read_text()
        for marker in ('env_str("', 'env_bool("', 'env_int("', 'env_list("'):
            for chunk in text.split(marker)[1:]:
                read.add(chunk.split('"', 1)[0])
    documented = {
        line.split("=", 1)[0].lstrip("# ").strip()
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line
    }
    assert read, "no environment variables found; the scan is broken"
    assert read <= documented, read - documented
