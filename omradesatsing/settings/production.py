"""Production: everything from the environment, and no start without the essentials.

Fails closed: a missing SECRET_KEY, ALLOWED_HOSTS or DATABASE_URL stops the
process at import time instead of running with a guess, and so does a mail
server (EMAIL_HOST) without a sender address (DEFAULT_FROM_EMAIL). Without a
mail server the site runs, and its «Glemt passord?» page says that no mail can
be sent (see the e-mail settings in base).
"""

from django.core.exceptions import ImproperlyConfigured

from core.env import env_bool, env_int, env_str

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DATABASES, DEBUG, HEALTH_PATHS

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production settings.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production (comma-separated).")
if not env_str("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must be set in production.")
if env_str("EMAIL_HOST") and not env_str("DEFAULT_FROM_EMAIL"):
    raise ImproperlyConfigured(
        "DEFAULT_FROM_EMAIL must be set in production when EMAIL_HOST is: the password "
        "reset mail would otherwise come from webmaster@localhost, which mail servers refuse."
    )

# Kept database connections, checked before each reuse: opening one per
# request cost a cached page most of its time (issue 15; README, Speed).
# (runserver makes a thread per request, so development keeps base's 0.)
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("DATABASE_CONN_HEALTH_CHECKS", True)

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [rf"^{path.lstrip('/')}$" for path in HEALTH_PATHS]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*"]
