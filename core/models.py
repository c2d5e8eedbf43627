"""What the content models of every app build on.

Abstract bases, each for one repeated shape:

* ``Timestamped``: when a row was created and last changed;
* ``Ordered``: an order editors set;
* ``Slugged``: a unique address name; ``PublicAddress`` when it is part of a
  public URL, whose old values then keep answering with a redirect (SlugHistory);
* ``Editorial``: content that is a draft until published, with a version
  number that stops two editors overwriting each other;
* ``EditorialChild``: a part of an editorial object (an area of a
  municipality, a focus area of an agreement): saving or deleting it counts as
  a change of that object, wherever the save comes from.

And two concrete models: ``ContentVersion``, the number every content change
moves (it keys the page cache), and ``SlugHistory``.
"""

import contextlib
import contextvars
import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .translation_status import missing_translation


class Timestamped(models.Model):
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    class Meta:
        abstract = True


class Ordered(models.Model):
    order = models.PositiveSmallIntegerField(
        _("rekkefølge"), default=0, help_text=_("Lavere tall vises først.")
    )

    class Meta:
        abstract = True
        ordering = ["order"]


class Slugged(models.Model):
    slug = models.SlugField(
        _("adressenavn (slug)"),
        max_length=200,
        unique=True,
        help_text=_(
            "Del av nettadressen: små bokstaver a–z, tall og bindestrek; æ, ø og å skrives "
            "ae, o og a. Lages automatisk hvis du lar feltet stå tomt."
        ),
    )

    class Meta:
        abstract = True


class PublicAddress(Slugged):
    """A slug that is part of a public page's URL.

    When an editor renames it, the old slug is kept in SlugHistory and the old
    address answers 301 (core.slugs): a journalist's link never breaks.
    """

    class Meta:
        abstract = True


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

    def not_checked_since(self, since):
        """Content never marked as checked, or last checked before ``since``."""
        return self.filter(models.Q(checked_at__isnull=True) | models.Q(checked_at__lt=since))

    def needs_review(self, today):
        """[(reason, queryset)] of what an editor should look at (the admin's front page).

        Content apps add their own rules by extending this; each reason is a
        sentence an editor understands, each queryset what it applies to.
        """
        published = self.published()
        year_ago = today - datetime.timedelta(days=365)
        reasons = [
            (
                _("Ikke kontrollert på over 12 måneder"),
                published.not_checked_since(
                    timezone.make_aware(datetime.datetime.combine(year_ago, datetime.time()))
                ),
            ),
        ]
        for code, name in (("nn", _("nynorsk")), ("en", _("engelsk"))):
            reasons.append(
                (
                    _("Publisert uten %(language)s tekst") % {"language": name},
                    missing_translation(published, code),
                )
            )
        return reasons

    def mark_changed(self, reason="", user=None):
        """Record a change made elsewhere (a child saved) as a change of each of these rows.

        Each row is read under a lock and saved as it is now, so nothing another
        editor saved meanwhile is written over; the save moves its version (an
        open form then warns), its "sist endret" date and the history, whose
        record carries ``reason`` (the child's model label) for the feed.
        Rows whose own save is under way (``Editorial.saving_with_children``) are
        left alone: that save records the change.
        """
        with transaction.atomic(using=self.db):
            for current in self.select_for_update().order_by("pk"):
                saving = _saving_with_children.get() or {}
                changed_children = saving.get((current._meta.label, current.pk))
                if changed_children is not None:
                    changed_children.add(reason)
                    continue
                current._change_reason = reason
                if user is not None:
                    current._history_user = user
                current.save(update_fields=["updated_at"])


def visible(queryset, request=None):
    """``queryset.visible(request)`` for content with a published state; other content as is."""
    if isinstance(queryset, EditorialQuerySet):
        return queryset.visible(request)
    return queryset


# (model label, pk) of editorial objects saving themselves and their children at
# once → the reasons (child model labels) their children gave for a change.
_saving_with_children = contextvars.ContextVar("saving_with_children", default=None)


