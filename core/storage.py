from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed, compressed files, with each file's address worked out once.

    Every page links several static files, and url() looks each name up in
    the manifest every time. The manifest is fixed while a release runs
    (collectstatic comes before start), so the answer is kept per name. With
    DEBUG the files are unhashed and may change: nothing is kept.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_urls = {}

    def url(self, name, force=False):
        if settings.DEBUG or force:
            return super().url(name, force)
        try:
            return self.known_urls[name]
        except KeyError:
            url = self.known_urls[name] = super().url(name)
            return url
