"""Settings shared by every environment, each read from the environment.

``.env.example`` documents every variable. Without any, this gives a site on an
SQLite file in the project folder with ``DEBUG`` off; a secret key is then
required, so local serving goes through ``scripts/serve`` which provides one.
"""

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (see .env.example); "
            "a development default exists only when DEBUG=1."
        )
    SECRET_KEY = "django-insecure-development-only-never-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin classes win.
    "modeltranslation",
    # django.contrib.admin, with a site that refuses impossible keys on every admin.
    "core.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "simple_history",
    "csp",
    "axes",
    # Spreadsheet import of grants (programs.admin), with preview and confirmation.
    "import_export",
    # Core first: its ready() gives every app's models their history, slug
    # history and child rules. Then the content apps, then what spans them.
    "core.apps.CoreConfig",
    "programs.apps.ProgramsConfig",
    "municipalities.apps.MunicipalitiesConfig",
    "pages.apps.PagesConfig",
    "opendata",
    "sitewide",
]

MIDDLEWARE = [
    # First, so every log line of the request carries its id.
    "core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Above LocaleMiddleware and the session, so a cached page skips them and
    # their headers (Vary: Accept-Language) are seen and corrected here.
    "core.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.PreviewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records the editor on each historical record.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Below the page cache, so cached pages keep the header.
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

# --- Security headers (issue 8) -------------------------------------------------------
# A strict Content Security Policy: everything from this site, nothing inline,
# no frames. Designsystemet's icons are data: URIs in its CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Nothing on this site needs the browser's powerful features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# --- Admin protection -------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # Counts failed logins and locks out (django-axes) before checking passwords.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
# Lock the username from that address: an attacker cannot lock a colleague out
# from everywhere, and one address cannot try many usernames either.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind nginx every request comes from nginx's address: the reader's is the one
# nginx added to X-Forwarded-For (core.clients). Set it to the number of proxies
# in front of gunicorn (1 with deploy/'s nginx); never more than there are, or
# a client could choose its own address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_VERBOSE = False
# Lockouts end by themselves after the cool-off; an administrator lifts one
# sooner with `manage.py axes_reset_username <name>`. Its admin pages are
# English throughout (names, records, timestamps in UTC), so they are off.
AXES_ENABLE_ADMIN = False
# Staff sessions end after a working day, and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- E-mail: the admin's «Glemt passord?» ----------------------------------------------
# Mail goes out through the SMTP server EMAIL_HOST names, with STARTTLS on the
# submission port unless told otherwise. Without EMAIL_HOST nothing is sent:
# with DEBUG on, mail is printed on the console (to try the reset locally);
# otherwise the reset page says that no mail can be sent and to ask an
# administrator (core.password_reset), instead of pretending to send it.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS (STARTTLS, port 587) and EMAIL_USE_SSL (port 465) exclude each other; "
        "turn one off."
    )
# Seconds to wait for the mail server, so a dead one cannot hold a request.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
# A reset link works once, and for an hour.
PASSWORD_RESET_TIMEOUT = 60 * 60

ROOT_URLCONF = "omradesatsing.urls"

# The admin's path, so it can be moved away from the well-known /admin/.
ADMIN_URL = env_str("ADMIN_URL", "admin/").strip("/") + "/"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sitewide.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "omradesatsing.wsgi.application"

# DATABASE_URL selects the database: postgres://user:pass@host:5432/name for
# PostgreSQL (psycopg 3). Unset, an SQLite file in the project folder is used.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # With persistent connections, check each one before use (a round trip
        # per request on PostgreSQL). Off, a connection broken by a database
        # restart fails one request (a 503 page) and is then replaced.
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache_from_url(url):
    """Map CACHE_URL to one of Django's built-in cache backends."""
    if not url or url.startswith("locmem://"):
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": url.removeprefix("locmem://") or "omradesatsing",
        }
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        # memcached is not offered: its client is not installed and CI tests Redis.
        f"CACHE_URL must start with locmem://, redis://, rediss:// or dummy://, not {url!r}"
    )


