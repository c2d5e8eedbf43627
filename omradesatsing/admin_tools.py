"""Admin helpers shared by the apps: language fieldsets and Norwegian slugs."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from omradesatsing.text import norwegian_slugify

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
