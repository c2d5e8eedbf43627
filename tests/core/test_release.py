"""The release id (core.release): a deploy that changes any input of a page changes it."""

from pathlib import Path

import pytest
from django.apps import apps

from core import release

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def project(tmp_path):
    """A project folder with a file of each kind a page is made from."""
    files = {
        "core/views.py": "print('code')",
        "core/__pycache__/views.cpython-311.pyc": "bytecode",
        "templates/base.html": "<html>",
        "locale/nn/LC_MESSAGES/django.mo": "catalogue",
        "static/css/site.css": "body {}",
        "build/norway-map.json": '{"path": "M0 0"}',
        "build/static/vendor/designsystemet.css": ".ds-button {}",
        "requirements/base.txt": "Django==5.2.19",
        "package-lock.json": '{"lockfileVersion": 3}',
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def inputs(root):
    names = ["core", "templates", "locale", "static", "build", "requirements/base.txt"]
    return [root / name for name in [*names, "package-lock.json"]]


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
def test_changing_any_input_of_a_page_changes_the_hash(project, name):
    before = release.code_hash(project, inputs(project))
    (project / name).write_text((project / name).read_text() + " ")
    assert release.code_hash(project, inputs(project)) != before


def test_a_new_file_in_an_input_folder_changes_the_hash(project):
    before = release.code_hash(project, inputs(project))
    (project / "templates" / "new.html").write_text("<p>")
    assert release.code_hash(project, inputs(project)) != before


def test_bytecode_and_files_outside_the_inputs_leave_the_hash_alone(project):
    before = release.code_hash(project, inputs(project))
    (project / "core/__pycache__/views.cpython-311.pyc").write_text("other bytecode")
    for name in ["backup.json", ".env", "db.sqlite3", "media/avtaler/a.pdf"]:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text("not an input")
    assert release.code_hash(project, inputs(project)) == before


def test_a_symbolic_link_is_not_followed(project):
    before = release.code_hash(project, inputs(project))
    (project / "static" / "loop").symlink_to(project, target_is_directory=True)
    assert release.code_hash(project, inputs(project)) == before


def test_the_inputs_are_the_projects_apps_and_folders_and_nothing_else():
    found = {path.relative_to(ROOT).as_posix() for path in release.release_inputs()}
    own_apps = {
        Path(config.path).relative_to(ROOT).as_posix()
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT) and ".venv" not in Path(config.path).parts
    }
    assert own_apps == {"core", "programs", "municipalities", "pages", "opendata", "sitewide"}
    assert found >= own_apps | {"omradesatsing", "templates", "static", "locale", "build"}
    assert found >= {"requirements/base.txt", "package-lock.json"}
    assert not any(
        part in {".venv", "node_modules", "media", "tests"} for p in found for part in p.split("/")
    )


def test_the_configured_release_id_wins(monkeypatch):
    release.release_id.cache_clear()
    monkeypatch.setenv("RELEASE_ID", "3f2c1a9b8e7d6c5b4a")
    try:
        assert release.release_id() == "3f2c1a9b8e7d6c5b"
    finally:
        release.release_id.cache_clear()


def test_without_a_configured_id_the_inputs_are_hashed(monkeypatch):
    release.release_id.cache_clear()
    monkeypatch.delenv("RELEASE_ID", raising=False)
    try:
        assert release.release_id() == release.code_hash(ROOT, release.release_inputs())
    finally:
        release.release_id.cache_clear()
