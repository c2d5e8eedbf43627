from django.db import models


class HttpsURLField(models.URLField):
    """A URL field whose form assumes https:// when the scheme is left out.

    Django 6 makes https the default; saying so here keeps Django 5.2 from
    warning about the change and gives editors the safe scheme today.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
