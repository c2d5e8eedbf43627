"""Keyboard users: the skip link reaches the main content and focus is always visible."""

import pytest

pytestmark = pytest.mark.browser

FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const box = el.getBoundingClientRect();
  return {tag: el.tagName, text: (el.textContent || "").trim().slice(0, 40),
          visible: (outline || shadow) && box.width > 0 && box.height > 0};
}"""


@pytest.mark.parametrize("width", [320, 1280])
def test_skip_link_is_first_and_reaches_main_content(open_page, width):
    page, _response, _watch = open_page("/kommuner/drammen/", width=width)
    page.keyboard.press("Tab")
    skip = page.locator(".ds-skip-link")
    assert page.evaluate("document.activeElement.classList.contains('ds-skip-link')")
    box = skip.bounding_box()
    # Shown when focused.
    assert box["width"] > 20
    assert box["height"] > 10
    assert page.evaluate(FOCUS_VISIBLE)["visible"]
    page.keyboard.press("Enter")
    # Following the link is a same-page navigation: wait for it, do not sleep.
    page.wait_for_function("location.hash === '#main'", timeout=5000)
    page.wait_for_function("document.activeElement.id === 'main'", timeout=5000)
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize("path", ["/", "/kommuner/drammen/", "/tema/", "/avtaler/"])
def test_focus_is_visible_on_every_tab_stop(open_page, path):
    page, _response, _watch = open_page(path)
    seen = 0
    for _ in range(80):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_VISIBLE)
        if state["tag"] == "BODY":
            break  # wrapped past the last element
        assert state["visible"], state
        seen += 1
    assert seen >= 10  # the walk really went through the page
