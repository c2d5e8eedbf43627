"""A cache backend that is always down, like a Redis server that has gone away."""

from django.core.cache.backends.base import BaseCache


class BrokenCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")

    get = set = add = delete = clear = touch = incr = has_key = _fail
