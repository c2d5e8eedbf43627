"""Staff users with a role, single permissions or neither; and clients logged in as them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client

PASSWORD = "korrekt-hest-batteri-stift"


def make_staff(username, role=None, permissions=(), **extra):
    """A staff user in the group ``role`` (core.roles), with ``permissions`` (codenames) too."""
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_staff=True, **extra
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    if permissions:
        found = Permission.objects.filter(codename__in=permissions)
        assert found.count() == len(permissions), "a permission named here does not exist"
        user.user_permissions.add(*found)
    return user


def logged_in(user, **client_options):
    """A test client (a browser of its own) with ``user`` logged in."""
    client = Client(**client_options)
    client.force_login(user)
    return client
