"""Write nginx's site configuration from deploy/nginx/ and these settings.

    manage.py nginx_config --upstream 10.0.0.11:8000 --upstream 10.0.0.12:8000 \\
        --output /etc/nginx/sites-available/omradesatsing

The host names (ALLOWED_HOSTS), the static folder (STATIC_ROOT) and the upload
limit (AGREEMENT_DOCUMENT_MAX_BYTES) come from the settings, so nginx and the
site cannot disagree about them.
"""

import math
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

TEMPLATE = settings.BASE_DIR / "deploy" / "nginx" / "omradesatsing.conf.in"
PROXY = settings.BASE_DIR / "deploy" / "nginx" / "proxy.conf"
# Room for the rest of the admin form beside the largest document.
FORM_ALLOWANCE_BYTES = 1024 * 1024


def client_max_body_size(document_bytes):
    """nginx's limit in whole megabytes: the largest document plus the form around it."""
    return f"{math.ceil((document_bytes + FORM_ALLOWANCE_BYTES) / (1024 * 1024))}m"


def render(upstreams, certificate, certificate_key, http_port=80, https_port=443):
    names = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host != "*"]
    if not names:
        raise CommandError("ALLOWED_HOSTS names no host for nginx's server_name.")
    if not upstreams:
        raise CommandError("Name at least one app server (--upstream HOST:PORT).")
    # proxy.conf's directives, without its comments, in each location that proxies.
    proxy = "\n".join(
        f"        {line.strip()}"
        for line in PROXY.read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
    values = {
        "UPSTREAM_SERVERS": "\n".join(
            f"    server {address} max_fails=1 fail_timeout=10s;" for address in upstreams
        ),
        "SERVER_NAMES": " ".join(names),
        "HTTP_PORT": str(http_port),
        "HTTPS_PORT": str(https_port),
        "HTTPS_PORT_SUFFIX": "" if https_port == 443 else f":{https_port}",
        "TLS_CERTIFICATE": str(certificate),
        "TLS_CERTIFICATE_KEY": str(certificate_key),
        "CLIENT_MAX_BODY_SIZE": client_max_body_size(settings.AGREEMENT_DOCUMENT_MAX_BYTES),
        "STATIC_ROOT": str(settings.STATIC_ROOT).rstrip("/"),
        "PROXY": proxy,
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    return text


class Command(BaseCommand):
    help = "Write nginx's site configuration (deploy/nginx/) for these settings."

    def add_arguments(self, parser):
        parser.add_argument(
            "--upstream",
            action="append",
            default=[],
            help="An app server, HOST:PORT; repeat for each (default: GUNICORN_BIND).",
        )
        parser.add_argument("--certificate", default="/etc/ssl/certs/omradesatsing.pem")
        parser.add_argument("--certificate-key", default="/etc/ssl/private/omradesatsing.key")
        parser.add_argument("--http-port", type=int, default=80)
        parser.add_argument("--https-port", type=int, default=443)
        parser.add_argument("--output", help="A file to write (default: standard output).")

    def handle(self, *args, **options):
        upstreams = options["upstream"] or [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
        text = render(
            upstreams,
            options["certificate"],
            options["certificate_key"],
            options["http_port"],
            options["https_port"],
        )
        if options["output"]:
            with open(options["output"], "w") as output:
                output.write(text)
        else:
            self.stdout.write(text, ending="")
