"""An id for the deployed code, so a deploy makes every cached page and ETag new.

RELEASE_ID from the environment if the deployment sets one (a commit hash);
otherwise a hash of the code, templates and compiled translations, the same
on every server running the same release.
"""

import functools
import hashlib

from django.conf import settings

from .env import env_str

PATTERNS = ("*.py", "*.html", "*.mo", "*.css")
FOLDERS = (
    "omradesatsing",
    "municipalities",
    "programs",
    "pages",
    "opendata",
    "templates",
    "locale",
    "static",
)


@functools.cache
def release_id():
    configured = env_str("RELEASE_ID")
    if configured:
        return configured[:16]
    digest = hashlib.sha256()
    for folder in FOLDERS:
        root = settings.BASE_DIR / folder
        for pattern in PATTERNS:
            for path in sorted(root.rglob(pattern)):
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
