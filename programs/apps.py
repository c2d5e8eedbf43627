from django.utils.translation import gettext_lazy as _

from core.apps import ContentConfig


class ProgramsConfig(ContentConfig):
    name = "programs"
    verbose_name = _("Avtaler og satsinger")
