"""No English anywhere in the admin, screen-reader text included (issue 14, part 8).

Every page an administrator or an editor can open (index, each app, and each
model's list, search, add, change, history, version and delete pages; users'
passwords; login, logout, password change) is searched for the English in
tests/support/english_in_admin.py, and so is the admin's JavaScript
catalogue. Permissions are named in bokmål in the user and group admin.
"""

import json
import re
from pathlib import Path

import django
import polib
import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import NoReverseMatch, reverse

from core.roles import EDITOR
from municipalities.models import Municipality
from pages.models import Page
from tests.support.english_in_admin import english_in
from tests.support.html import one, parse, text_of, texts
from tests.support.users import PASSWORD

pytestmark = pytest.mark.django_db

ADMIN_JS_CATALOGUE = (
    Path(django.__file__).parent / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"
)


@pytest.fixture
def lived_in(staff_user, django_user_model):
    """What a used admin has and the fixtures lack: versions in the history, recent
    actions on the index, login records, and a user who logs in another way."""
    for model in admin.site._registry:
        first = model._default_manager.order_by("pk").first()
        if first is not None and hasattr(model, "history"):
            first.save()
    municipality = Municipality.objects.order_by("pk").first()
    for flag in (ADDITION, CHANGE, DELETION):
        LogEntry.objects.create(
            user=staff_user,
            content_type=ContentType.objects.get_for_model(Municipality),
            object_id=str(municipality.pk),
            object_repr=str(municipality),
            action_flag=flag,
            change_message="[]",
        )
    known = {"ip_address": "10.0.0.7", "user_agent": "Firefox", "http_accept": "*/*"}
    AccessAttempt.objects.create(
        username="rita", path_info="/admin/login/", get_data="", post_data="",
        failures_since_start=2, **known,
    )  # fmt: skip
    AccessLog.objects.create(username="rita", path_info="/admin/login/", **known)
    AccessFailureLog.objects.create(
        username="rita", path_info="/admin/login/", locked_out=True, **known
    )
    sso = django_user_model.objects.create_user("sso", is_staff=True)
    sso.set_unusable_password()
    sso.save()


def version_url(name, obj):
    """The page of the object's first version in its history, if its admin shows versions."""
    version = obj.history.order_by("pk").first() if hasattr(obj, "history") else None
    if version is None:
        return None
    try:
        return reverse(f"{name}_simple_history", args=[obj.pk, version.pk])
    except NoReverseMatch:  # a history kept, but not shown in the admin
        return None


def pages_for(user):
    """Every admin page ``user`` may open: index, apps, and per model list, search,
    add, change, history, version and delete; users' password pages."""
    yield reverse("admin:index")
    yield reverse("admin:password_change")
    yield reverse("admin:password_change_done")
    labels = set()
    for model in admin.site._registry:
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        labels.add(opts.app_label)
        name = f"admin:{opts.app_label}_{opts.model_name}"
        yield reverse(f"{name}_changelist")
        yield reverse(f"{name}_changelist") + "?q=finnes-ikke"
        if user.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
            yield reverse(f"{name}_add")
        for obj in model._default_manager.order_by("pk")[:2]:
            yield reverse(f"{name}_change", args=[obj.pk])
            yield reverse(f"{name}_history", args=[obj.pk])
            if user.has_perm(f"{opts.app_label}.delete_{opts.model_name}"):
                yield reverse(f"{name}_delete", args=[obj.pk])
            version = version_url(name, obj)
            if version:
                yield version
            if model is user._meta.model:
                yield reverse("admin:auth_user_password_change", args=[obj.pk])
    for label in sorted(labels):
        yield reverse("admin:app_list", args=[label])


def english_on_pages(client, user):
    found, opened = {}, 0
    for path in pages_for(user):
        response = client.get(path)
        if response.status_code == 403:
            continue
        assert response.status_code == 200, path
        opened += 1
        for phrase in english_in(response.content):
            found.setdefault(phrase, path)
    return found, opened


def test_no_page_an_administrator_sees_has_english(staff_client, staff_user, lived_in):
    found, opened = english_on_pages(staff_client, staff_user)
    assert opened > 100
    assert found == {}


def test_no_page_an_editor_sees_has_english(editor_client, editor, lived_in):
    found, opened = english_on_pages(editor_client, editor)
    assert opened > 100
    assert found == {}


def test_login_logout_and_their_errors_have_no_english(staff_user):
    client = Client()
    pages = [
        client.get(reverse("admin:login")),
        client.post(reverse("admin:login"), {"username": "redaktor", "password": "feil"}),
    ]
    client.force_login(staff_user)
    pages.append(
        client.post(
            reverse("admin:password_change"),
            {"old_password": "feil", "new_password1": "kort", "new_password2": "annet"},
        )
    )
    pages.append(client.post(reverse("admin:logout")))
    for page in pages:
        assert page.status_code == 200
        assert english_in(page.content) == [], page.request["PATH_INFO"]
    farewell = texts(parse(pages[-1]), "#content p")
    assert "Takk for at du brukte tid på nettstedet i dag." in farewell


