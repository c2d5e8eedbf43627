"""Turn an admin change page into the POST data a browser would send back."""

import datetime

from django.db.models.fields.files import FieldFile
from django.urls import reverse


def change_url(obj):
    """The admin change page of ``obj``."""
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def _encode(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _form_data(form):
    data = {}
    for bound in form:
        value = bound.value()
        if isinstance(value, FieldFile) or (
            value is None and bound.field.widget.input_type == "file"
            if hasattr(bound.field.widget, "input_type")
            else False
        ):
            continue
        if isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [_encode(v) for v in value]
        else:
            data[bound.html_name] = _encode(value)
    return data


def admin_post_data(response):
    """Everything the admin change form shows, as it would be submitted unchanged."""
    data = _form_data(response.context["adminform"].form)
    # The restore-from-history view has no inlines.
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.forms:
            data.update(_form_data(form))
    return data


def save_through_admin(client, obj, **changes):
    """Send ``obj``'s admin change form back as shown, with ``changes``: the response."""
    url = change_url(obj)
    data = admin_post_data(client.get(url))
    data.update(changes)
    return client.post(url, data)
