"""Which models keep an edit history (core.history.recorded), and where their history lives."""

import pytest
from django.apps import apps
from django.utils.module_loading import import_string
from simple_history.models import HistoricalChanges

from core.history import IGNORED_FIELDS


def history_models():
    return [model for model in apps.get_models() if issubclass(model, HistoricalChanges)]


def test_content_models_keep_a_history_in_every_language():
    recorded = {model.instance_type._meta.label for model in history_models()}
    assert {
        "municipalities.Municipality",
        "municipalities.Area",
        "programs.Agreement",
        "programs.FocusArea",
        "programs.Conference",
        "pages.Page",
    } <= recorded
    fields = {f.name for f in apps.get_model("programs", "HistoricalAgreement")._meta.fields}
    assert {"purpose_nb", "purpose_nn", "purpose_en"} <= fields
    assert "updated_at" not in fields  # the record's own date says when


@pytest.mark.parametrize("model", history_models(), ids=lambda model: model._meta.label)
def test_every_history_model_can_be_imported_where_the_shell_looks(model):
    # manage.py shell imports every model by f"{__module__}.{__name__}".
    assert import_string(f"{model.__module__}.{model.__name__}") is model


def test_fields_left_out_of_change_lists_exist():
    names = {f.name for model in apps.get_models() for f in model._meta.get_fields()}
    assert names >= IGNORED_FIELDS
