"""Which fields editors write in bokmål, nynorsk and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Agreement,
    Conference,
    Directorate,
    Document,
    FocusArea,
    Ministry,
    Network,
    Theme,
)


@register(Ministry)
class MinistryTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Directorate)
class DirectorateTranslationOptions(TranslationOptions):
    fields = ("name", "note", "description")


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name", "goal", "description")
    required_languages = ("nb",)


@register(Agreement)
class AgreementTranslationOptions(TranslationOptions):
    fields = ("purpose", "programme_note")


@register(FocusArea)
class FocusAreaTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("nb",)


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title", "description", "publisher", "where_to_find")
    required_languages = ("nb",)


@register(Conference)
class ConferenceTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("nb",)


@register(Network)
class NetworkTranslationOptions(TranslationOptions):
    fields = ("description",)
