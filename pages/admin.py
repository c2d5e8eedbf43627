from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from core.admin import EditorialAdmin, language_fieldsets
from core.forms import EditorialTitleSlugForm

from .models import Page


@admin.register(Page)
class PageAdmin(EditorialAdmin, TranslationAdmin):
    form = EditorialTitleSlugForm
    list_display = ["title", "slug", "listing", "order", "updated_at"]
    list_editable = ["order"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title_nb"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        *language_fieldsets(
            ["title", "summary", "body"],
            common=["slug", "listing", "order", "created_at", "updated_at"],
        )
    ]
