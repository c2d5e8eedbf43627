"""Admin classes shared by the apps: language fieldsets, checked keys, publishing, history."""

import contextlib
import datetime
import re

from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth import get_user_model
from django.core.paginator import EmptyPage
from django.db import models, router, transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import changelog, clock
from .forms import (
    HIGHEST_KEY,
    LOWEST_KEY,
    AmountField,
    CheckedAutocompleteSelect,
    CheckedAutocompleteSelectMultiple,
    CheckedModelMultipleChoiceField,
    is_storable_key,
)
from .history import links_reason, restored_reason
from .translation_status import missing_fields, missing_translation, translated_fields

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


def preview_url(url):
    """The public URL with ?forhandsvis=1 (before any #fragment): drafts shown to staff."""
    path, hash_mark, fragment = url.partition("#")
    separator = "&" if "?" in path else "?"
    return f"{path}{separator}forhandsvis=1{hash_mark}{fragment}"


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


class CheckedFilter(admin.SimpleListFilter):
    title = _("kontroll")
    parameter_name = "kontrollert"

    def lookups(self, request, model_admin):
        return [
            ("nei", _("Ikke kontrollert siste 12 måneder")),
            ("ja", _("Kontrollert siste 12 måneder")),
        ]

    def queryset(self, request, queryset):
        year_ago = timezone.now() - datetime.timedelta(days=365)
        if self.value() == "nei":
            return queryset.not_checked_since(year_ago)
        if self.value() == "ja":
            return queryset.filter(checked_at__gte=year_ago)
        return queryset


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("oversettelse")
    parameter_name = "mangler"

    def lookups(self, request, model_admin):
        return [("nn", _("Mangler nynorsk")), ("en", _("Mangler engelsk"))]

    def queryset(self, request, queryset):
        if self.value() in ("nn", "en"):
            return missing_translation(queryset, self.value())
        return queryset


_INTEGER = re.compile(r"[+-]?\d+")


class CheckedKeyFieldsMixin:
    """For admins and inlines: form fields that refuse keys no database row can have.

    Such a key (typed or sent by hand) would otherwise reach the database,
    which SQLite answers with an error: a 500 instead of a field error.
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        kwargs.setdefault("form_class", CheckedModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CheckedKeysMixin(CheckedKeyFieldsMixin):
    """For every admin: the same for its form fields, list filters and the rows picked for
    an action (CheckedAdminSite gives it to every registered admin)."""

    def lookup_allowed(self, lookup, value, request):
        # ?id__in=1,99999999999999999999: a bad request, not a query.
        for part in str(value).split(","):
            part = part.strip()
            if _INTEGER.fullmatch(part) and not LOWEST_KEY <= int(part) <= HIGHEST_KEY:
                return False
        return super().lookup_allowed(lookup, value, request)

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(is_storable_key(value, self.model._meta.pk) for value in selected):
            self.message_user(
                request, _("Valget er ugyldig. Last siden på nytt og prøv igjen."), messages.ERROR
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)


class ReadableFieldsMixin:
    """Form fields as a Norwegian editor reads and types them.

    * Translated fields are labelled «Formål», not «Formål [nb]»: their
      fieldset names the language.
    * Dates are shown as dd.mm.åååå (formats/nb), with that hint beside them.
    * Whole-krone amounts are shown and typed with thousands separators.
    * Texts with a length limit count the characters used (static/js/admin.js).
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DecimalField) and db_field.decimal_places == 0:
            kwargs.setdefault("form_class", AmountField)
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is None:
            return None
        if isinstance(field.label, str | Promise):
            field.label = _LANGUAGE_SUFFIX.sub("", str(field.label))
        if isinstance(db_field, models.DateField) and not isinstance(
            db_field, models.DateTimeField
        ):
            field.help_text = format_lazy(
                "{} {}", field.help_text, _("Skriv datoen som dd.mm.åååå, for eksempel 15.03.2025.")
            )
            field.widget.attrs.setdefault("placeholder", _("dd.mm.åååå"))
        if isinstance(field.widget, RelatedFieldWidgetWrapper):
            # The ✖ beside a choice deletes the chosen object itself, not the
            # choice: too easy to mistake for clearing the field.
            field.widget.can_delete_related = False
        max_length = getattr(db_field, "max_length", None)
        if (
            max_length
            and max_length >= 100
            and isinstance(db_field, models.CharField | models.TextField)
        ):
            field.widget.attrs["data-count"] = _("%(used)s av %(limit)s tegn")
        return field

    def get_changelist_form(self, request, **kwargs):
        """Fields edited in a list are named for screen readers: «Rekkefølge: Oslo»."""
        form = super().get_changelist_form(request, **kwargs)

        class LabelledRowForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for field in self.fields.values():
                    field.widget.attrs.setdefault("aria-label", f"{field.label}: {self.instance}")

        return LabelledRowForm

    def get_deleted_objects(self, objs, request):
        """Django's list of what a delete removes, without the link tables of many-to-many
        fields («Agreement_areas object (76)»): links are not things an editor deletes."""
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = [
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.auto_created
        ]
        prefixes = tuple(f"{capfirst(model._meta.verbose_name)}: " for model in links)
        plurals = {str(model._meta.verbose_name_plural) for model in links}
        return (
            _without(to_delete, prefixes),
            {name: count for name, count in model_count.items() if str(name) not in plurals},
            perms_needed,
            protected,
        )


