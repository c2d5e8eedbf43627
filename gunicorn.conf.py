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
# Restart workers now and then so a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 10000))
max_requests_jitter = 1000

# Logs to standard output and error, for the platform to collect.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Behind a load balancer that terminates TLS.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
