"""The gunicorn set-up (gunicorn.conf.py): the app is loaded once and shared by the workers."""

import gc
import runpy

from django.conf import settings


def test_gunicorn_preloads_and_freezes_what_the_master_loaded():
    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert config["preload_app"] is True
    assert config["max_requests"] >= 50_000
    assert config["wsgi_app"] == "omradesatsing.wsgi:application"
    before = gc.get_freeze_count()
    try:
        config["when_ready"](None)
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