CACHES = {
    "default": _cache_from_url(env_str("CACHE_URL")),
    # With a shared CACHE_URL: the pages each process served lately, in its own
    # memory, so a cached page costs no round trip to Redis (core.caching).
    "pages-local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages-local",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

# The health checks (sitewide.health): never in the page cache, never redirected to https
# (load balancers ask over plain http on the private network).
HEALTH_PATHS = ["/healthz", "/readyz"]

# The page cache for anonymous visitors (core.caching): how long a
# rendered page is kept (0 turns it off); a changed page is served at once
# because the cache key follows every content change. Browsers and proxies
# get max-age PAGE_BROWSER_MAX_AGE (default 0: they keep the page but ask
# again each time, and get a cheap 304 while nothing changed; anything higher
# lets them show an edited page late by up to that many seconds).
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_LOCAL_ALIAS = "pages-local"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 * 60)
PAGE_BROWSER_MAX_AGE = env_int("PAGE_BROWSER_MAX_AGE", 0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bokmål is the default language and lives unprefixed at /; nynorsk at /nn/,
# English at /en/.
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norsk bokmål")),
    ("nn", _("Norsk nynorsk")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "nb"
MODELTRANSLATION_LANGUAGES = ("nb", "nn", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("nb",)

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names and pre-compressed copies (gzip and Brotli), served by WhiteNoise.
    "staticfiles": {"BACKEND": "core.storage.StaticStorage"},
}

# Agreement documents uploaded in the admin.
AGREEMENT_DOCUMENT_MAX_BYTES = env_int("AGREEMENT_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)

# The page every fact on this site comes from.
SOURCE_URL = (
    "https://www.regjeringen.no/no/tema/kommuner-og-regioner/by_stedsutvikling/"
    "omradesatsinger_storbyer/id2900666/"
)

# Who publishes the open data, for the DCAT-AP-NO catalogue (/data/katalog.ttl):
# the organisation number in Enhetsregisteret (default: Kommunal- og
# distriktsdepartementet, 972417858), its name, and where to ask about the data.
PUBLISHER_ORGANIZATION_NUMBER = env_str("PUBLISHER_ORGANIZATION_NUMBER", "972417858")
PUBLISHER_NAME = env_str("PUBLISHER_NAME", "Kommunal- og distriktsdepartementet")
DATA_CONTACT_EMAIL = env_str("DATA_CONTACT_EMAIL")
DATA_CONTACT_URL = env_str("DATA_CONTACT_URL", "https://www.regjeringen.no/no/dep/kdd/")
if not (len(PUBLISHER_ORGANIZATION_NUMBER) == 9 and PUBLISHER_ORGANIZATION_NUMBER.isdigit()):
    raise ImproperlyConfigured(
        "PUBLISHER_ORGANIZATION_NUMBER is an organisation number: nine digits."
    )
if not (DATA_CONTACT_EMAIL or DATA_CONTACT_URL):
    raise ImproperlyConfigured(
        "The data catalogue needs a contact point: set DATA_CONTACT_EMAIL or DATA_CONTACT_URL."
    )

# One JSON object per line on standard output, each with the request's id
# (X-Request-ID, taken from the load balancer or made here).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "core.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Built by scripts/setup from the npm packages: Designsystemet, Inter, the map.
STATICFILES_DIRS += [BASE_DIR / "build" / "static"]

# What a rendered page is made from beyond the apps, templates, static files and
# translations (core.release hashes them all into the release id, which keys
# the page cache): the map of Norway built by scripts/setup, and the lock files
# of the Python and npm packages. Anything new of that kind belongs here.
RELEASE_INPUTS = [
    BASE_DIR / "build",
    BASE_DIR / "requirements" / "base.txt",
    BASE_DIR / "package-lock.json",
]

# Date and number formats per language; only English differs from Django's own.
FORMAT_MODULE_PATH = ["omradesatsing.formats"]

# Spreadsheet imports (django-import-export; the grants' in programs.admin):
# each import is one transaction, so a file with a bad row saves nothing, and
# only a user who may add the model's rows may import them (import-export's
# default lets every staff user import).
IMPORT_EXPORT_USE_TRANSACTIONS = True
# The uploaded file waits between preview and confirmation in MEDIA_ROOT, which
# every app server shares (README), not in one server's /tmp: the confirmation
# may reach another server than the preview did.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
