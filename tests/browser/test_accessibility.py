"""axe-core finds no WCAG 2.1 A/AA violation on any page type, on a phone or a desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.pages_catalogue import (
    LANGUAGE_PREFIXES,
    NOT_FOUND_PATH,
    PAGE_TYPES,
    SCALED_PATHS,
    localized_paths,
)

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
WIDTHS = (320, 1280)
NOT_FOUND = {
    f"not_found-{code}": prefix + NOT_FOUND_PATH for code, prefix in LANGUAGE_PREFIXES.items()
}
# Every page type in bokmål, nynorsk and English, and the 404 page in each.
PATHS = {**localized_paths(), **NOT_FOUND}
BOKMAL_PATHS = {
    **{name: path for name, (path, _facts) in PAGE_TYPES.items()},
    "not_found": NOT_FOUND_PATH,
}


@pytest.mark.parametrize("path", PATHS.values(), ids=PATHS.keys())
def test_no_axe_violations_at_phone_and_desktop_width(open_page, path):
    axe = Axe()
    for width in WIDTHS:
        page, response, watch = open_page(path, width=width)
        assert response.status == (404 if path in NOT_FOUND.values() else 200)
        results = axe.run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{width}px:\n{results.generate_report()}"
        # The page itself never scrolls sideways; wide tables scroll in their own box.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert watch.failed_resources == [], watch.failed_resources
        assert watch.console_errors == [], watch.console_errors
        assert watch.foreign_requests == [], watch.foreign_requests


@pytest.mark.parametrize("path", BOKMAL_PATHS.values(), ids=BOKMAL_PATHS.keys())
def test_page_is_complete_without_javascript(open_page, path):
    page, _response, _watch = open_page(path, width=390, javascript=False)
    assert page.locator("h1").count() == 1
    assert page.locator("h1").is_visible()
    # Styles load and apply without scripts: the skip link is hidden until focused.
    assert page.locator(".ds-skip-link").bounding_box()["width"] <= 1


def test_no_axe_violations_on_paged_lists_at_national_scale(open_page, national_scale):
    axe = Axe()
    for path in SCALED_PATHS:
        for width in WIDTHS:
            page, response, watch = open_page(path, width=width)
            assert response.status == 200, path
            results = axe.run(page, options=AXE_OPTIONS)
            assert results.violations_count == 0, f"{path} {width}px:\n{results.generate_report()}"
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            assert watch.failed_resources == [], watch.failed_resources
            assert watch.console_errors == [], watch.console_errors
            assert watch.foreign_requests == [], watch.foreign_requests
