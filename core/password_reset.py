"""«Glemt passord?» on the admin's login page: Django's password reset by e-mail.

Django's own views (django.contrib.auth.views), in the admin's look and in
bokmål (templates/registration/), under the admin's path so the admin's
language applies. What this adds to them:

- The pages get the admin's header and title (AdminSite.each_context).
- Only staff accounts get mail: nobody else can log in to the admin.
- At most ``MAILS_PER_ADDRESS`` reset mails per address an hour, so the form
  cannot be used to flood someone's inbox. Past that, the form answers as
  always and sends nothing.
- Without a way to send mail (settings: no EMAIL_HOST and DEBUG off, so the
  dummy backend), the form says so and to ask an administrator, instead of
  pretending to send.
- A new password lifts a login lockout (django-axes) for that username, so
  the locked-out page can point here.

Whether an address has an account is never told: the same page follows
either way (Django's behaviour, kept).
"""

import hashlib

from axes.utils import reset as reset_lockout
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.urls import reverse_lazy

DUMMY_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
MAILS_PER_ADDRESS = 3
WINDOW_SECONDS = 60 * 60


def can_send_mail():
    """Whether the configured mail backend sends anything at all."""
    return settings.EMAIL_BACKEND != DUMMY_BACKEND


def _within_limit(email):
    """Count one reset request for ``email``; False once it is over the hourly limit."""
    key = "password-reset:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= MAILS_PER_ADDRESS


class StaffPasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, for staff accounts only and with a limit per address."""

    def get_users(self, email):
        if not _within_limit(email):
            return
        for user in super().get_users(email):
            if user.is_staff:
                yield user


def valid_minutes():
    """How long a reset link works (PASSWORD_RESET_TIMEOUT), in minutes."""
    return settings.PASSWORD_RESET_TIMEOUT // 60


class AdminLookMixin:
    """The admin's header, title and theme on a view outside the admin site."""

    def get_context_data(self, **kwargs):
        return {
            **admin.site.each_context(self.request),
            **super().get_context_data(**kwargs),
            # Pages on the way to logging in, like the login page: no admin menu.
            "is_nav_sidebar_enabled": False,
            "valid_minutes": valid_minutes(),
        }


class PasswordResetView(AdminLookMixin, auth_views.PasswordResetView):
    form_class = StaffPasswordResetForm
    success_url = reverse_lazy("password_reset_done")

    @property
    def extra_email_context(self):
        return {"site_title": admin.site.site_title, "valid_minutes": valid_minutes()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "can_send_mail": can_send_mail()}

    def post(self, request, *args, **kwargs):
        if not can_send_mail():
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(AdminLookMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(AdminLookMixin, auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The new password works at once, even if the old one was tried too often.
        reset_lockout(username=form.user.get_username())
        return response


class PasswordResetCompleteView(AdminLookMixin, auth_views.PasswordResetCompleteView):
    pass