def _without(nested, prefixes):
    """``nested`` (lists of lists of strings) without the strings starting with ``prefixes``."""
    kept = []
    for item in nested:
        if isinstance(item, list):
            inner = _without(item, prefixes)
            if inner:
                kept.append(inner)
        elif not str(item).startswith(prefixes):
            kept.append(item)
    return kept


_LANGUAGE_SUFFIX = re.compile(r" \[[a-z]{2}(?:-[a-z]+)?\]$")


class StoredTitleMixin:
    """The change form is titled by the object as saved, not as typed.

    After a failed save, Django names the page after the instance the form
    has already filled in: the editor's unsaved (perhaps wrong) text.
    """

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and obj.pk is not None and request.method == "POST":
            stored = self.model._default_manager.filter(pk=obj.pk).first()
            if stored is not None:
                context["subtitle"] = str(stored)
        return super().render_change_form(request, context, add, change, form_url, obj)


class CheckedAdminSite(admin.AdminSite):
    """The site's admin (core.apps.AdminConfig makes it the default).

    Every admin registered on it refuses keys no row can have (CheckedKeysMixin),
    Django's own and django-axes' included, so no admin page can be made to
    answer 500 that way, and titles its change form by the saved object
    (StoredTitleMixin) and shows its fields readably (ReadableFieldsMixin).
    Inlines take the key checks and readable fields themselves.
    """

    site_header = _("Områdesatsinger – redigering")
    site_title = _("Områdesatsinger")
    index_title = _("Innhold")

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "needs_review": self.needs_review(request)}
        return super().index(request, extra_context)

    # Items shown per reason on the front page; the rest are a link away.
    REVIEW_ITEMS_SHOWN = 5

    def needs_review(self, request):
        """«Trenger oppfølging»: [{model, reason, count, items, list_url}] the user may fix.

        The rules are the models' own (``needs_review`` on their queryset).
        """
        today = clock.today()
        groups = []
        for model in apps.get_models():
            model_admin = self.get_model_admin(model) if self.is_registered(model) else None
            rules = getattr(model._default_manager.all(), "needs_review", None)
            if model_admin is None or rules is None:
                continue
            if not model_admin.has_change_permission(request):
                continue
            opts = model._meta
            for reason, queryset in rules(today):
                count = queryset.count()
                if not count:
                    continue
                # What the list needs for each row's name, the list needs here too.
                related = model_admin.list_select_related
                if related:
                    queryset = (
                        queryset.select_related(*related)
                        if isinstance(related, list | tuple)
                        else queryset.select_related()
                    )
                shown = list(queryset.order_by("pk")[: self.REVIEW_ITEMS_SHOWN])
                groups.append(
                    {
                        "model": capfirst(opts.verbose_name_plural),
                        "reason": reason,
                        "count": count,
                        "items": [
                            (
                                str(obj),
                                reverse(
                                    f"{self.name}:{opts.app_label}_{opts.model_name}_change",
                                    args=[obj.pk],
                                ),
                            )
                            for obj in shown
                        ],
                        "more": count - len(shown),
                        "list_url": reverse(
                            f"{self.name}:{opts.app_label}_{opts.model_name}_changelist"
                        )
                        + "?"
                        + urlencode(
                            {
                                "id__in": ",".join(
                                    str(pk) for pk in queryset.values_list("pk", flat=True)[:200]
                                )
                            }
                        ),
                    }
                )
        return groups

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        mixins = tuple(
            mixin
            for mixin in (CheckedKeysMixin, StoredTitleMixin, ReadableFieldsMixin)
            if not issubclass(admin_class, mixin)
        )
        if mixins:
            admin_class = type(
                admin_class.__name__, (*mixins, admin_class), {"__module__": admin_class.__module__}
            )
        super().register(model_or_iterable, admin_class, **options)