def test_deleting_several_at_once_asks_in_bokmal(editor_client):
    ids = Page.objects.order_by("pk").values_list("pk", flat=True)[:2]
    response = editor_client.post(
        reverse("admin:pages_page_changelist"),
        {"action": "delete_selected", "_selected_action": [str(pk) for pk in ids]},
    )
    assert response.status_code == 200
    assert "Er du sikker" in text_of(parse(response), "#content")
    assert english_in(response.content) == []


def js_catalogue(client):
    """The admin's JavaScript catalogue as served: msgid (context\\x04msgid) → translation."""
    script = client.get(reverse("admin:jsi18n")).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))


def test_every_string_of_the_admins_javascript_has_bokmal(editor_client):
    catalogue = js_catalogue(editor_client)
    missing = []
    for entry in polib.pofile(str(ADMIN_JS_CATALOGUE)):
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if not catalogue.get(key):
            missing.append(key)
    assert missing == []
    assert catalogue["Choose all %s"] == "Velg alle %s"
    assert catalogue["abbrev. day Monday\x04Mon"] == "man"


# --- Permissions in bokmål -------------------------------------------------------------


def permission_options(client, url, field):
    return texts(parse(client.get(url)), f"select[name={field}] option")


def test_group_permissions_are_named_in_bokmal(staff_client):
    editor_group = Group.objects.get(name=EDITOR)
    options = permission_options(
        staff_client, reverse("admin:auth_group_change", args=[editor_group.pk]), "permissions"
    )
    assert "Kommuner og områder | kommune | Kan legge til kommune" in options
    assert "Kommuner og områder | område | Kan endre område" in options
    assert "Avtaler og satsinger | avtale | Kan slette avtale" in options
    assert "Redaksjonelle sider | side | Kan se side" in options
    assert "Kommuner og områder | kommune | Kan publisere og avpublisere kommuner" in options
    assert "Kommuner og områder | historikk for kommune | Kan se historikk for kommune" in options
    assert "Autentisering og autorisasjon | bruker | Kan legge til bruker" in options
    assert "Innloggingssperre | innloggingsforsøk | Kan se innloggingsforsøk" in options
    english = re.compile(r"\bCan\b|historical|^Axes")
    assert [option for option in options if english.search(option)] == []


def test_user_permissions_are_named_in_bokmal(staff_client, staff_user):
    options = permission_options(
        staff_client,
        reverse("admin:auth_user_change", args=[staff_user.pk]),
        "user_permissions",
    )
    assert "Avtaler og satsinger | tilskudd | Kan endre tilskudd" in options
    assert len(options) == Permission.objects.count()


def test_names_are_shown_not_stored(staff_client):
    # The database keeps Django's names; only the admin shows them in bokmål.
    assert Permission.objects.get(codename="add_municipality").name == "Can add kommune"


def test_saving_a_group_keeps_its_permissions(staff_client):
    editor_group = Group.objects.get(name=EDITOR)
    kept = set(editor_group.permissions.values_list("pk", flat=True))
    response = staff_client.post(
        reverse("admin:auth_group_change", args=[editor_group.pk]),
        {"name": EDITOR, "permissions": [str(pk) for pk in kept]},
    )
    assert response.status_code == 302
    assert set(editor_group.permissions.values_list("pk", flat=True)) == kept


def test_yes_and_no_icons_say_ja_and_nei(staff_client, staff_user, django_user_model):
    django_user_model.objects.create_user("publikum", password=PASSWORD)
    soup = parse(staff_client.get(reverse("admin:auth_user_changelist")))
    assert sorted(img["alt"] for img in soup.select("td.field-staff_status img")) == [
        "Ja",
        "Nei",
    ]
    assert text_of(soup, "th.column-staff_status") == "Administrasjonsstatus"


def test_deleting_a_group_lists_no_link_rows(staff_client):
    editor_group = Group.objects.get(name=EDITOR)
    soup = parse(staff_client.get(reverse("admin:auth_group_delete", args=[editor_group.pk])))
    listed = text_of(soup, "#content")
    assert "Gruppe: Redaktør" in listed
    assert "relasjon" not in listed
    assert texts(soup, "#content ul li")[:1] == ["Grupper: 1"]


def test_a_users_password_page_explains_in_bokmal(staff_client, staff_user):
    response = staff_client.get(reverse("admin:auth_user_password_change", args=[staff_user.pk]))
    soup = parse(response)
    help_text = text_of(soup, ".form-row:has(#id_usable_password) .help")
    assert help_text.startswith("Om brukeren kan logge inn med passord.")
    assert "nåværende passord borte for godt" in help_text
    assert one(soup, "#id_unusable_warning")


def test_add_pages_need_no_gender(editor_client):
    grant_add = parse(editor_client.get(reverse("admin:programs_grant_add")))
    assert grant_add.select_one("h1").get_text(strip=True) == "Legg til tilskudd"
    listing = parse(editor_client.get(reverse("admin:municipalities_area_changelist")))
    assert "Legg til område" in listing.select_one(".object-tools").get_text(" ", strip=True)
