"""Public pages: cacheable by browsers and proxies, and cached here, never stale.

Every content change moves the content version (core.versions). The ETag
holds that version and today's date (statuses are derived from the date), and
each stored page the ETag it was made for, so:

* an editor's change is visible on the next request on every app server that
  shares the cache, and within a second on those that each keep their own;
* a page stored before a change is never served after it;
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
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags

from . import clock, versions
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


def encoded_tag(tag, encoding):
    """The ETag of one encoding of a page: each representation has its own (RFC 9110)."""
    return tag if encoding is None else f'{tag[:-1]}-{encoding}"'


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

        # The same content looks different after a deploy (code, templates,
        # translations) and on another host or scheme (absolute links), so
        # those are part of the tag and the key; hashed to keep them short.
        context = f"{release_id()}|{request.scheme}|{request.get_host()}"
        variant = hashlib.sha256(context.encode()).hexdigest()[:8]
        encoding = accepted_encoding(request.headers.get("Accept-Encoding", ""))
        key = self.key(request, variant, encoding)
        version, changed_at = versions.current()
        today = clock.today()
        # Content changes and midnight (statuses follow the date) both make a new
        # tag. The time of the change too: a database restored from a backup
        # numbers its next changes as before, and they must not match pages
        # cached from the changes that the restore undid.
        stamp = format(int(changed_at.timestamp() * 1000), "x")
        tag = f'"{version}-{stamp}-{today:%Y%m%d}-{variant}"'
        midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
        last_modified = max(changed_at, midnight)

        known = set(parse_etags(request.headers.get("If-None-Match", "")))
        matched = known & {tag, encoded_tag(tag, encoding)}
        if matched:
            # The client's copy (in whichever encoding it has) is current.
            response = HttpResponseNotModified()
            self.mark_public(response, matched.pop(), last_modified)
            return response

        entry = self.lookup(key, tag) if self.seconds else None
        if entry is None:  # not stored, or stored for older content
            response = self.get_response(request)
            if not self.cacheable_response(response):
                return response
            if not self.seconds:
                self.mark_public(response, tag, last_modified)
                return response
            # Template responses are rendered by now (inside get_response).
            entries = self.entries(response, tag)
            self.store({self.key(request, variant, name): value for name, value in entries.items()})
            entry = entries.get(encoding, entries[None])
        return self.send(entry, last_modified)

    def entries(self, response, tag):
        """What is stored of a page: (tag, encoding, status, headers, body) for each
        encoding, None being the plain body.

        Plain data rather than the response object: smaller to store and
        quicker to read back, once for each request served from the cache.
        """
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in ("content-length", "content-encoding")
        ]
        body = response.content
        stored = {None: (tag, None, response.status_code, headers, body)}
        if len(body) >= COMPRESS_MIN_BYTES:
            for name, encode in ENCODINGS.items():
                encoded = encode(body)
                if len(encoded) < len(body):
                    stored[name] = (tag, name, response.status_code, headers, encoded)
        return stored

    def send(self, entry, last_modified):
        """A stored page as a response, with its encoding's ETag."""
        tag, encoding, status, headers, body = entry
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response[name] = value
        if encoding is not None:
            response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(body))
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

    def key(self, request, variant, encoding):
        """One key per address, method, variant and encoding; the entry holds its tag."""
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        return f"page:{variant}:{request.method}:{encoding or 'plain'}:{digest}"

    def tiers(self):
        """The caches a page is looked up in, nearest first.

        With Redis, each process keeps the pages it served in its own memory
        too: asking Redis for each page would cost a round trip per request.
        """
        if versions.shared_cache() is None:
            return [caches[settings.PAGE_CACHE_ALIAS]]
        return [caches[settings.PAGE_CACHE_LOCAL_ALIAS], caches[settings.PAGE_CACHE_ALIAS]]

    def lookup(self, key, tag):
        """The stored entry at ``key`` if it is for ``tag``, else None."""
        missed = []
        for cache in self.tiers():
            try:
                entry = cache.get(key)
            except Exception:  # a shared cache that is down must not take the site down
                logger.warning("page cache unavailable (read)", exc_info=True)
                continue
            if entry is not None and entry[0] == tag:
                for nearer in missed:
                    nearer.set(key, entry, self.seconds)
                return entry
            missed.append(cache)
        return None

    def store(self, entries):
        for cache in self.tiers():
            try:
                cache.set_many(entries, self.seconds)
            except Exception:
                logger.warning("page cache unavailable (write)", exc_info=True)
