"""No lost edits (core.forms.OptimisticLockForm): a save made from an older version is refused.

The refusal is a warning of its own (not the form-error banner) naming who
saved in between, when and what; the fields they changed show their text
next to the editor's own, which stays in the form. Overwriting takes an
explicit choice, for the version the editor was shown.
"""

import pytest
from django.urls import reverse

from core.roles import EDITOR
from municipalities.models import Area, Municipality
from programs.models import Agreement
from tests.support.admin_forms import admin_post_data, change_url
from tests.support.html import parse, text_of
from tests.support.users import logged_in, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors():
    """Anne Aas and Bjørn, each logged in with a client of their own."""
    return (
        logged_in(make_staff("anne", EDITOR, first_name="Anne", last_name="Aas")),
        logged_in(make_staff("bjorn", EDITOR)),
    )


def named_fields(message):
    """The fields a refusal says the other editor changed: «De endret: Formål, Siste år.»"""
    return message.split("De endret: ", 1)[1].split(".", 1)[0].split(", ")


def refusal(response):
    """The conflict warning, as the editor reads it; there is no form-error banner with it."""
    assert response.status_code == 200, "the save should have been refused"
    page = parse(response)
    assert not page.select(".errornote"), "a conflict is not an error to correct"
    return text_of(page, "section.conflict")


def field_error(response, name):
    return text_of(parse(response), f".form-row.field-{name} .errorlist")


def form_error(response):
    """The form's error above the fields (non-field errors), as the editor reads it."""
    assert response.status_code == 200, "the save should have been refused"
    return text_of(parse(response), "ul.errorlist.nonfield")


def test_second_concurrent_save_is_refused_showing_both_texts(two_editors):
    first, second = two_editors
    agreement = Agreement.objects.get(municipality__slug="drammen")
    url = change_url(agreement)
    first_data = admin_post_data(first.get(url))
    second_data = admin_post_data(second.get(url))

    first_data["purpose_nb"] = "Annes formål."
    assert first.post(url, first_data).status_code == 302

    second_data["purpose_nb"] = "Bjørns formål."
    second_data["programme_note_nb"] = "Bjørns merknad."
    response = second.post(url, second_data)
    message = refusal(response)
    assert message.startswith("Ikke lagret: noen andre lagret mens du redigerte")
    assert "Anne Aas lagret" in message
    assert "Formål" in named_fields(message)
    # The clashing field is marked with Anne's text; Bjørn's is still in the box.
    assert field_error(response, "purpose_nb") == "Anne Aas lagret dette: Annes formål."
    assert text_of(parse(response), "textarea[name=purpose_nb]") == "Bjørns formål."
    assert text_of(parse(response), "textarea[name=programme_note_nb]") == "Bjørns merknad."
    agreement.refresh_from_db()
    assert agreement.purpose_nb == "Annes formål."

    # Pressing Lagre again does not overwrite: that takes the box.
    again = admin_post_data(response)
    assert not again.get("overwrite")
    assert refusal(second.post(url, again))
    agreement.refresh_from_db()
    assert agreement.purpose_nb == "Annes formål."

    again["overwrite"] = "on"
    assert second.post(url, again).status_code == 302
    agreement.refresh_from_db()
    assert agreement.purpose_nb == "Bjørns formål."
    assert agreement.programme_note_nb == "Bjørns merknad."
    # Anne's text is not lost: it is in the history.
    assert agreement.history.filter(purpose_nb="Annes formål.").exists()


def test_an_overwrite_counts_only_for_the_version_shown(two_editors):
    first, second = two_editors
    agreement = Agreement.objects.get(municipality__slug="drammen")
    url = change_url(agreement)
    second_data = admin_post_data(second.get(url))
    for text in ("Annes første.", "Annes andre."):
        data = admin_post_data(first.get(url))
        data["purpose_nb"] = text
        if text == "Annes andre.":
            # Bjørn is shown the clash with Anne's first save and ticks the box ...
            second_data["purpose_nb"] = "Bjørns formål."
            shown = admin_post_data(second.post(url, second_data))
            shown["overwrite"] = "on"
        assert first.post(url, data).status_code == 302
    # ... but Anne saved again before he pressed Lagre: he is asked again.
    response = second.post(url, shown)
    assert field_error(response, "purpose_nb") == "Anne Aas lagret dette: Annes andre."
    agreement.refresh_from_db()
    assert agreement.purpose_nb == "Annes andre."


def test_refusal_names_only_the_fields_the_other_editor_changed(two_editors):
    # The fixture stores some empty translations as NULL, and every admin save
    # writes them back as "": that is no change, and is not named.
    first, second = two_editors
    agreement = Agreement.objects.get(municipality__slug="drammen")
    url = change_url(agreement)
    first_data = admin_post_data(first.get(url))
    second_data = admin_post_data(second.get(url))
    first_data["purpose_nb"] = "Annes formål."
    assert first.post(url, first_data).status_code == 302
    assert named_fields(refusal(second.post(url, second_data))) == ["Formål"]


def test_editing_alone_is_never_refused(editor_client):
    agreement = Agreement.objects.get(municipality__slug="drammen")
    url = change_url(agreement)
    for text in ("Første.", "Andre.", "Tredje."):
        data = admin_post_data(editor_client.get(url))
        data["purpose_nb"] = text
        assert editor_client.post(url, data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.purpose_nb == "Tredje."


def test_area_saved_on_its_own_makes_an_open_municipality_form_stale(editor_client):
    drammen = Municipality.objects.get(slug="drammen")
    stale = admin_post_data(editor_client.get(change_url(drammen)))
    area = Area.objects.get(slug="stromso")
    area_data = admin_post_data(editor_client.get(change_url(area)))
    area_data["description_nb"] = "Skrevet i områdeskjemaet."
    assert editor_client.post(change_url(area), area_data).status_code == 302
    response = editor_client.post(change_url(drammen), stale)
    assert "De endret: områder." in refusal(response)
    area.refresh_from_db()
    assert area.description_nb == "Skrevet i områdeskjemaet."


def test_form_without_its_version_is_refused(editor_client):
    agreement = Agreement.objects.get(municipality__slug="drammen")
    data = admin_post_data(editor_client.get(change_url(agreement)))
    del data["edit_version"]
    data["purpose_nb"] = "Uten versjon."
    response = editor_client.post(change_url(agreement), data)
    assert form_error(response) == (
        "Skjemaet mangler versjonsnummeret. Last siden på nytt og prøv igjen."
    )
    agreement.refresh_from_db()
    assert agreement.purpose_nb != "Uten versjon."


def test_publishing_from_the_list_does_not_make_an_open_form_stale(editor_client, drafts):
    conference = drafts["conference"]
    data = admin_post_data(editor_client.get(change_url(conference)))
    editor_client.post(
        reverse("admin:programs_conference_changelist"),
        {"action": "publish_selected", "_selected_action": [conference.pk]},
    )
    conference.refresh_from_db()
    assert conference.published_at is not None
    data["place"] = "Molde"
    assert editor_client.post(change_url(conference), data).status_code == 302
    conference.refresh_from_db()
    assert conference.place == "Molde"
    assert conference.published_at is not None
