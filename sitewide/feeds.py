"""The Atom feed of changes to municipalities, agreements and conferences, from their history."""

import uuid

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.changelog import changed_field_labels, linked_field_labels
from core.history import child_model_of
from municipalities.models import Municipality
from programs.models import Agreement, Conference

MAX_ENTRIES = 40


def with_changes(record):
    """The record with ``changed_fields`` (readable names) and ``just_published`` worked out."""
    previous = record.prev_record
    record.just_published = (
        record.history_type == "~" and previous is not None and previous.published_at is None
    )
    record.changed_fields = (
        changed_field_labels(record.instance_type, record, previous) if previous else []
    )
    return record


def says_something(record):
    """Whether a reader learns of a change: never an entry that only claims one."""
    return (
        record.history_type != "~"
        or record.just_published
        or bool(record.history_change_reason)
        or bool(record.changed_fields)
    )


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Endringer på Områdesatsinger")
    subtitle = _("Nye og endrede kommuner, avtaler og konferanser.")

    def link(self):
        return reverse("home")

    def feed_url(self):
        return reverse("changes_feed")

    def items(self):
        # Only versions that were public when recorded (a draft's edits never
        # reach the feed), of things that are public now (unpublishing takes an
        # object's entries out again).
        public = {"published_at__isnull": False}
        records = [
            *Municipality.history.filter(
                **public, id__in=Municipality.objects.published()
            ).order_by("-history_date")[:MAX_ENTRIES],
            *Agreement.history.filter(**public, id__in=Agreement.objects.published())
            .select_related("municipality")
            .order_by("-history_date")[:MAX_ENTRIES],
            *Conference.history.filter(**public, id__in=Conference.objects.published()).order_by(
                "-history_date"
            )[:MAX_ENTRIES],
        ]
        records.sort(key=lambda record: record.history_date, reverse=True)
        # Saves that changed nothing a reader would see (recorded before such
        # saves stopped being recorded) are left out.
        return [record for record in records if says_something(with_changes(record))][:MAX_ENTRIES]

    def item_title(self, record):
        model = record.instance_type
        if model is Agreement:
            subject = gettext("%(kind)s med %(municipality)s") % {
                "kind": record.instance.get_kind_display().lower(),
                "municipality": record.municipality.name,
            }
        else:
            subject = str(record.instance)
        if record.just_published:
            action = gettext("publisert")
        else:
            action = {
                "+": gettext("lagt til"),
                "~": gettext("endret"),
                "-": gettext("fjernet"),
            }[record.history_type]
        return f"{capfirst(subject)}: {action}"

    def item_description(self, record):
        if record.just_published:
            return gettext("Publisert på nettstedet.")
        if record.history_type == "~":
            fields = [
                *record.changed_fields,
                *linked_field_labels(record.instance_type, record.history_change_reason),
            ]
            child = child_model_of(record.history_change_reason)
            if child is not None:  # a focus area, area or grant saved on its own
                return gettext("Endret: %(fields)s.") % {"fields": child._meta.verbose_name_plural}
            if fields:
                return gettext("Endret: %(fields)s.") % {"fields": ", ".join(map(str, fields))}
            return gettext("Endret.")
        if record.history_type == "+":
            return gettext("Lagt til på nettstedet.")
        return gettext("Fjernet fra nettstedet.")

    def item_link(self, record):
        if record.history_type == "-":
            return reverse("home")
        instance = record.instance  # as it was then, built without a query
        if isinstance(instance, Agreement):
            instance.municipality = record.municipality  # loaded with the records
        return instance.get_absolute_url()

    def item_guid(self, record):
        # Unique and stable whatever host or language serves the feed.
        name = f"omradesatsinger:{record._meta.model_name}:{record.history_id}"
        return uuid.uuid5(uuid.NAMESPACE_URL, name).urn

    item_guid_is_permalink = False

    def item_pubdate(self, record):
        return record.history_date

    def item_updateddate(self, record):
        return record.history_date
