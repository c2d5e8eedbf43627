"""The editors' roles, as groups with permissions.

Redaktør: edits and publishes content (municipalities, agreements, focus
areas, themes, ministries, directorates, grants, conferences, networks,
editorial pages, and their history); no users, groups or site settings.
Administrator: every permission there is.
"""

from django.contrib.auth.management import create_permissions

EDITOR = "Redaktør"
ADMINISTRATOR = "Administrator"
CONTENT_APPS = ("municipalities", "programs", "pages")


def sync_roles(apps, verbosity=0):
    """Create or update both groups. ``apps``: the app registry (or a migration's)."""
    for app_config in apps.get_app_configs():
        # Permissions are normally created after all migrations; the roles need
        # them now. create_permissions skips apps without models_module, which
        # a migration's app configs lack, so lend them one for the call.
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        create_permissions(app_config, apps=apps, verbosity=verbosity)
        app_config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _created = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.set(Permission.objects.filter(content_type__app_label__in=CONTENT_APPS))
    administrator, _created = Group.objects.get_or_create(name=ADMINISTRATOR)
    administrator.permissions.set(Permission.objects.all())
