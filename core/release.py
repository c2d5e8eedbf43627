"""An id for the deployed code, so a deploy makes every cached page and ETag new.

RELEASE_ID from the environment if the deployment sets one (a commit hash).
Otherwise a hash of every file a rendered page is made from, found from the
settings rather than listed here: the project's apps (code, templates,
static files), the settings package, the template, static and locale folders,
and RELEASE_INPUTS (the map and CSS built by scripts/setup, the lock files of
the packages pages use). Uploads, the database, backups and local files are
in none of these, so servers running the same release agree.
"""

import functools
import hashlib
import importlib
import os
import sysconfig
from pathlib import Path

from django.apps import apps
from django.conf import settings

from .env import env_str


@functools.cache
def release_id():
    configured = env_str("RELEASE_ID")
    if configured:
        return configured[:16]
    return code_hash(settings.BASE_DIR, release_inputs())


def release_inputs():
    """The folders and files, named by the settings, that a rendered page is made from."""
    # Apps installed as packages (Django, the admin's add-ons) are covered by the lock files.
    installed = [Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")]
    paths = [
        Path(config.path)
        for config in apps.get_app_configs()
        if not any(Path(config.path).resolve().is_relative_to(folder) for folder in installed)
    ]
    project = importlib.import_module(settings.ROOT_URLCONF.rpartition(".")[0])
    paths.append(Path(project.__file__).parent)
    for engine in settings.TEMPLATES:
        paths += map(Path, engine.get("DIRS", []))
    for entry in settings.STATICFILES_DIRS:
        paths.append(Path(entry[1] if isinstance(entry, tuple | list) else entry))
    paths += map(Path, settings.LOCALE_PATHS)
    paths += map(Path, settings.RELEASE_INPUTS)
    return sorted({path.resolve() for path in paths if path.exists()})


def code_hash(base, inputs):
    """A short hash of the names and contents of the files in ``inputs`` (folders or files)."""
    base = Path(base).resolve()
    files = sorted({file for path in inputs for file in _files(Path(path).resolve())})
    digest = hashlib.sha256()
    for file in files:
        name = file.relative_to(base) if file.is_relative_to(base) else file
        digest.update(str(name).encode())
        digest.update(b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def _files(path):
    if path.is_file():
        yield path
        return
    # Symbolic links are not followed: nothing outside the inputs, and no loops.
    for folder, subfolders, names in os.walk(path):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        for name in names:
            file = Path(folder) / name
            if not name.endswith(".pyc") and file.is_file() and not file.is_symlink():
                yield file
