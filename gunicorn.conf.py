"""gunicorn settings for production: `gunicorn` in the project folder reads this file.

    DJANGO_SETTINGS_MODULE=omradesatsing.settings.production gunicorn

Every value can be changed through the environment (GUNICORN_*).
"""

import multiprocessing
import os

wsgi_app = "omradesatsing.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# The usual rule for synchronous workers: two per core plus one. Each worker
# keeps its own database connection (DATABASE_CONN_MAX_AGE) and page cache
# (unless CACHE_URL points at a shared one).
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Synchronous workers: the pages are CPU-bound. (gthread, with keep-alive,
# measured slower here with scripts/benchmark.)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Load Django once in the master and fork the workers from it: a worker that
# is (re)started is ready at once instead of spending a second of CPU on
# imports while requests queue for it. Django opens no database connection
# at import, so none is shared between processes. A deploy therefore needs a
# new master (restart the service, or USR2 then QUIT to the old master): HUP
# only replaces the workers, which would fork from the old code.
preload_app = True
# Restart workers now and then so a slow leak can never grow without bound,
# but rarely: a new worker starts with an empty page cache (unless CACHE_URL
# is shared), and frequent restarts showed as p99 outliers on cached pages
# under scripts/benchmark's load (figures in the README).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 50000))
max_requests_jitter = 5000

# Logs to standard output and error, for the platform to collect.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Behind a load balancer that terminates TLS.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """Finish loading in the master, then move it out of the garbage collector's sight.

    Loading: the URLconf, the translation catalogues, the release id (a hash
    of the code), the map and the templates would otherwise be loaded by each
    worker on its first request; done here, every forked worker has them.
    None of it touches the database.

    Freezing: a full collection walks every object a worker holds, and Django
    is hundreds of thousands of them: such a pass paused a worker every
    thousand-odd requests (the README has the figures; the requests queued
    behind it wait as long). What the
    master loaded lives as long as the workers forked from it, so the
    collector never needs to look at it again, and the workers share those
    pages of memory instead of copying them (gc.freeze, as the Python
    documentation suggests for servers that fork).
    """
    import gc

    from django.conf import settings
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    from core.release import release_id
    from sitewide import maps

    get_resolver().url_patterns  # noqa: B018  (imports every view)
    release_id()
    maps.outline()
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext(name)  # loads the catalogue (a variable: makemessages skips it)
    for name in ("home.html", "municipalities/municipality_detail.html", "404.html"):
        get_template(name)
    gc.collect()
    gc.freeze()
