"""Keys no database row can have are refused where they come in (core.forms, core.admin).

A key beyond 64 bits, typed or sent by hand, must get a clear answer, never a
500 (SQLite cannot even be asked about such a number).
"""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.forms import CheckedModelMultipleChoiceField, is_storable_key
from programs.models import Conference, Theme

pytestmark = pytest.mark.django_db

HUGE_ID = "99999999999999999999"


def test_a_key_beyond_64_bits_is_not_storable_and_ordinary_keys_are():
    pk = Theme._meta.pk
    assert is_storable_key("5", pk)
    assert is_storable_key(str(2**63 - 1), pk)
    assert not is_storable_key(str(2**63), pk)
    assert not is_storable_key(HUGE_ID, pk)
    assert not is_storable_key("fem", pk)


def test_a_many_to_many_field_refuses_a_key_beyond_64_bits_as_an_invalid_choice():
    field = CheckedModelMultipleChoiceField(queryset=Theme.objects.all())
    arbeid = Theme.objects.get(slug="arbeid")
    assert list(field.clean([str(arbeid.pk)])) == [arbeid]
    with pytest.raises(ValidationError) as refused:
        field.clean([str(arbeid.pk), HUGE_ID])
    assert refused.value.code == "invalid_pk_value"


def test_an_action_on_a_row_that_cannot_exist_is_refused_with_a_message(lenient_client):
    draft = Conference.objects.create(
        title="Utkast",
        title_nb="Utkast",
        slug="utkast",
        start_date="2027-01-01",
        end_date="2027-01-01",
        place="Molde",
    )
    url = reverse("admin:programs_conference_changelist")

    response = lenient_client.post(
        url, {"action": "publish_selected", "_selected_action": [str(draft.pk), HUGE_ID]}
    )

    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Valget er ugyldig. Last siden på nytt og prøv igjen."]
    draft.refresh_from_db()
    assert draft.published_at is None
    # The same action on rows that exist goes through.
    lenient_client.post(url, {"action": "publish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.published_at is not None


def test_djangos_own_admins_refuse_such_keys_too(lenient_client):
    # The site gives every registered admin the checks, not only this project's.
    url = reverse("admin:auth_user_changelist")
    assert lenient_client.get(url, {"id__in": "1,2"}).status_code == 200
    assert lenient_client.get(url, {"id__in": f"1,{HUGE_ID}"}).status_code == 400
    response = lenient_client.post(
        url, {"action": "delete_selected", "_selected_action": [HUGE_ID]}
    )
    assert response.status_code == 302
