"""An editor's whole day, in Debian's Chromium: draft, preview, check, publish, find."""

import json

import pytest

from municipalities.models import Municipality
from tests.support.users import PASSWORD

pytestmark = pytest.mark.browser

PURPOSE = "Et formål for Blåbærsatsingen som bare finnes i denne testen."
FOCUS_AREAS = ["Blåbærplukking for alle", "Tyttebær i nærmiljøet"]


def test_editor_drafts_previews_publishes_and_the_public_finds_it(browser, site, editor):
    bergen = Municipality.objects.get(slug="bergen")
    staff = browser.new_context(viewport={"width": 1280, "height": 900})
    public = browser.new_context(viewport={"width": 1280, "height": 900})
    violations = []

    def watch(page):
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text and violations.append(message.text)
            ),
        )
        return page

    try:
        page = watch(staff.new_page())
        page.goto(f"{site}/admin/login/")
        page.fill("#id_username", editor.get_username())
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        assert page.url.endswith("/admin/")

        # A new agreement for Bergen, with two focus areas added in the form.
        page.goto(f"{site}/admin/programs/agreement/add/?municipality={bergen.pk}")
        page.select_option("#id_kind", "intensjonsavtale")
        page.fill("#id_start_year", "2027")
        page.fill("#id_duration_years", "4")
        page.fill("#id_purpose_nb", PURPOSE)
        add_row = page.locator("#focus_areas-group .add-row a")
        for number, title in enumerate(FOCUS_AREAS):
            add_row.click()
            page.fill(f"#id_focus_areas-{number}-order", str(number + 1))
            page.fill(f"#id_focus_areas-{number}-title_nb", title)
        page.click("input[name=_continue]")
        page.wait_for_selector(".messagelist .success")
        assert "Utkast:" in page.content()

        # Preview: the municipality page with the draft, marked as such.
        page.goto(f"{site}/kommuner/bergen/?forhandsvis=1")
        assert page.locator("text=" + PURPOSE).is_visible()
        for title in FOCUS_AREAS:
            assert page.locator(f"text={title}").count() == 1
        assert page.locator("text=Utkast – ikke publisert").count() >= 1

        # The public does not see it.
        visitor = watch(public.new_page())
        visitor.goto(f"{site}/kommuner/bergen/")
        assert visitor.locator("text=" + PURPOSE).count() == 0

        # Publish explicitly from the change form.
        page.go_back()
        page.goto(f"{site}/admin/programs/agreement/?q=Bergen")
        page.click("text=Intensjonsavtale")
        page.click("input[name=_publish]")
        page.wait_for_selector(".messagelist .success")

        # Now the public finds it on the page, in search and in the open data.
        visitor.goto(f"{site}/kommuner/bergen/")
        assert visitor.locator("text=" + PURPOSE).is_visible()
        assert visitor.locator("text=Utkast – ikke publisert").count() == 0
        visitor.goto(f"{site}/sok/?q=Blåbærplukking")
        assert visitor.locator("#results-focus_areas + ul a", has_text=FOCUS_AREAS[0]).count() == 1
        response = visitor.request.get(f"{site}/data/innsatsomrader.json")
        titles = {record["title"] for record in json.loads(response.body())["records"]}
        assert set(FOCUS_AREAS) <= titles
        # The strict policy holds in the admin too: nothing was refused.
        assert violations == []
    finally:
        staff.close()
        public.close()
