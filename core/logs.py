"""Structured logs: one JSON object per line on standard output, with a request id."""

import contextvars
import json
import logging
import re
import uuid

_request_id = contextvars.ContextVar("request_id", default="-")
# An id from the load balancer is kept only if it looks like one.
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Gives every request an id: the X-Request-ID it came with, or a new one.

    The id is on every log line written while the request is handled, and is
    sent back in the X-Request-ID response header, so a visitor's report of an
    error can be matched with the log.
    """

    header = "X-Request-ID"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(self.header, "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        # Not reset afterwards: Django logs the response status (django.request)
        # after the middleware has returned; the next request sets its own id.
        _request_id.set(request_id)
        response = self.get_response(request)
        response[self.header] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["path"] = request.path
            entry["method"] = request.method
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
