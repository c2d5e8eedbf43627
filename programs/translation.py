import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    Agreement,
    Conference,
    Directorate,
    FocusArea,
    Ministry,
    Network,
    PolicyDocument,
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


@register(PolicyDocument)
class PolicyDocumentTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Conference)
class ConferenceTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("nb",)


@register(Network)
class NetworkTranslationOptions(TranslationOptions):
    fields = ("description",)


# History after translation, so the historical models include every language.
for _model in (Agreement, FocusArea, Conference, Theme, Ministry, Directorate, PolicyDocument):
    simple_history.register(
        _model,
        excluded_fields=[
            f for f in ("updated_at", "period_start", "period_end") if hasattr(_model, f)
        ],
    )
