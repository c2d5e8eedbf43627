"""The editors' roles, as groups with permissions, kept up to date on every migrate.

Redaktør: edits and publishes the content of every content app (core.apps.ContentConfig)
and its history; no users, groups or site settings. Administrator: every permission there is.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

EDITOR = "Redaktør"
ADMINISTRATOR = "Administrator"


def sync_roles(content, using="default", verbosity=0):
    """Create or update both groups; ``content``: the app configs of the content apps."""
    # Permissions are created app by app after a migrate; make sure those of
    # every content app exist before they are handed out.
    for config in content:
        create_permissions(config, verbosity=verbosity, using=using)
    editor, _created = Group.objects.using(using).get_or_create(name=EDITOR)
    editor.permissions.set(
        Permission.objects.using(using).filter(
            content_type__app_label__in=[config.label for config in content]
        )
    )
    administrator, _created = Group.objects.using(using).get_or_create(name=ADMINISTRATOR)
    administrator.permissions.set(Permission.objects.using(using).all())
