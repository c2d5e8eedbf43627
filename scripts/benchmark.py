"""Measure the production topology's throughput and latency at national scale.

In one run, on this machine, with the production settings and their defaults:

1. a throwaway database (a temporary SQLite file, or --database-url pointing
   at an empty PostgreSQL database) gets the source's fixtures plus synthetic
   municipalities up to 357 (manage.py generate_scaled_data);
2. scenario (a), one app server with the default local cache: gunicorn on
   127.0.0.1, once with the page cache on and once with it off;
3. scenario (b), two app servers sharing Redis behind nginx with TLS (the
   reference deployment in deploy/), again with the page cache on and off;
4. wrk, a separate process, drives each URL for --seconds with --connections
   (asking for Brotli or gzip, as browsers do), and the table shows requests
   per second, p50 and p99 latency, and each page's throughput as a ratio to a
   static file that takes the same path as the pages: gunicorn → WhiteNoise in
   (a), nginx → gunicorn → WhiteNoise in (b). nginx serving the file from disk
   is shown too, for information.

Targets (issue 15): cached pages at least 0.7 of the static file's throughput
in both scenarios; the uncached municipality page's p99 is reported.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

import topology

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PAGES = {
    "front page": "/",
    "municipality page": "/kommuner/oslo/",
    "/kommuner/": "/kommuner/",
}


def manage(env, *args):
    # Preparing uses the base settings: generate_scaled_data refuses production ones.
    env = {**env, "DJANGO_SETTINGS_MODULE": "omradesatsing.settings.base"}
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def run_wrk(url, seconds, connections, threads):
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            "Accept-Encoding: br, gzip",
            url,
        ],
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
    "/kommuner/drammen/endringer.atom",
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
    # The app's JSON logs (a warning per 404) go nowhere; errors still reach stderr.
    server = topology.AppServer(env, PAGE_CACHE_SECONDS="3600")
    try:
        server.start()
        base = server.url
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
        server.stop()
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


def measure(runs, args):
    """[(label, figures)] for each (label, url), each after a warm-up that is not counted."""
    results = []
    for label, url in runs:
        # Warm-up: every worker fills its page cache and opens its database connection.
        run_wrk(url, 2, args.connections, args.threads)
        figures = run_wrk(url, args.seconds, args.connections, args.threads)
        results.append((label, figures))
        print(f"  measured {label}: {figures['rps']:.0f} req/s")
    return results


def scenario_one_server(env, static_path, args):
    """(a): one gunicorn with the local cache; the baseline is WhiteNoise in it."""
    print("» (a) one app server, local cache")
    cached = topology.AppServer(env, PAGE_CACHE_SECONDS="3600")
    uncached = topology.AppServer(env, PAGE_CACHE_SECONDS="0")
    try:
        cached.start()
        uncached.start()
        runs = [(BASELINE, f"{cached.url}{static_path}")]
        runs += [(f"{label}, cached", f"{cached.url}{path}") for label, path in PAGES.items()]
        runs += [(f"{label}, uncached", f"{uncached.url}{path}") for label, path in PAGES.items()]
        return measure(runs, args)
    finally:
        cached.stop()
        uncached.stop()


def scenario_two_servers(env, static_path, hashed_path, folder, args):
    """(b): two gunicorns sharing Redis behind nginx (TLS); the baseline goes
    nginx → gunicorn → WhiteNoise like the pages, and nginx from disk is shown too."""
    print("» (b) two app servers sharing Redis, behind nginx")
    certificate, key = topology.self_signed_certificate(folder)
    results = []
    for label_suffix, seconds in ((", cached", "3600"), (", uncached", "0")):
        redis_server = topology.RedisServer().start()
        shared = {**env, "CACHE_URL": redis_server.url, "PAGE_CACHE_SECONDS": seconds}
        servers, nginx = [], None
        try:
            servers = [topology.AppServer(shared).start(), topology.AppServer(shared).start()]
            upstreams = [f"127.0.0.1:{server.port}" for server in servers]
            nginx = topology.Nginx(folder, shared, upstreams, certificate, key).start()
            runs = []
            if seconds != "0":
                runs.append((BASELINE, f"{nginx.https_url}{static_path}"))
                runs.append((FROM_DISK, f"{nginx.https_url}{hashed_path}"))
            runs += [
                (f"{label}{label_suffix}", f"{nginx.https_url}{path}")
                for label, path in PAGES.items()
            ]
            results += measure(runs, args)
        finally:
            if nginx is not None:
                nginx.stop()
            for server in servers:
                server.stop()
            redis_server.stop()
    return results


BASELINE = "static file (baseline)"
FROM_DISK = "static file, nginx from disk"


def print_table(title, results):
    baseline = dict(results)[BASELINE]["rps"]
    print()
    print(title)
    header = f"{'what':34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× static':>9} {'errors':>7}"
    print(header)
    print("-" * len(header))
    for label, f in results:
        errors = f["non_2xx"] + (1 if f["socket_errors"] else 0)
        print(
            f"{label:34} {f['rps']:9.0f} {f['p50']:8.2f} {f['p99']:8.2f} "
            f"{f['rps'] / baseline:9.2f} {errors:7d}"
        )
    return baseline


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers per server")
    parser.add_argument(
        "--database-url",
        help="an EMPTY, throwaway PostgreSQL database (it is flushed); default: temporary SQLite",
    )
    parser.add_argument(
        "--scenario", choices=["a", "b", "both"], default="both", help="which topology"
    )
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="CI: fail only on errors, not on targets (a run too short to judge speed)",
    )
    parser.add_argument(
        "--load",
        action="store_true",
        help="load test instead: 200 connections for 60 s across all page types",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    tmp = Path(tempfile.mkdtemp(prefix="omradesatsing-bench-"))
    tmp.chmod(0o755)  # nginx's workers read the static files in it
    env = topology.production_env(
        tmp,
        args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}",
        SECURE_SSL_REDIRECT="0",  # (a) is measured over plain http
    )
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
    hashed_path = "/static/" + manifest["paths"]["css/site.css"]

    scenarios = {}
    try:
        if args.scenario in ("a", "both"):
            scenarios["a"] = scenario_one_server(env, hashed_path, args)
        if args.scenario in ("b", "both"):
            # The unhashed name is not nginx's to serve from disk: it goes to gunicorn.
            scenarios["b"] = scenario_two_servers(
                env, "/static/css/site.css", hashed_path, tmp, args
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    workers = env.get(
        "GUNICORN_WORKERS", f"{os.cpu_count() * 2 + 1} (2 × {os.cpu_count()} cores + 1)"
    )
    database = "PostgreSQL" if args.database_url else "SQLite"
    titles = {
        "a": "(a) one app server, local cache: gunicorn → WhiteNoise for the static file",
        "b": "(b) two app servers, Redis, nginx with TLS: nginx → gunicorn → WhiteNoise",
    }
    checks = {}
    print()
    print(
        f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s, gunicorn workers per "
        f"server: {workers}, database: {database}, 357 municipalities"
    )
    for name, results in scenarios.items():
        baseline = print_table(titles[name], results)
        cached = [f for label, f in results if label.endswith(", cached")]
        checks[f"({name}) cached pages >= 0.7 x static"] = all(
            f["rps"] >= 0.7 * baseline for f in cached
        )
        checks[f"({name}) no errors"] = all(
            f["non_2xx"] == 0 and not f["socket_errors"] for _label, f in results
        )
        uncached = dict(results)["municipality page, uncached"]
        print(f"  uncached municipality page p99: {uncached['p99']:.1f} ms")
    print()
    for name, ok in checks.items():
        print(f"  {'met' if ok else 'NOT MET':8} {name}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "database": database,
                    "scenarios": {
                        name: [{"what": label, **f} for label, f in results]
                        for name, results in scenarios.items()
                    },
                    "checks": checks,
                },
                indent=2,
            )
        )
    if args.smoke:
        return 0 if all(ok for name, ok in checks.items() if name.endswith("no errors")) else 1
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
