"""The production topology on one machine, on loopback: gunicorn app servers, and
Debian's nginx in front of them with a self-signed certificate.

Used by scripts/deployment_check.py (CI's smoke test through https) and by
scripts/benchmark.py. Everything listens on 127.0.0.1 only, and the nginx is a
private instance (its own pid, logs and temporary files in a folder), so the
system's nginx, if any, is left alone.
"""

import os
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
NGINX = "/usr/sbin/nginx"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(folder, database_url, cache_url="", **extra):
    """The environment of an app server with the production settings and defaults.

    Nothing is set that the README's production section does not set: the
    connection age, health checks and the rest are production's defaults.
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "omradesatsing.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),  # the volume every app server shares
        "TRUSTED_PROXY_COUNT": "1",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    env.pop("DATABASE_CONN_MAX_AGE", None)
    env.update(extra)
    return env


def manage(env, *args, settings="omradesatsing.settings.production"):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": settings},
        check=True,
    )  # fmt: skip


def wait_for(url, timeout=60, context=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2, context=context).read()
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {timeout} s")


class AppServer:
    """gunicorn with gunicorn.conf.py, on a loopback port."""

    def __init__(self, env, port=None, **extra_env):
        self.port = port or free_port()
        self.env = {**env, **extra_env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.process = subprocess.Popen([GUNICORN], cwd=ROOT, env=self.env)
        try:
            wait_for(f"{self.url}/healthz")
        except BaseException:
            self.stop()  # a server that never answered is not left running
            raise
        return self

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=40)
            self.process = None


class RedisServer:
    """A throwaway redis-server on a loopback port, without persistence."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        exit_status = self.process.poll()
        self.stop()  # not left running for the next test to trip over
        raise RuntimeError(f"redis-server did not start (exit status {exit_status})")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def self_signed_certificate(folder):
    """(certificate, key) for 127.0.0.1 and localhost, valid for two days."""
    certificate, key = folder / "tls.pem", folder / "tls.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    return certificate, key


class Nginx:
    """A private nginx with the site's configuration from `manage.py nginx_config`."""

    def __init__(self, folder, env, upstreams, certificate, key, http_port=None, https_port=None):
        self.folder = folder / "nginx"
        self.env = env
        self.upstreams = upstreams
        self.certificate, self.key = certificate, key
        self.http_port = http_port or free_port()
        self.https_port = https_port or free_port()

    @property
    def http_url(self):
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def https_url(self):
        return f"https://127.0.0.1:{self.https_port}"

    def start(self):
        for name in ("", "body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.folder / name).mkdir(parents=True, exist_ok=True)
        site = self.folder / "omradesatsing.conf"
        args = ["nginx_config", "--output", str(site)]
        for upstream in self.upstreams:
            args += ["--upstream", upstream]
        args += ["--certificate", str(self.certificate), "--certificate-key", str(self.key)]
        args += ["--http-port", str(self.http_port), "--https-port", str(self.https_port)]
        manage(self.env, *args)
        template = (ROOT / "deploy" / "nginx" / "ci-main.conf.in").read_text()
        main = self.folder / "nginx.conf"
        main.write_text(
            template.replace("@PREFIX@", str(self.folder)).replace("@SITE_CONF@", str(site))
        )
        subprocess.run([NGINX, "-t", "-q", "-p", str(self.folder), "-c", str(main)], check=True)
        subprocess.run([NGINX, "-p", str(self.folder), "-c", str(main)], check=True)
        wait_for(f"{self.http_url}/healthz")
        return self

    def stop(self):
        pid_file = self.folder / "nginx.pid"
        if pid_file.exists():
            main = self.folder / "nginx.conf"
            subprocess.run(
                [NGINX, "-p", str(self.folder), "-c", str(main), "-s", "quit"], capture_output=True
            )
            deadline = time.monotonic() + 10
            while pid_file.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
