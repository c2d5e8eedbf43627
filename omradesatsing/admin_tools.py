"""Admin helpers shared by the apps: language fieldsets and Norwegian slugs."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.core.exceptions import ValidationError
from django.db import connection, router, transaction
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from omradesatsing.text import norwegian_slugify

from .lookups import HIGHEST

LANGUAGE_LABELS = {"nb": _("Bokmål"), "nn": _("Nynorsk"), "en": _("Engelsk")}


def language_fieldsets(translated, common=(), common_title=None):
    """Fieldsets with the translated fields grouped per language.

    Bokmål comes first and open: it is required and the site falls back to it.
    Nynorsk and English follow, folded, so the form stays short. Without the
    tabbed widget of modeltranslation, which loads jQuery UI from a CDN.
    """
    common_title = common_title or _("Felles for alle språk")
    languages = [code for code, _name in settings.LANGUAGES]
    default = settings.LANGUAGE_CODE
    sets = [(LANGUAGE_LABELS[default], {"fields": [f"{f}_{default}" for f in translated]})]
    if common:
        sets.append((common_title, {"fields": list(common)}))
    for code in languages:
        if code == default:
            continue
        sets.append(
            (
                LANGUAGE_LABELS[code],
                {"fields": [f"{f}_{code}" for f in translated], "classes": ["collapse"]},
            )
        )
    return sets


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


def preview_url(url):
    """The public URL with ?forhandsvis=1 (before any #fragment): drafts shown to staff."""
    path, hash_mark, fragment = url.partition("#")
    separator = "&" if "?" in path else "?"
    return f"{path}{separator}forhandsvis=1{hash_mark}{fragment}"


class OptimisticLockForm(forms.ModelForm):
    """Refuses a save made from an older version of the object (two editors at once).

    The version the editor started from travels in a hidden field. If someone
    saved in between, the form says who, when and which fields they changed,
    and keeps this editor's text so nothing is lost. Saving again after that
    message is a deliberate choice to overwrite, so it then goes through.
    """

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

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
        if current is not None and started_from != current:
            self.data = self.data.copy()
            self.data[self.add_prefix("edit_version")] = current
            raise forms.ValidationError(self.conflict_message(started_from), code="conflict")
        return cleaned

    def conflict_message(self, started_from):
        from .history import changed_field_labels

        model = type(self.instance)
        history = model.history.filter(id=self.instance.pk)
        latest = history.order_by("-history_date", "-history_id").first()
        base = history.filter(version=started_from).order_by("-history_id").first()
        fields = changed_field_labels(model, latest, base) if latest and base else []
        who = getattr(latest, "history_user", None) if latest else None
        params = {
            "who": (who.get_full_name() or who.get_username()) if who else _("en annen"),
            "when": formats.date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
            if latest
            else "",
            "fields": ", ".join(fields) if fields else _("ukjente felter"),
        }
        return (
            _(
                "Ikke lagret: %(who)s endret dette %(when)s mens du redigerte. "
                "De endret: %(fields)s. Endringene dine står fortsatt i skjemaet. Åpne siden "
                "i en ny fane for å se deres versjon. Lagrer du igjen, overskriver du endringene "
                "deres."
            )
            % params
        )


class PublishedFilter(admin.SimpleListFilter):
    title = _("publisering")
    parameter_name = "publisert"

    def lookups(self, request, model_admin):
        return [("ja", _("Publisert")), ("nei", _("Utkast"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(published_at__isnull=False)
        if self.value() == "nei":
            return queryset.filter(published_at__isnull=True)
        return queryset


class EditorialAdmin(SimpleHistoryAdmin):
    """Drafts and publishing, history with restore, preview, and no lost edits.

    Use with a form based on OptimisticLockForm.
    """

    change_form_template = "admin/editorial_change_form.html"
    actions = ["publish_selected", "unpublish_selected"]
    editorial_fields = ["published_at", "published_by", "version"]

    def has_publish_permission(self, request):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.editorial_fields]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "publication"]

    def get_list_filter(self, request):
        return [PublishedFilter, *super().get_list_filter(request)]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [list(f) for f in super().get_fieldsets(request, obj)]
        first = dict(fieldsets[0][1])
        first["fields"] = [*first["fields"], "edit_version"]
        fieldsets[0][1] = first
        publishing = (_("Publisering"), {"fields": self.editorial_fields})
        return [tuple(f) for f in fieldsets] + [publishing]

    def view_on_site(self, obj):
        # Drafts are only visible in preview; published content looks the same.
        return preview_url(obj.get_absolute_url())

    @admin.display(description=_("publisering"), ordering="published_at")
    def publication(self, obj):
        if obj.published_at:
            return _("Publisert %(date)s") % {
                "date": formats.date_format(
                    timezone.localtime(obj.published_at), "SHORT_DATE_FORMAT"
                )
            }
        return _("Utkast")

    @admin.action(description=_("Publiser valgte"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        for obj in queryset.filter(published_at__isnull=True):
            obj._history_user = request.user
            obj.publish(request.user)
        self.message_user(request, _("Publisert."), messages.SUCCESS)

    @admin.action(description=_("Avpubliser valgte (gjør til utkast)"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        for obj in queryset.filter(published_at__isnull=False):
            obj._history_user = request.user
            obj.unpublish()
        self.message_user(request, _("Gjort til utkast. Innholdet er ikke lenger synlig."))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_publish"] = self.has_publish_permission(request)
        context["is_published"] = bool(obj and obj.published_at)
        context["preview_url"] = preview_url(obj.get_absolute_url()) if obj and obj.pk else ""
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _publish_from_form(self, request, obj):
        if "_publish" in request.POST and self.has_publish_permission(request):
            obj._history_user = request.user
            obj.publish(request.user)
            self.message_user(
                request, _("«%(obj)s» er publisert.") % {"obj": obj}, messages.SUCCESS
            )
        elif "_unpublish" in request.POST and self.has_publish_permission(request):
            obj._history_user = request.user
            obj.unpublish()
            self.message_user(request, _("«%(obj)s» er gjort til utkast.") % {"obj": obj})

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history's URL takes any text as the version id.
        if not str(version_id).isdigit() or int(version_id) > HIGHEST:
            raise Http404(version_id)
        request.restoring_history = True
        # Restoring saves like the change form does, so it needs the same
        # transaction (the optimistic lock's SELECT ... FOR UPDATE).
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        if change and getattr(request, "restoring_history", False):
            # Restoring brings back the content of a version, not whether it
            # was published then: that stays an explicit act with its own
            # permission (the publish button), recorded with who and when.
            current = (
                type(obj)
                ._base_manager.filter(pk=obj.pk)
                .values("published_at", "published_by")
                .first()
            )
            if current is not None:
                obj.published_at = current["published_at"]
                obj.published_by_id = current["published_by"]
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        self._publish_from_form(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._publish_from_form(request, obj)
        return super().response_change(request, obj)


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


class _SafeAutocompleteMixin:
    """Django's autocomplete widgets query the submitted values when a form is shown
    again with errors; a value that is not a valid key (typed by hand, sent by a
    robot) made that query fail with a 500. Such values are left out of the
    widget; the field's own validation still reports them to the editor.
    """

    def optgroups(self, name, value, attr=None):
        target = self.field.remote_field.model._meta.pk
        valid = []
        for item in value:
            try:
                target.to_python(item)
            except ValidationError:
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class SafeAutocompleteSelect(_SafeAutocompleteMixin, widgets.AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_SafeAutocompleteMixin, widgets.AutocompleteSelectMultiple):
    pass


class ChildOfEditorialAdminMixin:
    """For objects edited on their own that belong to an editorial parent (areas
    and grants of a municipality, focus areas of an agreement): saving or
    deleting one counts as a change of the parent. A parent form opened earlier
    then cannot write an old child back without the optimistic-lock warning,
    and the parent's "sist endret" date and the feed of changes show it."""

    parent_field = None

    def _mark(self, request, parent, obj):
        if parent is not None:
            parent.mark_changed(request.user, reason=obj._meta.label_lower)

    def save_model(self, request, obj, form, change):
        old_parent = None
        if change:
            old_parent_id = (
                type(obj)
                ._base_manager.filter(pk=obj.pk)
                .values_list(f"{self.parent_field}_id", flat=True)
                .first()
            )
            if old_parent_id and old_parent_id != getattr(obj, f"{self.parent_field}_id"):
                parent_model = obj._meta.get_field(self.parent_field).related_model
                old_parent = parent_model._base_manager.filter(pk=old_parent_id).first()
        super().save_model(request, obj, form, change)
        self._mark(request, getattr(obj, self.parent_field, None), obj)
        self._mark(request, old_parent, obj)

    def delete_model(self, request, obj):
        parent = getattr(obj, self.parent_field, None)
        super().delete_model(request, obj)
        self._mark(request, parent, obj)


class SafeAutocompleteAdminMixin:
    """Admin classes with autocomplete_fields use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
