"""Tests that need a program from outside PyPI (Chromium, Java) say so when it is missing.

On a developer's machine such a test skips with the reason printed (pytest -rs).
CI sets CI_REQUIRE_ALL=1 and installs both, so there a missing program fails
the run instead of passing silently.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


def require(available, reason):
    if available:
        return
    if os.environ.get("CI_REQUIRE_ALL") == "1":
        pytest.fail(f"{reason} (CI_REQUIRE_ALL=1: nothing may be skipped)")
    pytest.skip(reason)


def require_chromium():
    require(CHROMIUM.exists(), f"no Chromium at {CHROMIUM}: apt-get install chromium")


def require_java():
    require(
        shutil.which("java"),
        "no Java for the Nu HTML Checker: apt-get install default-jre-headless",
    )


def require_redis():
    require(
        shutil.which("redis-server"),
        "no redis-server for the shared-cache tests: apt-get install redis-server",
    )


def require_nginx():
    require(
        Path("/usr/sbin/nginx").exists(),
        "no nginx for the reference deployment's tests: apt-get install nginx",
    )


def require_systemd_analyze():
    require(
        shutil.which("systemd-analyze"),
        "no systemd-analyze to check the systemd unit: apt-get install systemd",
    )
