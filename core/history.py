"""The edit history (django-simple-history): which models keep one, and reading it for people."""

import simple_history
from django.apps import apps
from modeltranslation.translator import translator

# Fields that say nothing to a reader of a change.
IGNORED_FIELDS = {
    "created_at",
    "updated_at",
    "period_start",
    "period_end",
    "version",
    "published_at",
    "published_by",
    "checked_at",
    "checked_by",
}

_recorded = []


def recorded(*, excluded_fields=()):
    """Class decorator: keep a history of every save of this model.

    ``updated_at`` is never kept (the record's own date says when). The
    history model is made in ``register_recorded()``, from CoreConfig.ready:
    by then modeltranslation has added the translated fields (description_nb,
    …), so every language is versioned.
    """

    def decorate(model):
        _recorded.append((model, tuple(excluded_fields)))
        return model

    return decorate


def recorded_models():
    """The models that keep a history, in the order they were declared."""
    return [model for model, _excluded in _recorded]


def register_recorded():
    for model, excluded in _recorded:
        if hasattr(model, "history"):
            continue  # registered already (ready() may run twice in tests)
        names = {field.name for field in model._meta.get_fields()}
        excluded = [*excluded, *({"updated_at"} & names)]
        # Into the app's models module (a package's __init__ where models are
        # split by concept), where the shell and migrations look for it.
        simple_history.register(model, app=model._meta.app_label, excluded_fields=excluded)


def base_field(model, name):
    """purpose_nn → purpose, for models with translated fields."""
    if model in translator.get_registered_models():
        for field in translator.get_options_for_model(model).fields:
            if name.startswith(f"{field}_"):
                return field
    return name


# Why a record was made, when not by an edit of the object's own fields
# (history_change_reason): a child's model label ("programs.grant", see
# core.models.EditorialChild), or one of these prefixes.
RESTORED = "gjenopprettet:"  # + the history_id of the version brought back
LINKS = "koblinger:"  # + the names of the many-to-many fields that changed


def restored_reason(version_id):
    return f"{RESTORED}{version_id}"


def links_reason(field_names):
    return f"{LINKS}{','.join(field_names)}"[:100]


def child_model_of(reason):
    """The child model a record's reason names (a child saved on its own), or None."""
    try:
        return apps.get_model(reason or "")
    except (LookupError, ValueError):
        return None
