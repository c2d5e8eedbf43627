"""Roles (core.roles): editors change and publish content; administrators also manage users."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.roles import ADMINISTRATOR, EDITOR
from programs.models import Agreement
from tests.support.admin_forms import change_url
from tests.support.html import hrefs, parse
from tests.support.users import logged_in, make_staff

pytestmark = pytest.mark.django_db


def test_migrations_create_the_editor_and_administrator_roles():
    editor = Group.objects.get(name=EDITOR)
    administrator = Group.objects.get(name=ADMINISTRATOR)
    editor_perms = {f"{p.content_type.app_label}.{p.codename}" for p in editor.permissions.all()}
    assert "programs.change_agreement" in editor_perms
    assert "programs.publish_agreement" in editor_perms
    assert "pages.publish_page" in editor_perms
    assert not any(p.startswith(("auth.", "admin.", "sessions.")) for p in editor_perms)
    assert administrator.permissions.filter(codename="change_user").exists()
    assert administrator.permissions.count() > editor.permissions.count()


def test_editor_reaches_the_content_but_not_users_and_groups(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert editor_client.get("/admin/auth/group/").status_code == 403
    assert editor_client.get("/admin/programs/agreement/").status_code == 200
    index = parse(editor_client.get(reverse("admin:index")))
    links = hrefs(index)
    assert reverse("admin:programs_agreement_changelist") in links
    assert not [link for link in links if link.startswith("/admin/auth/")]


def test_staff_without_a_role_can_change_nothing():
    client = logged_in(make_staff("uten-rolle"))
    agreement = Agreement.objects.get(municipality__slug="drammen")
    assert client.get(change_url(agreement)).status_code == 403
    response = client.post(change_url(agreement), {"purpose_nb": "Endret uten lov"})
    assert response.status_code == 403
    agreement.refresh_from_db()
    assert agreement.purpose_nb != "Endret uten lov"
    assert client.get("/admin/programs/agreement/add/").status_code == 403


def test_administrator_can_manage_users():
    client = logged_in(make_staff("administrator", ADMINISTRATOR))
    assert client.get("/admin/auth/user/").status_code == 200
    assert client.get("/admin/auth/group/").status_code == 200
