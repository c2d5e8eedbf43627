"""An id for the deployed code, so a deploy makes every cached page and ETag new.

RELEASE_ID from the environment if the deployment sets one (a commit hash).
Otherwise a hash of every file in the project folder that can change a
rendered page: code, templates, translations, static files, the built map and
CSS (build/), the lock files. Whole folders are left out only when they hold
no input of a page (installed packages, uploads, the database, caches,
tests), so a new kind of input is covered without anyone remembering to add it.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings

from .env import env_str

# Folder names that never hold an input of a rendered page.
NOT_INPUTS = {
    ".git",
    ".venv",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    ".import_linter_cache",
    "test-results",
    ".local",
    "tests",
}


@functools.cache
def release_id():
    configured = env_str("RELEASE_ID")
    if configured:
        return configured[:16]
    return code_hash(Path(settings.BASE_DIR), outputs=_outputs())


def _outputs():
    """Folders and files the running site writes or serves as data, not code."""
    paths = [settings.STATIC_ROOT, settings.MEDIA_ROOT]
    for database in settings.DATABASES.values():
        if database["ENGINE"].endswith("sqlite3"):
            paths.append(database["NAME"])
    return {Path(path).resolve() for path in paths if path}


def code_hash(root, outputs=frozenset()):
    """A short hash of the names and contents of the files under ``root`` that are inputs."""
    root = Path(root).resolve()
    digest = hashlib.sha256()
    for path in sorted(_inputs(root, outputs)):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _inputs(folder, outputs):
    for path in folder.iterdir():
        if path in outputs or path.name in NOT_INPUTS:
            continue
        if path.is_dir():
            yield from _inputs(path, outputs)
        elif path.is_file() and not path.name.endswith((".pyc", "-journal", "-wal", "-shm")):
            yield path
