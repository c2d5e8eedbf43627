"""Debian's Chromium driven by Playwright against the test server on 127.0.0.1."""

import os

import pytest
from django.core.management import call_command

from tests.support.requirements import CHROMIUM, require_chromium

# Flags that work on these machines and keep the browser on loopback: every
# host but 127.0.0.1/localhost resolves to a closed local port.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--no-proxy-server",
    "--host-resolver-rules=MAP * 127.0.0.254:9, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API runs an event loop in this thread; Django
    # then refuses ORM calls from it unless told they are deliberate and
    # blocking. Only while the browser runs, so no other test inherits it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def site(live_server, transactional_db):
    """The live test server with the source's data (transactional tests start empty)."""
    call_command("loaddata", "omradesatsinger", verbosity=0)
    # As scripts/serve does: each object's first version in its history.
    call_command("populate_history", auto=True, verbosity=0)
    return live_server.url


@pytest.fixture
def national_scale(site, national_scale):
    """All 357 municipalities, made after ``site`` has loaded the source's data."""
    return national_scale


class PageWatch:
    """Records what a page asks for and what it complains about."""

    def __init__(self, page, origin):
        self.origin = origin
        self.requests = []
        self.failed_resources = []
        self.console_errors = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("response", self._response)
        page.on("console", self._console)

    def _response(self, response):
        # The page's own status is the test's business; every stylesheet,
        # font and image it loads must arrive.
        if response.request.resource_type != "document" and response.status >= 400:
            self.failed_resources.append(f"{response.status} {response.url}")

    def _console(self, message):
        # A failed load is reported by the browser as a console error too;
        # failed_resources already has those, with their addresses.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.console_errors.append(message.text)

    @property
    def foreign_requests(self):
        return [url for url in self.requests if not url.startswith((self.origin, "data:"))]


@pytest.fixture
def open_page(browser, site):
    contexts = []

    def open_page(path, width=1280, javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, java_script_enabled=javascript
        )
        contexts.append(context)
        page = context.new_page()
        watch = PageWatch(page, site)
        response = page.goto(site + path)
        return page, response, watch

    yield open_page
    for context in contexts:
        context.close()
