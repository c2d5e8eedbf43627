"""The release id (core.release): a deploy that changes any input of a page changes it."""

import pytest

from core import release


@pytest.fixture
def project(tmp_path):
    """A project folder with a file of each kind a page is made from, and some that are not."""
    files = {
        "core/views.py": "print('code')",
        "templates/base.html": "<html>",
        "locale/nn/LC_MESSAGES/django.mo": "catalogue",
        "static/css/site.css": "body {}",
        "build/norway-map.json": '{"path": "M0 0"}',
        "build/static/vendor/designsystemet.css": ".ds-button {}",
        "requirements/base.txt": "Django==5.2.19",
        "package-lock.json": '{"lockfileVersion": 3}',
        # Not inputs: installed packages, uploads, the database, caches, tests.
        ".venv/lib/site.py": "installed",
        "node_modules/d3/index.js": "installed",
        "media/avtaler/a.pdf": "%PDF-",
        "db.sqlite3": "data",
        "core/__pycache__/views.cpython-311.pyc": "bytecode",
        "tests/test_views.py": "test",
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def outputs(root):
    return {root / "media", root / "db.sqlite3"}


@pytest.mark.parametrize(
    "name",
    [
        "core/views.py",
        "templates/base.html",
        "locale/nn/LC_MESSAGES/django.mo",
        "static/css/site.css",
        "build/norway-map.json",
        "build/static/vendor/designsystemet.css",
        "requirements/base.txt",
        "package-lock.json",
    ],
)
def test_changing_any_input_of_a_page_changes_the_release(project, name):
    before = release.code_hash(project, outputs(project))
    (project / name).write_text((project / name).read_text() + " ")
    assert release.code_hash(project, outputs(project)) != before


def test_a_new_input_anywhere_in_the_project_changes_the_release(project):
    before = release.code_hash(project, outputs(project))
    (project / "deploy").mkdir()
    (project / "deploy" / "nginx.conf").write_text("server {}")
    assert release.code_hash(project, outputs(project)) != before


@pytest.mark.parametrize(
    "name",
    [
        ".venv/lib/site.py",
        "node_modules/d3/index.js",
        "media/avtaler/a.pdf",
        "db.sqlite3",
        "core/__pycache__/views.cpython-311.pyc",
        "tests/test_views.py",
    ],
)
def test_what_the_site_writes_or_installs_leaves_the_release_alone(project, name):
    before = release.code_hash(project, outputs(project))
    (project / name).write_text("changed")
    assert release.code_hash(project, outputs(project)) == before


def test_the_configured_release_id_wins(monkeypatch):
    release.release_id.cache_clear()
    monkeypatch.setenv("RELEASE_ID", "3f2c1a9b8e7d6c5b4a")
    try:
        assert release.release_id() == "3f2c1a9b8e7d6c5b"
    finally:
        release.release_id.cache_clear()


def test_without_a_configured_id_the_project_folder_is_hashed(monkeypatch, settings, project):
    release.release_id.cache_clear()
    monkeypatch.delenv("RELEASE_ID", raising=False)
    settings.BASE_DIR = project
    settings.MEDIA_ROOT = project / "media"
    try:
        assert release.release_id() == release.code_hash(project, {project / "media"})
    finally:
        release.release_id.cache_clear()
