"""Measure throughput and latency of gunicorn serving the site at national scale.

In one run, on this machine:

1. a throwaway database (a temporary SQLite file, or --database-url pointing
   at an empty PostgreSQL database) gets the source's fixtures plus synthetic
   municipalities up to 357 (manage.py generate_scaled_data);
2. gunicorn starts twice on 127.0.0.1 with the production settings: once with
   the page cache on, once with it off;
3. wrk, a separate process, drives each URL for --seconds with --connections,
   and the table shows requests per second, p50 and p99 latency, and each
   page's throughput as a ratio to a static file served by the same server.

Targets (issue 6): cached pages at least 0.5 of the static file's throughput;
the uncached municipality page's p99 under 50 ms at 8 connections.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PAGES = {
    "front page": "/",
    "municipality page": "/kommuner/oslo/",
    "/kommuner/": "/kommuner/",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args):
    # Preparing uses the base settings: generate_scaled_data refuses production ones.
    env = {**env, "DJANGO_SETTINGS_MODULE": "omradesatsing.settings.base"}
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_until_up(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn on port {port} did not start")


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def run_wrk(url, seconds, connections, threads):
    result = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+(?:us|ms|s|m))\s*$", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)

    def parse(text):
        value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
        return to_ms(value, unit)

    return {
        "rps": rps,
        "p50": parse(latency["50"]),
        "p99": parse(latency["99"]),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "",
    }


LOAD_PATHS = [
    "/",
    "/kommuner/",
    "/kommuner/drammen/",
    "/kommuner/tromso/",
    "/avtaler/",
    "/tema/",
    "/tema/arbeid/",
    "/departementer/",
    "/konferanser/",
    "/konferanser/erfaringskonferanse-2024/",
    "/om/",
    "/om/kunnskapsoverforing/",
    "/tilgjengelighet/",
    "/sok/?q=str%C3%B8ms%C3%B8",
    "/data/",
    "/data/avtaler.csv",
    "/data/kommuner/bergen.json",
    "/endringer.atom",
    "/sitemap.xml",
    "/nn/kommuner/bergen/",
    "/en/tema/",
    "/kommuner/finnes-ikke/",
]


def load_test(env, seconds, connections, threads):
    """200 connections for 60 s across every page type: any 5xx or socket error fails."""
    script = Path(env["STATIC_ROOT"]).parent / "paths.lua"
    paths = ", ".join(f'"{p}"' for p in LOAD_PATHS)
    script.write_text(
        f"local paths = {{{paths}}}\n"
        "local threads = {}\n"
        "function setup(thread) table.insert(threads, thread) end\n"
        "function init(args) i = 0; statuses = {} end\n"
        "function request()\n"
        "  i = i % #paths + 1\n"
        "  return wrk.format('GET', paths[i])\n"
        "end\n"
        "function response(status, headers, body)\n"
        "  statuses[status] = (statuses[status] or 0) + 1\n"
        "end\n"
        "function done(summary, latency, requests)\n"
        "  for _, thread in ipairs(threads) do\n"
        "    for status, count in pairs(thread:get('statuses')) do\n"
        "      io.write(string.format('status %d %d\\n', status, count))\n"
        "    end\n"
        "  end\n"
        "end\n"
    )
    port = free_port()
    # The app's JSON logs (a warning per 404) go nowhere; errors still reach stderr.
    process = subprocess.Popen(
        [GUNICORN, "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**env, "PAGE_CACHE_SECONDS": "3600"},
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until_up(port)
        base = f"http://127.0.0.1:{port}"
        for path in LOAD_PATHS:  # warm the page cache
            if not path.endswith("finnes-ikke/"):
                urllib.request.urlopen(base + path).read()
        result = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                str(script),
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        process.terminate()
        process.wait(timeout=30)
    out = result.stdout
    statuses = {}
    for status, count in re.findall(r"^status (\d+) (\d+)$", out, re.M):
        statuses[int(status)] = statuses.get(int(status), 0) + int(count)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)
    server_errors = sum(n for s, n in statuses.items() if s >= 500)
    print()
    print(
        f"wrk -t{threads} -c{connections} -d{seconds}s over {len(LOAD_PATHS)} page types, "
        "page cache on, 14 municipalities"
    )
    print(f"  requests: {requests}  ({rps:.0f}/s)   p99 latency: {p99}")
    print(f"  statuses: {dict(sorted(statuses.items()))}")
    print(
        f"  5xx: {server_errors}   socket errors: {socket_errors.group(1) if socket_errors else 0}"
    )
    ok = server_errors == 0 and not socket_errors and sum(statuses.values()) > 0
    print(f"  {'met' if ok else 'NOT MET'}  zero 5xx and zero socket errors")
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    parser.add_argument(
        "--database-url",
        help="an EMPTY, throwaway PostgreSQL database (it is flushed); default: temporary SQLite",
    )
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--load",
        action="store_true",
        help="load test instead: 200 connections for 60 s across all page types",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    tmp = Path(tempfile.mkdtemp(prefix="omradesatsing-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "omradesatsing.settings.production",
        "SECRET_KEY": "benchmark-only-secret-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}",
        "DATABASE_CONN_MAX_AGE": "600",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(tmp / "static"),
        "LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    if args.workers:
        env["GUNICORN_WORKERS"] = str(args.workers)
    what = "the fixtures" if args.load else "357 municipalities"
    print(f"» Preparing {env['DATABASE_URL'].split('@')[-1]} with {what} …")
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    if args.database_url:
        manage(env, "flush", "--no-input", "--verbosity", "0")
    manage(env, "loaddata", "omradesatsinger", "--verbosity", "0")
    if args.load:
        manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        try:
            return load_test(env, args.seconds, args.connections, args.threads)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    manage(env, "generate_scaled_data", "--total", "357")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    manifest = json.loads((tmp / "static" / "staticfiles.json").read_text())
    static_path = "/static/" + manifest["paths"]["css/site.css"]

    servers = {}
    try:
        for name, cache_seconds in (("cached", "3600"), ("uncached", "0")):
            port = free_port()
            servers[name] = (
                port,
                subprocess.Popen(
                    [GUNICORN, "--bind", f"127.0.0.1:{port}"],
                    cwd=ROOT,
                    env={**env, "PAGE_CACHE_SECONDS": cache_seconds},
                ),
            )
        for port, _process in servers.values():
            wait_until_up(port)

        runs = []
        cached_port = servers["cached"][0]
        uncached_port = servers["uncached"][0]
        runs.append(("static file (baseline)", f"http://127.0.0.1:{cached_port}{static_path}"))
        for label, path in PAGES.items():
            runs.append((f"{label}, cached", f"http://127.0.0.1:{cached_port}{path}"))
        for label, path in PAGES.items():
            runs.append((f"{label}, uncached", f"http://127.0.0.1:{uncached_port}{path}"))

        results = []
        for label, url in runs:
            # Warm-up, not counted: every worker fills its own page cache and
            # opens its database connection.
            run_wrk(url, 2, args.connections, args.threads)
            figures = run_wrk(url, args.seconds, args.connections, args.threads)
            results.append((label, url, figures))
            print(f"  measured {label}: {figures['rps']:.0f} req/s")
    finally:
        for _port, process in servers.values():
            process.terminate()
        for _port, process in servers.values():
            process.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)

    baseline = results[0][2]["rps"]
    workers = env.get(
        "GUNICORN_WORKERS", f"{os.cpu_count() * 2 + 1} (2 × {os.cpu_count()} cores + 1)"
    )
    print()
    print(
        f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s, gunicorn workers: "
        f"{workers}, database: {'PostgreSQL' if args.database_url else 'SQLite'}, "
        "357 municipalities"
    )
    header = f"{'what':34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× static':>9} {'errors':>7}"
    print(header)
    print("-" * len(header))
    for label, _url, f in results:
        errors = f["non_2xx"] + (1 if f["socket_errors"] else 0)
        print(
            f"{label:34} {f['rps']:9.0f} {f['p50']:8.2f} {f['p99']:8.2f} "
            f"{f['rps'] / baseline:9.2f} {errors:7d}"
        )
    cached = [f for label, _u, f in results if label.endswith(", cached")]
    uncached_municipality = next(
        f for label, _u, f in results if label == "municipality page, uncached"
    )
    checks = {
        "cached pages >= 0.5 x static": all(f["rps"] >= 0.5 * baseline for f in cached),
        "uncached municipality page p99 < 50 ms": uncached_municipality["p99"] < 50,
        "no errors": all(f["non_2xx"] == 0 and not f["socket_errors"] for _l, _u, f in results),
    }
    print()
    for name, ok in checks.items():
        print(f"  {'met' if ok else 'NOT MET':8} {name}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"results": [{"what": label, **f} for label, _u, f in results], "checks": checks},
                indent=2,
            )
        )
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
