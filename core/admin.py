"""Admin classes shared by the apps: language fieldsets, checked keys, publishing, history."""

import re

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.db import router, transaction
from django.http import Http404, HttpResponseRedirect
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .forms import (
    HIGHEST_KEY,
    LOWEST_KEY,
    CheckedAutocompleteSelect,
    CheckedAutocompleteSelectMultiple,
    CheckedModelMultipleChoiceField,
    is_storable_key,
)

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


class CheckedAdminSite(admin.AdminSite):
    """The site's admin (core.apps.AdminConfig makes it the default).

    Every admin registered on it refuses keys no row can have (CheckedKeysMixin),
    Django's own and django-axes' included, so no admin page can be made to
    answer 500 that way. Inlines take the mixin themselves.
    """

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, CheckedKeysMixin):
            admin_class = type(
                admin_class.__name__,
                (CheckedKeysMixin, admin_class),
                {"__module__": admin_class.__module__},
            )
        super().register(model_or_iterable, admin_class, **options)


class EditorialAdmin(SimpleHistoryAdmin):
    """Drafts and publishing, history with restore, preview, and no lost edits.

    Use with a form based on core.forms.OptimisticLockForm.
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

    def history_view(self, request, object_id, extra_context=None):
        # Who made each change links to that user's admin page only for those
        # who may open it; for an editor it is plain text (an empty view name
        # does not resolve, and the template then shows the name alone).
        user_opts = get_user_model()._meta
        if not request.user.has_perm(f"{user_opts.app_label}.view_{user_opts.model_name}"):
            extra_context = {**(extra_context or {}), "admin_user_view": ""}
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history's URL takes any text as the version id.
        if not str(version_id).isdigit() or int(version_id) > HIGHEST_KEY:
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
