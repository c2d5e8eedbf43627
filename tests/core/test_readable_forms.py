"""Admin forms a civil servant reads without help (issue 14, part 2).

Languages in their own sections with plain labels, themes as boxes to tick,
dates as dd.mm.åååå with a hint, amounts with thousands separators, texts
with a limit, each error on its own field and the page named as saved.
"""

import datetime

import pytest

from core.text import meta_description
from municipalities.models import Municipality
from programs.models import Agreement, Grant
from tests.support.admin_forms import admin_post_data, change_url, save_through_admin
from tests.support.html import clean, parse

pytestmark = pytest.mark.django_db


def field_errors(response):
    """{field name: error text} for each field row with an error, and the form's own errors."""
    page = parse(response)
    errors = {}
    for row in page.select(".form-row.errors"):
        name = next(c.removeprefix("field-") for c in row["class"] if c.startswith("field-"))
        errors[name] = clean(row.select_one(".errorlist").get_text())
    for listed in page.select("ul.errorlist.nonfield"):
        errors["__all__"] = clean(listed.get_text())
    return errors


def test_focus_areas_are_blocks_with_their_themes_as_checkboxes(editor_client):
    agreement = Agreement.objects.get(municipality__slug="drammen")
    page = parse(editor_client.get(change_url(agreement)))
    inline = page.select_one("#focus_areas-group")
    assert inline["data-inline-type"] == "stacked"  # one block each, not nine columns
    boxes = inline.select('input[type=checkbox][name="focus_areas-0-themes"]')
    assert len(boxes) >= 5
    # Each language in its own section, the labels without codes.
    labels = [clean(label.get_text()) for label in page.select("label")]
    assert not [label for label in labels if "[nb]" in label or "[nn]" in label]
    legends = [clean(h.get_text()) for h in inline.select("h2, summary")]
    assert {"Nynorsk", "Engelsk"} <= set(legends)


def test_a_date_is_shown_and_typed_day_first_with_a_hint(editor_client):
    agreement = Agreement.objects.get(municipality__slug="tromso")
    signed = {"stage": Agreement.Stage.CONCLUDED, "signed_on": "15.03.2025"}
    assert save_through_admin(editor_client, agreement, **signed).status_code == 302
    url = change_url(agreement)
    agreement.refresh_from_db()
    assert agreement.signed_on == datetime.date(2025, 3, 15)

    page = parse(editor_client.get(url))
    assert page.select_one("#id_signed_on")["value"] == "15.03.2025"
    hint = clean(page.select_one(".field-signed_on .help").get_text())
    assert "dd.mm.åååå" in hint


def test_an_amount_is_shown_grouped_and_accepted_as_people_type_it(editor_client):
    grant = Grant.objects.filter(amount__isnull=True).first()
    url = change_url(grant)
    data = admin_post_data(editor_client.get(url))
    data["amount"] = "12 500 000 kr"
    assert editor_client.post(url, data).status_code == 302
    grant.refresh_from_db()
    assert grant.amount == 12_500_000
    shown = parse(editor_client.get(url)).select_one("#id_amount")["value"]
    assert shown.replace("\xa0", " ") == "12 500 000"


def test_a_too_long_short_description_is_refused_on_its_field_and_nothing_saved(editor_client):
    drammen = Municipality.objects.get(slug="drammen")
    url = change_url(drammen)
    page = parse(editor_client.get(url))
    field = page.select_one("#id_description_nb")
    assert field["maxlength"] == "500"
    assert "data-count" in field.attrs  # the counter of characters used
    data = admin_post_data(editor_client.get(url))
    data["description_nb"] = "Lang tekst. " * 2500
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert set(field_errors(response)) == {"description_nb"}
    # The page is still named after the municipality as saved, not the typed text.
    title = parse(response).title.get_text()
    assert "Drammen |" in title
    assert "Lang tekst" not in title
    drammen.refresh_from_db()
    assert not drammen.description_nb.startswith("Lang tekst.")


def test_a_year_out_of_range_is_an_error_on_that_field_alone(editor_client):
    agreement = Agreement.objects.get(municipality__slug="drammen")
    url = change_url(agreement)
    data = admin_post_data(editor_client.get(url))
    data["end_year"] = "20255"
    response = editor_client.post(url, data)
    assert set(field_errors(response)) == {"end_year"}
    assert "Drammen (til 2030)" in parse(response).title.get_text()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kort tekst.", "Kort tekst."),
        ("ord " * 100, ("ord " * 40).strip() + "…"),  # 159 characters and «…»
        ("ordet " * 100, ("ordet " * 26).strip() + "…"),  # not «ord…»
        ("a" * 200, "a" * 159 + "…"),
        ("Linje\n\nto   mellomrom", "Linje to mellomrom"),
    ],
)
def test_meta_descriptions_are_cut_at_a_word(text, expected):
    assert meta_description(text) == expected
    assert len(meta_description(text)) <= 160


def test_a_long_description_becomes_a_short_meta_description(client):
    drammen = Municipality.objects.get(slug="drammen")
    text = "Et avsnitt om satsingen. " * 19
    drammen.description_nb = text
    drammen.save()
    meta = parse(client.get("/kommuner/drammen/")).select_one('meta[name="description"]')
    content = meta["content"]
    assert len(content) <= 160
    assert content.endswith("…")
    kept = content.removesuffix("…")
    assert text.startswith(kept)
    assert text[len(kept)] in " .", "cut inside a word"
