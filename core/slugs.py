"""Keep old slugs of public pages so renamed URLs answer 301 (see SlugHistory)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save, pre_save
from django.http import Http404
from django.shortcuts import redirect

from .models import SlugHistory


def remember_old_slug(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old and old != instance.slug:
        content_type = ContentType.objects.get_for_model(sender)
        SlugHistory.objects.update_or_create(
            content_type=content_type, slug=old, defaults={"object_id": instance.pk}
        )


def release_reused_slug(sender, instance, raw=False, **kwargs):
    # A page now living at a slug wins over an old redirect from it. (Not for
    # fixtures and backups: they are loaded exactly as they were saved.)
    if raw:
        return
    SlugHistory.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), slug=instance.slug
    ).delete()


def track_slug_history(model):
    pre_save.connect(remember_old_slug, sender=model, dispatch_uid=f"slug-history-{model}")
    post_save.connect(release_reused_slug, sender=model, dispatch_uid=f"slug-release-{model}")


def renamed(queryset, old_slug):
    """The object in ``queryset`` that used to have ``old_slug``, or None."""
    entry = (
        SlugHistory.objects.filter(
            content_type=ContentType.objects.get_for_model(queryset.model), slug=old_slug
        )
        .only("object_id")
        .first()
    )
    return entry and queryset.filter(pk=entry.object_id).first()


class SlugHistoryMixin:
    """For DetailViews: an unknown slug that an object used to have answers 301."""

    def get_renamed_queryset(self):
        """Where a renamed object is looked for; by default the view's own queryset."""
        return self.get_queryset()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            target = renamed(self.get_renamed_queryset(), kwargs.get(self.slug_url_kwarg))
            if not target:
                raise
            return redirect(target, permanent=True)
