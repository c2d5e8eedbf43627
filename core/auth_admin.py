"""Users and groups in the admin, in bokmål: permission names, yes/no icons, passwords.

Django stores a permission's name in English when it makes it ("Can add
område"), and django-simple-history names its history models in English
("historical område"); neither is translated when shown. Here the admin for
users and groups names each permission at display time instead («Kan legge
til område», «Kan se historikk for område»), so the database and the
migrations stay as Django made them. core.apps.AdminConfig loads this module
after the admin has found every app's admin.
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import CheckedModelMultipleChoiceField

# What Django's default permissions (Meta.default_permissions) allow.
ACTIONS = {
    "add": _("Kan legge til %(name)s"),
    "change": _("Kan endre %(name)s"),
    "delete": _("Kan slette %(name)s"),
    "view": _("Kan se %(name)s"),
}


def model_name(model):
    """A model's name as people read it; a history model's says whose history it is."""
    recorded = getattr(model, "instance_type", None)  # set on django-simple-history's models
    if recorded is not None and model.__name__ == f"Historical{recorded.__name__}":
        return gettext("historikk for %(name)s") % {"name": recorded._meta.verbose_name}
    return str(model._meta.verbose_name)


def permission_label(permission):
    """«Kommuner og områder | kommune | Kan legge til kommune»: a permission, in bokmål.

    Laid out like Django's own label (app | model | permission). A permission
    the project declares itself keeps its (bokmål) name.
    """
    model = permission.content_type.model_class()
    if model is None:  # left over from a removed model
        return str(permission)
    name = model_name(model)
    action, _sep, codename_model = permission.codename.partition("_")
    if action in ACTIONS and codename_model == model._meta.model_name:
        allows = ACTIONS[action] % {"name": name}
    else:
        allows = gettext(permission.name)
    return f"{capfirst(model._meta.app_config.verbose_name)} | {name} | {allows}"


class PermissionChoiceField(CheckedModelMultipleChoiceField):
    """Permissions to choose from, each named by permission_label."""

    def label_from_instance(self, obj):
        return permission_label(obj)


def yes_no_icon(value):
    """Django's yes/no icon with bokmål alternative text (Django's says "True"/"False")."""
    icon = {True: "yes", False: "no"}.get(value, "unknown")
    text = {True: _("Ja"), False: _("Nei")}.get(value, _("Ukjent"))
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), text)


class PermissionNamesMixin:
    """For the user and group admins: permissions to choose from named in bokmål."""

    permission_fields = ("permissions", "user_permissions")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.permission_fields:
            kwargs["form_class"] = PermissionChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class GroupAdmin(PermissionNamesMixin, auth_admin.GroupAdmin):
    pass


class AdminPasswordChangeForm(auth_forms.AdminPasswordChangeForm):
    # Django joins this help text from a translated and an untranslated part,
    # which leaves all of it in English.
    usable_password_help_text = _(
        "Om brukeren kan logge inn med passord. Slås det av, kan brukeren kanskje "
        "fortsatt logge inn på andre måter, for eksempel med felles innlogging."
        '<ul id="id_unusable_warning" class="messagelist"><li class="warning">'
        "Slås det av, er brukerens nåværende passord borte for godt.</li></ul>"
    )


class UserAdmin(PermissionNamesMixin, auth_admin.UserAdmin):
    change_password_form = AdminPasswordChangeForm
    list_display = ("username", "email", "first_name", "last_name", "staff_status")

    @admin.display(
        description=get_user_model()._meta.get_field("is_staff").verbose_name, ordering="is_staff"
    )
    def staff_status(self, user):
        return yes_no_icon(user.is_staff)


def register():
    """Put these admins in place of Django's on the admin site."""
    # django-axes' app has no verbose name, so its permissions were listed as
    # «Axes | …». Display only: migrations do not read it.
    apps.get_app_config("axes").verbose_name = _("Innloggingssperre")
    user_model = get_user_model()
    for model, admin_class in ((Group, GroupAdmin), (user_model, UserAdmin)):
        admin.site.unregister(model)
        admin.site.register(model, admin_class)
