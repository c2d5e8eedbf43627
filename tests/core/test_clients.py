"""The reader's address for the login lockout, with and without nginx in front (core.clients)."""

import pytest
from django.test import RequestFactory

from core.clients import client_address


def request_from(remote, forwarded=None):
    headers = {"headers": {"X-Forwarded-For": forwarded}} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_a_proxy_the_connecting_address_counts_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_nginx_the_address_nginx_added_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from("127.0.0.1", "203.0.113.9")) == "203.0.113.9"


def test_a_forged_header_does_not_choose_the_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    forged = "198.51.100.1, 198.51.100.2, 203.0.113.9"  # the client wrote the first two
    assert client_address(request_from("127.0.0.1", forged)) == "203.0.113.9"


@pytest.mark.parametrize(("count", "expected"), [(2, "203.0.113.9"), (3, "127.0.0.1")])
def test_with_more_proxies_the_entry_the_outermost_added_counts(settings, count, expected):
    settings.TRUSTED_PROXY_COUNT = count
    # A load balancer added the client (203.0.113.9), nginx the balancer (10.0.0.5);
    # with fewer entries than proxies the header cannot be trusted at all.
    assert client_address(request_from("127.0.0.1", "203.0.113.9, 10.0.0.5")) == expected
