"""Reading the edit history (django-simple-history) for people: what changed, by whom."""

from django.utils.text import capfirst
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
}


def base_field(model, name):
    """purpose_nn → purpose, for models with translated fields."""
    if model in translator.get_registered_models():
        for field in translator.get_options_for_model(model).fields:
            if name.startswith(f"{field}_"):
                return field
    return name


def changed_field_labels(model, newer, older):
    """Readable names of the fields that differ between two historical records."""
    labels = []
    for change in newer.diff_against(older).changes:
        field = base_field(model, change.field)
        if field in IGNORED_FIELDS:
            continue
        label = str(capfirst(model._meta.get_field(field).verbose_name))
        if label not in labels:
            labels.append(label)
    return labels
