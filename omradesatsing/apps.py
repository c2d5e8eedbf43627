from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmradesatsingConfig(AppConfig):
    name = "omradesatsing"
    verbose_name = _("Nettstedet")

    def ready(self):
        from municipalities.models import Municipality
        from pages.models import Page
        from programs.models import Conference, Theme

        from .slugs import track_slug_history

        for model in (Municipality, Theme, Conference, Page):
            track_slug_history(model)

        from .caching import connect_version_signals

        connect_version_signals()

        from . import lookups

        lookups.register()