class HistoryAdmin(SimpleHistoryAdmin):
    """For models with a history (core.history.recorded): a history people can read.

    Each version lists what changed as labels and values (core.changelog),
    with the changes of the object's parts made in the same save beneath it.
    Restoring says what it brings back and what it does not, and is recorded
    as «Gjenopprettet fra versjonen av …». A save that changes nothing is not
    made, so it records nothing.
    """

    object_history_template = "admin/core/object_history.html"
    object_history_form_template = "admin/core/object_history_form.html"

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if translated_fields(self.model):
            filters.append(MissingTranslationFilter)
        return filters

    def get_fieldsets(self, request, obj=None):
        """Each language's section says how many of its texts are missing."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not translated_fields(self.model):
            return fieldsets
        named = {str(label): code for code, label in LANGUAGE_LABELS.items()}
        result = []
        for name, options in fieldsets:
            code = named.get(str(name))
            if code and code != settings.LANGUAGE_CODE:
                missing = len(missing_fields(obj, code))
                if missing:
                    name = ngettext(
                        "%(language)s – %(count)s tekst mangler",
                        "%(language)s – %(count)s tekster mangler",
                        missing,
                    ) % {"language": name, "count": missing}
            result.append((name, options))
        return result

    def set_history_delta_changes(self, request, page_obj, **kwargs):
        paginator = page_obj.paginator
        before = after = None
        if page_obj.has_next():
            before = paginator.page(page_obj.next_page_number()).object_list[0]
        if page_obj.has_previous():
            with contextlib.suppress(EmptyPage):
                after = list(paginator.page(page_obj.previous_page_number()).object_list)[-1]
        entries = changelog.entries(self.model, page_obj.object_list, before, after)
        for record, entry in zip(page_obj.object_list, entries, strict=True):
            record.entry = entry

    def history_view(self, request, object_id, extra_context=None):
        # Who made each change links to that user's admin page only for those
        # who may open it; for an editor it is plain text (an empty view name
        # does not resolve, and the template then shows the name alone).
        user_opts = get_user_model()._meta
        if not request.user.has_perm(f"{user_opts.app_label}.view_{user_opts.model_name}"):
            extra_context = {**(extra_context or {}), "admin_user_view": ""}
        return super().history_view(request, object_id, extra_context)

    def history_view_title(self, request, obj):
        return _("Historikk: %(object)s") % {"object": obj}

    def history_form_view_title(self, request, obj):
        return _("Gjenopprett %(object)s") % {"object": obj}

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history's URL takes any text as the version id.
        if not str(version_id).isdigit() or int(version_id) > HIGHEST_KEY:
            raise Http404(version_id)
        request.restoring_history = int(version_id)
        current = self.model._default_manager.filter(pk=object_id).first()
        version = self.model.history.filter(pk=version_id).first()
        extra_context = {
            **(extra_context or {}),
            "child_history_links": changelog.child_history_links(current) if current else [],
            "child_models": [
                child._meta.verbose_name_plural for child in changelog.child_models(self.model)
            ],
            "version_date": changelog.format_datetime(version.history_date) if version else "",
        }
        # Restoring saves like the change form does, so it needs the same
        # transaction (the optimistic lock's SELECT ... FOR UPDATE).
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        restoring = getattr(request, "restoring_history", None)
        if change and restoring is None and not form.has_changed():
            # Nothing to save: no new version, no history record, no «sist endret».
            obj.saved_nothing = True
            return
        if restoring is not None:
            obj._change_reason = restored_reason(restoring)
        elif change:
            many = {field.name for field in obj._meta.many_to_many}
            links = [name for name in form.changed_data if name in many]
            if links:
                # The history keeps fields, not links: say which links changed.
                obj._change_reason = links_reason(links)
        super().save_model(request, obj, form, change)


class EditorialAdmin(HistoryAdmin):
    """Drafts and publishing, history with restore, preview, and no lost edits.

    Use with a form based on core.forms.OptimisticLockForm.
    """

    change_form_template = "admin/editorial_change_form.html"
    actions = ["publish_selected", "unpublish_selected", "mark_checked_selected"]
    editorial_fields = ["published_at", "published_by", "checked_at", "checked_by", "version"]

    def has_publish_permission(self, request):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.editorial_fields]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "publication"]

    def get_list_filter(self, request):
        return [PublishedFilter, CheckedFilter, *super().get_list_filter(request)]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [list(f) for f in super().get_fieldsets(request, obj)]
        first = dict(fieldsets[0][1])
        first["fields"] = [*first["fields"], "edit_version", "seen_version"]
        fieldsets[0][1] = first
        publishing = (_("Publisering og kontroll"), {"fields": self.editorial_fields})
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

    @admin.action(description=_("Marker valgte som kontrollert"), permissions=["change"])
    def mark_checked_selected(self, request, queryset):
        count = 0
        for obj in queryset:
            obj._history_user = request.user
            obj.mark_checked(request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)s markert som kontrollert i dag.",
                "%(count)s markert som kontrollert i dag.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Avpubliser valgte (gjør til utkast)"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        for obj in queryset.filter(published_at__isnull=False):
            obj._history_user = request.user
            obj.unpublish()
        self.message_user(request, _("Gjort til utkast. Innholdet er ikke lenger synlig."))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context["conflict"] = getattr(form, "conflict", None)
        if context["conflict"] and context.get("errors"):
            # The clash has its own warning: the form-error banner is only for
            # errors to correct.
            context["errors"] = [
                errors
                for errors in context["errors"]
                if any(error.code != "conflict" for error in errors.as_data())
            ]
        context["can_publish"] = self.has_publish_permission(request)
        context["is_published"] = bool(obj and obj.published_at)
        context["preview_url"] = preview_url(obj.get_absolute_url()) if obj and obj.pk else ""
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _publish_from_form(self, request, obj):
        if "_mark_checked" in request.POST and self.has_change_permission(request, obj):
            obj._history_user = request.user
            obj.mark_checked(request.user)
            self.message_user(
                request,
                _("«%(obj)s» er markert som kontrollert i dag.") % {"obj": obj},
                messages.SUCCESS,
            )
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

    def save_model(self, request, obj, form, change):
        if change and getattr(request, "restoring_history", None) is not None:
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

    def save_related(self, request, form, formsets, change):
        # Inline children are part of this save: one change of the object, not one per child.
        with form.instance.saving_with_children():
            super().save_related(request, form, formsets, change)

    def response_add(self, request, obj, post_url_continue=None):
        self._publish_from_form(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._publish_from_form(request, obj)
        return super().response_change(request, obj)
