"""Public pages: cacheable by browsers and proxies, and cached here, never stale.

Every content model bumps ContentVersion on save, delete and many-to-many
change. The page cache key and the ETag include that version and today's date
(statuses are derived from the date), so:

* an editor's change is visible on the very next request, on every app server,
  even when each has its own local-memory cache;
* a browser's or proxy's conditional request gets 304 Not Modified without the
  page being rendered or read from the cache.

Only anonymous GET/HEAD requests outside the admin are cached, and only
responses that set no cookie and are not marked private. If the cache itself
fails (a shared cache down), pages are simply rendered.
"""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, parse_etags
from simple_history.models import HistoricalChanges

from . import clock
from .models import ContentVersion
from .release import release_id

logger = logging.getLogger(__name__)

CACHEABLE_TYPES = (
    "text/html",
    "application/json",
    "application/csvm+json",
    "text/csv",
    "text/calendar",
    "application/atom+xml",
    "application/xml",
    "text/plain",
)


def current_version():
    """(version, changed_at) of the site's content.

    Read on every anonymous request, cached or not, so it is one plain SQL
    statement rather than an ORM query: on a cached page it is most of the work.
    """
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version, changed_at FROM {table} WHERE id = %s", [1])
        row = cursor.fetchone()
    if row is None:  # an emptied database (tests that flush tables)
        created = ContentVersion.objects.get_or_create(pk=1)[0]
        return created.version, created.changed_at
    version, changed_at = row
    if isinstance(changed_at, str):  # SQLite returns text
        changed_at = parse_datetime(changed_at)
    if timezone.is_naive(changed_at):
        changed_at = timezone.make_aware(changed_at, datetime.UTC)
    return version, changed_at


def bump_version(sender=None, **kwargs):
    """Move the content version: every cached page and ETag is stale from now on."""
    ContentVersion.objects.filter(pk=1).update(version=F("version") + 1, changed_at=timezone.now())


def watch_content(models):
    """Bump the version on every save, delete and many-to-many change of these models."""
    for model in models:
        if issubclass(model, HistoricalChanges):
            continue  # history rows follow the content change that bumped already
        uid = f"content-version-{model._meta.label}"
        post_save.connect(bump_version, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump_version, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                bump_version, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}"
            )


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @property
    def seconds(self):
        return settings.PAGE_CACHE_SECONDS

    @property
    def browser_seconds(self):
        return settings.PAGE_BROWSER_MAX_AGE

    def cacheable_request(self, request):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path_info.startswith(f"/{settings.ADMIN_URL}")
        )

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)

        version, changed_at = current_version()
        request.content_version = version  # for views that cache by version too
        today = clock.today()
        # Content changes and midnight (statuses follow the date) both make a new version.
        # The same content looks different after a deploy (code, templates,
        # translations) and on another host or scheme (absolute links), so
        # those are part of the tag too; hashed to keep it short.
        context = f"{release_id()}|{request.scheme}|{request.get_host()}"
        variant = hashlib.sha256(context.encode()).hexdigest()[:8]
        tag = f'"{version}-{today:%Y%m%d}-{variant}"'
        midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
        last_modified = max(changed_at, midnight)

        if tag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
            self.mark_public(response, tag, last_modified)
            return response

        key = self.key(request, tag)
        response = self.cache_get(key) if self.seconds else None
        if response is None:
            response = self.get_response(request)
            if not self.cacheable_response(response):
                return response
            self.mark_public(response, tag, last_modified)
            if self.seconds:
                # Template responses are rendered by now (inside get_response).
                self.cache_set(key, response)
        return response

    def cacheable_response(self, response):
        content_type = response.get("Content-Type", "").split(";")[0]
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and content_type in CACHEABLE_TYPES
            and "private" not in response.get("Cache-Control", "")
            and "no-cache" not in response.get("Cache-Control", "")
        )

    def mark_public(self, response, tag, last_modified):
        response["ETag"] = tag
        response["Last-Modified"] = http_date(last_modified.timestamp())
        patch_cache_control(response, public=True, max_age=self.browser_seconds)
        if not self.browser_seconds:
            patch_cache_control(response, must_revalidate=True)
        # The language is in the URL, never taken from Accept-Language, so
        # caches need not keep one copy per browser language.
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        vary = [v for v in vary if v.lower() != "accept-language"]
        if vary:
            response["Vary"] = ", ".join(vary)
        elif "Vary" in response:
            del response["Vary"]
        patch_vary_headers(response, ["Accept-Encoding"])

    def key(self, request, tag):
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        version = tag.strip('"')
        return f"page:{version}:{request.method}:{digest}"

    def cache_get(self, key):
        try:
            return caches[settings.PAGE_CACHE_ALIAS].get(key)
        except Exception:  # a shared cache that is down must not take the site down
            logger.warning("page cache unavailable (read)", exc_info=True)
            return None

    def cache_set(self, key, response):
        try:
            caches[settings.PAGE_CACHE_ALIAS].set(key, response, self.seconds)
        except Exception:
            logger.warning("page cache unavailable (write)", exc_info=True)
