from django.apps import AppConfig, apps
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.db.models.signals import post_delete, post_migrate, pre_delete
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app uses. Finds the models that need its machinery by their base class."""

    name = "core"
    verbose_name = _("Nettstedet")

    def ready(self):
        from . import history, slugs, versions
        from .models import (
            EditorialChild,
            PublicAddress,
            SlugHistory,
            count_child_deletion,
            lock_parent_before_deletion,
        )

        # After modeltranslation's ready() (it comes first in INSTALLED_APPS),
        # so history models get the translated fields.
        history.register_recorded()
        versions.watch_content([SlugHistory])
        for model in apps.get_models():
            if issubclass(model, PublicAddress):
                slugs.track_slug_history(model)
            if issubclass(model, EditorialChild):
                uid = f"editorial-child-{model._meta.label}"
                pre_delete.connect(lock_parent_before_deletion, sender=model, dispatch_uid=uid)
                post_delete.connect(count_child_deletion, sender=model, dispatch_uid=uid)
        post_migrate.connect(sync_roles_after_migrate, sender=self)


class AdminConfig(DjangoAdminConfig):
    """django.contrib.admin with core.admin.CheckedAdminSite as its site."""

    default_site = "core.admin.CheckedAdminSite"

    def ready(self):
        super().ready()
        # Users and groups in bokmål (permission names, yes/no icons), in place
        # of Django's admins for them (core.auth_admin).
        from . import auth_admin

        auth_admin.register()


class ContentConfig(AppConfig):
    """Base for the config of an app whose models are the site's content.

    Every change to them (save, delete, many-to-many) moves the content version,
    so cached pages are fresh on the next request; the Redaktør role may edit them.
    """

    def ready(self):
        from .versions import watch_content

        watch_content(self.get_models())


def content_app_configs():
    return [config for config in apps.get_app_configs() if isinstance(config, ContentConfig)]


def sync_roles_after_migrate(sender, using="default", verbosity=0, **kwargs):
    from .roles import sync_roles

    sync_roles(content_app_configs(), using=using, verbosity=verbosity)
