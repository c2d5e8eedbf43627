"""Who is asking: the reader's address, also behind a reverse proxy such as nginx."""

from django.conf import settings


def client_address(request):
    """The client's IP address as the nearest trusted proxy saw it.

    With TRUSTED_PROXY_COUNT = 0 (no proxy) it is REMOTE_ADDR. Behind N proxies,
    each appends the address it was reached from to X-Forwarded-For, so the
    N-th entry from the right is the one the client could not forge; anything
    further left is the client's own claim and is ignored.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")
