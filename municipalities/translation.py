from modeltranslation.translator import TranslationOptions, register

from .models import Area, Municipality


# Names of places are proper names and stay the same in every language.
@register(Municipality)
class MunicipalityTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(Area)
class AreaTranslationOptions(TranslationOptions):
    fields = ("description",)
