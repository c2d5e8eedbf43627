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

A page is compressed (Brotli and gzip) once, when it is stored, and sent in
the encoding the client accepts, each encoding with its own ETag. Only such
cacheable pages are compressed: they carry no secret (no cookie, no CSRF
token, nothing of the admin), so compression leaks nothing (BREACH).
"""

import datetime
import gzip
import hashlib
import logging

import brotli
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


# Smaller bodies are sent as they are: compression would save next to nothing.
COMPRESS_MIN_BYTES = 512
# Preferred first. Brotli at quality 8: most of the size of 11 at a fraction of the time.
ENCODINGS = {
    "br": lambda body: brotli.compress(body, quality=8),
    "gzip": lambda body: gzip.compress(body, compresslevel=6, mtime=0),
}


def accepted_encoding(header):
    """The first of ENCODINGS the Accept-Encoding ``header`` allows (q > 0), or None."""
    allowed = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        quality = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            if float(quality) > 0:
                allowed.add(name.strip().lower())
        except ValueError:
            continue
    for encoding in ENCODINGS:
        if encoding in allowed or "*" in allowed:
            return encoding
    return None


def compress(response):
    """Store the body's encodings on ``response`` (``encodings``: name → bytes)."""
    body = response.content
    response.encodings = {}
    if len(body) >= COMPRESS_MIN_BYTES:
        for name, encode in ENCODINGS.items():
            encoded = encode(body)
            if len(encoded) < len(body):
                response.encodings[name] = encoded


def encoded_tag(tag, encoding):
    """The ETag of one encoding of a page: each representation has its own (RFC 9110)."""
    return tag if encoding is None else f'{tag[:-1]}-{encoding}"'


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
            # Health checks must not read the content version from the database.
            and request.path_info not in settings.HEALTH_PATHS
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

        encoding = accepted_encoding(request.headers.get("Accept-Encoding", ""))
        known = set(parse_etags(request.headers.get("If-None-Match", "")))
        matched = known & {tag, encoded_tag(tag, encoding)}
        if matched:
            # The client's copy (in whichever encoding it has) is current.
            response = HttpResponseNotModified()
            self.mark_public(response, matched.pop(), last_modified)
            return response

        key = self.key(request, tag)
        response = self.cache_get(key) if self.seconds else None
        if response is None:
            response = self.get_response(request)
            if not self.cacheable_response(response):
                return response
            if self.seconds:
                # Template responses are rendered by now (inside get_response).
                compress(response)
                self.cache_set(key, response)
        return self.send(response, tag, last_modified, encoding)

    def send(self, response, tag, last_modified, encoding):
        """The stored page in the client's encoding, with that encoding's ETag."""
        encoded = getattr(response, "encodings", {}).get(encoding)
        if encoded is None:
            encoding = None
        else:
            response.content = encoded
            response["Content-Encoding"] = encoding
            response["Content-Length"] = str(len(encoded))
        self.mark_public(response, encoded_tag(tag, encoding), last_modified)
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
