from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SlugHistory(models.Model):
    """A slug a public page had before it was renamed, so old links answer 301.

    Journalists' links must never break: when an editor renames
    /kommuner/gamle-navn/, the old address keeps leading to the page.
    Recorded automatically (see omradesatsing.slugs) for every model listed
    in ``SLUG_HISTORY_MODELS``.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    slug = models.SlugField(_("tidligere adressenavn"), max_length=200)
    created_at = models.DateTimeField(_("endret"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tidligere adressenavn")
        verbose_name_plural = _("tidligere adressenavn")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "slug"], name="slug_history_unique_per_model"
            ),
        ]

    def __str__(self):
        return self.slug


class ContentVersion(models.Model):
    """One row whose number goes up whenever any published content changes.

    Every app server reads it (one small query per request), so a page cached
    by any of them is known to be stale the moment an editor saves, even with
    a cache local to each process. It also gives the ETag and Last-Modified.
    """

    version = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("innholdsversjon")
        verbose_name_plural = _("innholdsversjon")

    def __str__(self):
        return f"{self.version} ({self.changed_at:%Y-%m-%d %H:%M})"
