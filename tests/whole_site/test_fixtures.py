"""The fixtures load cleanly and loading them again changes nothing."""

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

pytestmark = pytest.mark.django_db

APPS = ["municipalities", "programs", "pages"]


def snapshot():
    models = [m for app in APPS for m in apps.get_app_config(app).get_models()]
    return {
        model._meta.label: serializers.serialize("json", model.objects.order_by("pk"))
        for model in models
    }


def test_loading_the_fixtures_twice_changes_nothing():
    before = snapshot()
    assert sum(len(v) for v in before.values()) > 1000  # the fixtures are loaded
    call_command("loaddata", "omradesatsinger", verbosity=0)
    assert snapshot() == before


def test_every_agreement_has_its_period_derived_on_load():
    from programs.models import Agreement

    dated = Agreement.objects.exclude(signed_on=None, start_year=None, end_year=None)
    assert dated.exists()
    assert not dated.filter(period_start=None, period_end=None).exists()


def test_grant_amounts_are_all_empty():
    from programs.models import Grant

    assert Grant.objects.count() == 14
    assert not Grant.objects.exclude(amount=None).exists()
