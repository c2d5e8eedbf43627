#!/usr/bin/env python3
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path

# scripts/serve keeps a secret key for this machine here; using it spares
# developers an export before every manage.py command. Servers set SECRET_KEY.
LOCAL_SECRET_KEY = Path(__file__).resolve().parent / ".local" / "secret-key"


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omradesatsing.settings.base")
    if "SECRET_KEY" not in os.environ and LOCAL_SECRET_KEY.exists():
        os.environ["SECRET_KEY"] = LOCAL_SECRET_KEY.read_text().strip()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
