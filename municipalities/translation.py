import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Area, Municipality


# Names of places are proper names and stay the same in every language.
@register(Municipality)
class MunicipalityTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(Area)
class AreaTranslationOptions(TranslationOptions):
    fields = ("description",)


# History after translation: the historical models then get the _nb/_nn/_en
# columns modeltranslation has just added, so every language is versioned.
simple_history.register(Municipality, excluded_fields=["updated_at"])
simple_history.register(Area, excluded_fields=["updated_at"])
