from django.utils.translation import gettext_lazy as _

from core.apps import ContentConfig


class MunicipalitiesConfig(ContentConfig):
    name = "municipalities"
    verbose_name = _("Kommuner og områder")
