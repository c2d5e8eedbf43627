"""ASGI entry point. Uses the production settings."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omradesatsing.settings.production")

application = get_asgi_application()
