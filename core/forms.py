"""Admin forms shared by the apps: slugs made from names, no lost edits, checked keys."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.admin import widgets
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms.models import BaseInlineFormSet
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .changelog import describe, meaningful_changes
from .history import child_model_of
from .text import norwegian_slugify, parse_amount

# The keys a database row can have (64-bit integers). Anything outside is
# refused where it comes in: SQLite cannot even be asked about it.
LOWEST_KEY, HIGHEST_KEY = -(2**63), 2**63 - 1


def is_storable_key(value, field):
    """Whether ``value`` (as typed or sent) can be a value of the key ``field``."""
    try:
        value = field.to_python(value)
    except ValidationError:
        return False
    return not isinstance(value, int) or LOWEST_KEY <= value <= HIGHEST_KEY


class AmountField(forms.DecimalField):
    """Whole kroner, shown and typed as Norwegians write them: 5 000 000, «5 000 000 kr»
    (core.text.parse_amount, as the spreadsheet import reads them).

    A text box rather than a number box, which could show no separators.
    """

    widget = forms.TextInput(attrs={"inputmode": "numeric", "class": "vTextField amount"})

    def prepare_value(self, value):
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return formats.number_format(value, use_l10n=True, force_grouping=True)
        return value

    def to_python(self, value):
        if isinstance(value, str):
            try:
                return parse_amount(value)
            except ValueError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return super().to_python(value)

    def widget_attrs(self, widget):
        # No min/max/step: they belong to number boxes.
        return {}


class SlugFromFieldForm(forms.ModelForm):
    """A form whose slug may be left empty: it is then made from ``slug_source``.

    Used as an admin form: the admin supplies the model and the fields.

    The admin's prepopulated_fields fills the slug while typing (its urlify.js
    also writes æ, ø, å as ae, o, a); this does the same without JavaScript.
    """

    slug_source = "name"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if not slug:
            source = self.data.get(self.add_prefix(self._slug_source_field()), "")
            slug = norwegian_slugify(source)
        if not slug:
            raise forms.ValidationError(_("Skriv inn et adressenavn, eller fyll ut navnet først."))
        return slug

    def _slug_source_field(self):
        # A translated source field is edited as <field>_<default language>.
        if self.slug_source in self.fields:
            return self.slug_source
        return f"{self.slug_source}_{settings.LANGUAGE_CODE}"


class TitleSlugForm(SlugFromFieldForm):
    slug_source = "title"


class OptimisticLockForm(forms.ModelForm):
    """Refuses a save made from an older version of the object (two editors at once).

    The version the editor started from travels in a hidden field. If someone
    saved in between, nothing is saved and ``conflict`` says who, when and
    what they changed; each field they changed carries their saved value as
    an error (code "conflict"), next to this editor's text, which stays in
    the form. Overwriting takes an explicit choice: the ``overwrite`` box,
    which counts only for the version the editor was shown (``seen_version``),
    so a third save in between asks again.
    """

    edit_version = forms.IntegerField(
        label=_("Versjonen du begynte på"), widget=forms.HiddenInput, required=False
    )
    seen_version = forms.IntegerField(
        label=_("Versjonen du ble vist"), widget=forms.HiddenInput, required=False
    )
    overwrite = forms.BooleanField(label=_("Overskriv"), required=False)

    conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # The stored version, not the instance's: when restoring an old
            # version from history, the instance is the old copy.
            self.fields["edit_version"].initial = self.instance.stored_version()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        started_from = cleaned.get("edit_version")
        # Lock the row only inside a transaction (FOR UPDATE needs one); the
        # admin's views run in one, and EditorialAdmin wraps the restore view.
        current = self.instance.stored_version(lock=connection.in_atomic_block)
        if started_from is None:
            raise forms.ValidationError(
                _("Skjemaet mangler versjonsnummeret. Last siden på nytt og prøv igjen."),
                code="no_version",
            )
        if current is None or started_from == current:
            return cleaned
        if cleaned.get("overwrite") and cleaned.get("seen_version") == current:
            return cleaned  # shown this very version, and chose to overwrite it
        self.conflict = self.describe_conflict(started_from)
        self.data = self.data.copy()
        self.data[self.add_prefix("seen_version")] = current
        self.data.pop(self.add_prefix("overwrite"), None)  # asked afresh for this version
        for name, theirs in self.conflict["fields"]:
            self.add_error(
                name,
                forms.ValidationError(
                    _("%(who)s lagret dette: %(theirs)s"),
                    code="conflict",
                    params={"who": self.conflict["who"], "theirs": theirs},
                ),
            )
        # On the hidden field, not above the form: the clash has its own
        # warning (admin/editorial_change_form.html), apart from errors to correct.
        self.add_error(
            "edit_version", forms.ValidationError(self.conflict_message(), code="conflict")
        )
        return cleaned

    def describe_conflict(self, started_from):
        """Who saved, when, and (form field, their value) for each field they changed."""
        model = type(self.instance)
        history = model.history.filter(id=self.instance.pk)
        latest = history.order_by("-history_date", "-history_id").first()
        # The version the editor started from, or the nearest older one kept.
        base = history.filter(version__lte=started_from).order_by("-version", "-history_id").first()
        who = getattr(latest, "history_user", None) if latest else None
        fields, labels = [], []
        if latest is not None and base is not None:
            for change, field in meaningful_changes(model, latest, base):
                labels.append(str(capfirst(field.verbose_name)))
                if change.field in self.fields:
                    fields.append((change.field, describe(field, change.new)))
            child = child_model_of(latest.history_change_reason)
            if child is not None:
                labels.append(str(child._meta.verbose_name_plural))
        return {
            "who": (who.get_full_name() or who.get_username()) if who else _("en annen"),
            "when": formats.date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
            if latest
            else "",
            "changed": list(dict.fromkeys(labels)),
            "fields": fields,
        }

    def conflict_message(self):
        conflict = self.conflict
        return _(
            "Ikke lagret: %(who)s endret dette %(when)s mens du redigerte. De endret: %(fields)s."
        ) % {
            "who": conflict["who"],
            "when": conflict["when"],
            "fields": ", ".join(conflict["changed"]) or _("ukjente felter"),
        }


class EditorialSlugForm(OptimisticLockForm, SlugFromFieldForm):
    pass


class EditorialTitleSlugForm(OptimisticLockForm, TitleSlugForm):
    pass


class CheckedInlineFormSet(BaseInlineFormSet):
    """An inline formset that refuses tampered form counts.

    Django trusts the management form: a negative or lowered INITIAL_FORMS
    turns existing rows into new ones, and saving them broke a unique
    constraint in the database (a 500) instead of showing an error.
    """

    def clean(self):
        super().clean()
        pk_name = self.model._meta.pk.name
        counts_ok = 0 <= self.initial_form_count() <= self.total_form_count()
        # A "new" row that names an existing one is an existing row miscounted.
        if not counts_ok or any(f.cleaned_data.get(pk_name) for f in self.extra_forms):
            raise forms.ValidationError(
                _("Skjemaet er ugyldig. Last siden på nytt og prøv igjen."), code="tampered"
            )


class CheckedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses, as an invalid choice, a key no row can have (typed by hand, sent by a robot).

    Django would pass it to the database in an IN (...) list, which SQLite
    answers with an error (a 500) rather than "no such row".
    """

    def clean(self, value):
        opts = self.queryset.model._meta
        key_field = opts.get_field(self.to_field_name) if self.to_field_name else opts.pk
        for item in value or ():
            if not is_storable_key(item, key_field):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super().clean(value)


class _CheckedAutocompleteMixin:
    """Django's autocomplete widgets query the submitted values when a form is shown
    again with errors; a value that cannot be a key made that query fail with a
    500. Such values are left out of the widget; the field itself reports them.
    """

    def optgroups(self, name, value, attr=None):
        key_field = self.field.remote_field.model._meta.pk
        return super().optgroups(name, [v for v in value if is_storable_key(v, key_field)], attr)


class CheckedAutocompleteSelect(_CheckedAutocompleteMixin, widgets.AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(
    _CheckedAutocompleteMixin, widgets.AutocompleteSelectMultiple
):
    pass
