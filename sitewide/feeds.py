"""Atom feeds of changes, from the edit history: the whole site's, a municipality's, a theme's.

One set of rules for all three, in ``ChangesFeed``; the others only say whose
history they read (``histories``). Drafts never appear: only versions that were
public when recorded, of things that are public now. The number of queries is
fixed (two per model read), however many entries there are.
"""

import uuid
from collections import defaultdict

from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.changelog import changed_field_labels, linked_field_labels
from core.history import child_model_of
from core.slugs import renamed
from municipalities.models import Municipality
from programs.models import Agreement, Conference, Document, Theme

MAX_ENTRIES = 40


def public_history(model, objects):
    """The records of ``objects`` that were public when recorded, newest first.

    Each carries ``previous_id``, the history id of the record before it
    (public or not: publishing a draft is a change from an unpublished version).
    """
    previous = (
        model.history.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date"))
        .order_by("-history_date")
        .values("history_id")[:1]
    )
    return (
        model.history.filter(published_at__isnull=False, id__in=objects.values("pk"))
        .annotate(previous_id=Subquery(previous))
        .order_by("-history_date")
    )


def attach_previous(records):
    """Set ``previous`` on each record from its ``previous_id``: one query per model."""
    by_model = defaultdict(list)
    for record in records:
        by_model[type(record)].append(record)
    for history_model, group in by_model.items():
        wanted = {record.previous_id for record in group if record.previous_id is not None}
        found = history_model._default_manager.in_bulk(wanted) if wanted else {}
        for record in group:
            record.previous = found.get(record.previous_id)


def as_recorded(record):
    """The object as the record has it, built without a query.

    (simple-history's ``record.instance`` reads the fields the history does
    not keep from the database, on every access.)
    """
    model = record.instance_type
    values = {
        field.attname: getattr(record, field.attname)
        for field in model._meta.concrete_fields
        if hasattr(record, field.attname)
    }
    instance = model(**values)
    if isinstance(instance, Agreement):
        instance.municipality = record.municipality  # loaded with the records
    return instance


def with_changes(record, previous):
    """The record with ``changed_fields`` (readable names) and ``just_published`` worked out."""
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
    """The site's changes (/endringer.atom); the rules every changes feed follows."""

    feed_type = Atom1Feed
    title = _("Endringer på Områdesatsinger")
    subtitle = _("Nye og endrede kommuner, avtaler, konferanser og dokumenter.")
    author_name = _("Områdesatsinger")  # Atom wants an author for the feed or each entry

    def link(self):
        return reverse("home")

    def feed_url(self):
        return reverse("changes_feed")

    def histories(self, obj):
        """What the feed reads: (model, its objects that are public now) pairs."""
        return [
            (Municipality, Municipality.objects.published()),
            (Agreement, Agreement.objects.published()),
            (Conference, Conference.objects.published()),
            (Document, Document.objects.published()),
        ]

    def items(self, obj):
        # Only versions that were public when recorded (a draft's edits never
        # reach the feed), of things that are public now (unpublishing takes an
        # object's entries out again).
        records = []
        for model, objects in self.histories(obj):
            query = public_history(model, objects)
            if model is Agreement:
                query = query.select_related("municipality")
            records += query[:MAX_ENTRIES]
        records.sort(key=lambda record: record.history_date, reverse=True)
        attach_previous(records)
        for record in records:
            with_changes(record, record.previous)
            record.recorded = as_recorded(record)
        # Saves that changed nothing a reader would see (recorded before such
        # saves stopped being recorded) are left out.
        return [record for record in records if says_something(record)][:MAX_ENTRIES]

    def item_title(self, record):
        model = record.instance_type
        if model is Agreement:
            subject = gettext("%(kind)s med %(municipality)s") % {
                "kind": record.recorded.get_kind_display().lower(),
                "municipality": record.municipality.name,
            }
        else:
            subject = str(record.recorded)
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
        return record.recorded.get_absolute_url()  # the address as it was then

    def item_guid(self, record):
        # Unique and stable whatever host or language serves the feed.
        name = f"omradesatsinger:{record._meta.model_name}:{record.history_id}"
        return uuid.uuid5(uuid.NAMESPACE_URL, name).urn

    item_guid_is_permalink = False

    def item_pubdate(self, record):
        return record.history_date

    def item_updateddate(self, record):
        return record.history_date


class OneThingChangesFeed(ChangesFeed):
    """The changes concerning one thing with a page, at ``<its address>endringer.atom``.

    An unknown slug answers 404 (in the language of the address); a slug the
    thing used to have answers 301 to its feed today.
    """

    model = None
    url_name = None

    def objects(self):
        return self.model.objects.published()

    def get_object(self, request, slug):
        return get_object_or_404(self.objects(), slug=slug)

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except Http404:
            target = renamed(self.objects(), kwargs.get("slug"))
            if target is None:
                raise
            return redirect(self.feed_url(target), permanent=True)

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse(self.url_name, args=[obj.slug])


class MunicipalityChangesFeed(OneThingChangesFeed):
    """A published municipality's changes, its published agreements' and documents'.

    Its areas, grants and earlier numbers are recorded on the municipality, and
    an agreement's focus areas and parties on the agreement, so they are in
    here as they are in the site-wide feed.
    """

    model = Municipality
    url_name = "municipality_changes_feed"

    def title(self, municipality):
        return gettext("Endringer for %(name)s") % {"name": municipality.name}

    def subtitle(self, municipality):
        return gettext(
            "Nye og endrede opplysninger om %(name)s, kommunens avtaler og dokumenter."
        ) % {"name": municipality.name}

    def histories(self, municipality):
        return [
            (Municipality, Municipality.objects.published().filter(pk=municipality.pk)),
            (Agreement, Agreement.objects.published().filter(municipality=municipality)),
            (Document, Document.objects.published().concerning(municipality)),
        ]


class ThemeChangesFeed(OneThingChangesFeed):
    """The changes to the published agreements with a focus area serving the theme.

    The theme page lists focus areas, and a focus area is recorded on its
    agreement, so the agreements are where the theme's changes are: a focus
    area added, reworded or tagged with the theme is an entry about its
    agreement. Municipalities are left out (their names, areas and grants are
    not about any theme), and so are edits of the theme's own text, which says
    what the theme is rather than what is done for it. As in the other feeds,
    what counts is the state now: an agreement whose last focus area for the
    theme was untagged leaves the feed with its entries.
    """

    model = Theme
    url_name = "theme_changes_feed"

    def objects(self):
        return Theme.objects.all()  # themes have no drafts

    def title(self, theme):
        return gettext("Endringer i temaet %(name)s") % {"name": theme.name}

    def subtitle(self, theme):
        return gettext(
            "Nye og endrede avtaler med innsatsområder som bidrar til temaet %(name)s."
        ) % {"name": theme.name}

    def histories(self, theme):
        return [(Agreement, Agreement.objects.published().filter(focus_areas__themes=theme))]
