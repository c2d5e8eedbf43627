from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

KOMMUNENUMMER_ERROR = _("Skriv kommunenummeret med fire sifre, for eksempel 0301.")


class KommunenummerField(models.CharField):
    """A kommunenummer: four digits, kept as text so that Oslo stays 0301, not 301.

    Too short, too long or not digits, the editor gets the same message on the
    field (not Django's general one about the number of characters).
    """

    default_validators = [RegexValidator(r"^\d{4}$", KOMMUNENUMMER_ERROR)]
    default_error_messages = {"max_length": KOMMUNENUMMER_ERROR}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 4)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        error_messages = {"max_length": KOMMUNENUMMER_ERROR, **kwargs.pop("error_messages", {})}
        field = super().formfield(error_messages=error_messages, **kwargs)
        field.widget.attrs.setdefault("inputmode", "numeric")
        return field
