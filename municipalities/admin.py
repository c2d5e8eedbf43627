from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from core.admin import (
    CheckedKeyFieldsMixin,
    EditorialAdmin,
    HistoryAdmin,
    ReadableFieldsMixin,
    language_fieldsets,
    preview_url,
)
from core.forms import CheckedInlineFormSet, EditorialSlugForm, SlugFromFieldForm

from .models import Area, Municipality, MunicipalityNumber


class AreaInline(ReadableFieldsMixin, CheckedKeyFieldsMixin, TranslationStackedInline):
    formset = CheckedInlineFormSet
    model = Area
    form = SlugFromFieldForm
    extra = 0
    fieldsets = [(None, {"fields": ["name", "slug"]}), *language_fieldsets(["description"])]
    prepopulated_fields = {"slug": ["name"]}


class MunicipalityNumberInline(ReadableFieldsMixin, CheckedKeyFieldsMixin, admin.StackedInline):
    """Earlier kommunenumre, kept when a reform gives the municipality a new one.

    Stacked, not tabular: each field then has its own label (a tabular inline
    has only column headings, which screen readers do not tie to the fields).
    """

    formset = CheckedInlineFormSet
    model = MunicipalityNumber
    extra = 0
    fields = [("kommunenummer", "valid_from", "valid_to")]


@admin.register(Municipality)
class MunicipalityAdmin(EditorialAdmin, TranslationAdmin):
    form = EditorialSlugForm
    inlines = [AreaInline, MunicipalityNumberInline]
    list_display = ["name", "county", "area_count", "agreement_count", "updated_at"]
    list_filter = ["county"]
    search_fields = ["name", "slug", "kommunenummer", "county", "areas__name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {"fields": ["name", "slug", "kommunenummer", "county", "website"]},
        ),
        (_("Plassering på kartet"), {"fields": ["latitude", "longitude"]}),
        *language_fieldsets(["description"], common_title=_("Beskrivelse")),
        (_("Historikk"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                area_total=Count("areas", distinct=True),
                agreement_total=Count("agreements", distinct=True),
            )
        )

    @admin.display(description=_("områder"), ordering="area_total")
    def area_count(self, obj):
        return obj.area_total

    @admin.display(description=_("avtaler"), ordering="agreement_total")
    def agreement_count(self, obj):
        return obj.agreement_total


@admin.register(Area)
class AreaAdmin(HistoryAdmin, TranslationAdmin):
    form = SlugFromFieldForm
    list_display = ["name", "municipality", "updated_at"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]
    search_fields = ["name", "municipality__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["municipality"]
    fieldsets = [
        (None, {"fields": ["municipality", "name", "slug"]}),
        *language_fieldsets(["description"]),
    ]

    def view_on_site(self, obj):
        # Its municipality may be a draft: open the page as staff preview it.
        return preview_url(obj.get_absolute_url())


@admin.register(MunicipalityNumber)
class MunicipalityNumberAdmin(HistoryAdmin):
    list_display = ["kommunenummer", "municipality", "valid_from", "valid_to"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]
    search_fields = ["kommunenummer", "municipality__name"]
    autocomplete_fields = ["municipality"]
    fields = ["municipality", "kommunenummer", "valid_from", "valid_to"]

    def view_on_site(self, obj):
        return preview_url(obj.municipality.get_absolute_url())
