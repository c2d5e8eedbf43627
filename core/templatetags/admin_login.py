"""Tags for admin pages rendered outside the admin site (the login lockout page)."""

from axes.conf import settings as axes_settings
from django import template
from django.contrib import admin
from django.utils import timezone

register = template.Library()


@register.simple_tag
def admin_site():
    """The admin site, for its header and title on a page django-axes renders."""
    return admin.site


@register.simple_tag(takes_context=True)
def lockout_end(context):
    """When the lockout on this page ends, from what django-axes puts in the context.

    A dict: ``at`` (the time), ``since`` (the failed attempt it counts from)
    and ``restarts`` (whether another attempt before then starts the wait
    again, as AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT says). None when
    the lockout has no end (no AXES_COOLOFF_TIME): then only an
    administrator can lift it.
    """
    cooloff = context.get("cooloff_timedelta")
    if not cooloff:
        return None
    request = context.get("request")
    # django-axes counts the cool-off from the attempt that was just refused.
    since = getattr(request, "axes_attempt_time", None) or timezone.now()
    return {
        "at": since + cooloff,
        "since": since,
        "restarts": axes_settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT,
    }
