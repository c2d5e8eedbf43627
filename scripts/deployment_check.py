"""Smoke test of the reference deployment (deploy/), with the real servers, on loopback.

Two gunicorn app servers with the production settings share one PostgreSQL
database, one Redis and one folder for uploads; a private nginx terminates TLS
(a self-signed certificate made here) in front of both. The checks:

* http is redirected to https; /healthz and /readyz answer over plain http;
* pages carry HSTS, go out compressed, and revalidate to 304;
* a hashed static file comes from nginx with a year's immutable caching;
* the admin: login and a save over TLS, its pages never compressed (BREACH);
* an edit saved through one app server shows on the other at the next request,
  and a document uploaded through one is served by the other;
* with PostgreSQL stopped, /readyz says 503 and a page is the styled 503.

    .venv/bin/python scripts/deployment_check.py --database-url postgres://…/EMPTY_DB \\
        --cache-url redis://127.0.0.1:6379/3 \\
        --stop-database "pg_ctlcluster 15 main stop" --start-database "pg_ctlcluster 15 main start"

The database and the Redis database named are emptied: give throwaway ones.
"""

import argparse
import http.cookies
import io
import json
import secrets
import shlex
import shutil
import ssl
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import openpyxl
import redis
from bs4 import BeautifulSoup
from topology import AppServer, Nginx, manage, production_env, self_signed_certificate

