"""The editors' year in Debian's Chromium at 1280 px, checked on the public pages (issue 14).

A budget's grants imported from a spreadsheet; an announced agreement signed,
with a new focus area; its PDF uploaded; a draft municipality previewed,
published and removed; two editors in conflict; a history read and a restore.
"""

import io

import pytest
from openpyxl import Workbook

from municipalities.models import Municipality
from programs.models import Agreement, Grant
from tests.support.users import PASSWORD, make_staff

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def new_context(browser):
    """Browser contexts, closed before the live server stops."""
    contexts = []

    def new_context():
        contexts.append(browser.new_context(viewport={"width": 1280, "height": 900}))
        return contexts[-1]

    yield new_context
    for context in contexts:
        context.close()


def log_in(context, site, user):
    page = context.new_page()
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    assert page.url.endswith("/admin/"), page.url
    return page


def spreadsheet(tmp_path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / "tilskudd-2027.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def saved(page):
    page.wait_for_selector(".messagelist .success")
    return page


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, f"{page.url} is {width} px wide"


def test_the_editors_year(new_context, site, editor, tmp_path):
    page = log_in(new_context(), site, editor)
    public = new_context().new_page()

    # 1. The new budget's grants, from a spreadsheet.
    page.goto(f"{site}/admin/programs/grant/")
    page.get_by_role("link", name="Importer fra regneark").click()
    no_sideways_scroll(page)
    page.set_input_files(
        "input[type=file]",
        spreadsheet(
            tmp_path,
            [
                ["Kommune", "År", "Fase", "Beløp", "Budsjettdokument"],
                ["Drammen", 2027, "Foreslått", "7 500 000 kr", ""],
            ],
        ),
    )
    page.get_by_role("button", name="Vis hva som blir importert").click()
    assert "Ny" in page.locator("table.import-preview").inner_text()
    no_sideways_scroll(page)
    page.get_by_role("button", name="Lagre tilskuddene").click()
    saved(page)
    assert Grant.objects.get(municipality__slug="drammen", year=2027).amount == 7_500_000
    public.goto(f"{site}/kommuner/drammen/")
    assert "7 500 000 kr" in public.locator("#grants-heading + *").inner_text().replace("\xa0", " ")

    # 2. Tromsø's announced agreement is signed, with a new focus area.
    tromso = Agreement.objects.get(municipality__slug="tromso")
    page.goto(f"{site}/admin/programs/agreement/{tromso.pk}/change/")
    no_sideways_scroll(page)
    page.select_option("#id_stage", "concluded")
    page.fill("#id_signed_on", "15.03.2025")
    assert "dd.mm.åååå" in page.locator(".field-signed_on .help").inner_text()
    page.locator("#focus_areas-group .add-row a").click()
    page.fill("#id_focus_areas-0-order", "1")
    page.fill("#id_focus_areas-0-title_nb", "Trygge møteplasser i Tromsø")
    page.locator(
        "#focus_areas-group input[type=checkbox][name='focus_areas-0-themes']"
    ).first.check()
    # 3. The signed agreement as a PDF.
    page.set_input_files(
        "#id_document", files=[{"name": "avtale.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    no_sideways_scroll(page)
    page.click("input[name=_save]")
    saved(page)
    warning = page.locator(".messagelist .warning").inner_text()
    assert "Stemmer innledningen om Tromsø fortsatt?" in warning
    public.goto(f"{site}/kommuner/tromso/")
    text = public.locator("main").inner_text()
    assert "Trygge møteplasser i Tromsø" in text
    assert "Aktiv" in text
    document = public.request.get(f"{site}/avtaler/{tromso.pk}/avtale.pdf")
    assert document.status == 200
    assert document.headers["content-type"] == "application/pdf"
    assert document.body() == PDF

    # 4. A draft municipality: previewed, published, removed.
    page.goto(f"{site}/admin/municipalities/municipality/add/")
    page.fill("#id_name", "Prøvestad")
    page.fill("#id_description_nb", "En kommune som bare finnes i denne testen.")
    page.click("input[name=_continue]")
    saved(page)
    assert public.goto(f"{site}/kommuner/provestad/").status == 404
    preview = page.context.new_page()
    preview.goto(f"{site}/kommuner/provestad/?forhandsvis=1")
    assert "En kommune som bare finnes i denne testen." in preview.locator("main").inner_text()
    preview.close()
    page.click("input[name=_publish]")
    saved(page)
    assert public.goto(f"{site}/kommuner/provestad/").status == 200
    page.goto(
        f"{site}/admin/municipalities/municipality/"
        f"{Municipality.objects.get(slug='provestad').pk}/delete/"
    )
    page.click("input[type=submit]")
    saved(page)
    assert public.goto(f"{site}/kommuner/provestad/").status == 404

    # 5. Two editors at once: the second is warned and chooses to overwrite.
    other = log_in(
        new_context(), site, make_staff("otto", "Redaktør", first_name="Otto", last_name="Olsen")
    )
    bergen = Municipality.objects.get(slug="bergen")
    url = f"{site}/admin/municipalities/municipality/{bergen.pk}/change/"
    page.goto(url)
    other.goto(url)
    other.fill("#id_description_nb", "Ottos tekst om Bergen.")
    other.click("input[name=_save]")
    saved(other)
    page.fill("#id_description_nb", "Ritas tekst om Bergen.")
    with page.expect_navigation():
        page.click("input[name=_save]")
    conflict = page.locator("section.conflict")
    assert "Otto Olsen lagret" in conflict.inner_text()
    assert page.locator(".errornote").count() == 0
    assert "Ottos tekst om Bergen." in page.locator(".field-description_nb .errorlist").inner_text()
    assert page.input_value("#id_description_nb") == "Ritas tekst om Bergen."
    with page.expect_navigation():
        page.click("input[name=_save]")  # once more, without choosing: still refused
    page.locator("section.conflict").wait_for()
    assert page.locator(".messagelist .success").count() == 0
    page.check("section.conflict input[type=checkbox]")
    page.click("input[name=_save]")
    saved(page)
    public.goto(f"{site}/kommuner/bergen/")
    assert "Ritas tekst om Bergen." in public.locator("main").inner_text()

    # 6. The history read, and Otto's version restored.
    page.goto(f"{site}/admin/municipalities/municipality/{bergen.pk}/history/")
    no_sideways_scroll(page)
    newest = page.locator("#change-history > li").first.inner_text()
    assert "Rita Redaktør" in newest
    assert "Kort beskrivelse (bokmål):" in newest
    assert "None" not in page.locator("#change-history").inner_text()
    page.locator("#change-history > li").nth(1).get_by_role(
        "link", name="Se og gjenopprett"
    ).click()
    assert "blir ikke gjenopprettet" in page.locator(".restore-notice").inner_text()
    page.click("input[name=_save]")
    saved(page)
    public.goto(f"{site}/kommuner/bergen/")
    assert "Ottos tekst om Bergen." in public.locator("main").inner_text()
    page.goto(f"{site}/admin/municipalities/municipality/{bergen.pk}/history/")
    assert (
        page.locator(".change-action")
        .first.inner_text()
        .startswith("Gjenopprettet fra versjonen av")
    )