class Editorial(Timestamped):
    """Content that editors publish explicitly, and that two editors must not overwrite.

    A draft (never published, or unpublished) is invisible to the public.
    Publishing records who and when and is not an edit. ``version`` goes up by
    one on every other save, read under a lock so two saves never get the same
    number; the admin refuses a save made from an older version.
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
    checked_at = models.DateTimeField(
        _("sist kontrollert"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Når en redaktør sist bekreftet at innholdet stemmer."),
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("kontrollert av"),
    )

    class Meta:
        abstract = True

    # Saving only these is no edit: no new version, so no open form goes stale.
    UNVERSIONED_FIELDS = frozenset({"published_at", "published_by", "checked_at", "checked_by"})
    # Kept by the database or derived: a save that changes only these changes nothing.
    BOOKKEEPING_FIELDS = frozenset({"created_at", "updated_at", "version"})

    def save(self, *args, **kwargs):
        """Save with the next version, or, when no field changed, not at all.

        A save that changes nothing (an editor pressing Lagre on an untouched
        form) writes nothing: no version, no history record, no «sist endret»,
        and so no claimed change in the public feed. A save with a
        ``_change_reason`` (a child or a link changed) always counts.
        ``saved_nothing`` tells the caller which happened.
        """
        self.saved_nothing = False
        update_fields = kwargs.get("update_fields")
        unversioned_only = (
            update_fields is not None and set(update_fields) <= self.UNVERSIONED_FIELDS
        )
        if self.pk is None or unversioned_only:
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            stored = self._stored_row(using)
            if (
                stored is not None
                and update_fields is None
                and not getattr(self, "_change_reason", None)
                and not self.differs_from(stored)
            ):
                self.version = stored["version"]
                self.saved_nothing = True
                return None
            # One more than the stored version, even when saving an older copy
            # (restoring from history), so versions only ever go up.
            self.version = (stored["version"] if stored else 0) + 1
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
            return super().save(*args, **kwargs)

    def _stored_row(self, using):
        """The stored values of the concrete fields, the row locked until the transaction ends."""
        rows = type(self)._base_manager.using(using).select_for_update().filter(pk=self.pk)
        return rows.values(*(field.attname for field in self._meta.concrete_fields)).first()

    def differs_from(self, stored):
        """Whether any field but the bookkeeping ones differs from ``stored`` (attname → value).

        An empty text is the same as none: a form saves "" where the data had
        NULL, and that is no change a person made.
        """
        for field in self._meta.concrete_fields:
            if field.primary_key or field.name in self.BOOKKEEPING_FIELDS:
                continue
            mine = field.get_prep_value(getattr(self, field.attname))
            theirs = field.get_prep_value(stored[field.attname])
            if mine in (None, "") and theirs in (None, ""):
                continue
            if mine != theirs:
                return True
        return False

    def stored_version(self, lock=False, using=None):
        """The version in the database now; with ``lock``, held until the transaction ends."""
        rows = type(self)._base_manager.using(using).filter(pk=self.pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("version", flat=True).first()

    def mark_changed(self, reason="", user=None):
        """Count a change made elsewhere (a child saved on its own) as a change of this one."""
        type(self)._default_manager.filter(pk=self.pk).mark_changed(reason, user)

    @contextlib.contextmanager
    def saving_with_children(self):
        """Children saved or deleted inside this block are part of this object's own save.

        For a form that saves the object and its children together (the admin
        with inlines): the object's save records the change once, rather than
        once more for every child.
        """
        key = (self._meta.label, self.pk)
        changed_children = set()
        token = _saving_with_children.set(
            {**(_saving_with_children.get() or {}), key: changed_children}
        )
        try:
            yield
        finally:
            _saving_with_children.reset(token)
        if changed_children and getattr(self, "saved_nothing", False):
            # Only children changed: that is still a change of this object.
            self.mark_changed(min(changed_children), getattr(self, "_history_user", None))

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

    def mark_checked(self, user):
        """Record that ``user`` confirmed the content is still true, now."""
        self.checked_at = timezone.now()
        self.checked_by = user if user and user.is_authenticated else None
        self.save(update_fields=["checked_at", "checked_by"])


class EditorialChildQuerySet(EditorialQuerySet):
    def needs_review(self, today):
        """Nothing of its own: a part is checked with the object it belongs to."""
        return []

    def delete(self):
        """Delete the rows, then count it as one change of each parent they belonged to."""
        model = self.model
        with transaction.atomic(using=self.db):
            parent_ids = set(self.values_list(model.parent_field().attname, flat=True))
            model.lock_parents(parent_ids, using=self.db)
            deleted = super().delete()
            model.mark_parents_changed(parent_ids, using=self.db)
        return deleted


class EditorialChild(models.Model):
    """A part of an editorial object, named by the foreign key ``editorial_parent``.

    Saving or deleting one counts as a change of its parent (and of the parent
    it left, when moved): from the admin, the shell, an import or a restore
    alike. A bulk delete (EditorialChildQuerySet) counts once per parent; a
    child deleted because its parent is deleted does not count. The parent is
    locked before the child is written, the same order as an editor's save of
    the parent with its children, so the two never wait for each other.
    """

    editorial_parent = None  # the name of the ForeignKey to the Editorial parent

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        attname = self.parent_field().attname
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            earlier_parent_id = None
            if self.pk is not None:
                earlier_parent_id = (
                    type(self)
                    ._base_manager.using(using)
                    .filter(pk=self.pk)
                    .values_list(attname, flat=True)
                    .first()
                )
            parent_ids = {getattr(self, attname), earlier_parent_id} - {None}
            self.lock_parents(parent_ids, using)
            super().save(*args, **kwargs)
            self.mark_parents_changed(
                parent_ids, user=getattr(self, "_history_user", None), using=using
            )

    @classmethod
    def parent_field(cls):
        return cls._meta.get_field(cls.editorial_parent)

    @classmethod
    def lock_parents(cls, parent_ids, using=None):
        parents = cls.parent_field().related_model._base_manager.using(using)
        list(parents.select_for_update().filter(pk__in=parent_ids).order_by("pk").values("pk"))

    @classmethod
    def mark_parents_changed(cls, parent_ids, user=None, using=None):
        parents = cls.parent_field().related_model._default_manager.using(using)
        parents.filter(pk__in=parent_ids).mark_changed(reason=cls._meta.label_lower, user=user)


class ContentVersion(models.Model):
    """One row whose number goes up whenever any content changes.

    The source of truth for which cached pages are current, and for the ETag
    and Last-Modified; app servers read it through core.versions, which keeps
    a copy in the shared cache or, for at most a second, in each process.
    """

    version = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("innholdsversjon")
        verbose_name_plural = _("innholdsversjon")

    def __str__(self):
        return f"{self.version} ({self.changed_at:%Y-%m-%d %H:%M})"


class SlugHistory(models.Model):
    """A slug a public page had before it was renamed, so old links answer 301.

    Journalists' links must never break: when an editor renames
    /kommuner/gamle-navn/, the old address keeps leading to the page.
    Recorded for every PublicAddress model (core.slugs).
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


def _deleted_on_its_own(sender, instance, origin):
    # Not when the parent's deletion removes it, nor in a bulk delete
    # (EditorialChildQuerySet.delete counts those once per parent).
    return origin is instance


def lock_parent_before_deletion(sender, instance, origin=None, using=None, **kwargs):
    """pre_delete of an EditorialChild: lock its parent first, as its save does."""
    if _deleted_on_its_own(sender, instance, origin):
        sender.lock_parents({getattr(instance, sender.parent_field().attname)}, using=using)


def count_child_deletion(sender, instance, origin=None, using=None, **kwargs):
    """post_delete of an EditorialChild: a change of its parent."""
    if _deleted_on_its_own(sender, instance, origin):
        sender.mark_parents_changed(
            {getattr(instance, sender.parent_field().attname)},
            user=getattr(instance, "_history_user", None),
            using=using,
        )