PASSWORD = secrets.token_urlsafe(16)
ADMIN = "/admin/"


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser for one origin: cookies (secure ones too), CSRF, forms, no redirects followed.

    ``forwarded_https`` speaks plain http to an app server as nginx does, with
    X-Forwarded-Proto: https.
    """

    def __init__(self, base, context=None, forwarded_https=False):
        self.base = base
        self.origin = base if not forwarded_https else base.replace("http://", "https://")
        self.cookies = {}
        self.forwarded_https = forwarded_https
        handlers = [NoRedirects()]
        if context is not None:
            handlers.append(urllib.request.HTTPSHandler(context=context))
        self.opener = urllib.request.build_opener(*handlers)

    def request(self, path, data=None, headers=None, content_type=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.forwarded_https:
            headers["X-Forwarded-Proto"] = "https"
        if data is not None:
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
            headers["Content-Type"] = content_type
        request = urllib.request.Request(self.base + path, data=data, headers=headers)
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        body = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, body

    def get(self, path, **headers):
        return self.request(path, headers=headers)

    def page(self, path):
        status, _headers, body = self.get(path)
        if status != 200:
            raise SystemExit(f"FAILED  GET {self.base}{path} gives {status}, not 200")
        return BeautifulSoup(body, "html.parser")

    def post(self, path, fields, files=None):
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                + str(value).encode()
                + b"\r\n"
            )
        for name, (filename, content) in (files or {}).items():
            kind = "application/pdf" if filename.endswith(".pdf") else "text/csv"
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        data = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(
            path, data=data, content_type=f"multipart/form-data; boundary={boundary}"
        )

    def log_in(self, username):
        form = self.page(f"{ADMIN}login/").find("form", id="login-form")
        fields = [*form_fields(form), ("username", username), ("password", PASSWORD)]
        status, _headers, _body = self.post(f"{ADMIN}login/", fields)
        check(status == 302, f"login at {self.base}")

    def save(self, path, changes, files=None):
        """Submit the admin form at ``path`` with ``changes`` (name → value), as a browser would."""
        form = self.page(path).find("form", id=lambda id: id and id.endswith("_form"))
        fields = [(name, value) for name, value in form_fields(form) if name not in changes]
        fields += list(changes.items())
        status, _headers, _body = self.post(path, fields, files)
        if status != 302:
            raise SystemExit(f"FAILED  admin save of {path} at {self.base}: {status}, not 302")


def form_fields(form):
    """What a browser submits for ``form`` untouched: (name, value) pairs."""
    fields = []
    for control in form.find_all(["input", "select", "textarea"]):
        name = control.get("name")
        if not name or control.has_attr("disabled"):
            continue
        if control.name == "textarea":
            fields.append((name, control.text.removeprefix("\n")))
        elif control.name == "select":
            chosen = [o for o in control.find_all("option") if o.has_attr("selected")]
            if not chosen and not control.has_attr("multiple"):
                chosen = control.find_all("option")[:1]
            fields += [(name, option.get("value", option.text)) for option in chosen]
        else:
            kind = control.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio") and not control.has_attr("checked"):
                continue
            fields.append((name, control.get("value", "on" if kind == "checkbox" else "")))
    return fields


def check(condition, what):
    if not condition:
        raise SystemExit(f"FAILED  {what}")
    print(f"ok      {what}")


def change_path(client, changelist, text):
    """The change page of the object called ``text`` in an admin changelist."""
    soup = client.page(f"{changelist}?q={urllib.parse.quote(text)}")
    for link in soup.select("#result_list tbody a[href]"):
        path = link["href"].split("?")[0]
        if path.endswith("/change/") and link.get_text(strip=True) == text:
            return path
    raise SystemExit(f"FAILED  no {text!r} in {changelist}")


def run_checks(nginx, first, second, context, args):
    http = Client(nginx.http_url)
    https = Client(nginx.https_url, context)

    status, headers, _ = http.get("/kommuner/")
    check(
        status == 301 and headers["Location"] == f"{nginx.https_url}/kommuner/",
        "http is redirected to the same address on https",
    )
    status, _, body = http.get("/healthz")
    check(status == 200 and json.loads(body)["status"] == "ok", "/healthz answers over http")

    status, headers, _ = https.get("/", **{"Accept-Encoding": "gzip, br"})
    check(status == 200, "the front page over https")
    check("max-age=" in headers.get("Strict-Transport-Security", ""), "HSTS on pages")
    status, headers, body = https.get("/kommuner/drammen/", **{"Accept-Encoding": "gzip, br"})
    check(headers.get("Content-Encoding") == "br", "a public page is sent compressed (Brotli)")
    check("Accept-Encoding" in headers.get("Vary", ""), "… with Vary: Accept-Encoding")
    status, _, _ = https.get(
        "/kommuner/drammen/", **{"Accept-Encoding": "gzip, br", "If-None-Match": headers["ETag"]}
    )
    check(status == 304, "… and a conditional request gets 304")

    soup = https.page("/")
    stylesheet = next(
        link["href"] for link in soup.select('link[rel="stylesheet"]') if "site." in link["href"]
    )
    status, headers, _ = https.get(stylesheet)
    check(
        status == 200 and "immutable" in headers.get("Cache-Control", "")
        and "max-age=31536000" in headers["Cache-Control"],
        f"{stylesheet} from nginx with a year's immutable caching "
        f"(got {status}, {headers.get('Cache-Control')!r})",
    )  # fmt: skip

    status, _, body = https.get("/readyz")
    check(status == 200 and json.loads(body)["status"] == "ok", "/readyz 200 through https")

    status, headers, _ = https.get(f"{ADMIN}login/", **{"Accept-Encoding": "gzip, br"})
    check(
        status == 200 and "Content-Encoding" not in headers,
        "the admin's login page (with a CSRF token) is never compressed",
    )
    https.log_in("drift")
    status, headers, _ = https.get(ADMIN, **{"Accept-Encoding": "gzip, br"})
    check(status == 200 and "Content-Encoding" not in headers, "admin pages are not compressed")
    drammen = change_path(https, f"{ADMIN}municipalities/municipality/", "Drammen")
    text = f"Lagret over TLS {uuid.uuid4().hex[:8]}."
    https.save(drammen, {"description_nb": text})
    check(text in https.page("/kommuner/drammen/").text, "an admin save over TLS is on the page")

    # The two app servers directly, as nginx reaches them.
    one = Client(first.url, forwarded_https=True)
    other = Client(second.url, forwarded_https=True)
    check(text in other.page("/kommuner/drammen/").text, "… and on both app servers")
    one.log_in("drift")
    other.cookies = one.cookies  # one session (in the database) on both servers
    text = f"Lagret på den ene {uuid.uuid4().hex[:8]}."
    one.save(drammen, {"description_nb": text})
    check(
        text in other.page("/kommuner/drammen/").text,
        "an edit saved through one app server shows on the other at the next request",
    )
    agreement = change_path(one, f"{ADMIN}programs/agreement/", "Drammen")
    pdf = b"%PDF-1.4\n% " + uuid.uuid4().hex.encode() + b"\n%%EOF\n"
    one.save(agreement, {}, files={"document": ("avtale.pdf", pdf)})
    pk = agreement.rstrip("/").split("/")[-2]
    status, headers, body = other.get(f"/avtaler/{pk}/avtale.pdf")
    check(
        status == 200 and body == pdf,
        "a document uploaded through one app server is served by the other",
    )

    # The grant import's preview on one server, its confirmation on the other:
    # the file waits in the shared MEDIA_ROOT in between.
    grants = f"{ADMIN}programs/grant/"
    before = len(other.page(grants).select("#result_list tbody tr"))
    status, _, template = one.get(f"{grants}import/mal.xlsx")
    columns = [
        cell.value for cell in next(openpyxl.load_workbook(io.BytesIO(template)).active.rows)
    ]
    spreadsheet = ",".join(columns) + "\r\nDrammen,2031,Tildelt,1000000,\r\n"
    upload = one.page(f"{grants}import/").find("form", enctype="multipart/form-data")
    status, _, body = one.post(
        f"{grants}import/",
        form_fields(upload),
        files={"import_file": ("tilskudd.csv", spreadsheet.encode())},
    )
    form = BeautifulSoup(body, "html.parser").select_one("form[action$='/process_import/']")
    check(status == 200 and form is not None, "a grant spreadsheet is previewed on one server")
    status, _, _ = other.post(form["action"], form_fields(form))
    after = len(other.page(grants).select("#result_list tbody tr"))
    check(
        status == 302 and after == before + 1,
        f"… and confirmed on the other (got {status}; grants {before} → {after})",
    )

    if args.stop_database:
        reader = Client(nginx.https_url, context)  # no session: pages come from the cache
        reader.page("/kommuner/drammen/")
        subprocess.run(shlex.split(args.stop_database), check=True)
        try:
            status, headers, body = https.get("/readyz")
            problems = json.loads(body).get("problems", {}) if status == 503 else {}
            check(status == 503 and "database" in problems, "/readyz 503 with the database down")
            status, _, body = reader.get("/kommuner/drammen/")
            check(
                status == 200 and text in body.decode(),
                "a cached page is still served with the database down (its version is in Redis)",
            )
            status, headers, body = https.get(f"/sok/?q={uuid.uuid4().hex[:8]}")
            soup = BeautifulSoup(body, "html.parser")
            check(
                status == 503
                and "midlertidig utilgjengelig" in soup.text
                and soup.select('link[rel="stylesheet"]'),
                "an uncached page with the database down is the styled 503 page",
            )
        finally:
            subprocess.run(shlex.split(args.start_database), check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="an EMPTY, throwaway database")
    parser.add_argument("--cache-url", required=True, help="a throwaway Redis database")
    parser.add_argument("--stop-database", help="a command that stops the database server")
    parser.add_argument("--start-database", help="… and one that starts it again")
    args = parser.parse_args()
    if bool(args.stop_database) != bool(args.start_database):
        parser.error("--stop-database and --start-database go together")
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        raise SystemExit("nginx is needed: apt-get install nginx")

    folder = Path(tempfile.mkdtemp(prefix="omradesatsing-deploy-"))
    folder.chmod(0o755)  # nginx's workers (nobody) read the static files in it
    env = production_env(folder, args.database_url, args.cache_url)
    redis.Redis.from_url(args.cache_url).flushdb()
    print(f"» Preparing {args.database_url.split('@')[-1]} …")
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "flush", "--no-input", "--verbosity", "0")
    manage(env, "loaddata", "omradesatsinger", "--verbosity", "0")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
        "createsuperuser", "--no-input", "--username", "drift", "--email", "drift@example.no",
    )  # fmt: skip
    manage(env, "check", "--deploy", "--fail-level", "WARNING")
    certificate, key = self_signed_certificate(folder)
    context = ssl.create_default_context(cafile=str(certificate))
    servers, nginx = [], None
    try:
        servers = [AppServer(env).start(), AppServer(env).start()]
        upstreams = [f"127.0.0.1:{server.port}" for server in servers]
        nginx = Nginx(folder, env, upstreams, certificate, key).start()
        run_checks(nginx, servers[0], servers[1], context, args)
    finally:
        if nginx is not None:
            nginx.stop()
        for server in servers:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print("\nThe reference deployment works: every check passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
