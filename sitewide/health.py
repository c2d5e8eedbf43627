"""Health checks for load balancers and orchestrators: /healthz and /readyz.

/healthz says the process answers, and touches nothing else: a database
outage must not make every app server look dead and be restarted.
/readyz says whether this server can serve pages: the database and the
cache answer. Neither is cached (core.caching leaves HEALTH_PATHS alone),
sets a cookie, or is in the sitemap.
"""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


def database_problem():
    """None if the database answers a query, else a short reason."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means not ready; the reason goes out
        logger.warning("readyz: database does not answer: %s", error)
        return type(error).__name__
    return None


def cache_problem():
    """None if the cache stores and returns a value, else a short reason."""
    try:
        cache.set("readyz", "ok", timeout=10)
        if cache.get("readyz") != "ok":
            return "no answer"
    except Exception as error:  # as above: a cache that raises is not ready
        logger.warning("readyz: cache does not answer: %s", error)
        return type(error).__name__
    return None


@never_cache
@require_safe
def readyz(request):
    problems = {
        name: problem
        for name, problem in (("database", database_problem()), ("cache", cache_problem()))
        if problem
    }
    if problems:
        return JsonResponse({"status": "unavailable", "problems": problems}, status=503)
    return JsonResponse({"status": "ok"})
