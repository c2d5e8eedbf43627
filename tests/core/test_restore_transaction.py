"""Restoring from history outside a test transaction, as in production.

Every other test runs inside a transaction, where SELECT ... FOR UPDATE (the
optimistic lock) always works; PostgreSQL refuses it outside one, which is how
the admin's restore view used to fail.
"""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from municipalities.models import Municipality
from tests.support.admin_forms import admin_post_data


@pytest.mark.django_db(transaction=True)
def test_restore_view_runs_in_a_transaction(django_user_model):
    call_command("loaddata", "omradesatsinger", verbosity=0)
    admin_user = django_user_model.objects.create_superuser("admin", "a@example.no", "x" * 16)
    client = Client()
    client.force_login(admin_user)
    drammen = Municipality.objects.get(slug="drammen")
    original = drammen.description_nb
    drammen.save()
    drammen.description_nb = "Midlertidig."
    drammen.save()
    old = drammen.history.order_by("history_date").first()
    url = reverse(
        "admin:municipalities_municipality_simple_history", args=[drammen.pk, old.history_id]
    )
    response = client.post(url, admin_post_data(client.get(url)))
    assert response.status_code == 302
    drammen.refresh_from_db()
    assert drammen.description_nb == original
