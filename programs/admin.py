from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Max, Min, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from core.admin import (
    CheckedKeyFieldsMixin,
    EditorialAdmin,
    HistoryAdmin,
    ReadableFieldsMixin,
    language_fieldsets,
    preview_url,
)
from core.forms import (
    CheckedInlineFormSet,
    EditorialTitleSlugForm,
    OptimisticLockForm,
    SlugFromFieldForm,
)

from . import display, imports
from .models import (
    Agreement,
    Conference,
    Directorate,
    Document,
    FocusArea,
    Grant,
    Ministry,
    Network,
    Theme,
)
from .periods import FIRST_YEAR, LAST_YEAR


class StatusFilter(admin.SimpleListFilter):
    title = _("status i dag")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Agreement.Status.choices

    def queryset(self, request, queryset):
        if self.value() in Agreement.Status.values:
            return queryset.with_status_code(self.value())
        return queryset


class YearFilter(admin.SimpleListFilter):
    """Agreements whose period covers a given year."""

    title = _("gjelder i år")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        bounds = Agreement.objects.aggregate(
            first=Min("period_start__year"), last=Max("period_end__year")
        )
        if not bounds["first"] or not bounds["last"]:
            return []
        return [(str(y), str(y)) for y in range(bounds["last"], bounds["first"] - 1, -1)]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        try:
            year = int(self.value())
        except ValueError:
            year = None
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            # Not a year an agreement can have: the admin says the filter is wrong.
            raise IncorrectLookupParameters(self.value())
        # Open-ended periods (only a start or only an end known) count where
        # their known bound allows.
        return queryset.filter(
            Q(period_start__year__lte=year) | Q(period_start__isnull=True),
            Q(period_end__year__gte=year) | Q(period_end__isnull=True),
        ).exclude(period_start__isnull=True, period_end__isnull=True)


