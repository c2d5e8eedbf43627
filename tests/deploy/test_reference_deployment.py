"""deploy/: nginx's configuration follows the settings, nginx accepts it, and the
production environment template names only variables the site documents.

The servers themselves are proven by scripts/deployment_check.py, which CI runs.
"""

import grp
import os
import pwd
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from sitewide.management.commands.nginx_config import client_max_body_size, render
from tests.support.requirements import require_nginx, require_systemd_analyze

DEPLOY = Path(settings.BASE_DIR) / "deploy"


def megabytes(size):
    return int(size.removesuffix("m")) * 1024 * 1024


def rendered(**overrides):
    options = {"upstreams": ["10.0.0.11:8000", "10.0.0.12:8000"], "certificate": "/c.pem",
               "certificate_key": "/c.key"}  # fmt: skip
    return render(**{**options, **overrides})


def test_the_upload_limit_leaves_room_for_the_largest_document_and_no_more_than_a_form(settings):
    for document in (1, 20 * 1024 * 1024, 50 * 1024 * 1024 + 1):
        limit = megabytes(client_max_body_size(document))
        assert document < limit <= document + 2 * 1024 * 1024


def test_the_configuration_takes_hosts_static_folder_and_limit_from_the_settings(settings):
    settings.ALLOWED_HOSTS = ["omradesatsinger.example.no", ".example.org"]
    settings.STATIC_ROOT = "/srv/site/staticfiles/"
    settings.AGREEMENT_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
    text = rendered()
    assert "server_name omradesatsinger.example.no example.org;" in text
    assert "alias /srv/site/staticfiles/$hashed;" in text
    assert f"client_max_body_size {client_max_body_size(5 * 1024 * 1024)};" in text
    assert re.findall(r"^\s+server (\S+) ", text, re.M) == ["10.0.0.11:8000", "10.0.0.12:8000"]
    assert "@" not in re.sub(r"#.*", "", text)  # every placeholder filled


def test_the_redirect_keeps_a_port_other_than_443():
    assert "return 301 https://$host$request_uri;" in rendered()
    assert "return 301 https://$host:8443$request_uri;" in rendered(https_port=8443)


def test_without_a_host_name_or_an_app_server_it_refuses(settings):
    settings.ALLOWED_HOSTS = ["*"]
    with pytest.raises(CommandError, match="ALLOWED_HOSTS"):
        rendered()
    settings.ALLOWED_HOSTS = ["omradesatsinger.example.no"]
    with pytest.raises(CommandError, match="upstream"):
        rendered(upstreams=[])


def test_nginx_accepts_the_configuration(tmp_path, settings):
    require_nginx()
    settings.ALLOWED_HOSTS = ["omradesatsinger.example.no"]
    settings.STATIC_ROOT = str(tmp_path / "static")
    certificate, key = tmp_path / "tls.pem", tmp_path / "tls.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=test", "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    site = tmp_path / "site.conf"
    call_command(
        "nginx_config", "--output", str(site), "--upstream", "127.0.0.1:9",
        "--certificate", str(certificate), "--certificate-key", str(key),
    )  # fmt: skip
    main = (DEPLOY / "nginx" / "ci-main.conf.in").read_text()
    (tmp_path / "nginx.conf").write_text(
        main.replace("@PREFIX@", str(tmp_path)).replace("@SITE_CONF@", str(site))
    )
    result = subprocess.run(
        ["/usr/sbin/nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def variables(path):
    return {
        line.split("=", 1)[0]
        for line in path.read_text().splitlines()
        if re.match(r"^[A-Z_]+=", line)
    }


def test_the_production_template_names_only_documented_variables():
    documented = variables(Path(settings.BASE_DIR) / ".env.example")
    template = variables(DEPLOY / "production.env")
    assert template - documented == set()
    essentials = {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    assert essentials | {"CACHE_URL", "MEDIA_ROOT", "STATIC_ROOT"} <= template


def test_the_service_runs_gunicorn_from_the_project_with_the_template_as_environment():
    unit = (DEPLOY / "systemd" / "omradesatsing.service").read_text()
    directives = dict(re.findall(r"^(\w+)=(.*)$", unit, re.M))
    assert directives["ExecStart"].endswith("/.venv/bin/gunicorn")
    assert directives["ExecStart"].startswith(directives["WorkingDirectory"])
    assert directives["EnvironmentFile"].endswith("/production.env")
    media_root = dict(
        line.split("=", 1) for line in (DEPLOY / "production.env").read_text().splitlines()
        if line.startswith("MEDIA_ROOT=")
    )["MEDIA_ROOT"]  # fmt: skip
    assert media_root in directives["ReadWritePaths"].split()


def test_systemd_accepts_the_unit_with_this_checkout_in_place_of_srv(tmp_path):
    require_systemd_analyze()
    unit = (DEPLOY / "systemd" / "omradesatsing.service").read_text()
    media = tmp_path / "media"
    media.mkdir()
    user = pwd.getpwuid(os.getuid()).pw_name
    group = grp.getgrgid(os.getgid()).gr_name
    unit = (
        unit.replace("/srv/omradesatsing-media", str(media))
        .replace("/srv/omradesatsing", str(settings.BASE_DIR))
        .replace("/etc/omradesatsing/production.env", str(DEPLOY / "production.env"))
        .replace("User=omradesatsing", f"User={user}")
        .replace("Group=omradesatsing", f"Group={group}")
    )
    (tmp_path / "omradesatsing.service").write_text(unit)
    result = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / "omradesatsing.service")],
        capture_output=True,
        text=True,
    )
    # Unknown or misspelt directives are only warned about: none may be.
    assert (result.returncode, result.stderr) == (0, "")
