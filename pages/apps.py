from django.utils.translation import gettext_lazy as _

from core.apps import ContentConfig


class PagesConfig(ContentConfig):
    name = "pages"
    verbose_name = _("Redaksjonelle sider")