class FocusAreaInline(ReadableFieldsMixin, CheckedKeyFieldsMixin, TranslationStackedInline):
    """Focus areas one block each, bokmål open and the other languages folded beneath."""

    formset = CheckedInlineFormSet
    model = FocusArea
    extra = 0
    ordering = ["order"]
    fieldsets = [
        (None, {"fields": ["order", "themes"]}),
        *language_fieldsets(["title", "description"]),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # A handful of themes: boxes to tick, not a list to Ctrl-click.
        if db_field.name == "themes":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class LinkedDocument:
    """An uploaded document as the file widget shows it, linked where the site serves it."""

    def __init__(self, name, url):
        self.name, self.url = name, url

    def __str__(self):
        return self.name


class AgreementDocumentInput(AdminFileWidget):
    """The file widget, with the current document linked through the site.

    Django links it at MEDIA_URL, which this site does not serve (a 404):
    documents are served at /avtaler/<id>/avtale.pdf, drafts' in preview. A
    document whose file is missing from storage is not offered as current.
    """

    def __init__(self, agreement, attrs=None):
        super().__init__(attrs)
        self.agreement = agreement

    def is_initial(self, value):
        return super().is_initial(value) and self.agreement.has_document_file()

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            url = reverse("programs:agreement_document", args=[self.agreement.pk])
            context["widget"]["value"] = LinkedDocument(str(value), preview_url(url))
        return context


class AgreementForm(OptimisticLockForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and "document" in self.fields:
            self.fields["document"].widget = AgreementDocumentInput(self.instance)

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        areas = cleaned.get("areas")
        if municipality and areas:
            foreign = [area.name for area in areas if area.municipality_id != municipality.pk]
            if foreign:
                self.add_error(
                    "areas",
                    _("Disse områdene ligger ikke i %(municipality)s: %(areas)s.")
                    % {"municipality": municipality.name, "areas": ", ".join(foreign)},
                )
        return cleaned


@admin.register(Agreement)
class AgreementAdmin(EditorialAdmin, TranslationAdmin):
    form = AgreementForm
    inlines = [FocusAreaInline]
    list_display = [
        "municipality",
        "kind",
        "period",
        "status_display",
        "remaining_display",
        "focus_area_count",
        "updated_at",
    ]
    list_display_links = ["municipality", "kind"]
    list_filter = [StatusFilter, YearFilter, "municipality", "kind", "stage"]
    list_select_related = ["municipality"]
    search_fields = ["municipality__name", "areas__name", "focus_areas__title"]
    autocomplete_fields = ["municipality", "areas", "ministries", "directorates"]
    readonly_fields = [
        "period_start",
        "period_end",
        "status_display",
        "remaining_display",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["municipality", "areas", "kind", "stage"]}),
        (
            _("Periode"),
            {
                "fields": [
                    "signed_on",
                    "start_year",
                    "end_year",
                    "duration_years",
                    "extension_possible",
                    ("period_start", "period_end"),
                    ("status_display", "remaining_display"),
                ],
                "description": _(
                    "Fyll ut det kilden oppgir. Status og gjenstående tid regnes ut fra dette "
                    "og dagens dato."
                ),
            },
        ),
        (_("Parter"), {"fields": ["ministries", "directorates"]}),
        (
            _("Dokumenter og lenker"),
            {"fields": ["document", "document_url", "municipality_page_url"]},
        ),
        *language_fieldsets(
            ["purpose", "programme_note"], common=["focus_area_term"], common_title=_("Innhold")
        ),
        (_("Historikk"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    # A change of these may make the municipality's introduction untrue.
    PERIOD_FIELDS = {"stage", "signed_on", "start_year", "end_year", "duration_years"}

    def save_model(self, request, obj, form, change):
        obj.period_changed = change and bool(self.PERIOD_FIELDS & set(form.changed_data))
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if getattr(obj, "period_changed", False):
            url = reverse("admin:municipalities_municipality_change", args=[obj.municipality_id])
            self.message_user(
                request,
                format_html(
                    _(
                        "Fasen eller perioden er endret. Stemmer innledningen om {} fortsatt? "
                        '<a href="{}">Se over kommunens tekst</a>.'
                    ),
                    obj.municipality.name,
                    url,
                ),
                messages.WARNING,
            )
        return super().response_change(request, obj)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_status()
            .annotate(focus_area_total=Count("focus_areas", distinct=True))
        )

    @admin.display(description=_("periode"), ordering="period_start")
    def period(self, obj):
        return display.period_label(obj)

    @admin.display(description=_("status i dag"), ordering="status_code")
    def status_display(self, obj):
        return display.status_text(obj)

    @admin.display(description=_("gjenstående tid"), empty_value="–")
    def remaining_display(self, obj):
        return display.remaining_text(obj)

    @admin.display(description=_("innsatsområder"), ordering="focus_area_total")
    def focus_area_count(self, obj):
        return obj.focus_area_total


class PublicBodyAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["name", "abbreviation", "agreement_count", "order"]
    list_editable = ["order"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["name_nb"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agreement_total=Count("agreements"))

    @admin.display(description=_("avtaler"), ordering="agreement_total")
    def agreement_count(self, obj):
        return obj.agreement_total


@admin.register(Ministry)
class MinistryAdmin(PublicBodyAdmin):
    form = SlugFromFieldForm
    list_display = ["name", "abbreviation", "role", "agreement_count", "order"]
    list_filter = ["role"]
    fieldsets = [
        *language_fieldsets(
            ["name", "description"],
            common=["abbreviation", "slug", "role", "website", "order"],
        )
    ]


@admin.register(Directorate)
class DirectorateAdmin(PublicBodyAdmin):
    form = SlugFromFieldForm
    fieldsets = [
        *language_fieldsets(
            ["name", "note", "description"],
            common=["abbreviation", "slug", "website", "order"],
        )
    ]


@admin.register(Theme)
class ThemeAdmin(HistoryAdmin, TranslationAdmin):
    form = SlugFromFieldForm
    list_display = ["name", "goal", "focus_area_count", "order"]
    search_fields = ["name", "goal"]
    prepopulated_fields = {"slug": ["name_nb"]}
    fieldsets = [*language_fieldsets(["name", "goal", "description"], common=["slug", "order"])]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(focus_area_total=Count("focus_areas"))

    @admin.display(description=_("innsatsområder"), ordering="focus_area_total")
    def focus_area_count(self, obj):
        return obj.focus_area_total


@admin.register(FocusArea)
class FocusAreaAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["title", "agreement", "order"]
    list_filter = ["themes", "agreement__municipality"]
    list_select_related = ["agreement__municipality"]
    search_fields = ["title", "description", "agreement__municipality__name"]
    autocomplete_fields = ["agreement"]
    fieldsets = [
        *language_fieldsets(["title", "description"], common=["agreement", "order", "themes"])
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "themes":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def view_on_site(self, obj):
        # Its agreement may be a draft: open the page as staff preview it.
        return preview_url(obj.get_absolute_url())


@admin.register(Document)
class DocumentAdmin(EditorialAdmin, TranslationAdmin):
    """The document library: drafts, publishing and history like the rest of the content."""

    form = EditorialTitleSlugForm
    list_display = ["title", "reference", "kind", "year", "publisher_display", "has_address"]
    list_filter = ["kind", "year", "language", "municipalities"]
    list_select_related = ["ministry"]
    search_fields = ["title", "reference", "publisher", "municipalities__name"]
    autocomplete_fields = ["municipalities", "agreements"]
    prepopulated_fields = {"slug": ["title_nb"]}
    # Titles and «where to find it» are long: room to read them whole.
    formfield_overrides = {
        models.CharField: {"widget": forms.TextInput(attrs={"class": "vLargeTextField"})}
    }
    fieldsets = [
        *language_fieldsets(
            ["title", "description", "publisher", "where_to_find"],
            common=[
                "kind",
                "reference",
                "slug",
                "year",
                "ministry",
                "language",
                "url",
                "file",
                "municipalities",
                "agreements",
            ],
        )
    ]

    @admin.display(description=_("utgiver"), ordering="ministry__name")
    def publisher_display(self, obj):
        return obj.publisher_name or "–"

    @admin.display(description=_("der den kan leses"))
    def has_address(self, obj):
        # Cheap on a list: what is given, not whether the file is in storage.
        if obj.file and obj.url:
            return _("PDF og lenke")
        if obj.file:
            return _("PDF")
        if obj.url:
            return _("lenke")
        return _("mangler")


@admin.register(Grant)
class GrantAdmin(ImportMixin, HistoryAdmin):
    """Grants, one by one or a budget year's at once from a spreadsheet (programs.imports).

    The import shows a preview of what is added and changed, and saves only
    after the editor confirms; a file with any bad row saves nothing, at the
    preview or at the confirmation.
    """

    list_display = ["municipality", "year", "stage", "amount_display", "document_display"]
    list_filter = ["year", "stage", "municipality"]
    list_select_related = ["municipality", "document"]
    search_fields = ["municipality__name", "budget_post"]
    autocomplete_fields = ["municipality"]

    resource_classes = [imports.GrantResource]
    import_formats = imports.IMPORT_FORMATS
    import_form_class = imports.GrantImportForm
    import_template_name = "admin/programs/grant/import.html"
    import_export_change_list_template = "admin/programs/grant/change_list_import.html"

    @admin.display(description=_("beløp"), ordering="amount")
    def amount_display(self, obj):
        return _("ikke oppgitt") if obj.amount is None else imports.format_amount(obj.amount)

    @admin.display(description=_("budsjettdokument"), ordering="document__reference")
    def document_display(self, obj):
        # The reference alone, as in the spreadsheet: with the title the
        # column pushed the list sideways.
        return obj.document.reference if obj.document else "–"

    def has_import_permission(self, request):
        """An import adds and changes grants: for those who may do both."""
        return (
            super().has_import_permission(request)
            and self.has_add_permission(request)
            and self.has_change_permission(request)
        )

    def get_urls(self):
        name = "{}_{}_import_template".format(*self.get_model_info())
        template = path(
            "import/mal.xlsx", self.admin_site.admin_view(self.import_template_view), name=name
        )
        return [template, *super().get_urls()]

    def import_template_view(self, request):
        """The empty spreadsheet to fill in, with the import's headers."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        response = HttpResponse(
            imports.template_workbook(), content_type=imports.IMPORT_FORMATS[0].CONTENT_TYPE
        )
        response["Content-Disposition"] = 'attachment; filename="tilskudd-mal.xlsx"'
        return response

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context["budget_documents"] = Document.objects.filter(
            kind=Document.Kind.BUDGET
        ).values_list("reference", flat=True)
        return context

    def get_import_data_kwargs(self, **kwargs):
        # At the confirmation too a bad row (the data changed since the
        # preview) undoes the whole import; import-export would keep the rest.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            # The preview's copy of the file is gone: imported already (a
            # second click) or cleaned away. Nothing was saved by this request.
            messages.error(
                request,
                _("Filen fra forhåndsvisningen finnes ikke lenger. Last den opp på nytt."),
            )
            return HttpResponseRedirect(self.import_url())

    def process_result(self, result, request):
        """Saved: back to the list with a message. Not saved (a bad row): the problems."""
        if result.problems:
            context = {
                **self.get_import_context_data(),
                **self.admin_site.each_context(request),
                "title": _("Importer"),
                "opts": self.model._meta,
                "form": self.get_import_form_class(request)(
                    self.get_import_formats(), self.get_import_resource_classes(request)
                ),
                "result": result,
            }
            return TemplateResponse(request, [self.import_template_name], context)
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        messages.success(
            request,
            _("Importen er lagret. Nye tilskudd: %(new)s. Endrede tilskudd: %(changed)s.")
            % {"new": result.new_count, "changed": result.changed_count},
        )

    def import_url(self):
        return reverse("admin:{}_{}_import".format(*self.get_model_info()))


@admin.register(Conference)
class ConferenceAdmin(EditorialAdmin, TranslationAdmin):
    form = EditorialTitleSlugForm
    list_display = ["title", "ordinal", "start_date", "end_date", "place", "registration"]
    list_filter = ["registration", "place"]
    date_hierarchy = "start_date"
    search_fields = ["title", "place"]
    prepopulated_fields = {"slug": ["title_nb"]}
    fieldsets = [
        *language_fieldsets(
            ["title", "description"],
            common=[
                "slug",
                "ordinal",
                ("start_date", "end_date"),
                "place",
                "organiser",
                "registration",
                "registration_url",
            ],
        )
    ]


@admin.register(Network)
class NetworkAdmin(TranslationAdmin):
    list_display = ["name", "former_names", "organiser"]
    search_fields = ["name", "former_names"]
    fieldsets = [
        (None, {"fields": ["name", "former_names", "organiser"]}),
        *language_fieldsets(["description"]),
    ]
