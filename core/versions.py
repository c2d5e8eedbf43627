"""The content version: which cached pages and ETags are current, known without a query.

Every change to content (save, delete, many-to-many) bumps ``ContentVersion``
in the database, which stays the source of truth. App servers learn the
version from the cheapest place that is never stale for long:

* **Shared page cache** (``CACHE_URL=redis://…``): the version is kept in Redis
  under ``KEY``, and a change announces itself on a Redis channel when its
  transaction commits. Each process listens on that channel and looks for news
  at every request without waiting (a non-blocking read of its own socket): if
  there is none, the version it read last is still current, and a cached page
  costs neither a database query nor a round trip. News, a broken connection
  or ``RECHECK_SECONDS`` passing make it read ``KEY`` again; a cache flushed or
  restarted has lost ``KEY``, and then the database answers and refills it.
* **Cache local to each process** (the default): each process reads the
  database at most once per ``RECHECK_SECONDS``. A change made in this process
  is seen on its next request; one made in another worker within that bound.

If the database cannot be read, the version last known is used: nothing can
have changed meanwhile, so cached pages stay right and keep being served.
"""

import contextlib
import datetime
import logging
import threading
import time

import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from simple_history.models import HistoricalChanges

from .models import ContentVersion

logger = logging.getLogger(__name__)

# The longest a process trusts the version it knows without asking again: the
# README states this bound (an edit reaches every worker within it, also when
# an announcement is lost).
RECHECK_SECONDS = 1.0
# In Redis, the version is replaced at every change; this lifetime only bounds
# the damage if an app server could not write it (Redis unreachable from that
# server alone while the others still read it).
SHARED_SECONDS = 60
KEY = "content-version"
CHANNEL = "content-version-changed"

# (version, changed_at, monotonic time read) as this process knows it; None until read.
_known = None


def shared_cache():
    """The page cache when it is Redis, shared by the app servers; else None."""
    cache = caches[settings.PAGE_CACHE_ALIAS]
    return cache if isinstance(cache, RedisCache) else None


def read_database():
    """(version, changed_at) from the database: one plain statement, no ORM."""
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


class Announcements:
    """This process's subscription to CHANNEL, read without ever waiting."""

    def __init__(self, location, channel):
        self.location, self.channel = location, channel
        self.pubsub = None
        self.lock = threading.Lock()  # runserver's threads share the one connection

    def quiet(self):
        """True if nothing was announced since the last call and the connection held.

        False on news, on a new subscription (anything may have been missed
        before it) and on any error (then the next call subscribes again).
        """
        with self.lock:
            try:
                if self.pubsub is None:
                    client = redis.Redis.from_url(self.location, socket_connect_timeout=1)
                    self.pubsub = client.pubsub()
                    self.pubsub.subscribe(self.channel)
                    return False
                quiet = True
                # Announcements and (after a reconnection) subscription replies alike.
                while self.pubsub.get_message(timeout=0) is not None:
                    quiet = False
                return quiet
            except (redis.RedisError, OSError):
                self.close()
                return False

    def close(self):
        if self.pubsub is not None:
            with contextlib.suppress(redis.RedisError, OSError):
                self.pubsub.close()
            self.pubsub = None


_announcements = None


def _listening(cache):
    global _announcements
    location = first_location()
    channel = cache.make_key(CHANNEL)
    if _announcements is None or (_announcements.location, _announcements.channel) != (
        location,
        channel,
    ):
        if _announcements is not None:
            _announcements.close()
        _announcements = Announcements(location, channel)
    return _announcements


def first_location():
    """The Redis server that Django's RedisCache writes to (the first of LOCATION)."""
    location = settings.CACHES[settings.PAGE_CACHE_ALIAS]["LOCATION"]
    if isinstance(location, list | tuple):
        return location[0]
    return location.split(",")[0]


def current():
    """(version, changed_at) of the site's content, as cheaply as the cache allows."""
    known = _known
    fresh = known is not None and time.monotonic() - known[2] < RECHECK_SECONDS
    cache = shared_cache()
    if cache is None:
        return known[:2] if fresh else _from_database()
    if _listening(cache).quiet() and fresh:
        return known[:2]
    try:
        value = cache.get(KEY)
    except Exception:  # the cache down: the database answers, as if no cache
        logger.warning("content version: shared cache unavailable", exc_info=True)
        return _from_database()
    if value is None:
        return share(cache, _from_database(), only_if_missing=True)
    _remember(value)
    return value


def _remember(value):
    global _known
    _known = (*value, time.monotonic())


def _from_database():
    try:
        value = read_database()
    except DatabaseError:
        if _known is None:
            raise
        logger.warning("content version: database unavailable, using the last known")
        return _known[:2]
    _remember(value)
    return value


def share(cache, value, only_if_missing=False):
    """Put ``value`` in the shared cache, make sure no older one is left there, and
    return the version that is there in the end.

    A reader and a writer, or two writers, can race; whoever wrote last checks
    the database afterwards and writes again if it has moved on.
    """
    try:
        for _attempt in range(5):
            if only_if_missing:
                if not cache.add(KEY, value, SHARED_SECONDS):
                    return value  # someone else wrote it; they check it the same way
                only_if_missing = False
            else:
                cache.set(KEY, value, SHARED_SECONDS)
            latest = read_database()
            if latest[0] == value[0]:
                break
            value = latest
        _remember(value)
    except Exception:
        logger.warning("content version: could not update the shared cache", exc_info=True)
    return value


def forget():
    """Read the version afresh on this process's next request."""
    global _known
    _known = None


def publish():
    """After a commit: this process, the shared cache and every listener learn the version."""
    forget()  # other threads of this process may have read it before the commit
    cache = shared_cache()
    if cache is None:
        return
    try:
        value = read_database()
    except DatabaseError:
        logger.warning("content version: could not read it to share it", exc_info=True)
        return
    share(cache, value)
    try:
        client = redis.Redis.from_url(first_location(), socket_connect_timeout=1)
        with client:
            client.publish(cache.make_key(CHANNEL), str(value[0]))
    except (redis.RedisError, OSError):
        logger.warning("content version: could not announce the change", exc_info=True)


def bump(sender=None, **kwargs):
    """Move the content version: every cached page and ETag is stale from now on."""
    ContentVersion.objects.filter(pk=1).update(version=F("version") + 1, changed_at=timezone.now())
    forget()
    transaction.on_commit(publish)


def watch_content(models):
    """Bump the version on every save, delete and many-to-many change of these models."""
    for model in models:
        if issubclass(model, HistoricalChanges):
            continue  # history rows follow the content change that bumped already
        uid = f"content-version-{model._meta.label}"
        post_save.connect(bump, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                bump, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}"
            )
