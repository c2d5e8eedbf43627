"""WSGI entry point for production servers (gunicorn). Uses the production settings."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omradesatsing.settings.production")

application = get_wsgi_application()
