from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
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


class EditorialQuerySet(models.QuerySet):
    # The lookups that make a row public: its own publication, or its parent's.
    published_filter = {"published_at__isnull": False}

    def published(self):
        return self.filter(**self.published_filter)

    def visible(self, request=None):
        """What a request may see: drafts too for staff previewing, else only published."""
        if getattr(request, "preview", False):
            return self
        return self.published()


def visible(queryset, request=None):
    """``queryset.visible(request)`` for content with a published state; other content as is."""
    if isinstance(queryset, EditorialQuerySet):
        return queryset.visible(request)
    return queryset


class Editorial(models.Model):
    """Content that editors publish explicitly, and that two editors must not overwrite.

    A draft (never published, or unpublished) is invisible to the public.
    Publishing records who and when. ``version`` goes up on every save; the
    admin refuses a save made from an older version (optimistic locking).
    """

    published_at = models.DateTimeField(
        _("publisert"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Når innholdet sist ble publisert. Tomt betyr utkast, usynlig for publikum."),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("publisert av"),
    )
    version = models.PositiveIntegerField(_("versjon"), default=1, editable=False)

    class Meta:
        abstract = True

    # Publishing is not an edit: it must not make an open form look outdated.
    PUBLICATION_FIELDS = frozenset({"published_at", "published_by"})

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        publication_only = (
            update_fields is not None and set(update_fields) <= self.PUBLICATION_FIELDS
        )
        if self.pk is not None and not publication_only:
            # One more than the stored version, even when saving an older copy
            # (restoring from history), so versions only ever go up.
            stored = type(self)._base_manager.filter(pk=self.pk).values_list("version", flat=True)
            self.version = (stored.first() or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def mark_changed(self, user=None, reason=""):
        """Count a change made elsewhere (a child saved on its own) as a change of this one.

        Saves a fresh copy, so the version goes up (an open form warns), the
        "sist endret" date moves, and the history, and with it the feed of
        changes, gets a record with ``reason`` (the child's model label).
        """
        current = type(self)._base_manager.filter(pk=self.pk).first()
        if current is None:  # deleted along with the child
            return
        current._history_user = user
        current._change_reason = reason
        current.save()

    def stored_version(self, lock=False):
        """The version in the database now; with ``lock``, held until the transaction ends."""
        rows = type(self)._base_manager.filter(pk=self.pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("version", flat=True).first()

    @property
    def is_published(self):
        return self.published_at is not None

    def publish(self, user):
        self.published_at = timezone.now()
        self.published_by = user if user and user.is_authenticated else None
        self.save(update_fields=["published_at", "published_by"])

    def unpublish(self):
        self.published_at = None
        self.published_by = None
        self.save(update_fields=["published_at", "published_by"])
