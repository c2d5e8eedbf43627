"""The Atom feed of changes to municipalities, agreements and conferences, from their history."""

import uuid

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from municipalities.models import Municipality
from programs.models import Agreement, Conference

MAX_ENTRIES = 40
# History fields that say nothing to a reader.
IGNORED_FIELDS = {"created_at", "updated_at", "period_start", "period_end"}


def base_field(model, name):
    """purpose_nn → purpose, for models with translated fields."""
    if model in translator.get_registered_models():
        for field in translator.get_options_for_model(model).fields:
            if name.startswith(f"{field}_"):
                return field
    return name


def changed_fields(record):
    """Readable names of the fields that changed in this historical record."""
    model = record.instance_type
    previous = record.prev_record
    if previous is None:
        return []
    names = []
    for change in record.diff_against(previous).changes:
        field = base_field(model, change.field)
        if field in IGNORED_FIELDS:
            continue
        label = capfirst(model._meta.get_field(field).verbose_name)
        if label not in names:
            names.append(label)
    return names


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Endringer på Områdesatsinger")
    subtitle = _("Nye og endrede kommuner, avtaler og konferanser.")

    def link(self):
        return reverse("home")

    def feed_url(self):
        return reverse("changes_feed")

    def items(self):
        records = [
            *Municipality.history.order_by("-history_date")[:MAX_ENTRIES],
            *Agreement.history.select_related("municipality").order_by("-history_date")[
                :MAX_ENTRIES
            ],
            *Conference.history.order_by("-history_date")[:MAX_ENTRIES],
        ]
        records.sort(key=lambda record: record.history_date, reverse=True)
        return records[:MAX_ENTRIES]

    def item_title(self, record):
        model = record.instance_type
        if model is Agreement:
            subject = gettext("%(kind)s med %(municipality)s") % {
                "kind": record.instance.get_kind_display().lower(),
                "municipality": record.municipality.name,
            }
        else:
            subject = str(record.instance)
        action = {
            "+": gettext("lagt til"),
            "~": gettext("endret"),
            "-": gettext("fjernet"),
        }[record.history_type]
        return f"{capfirst(subject)}: {action}"

    def item_description(self, record):
        if record.history_type == "~":
            fields = changed_fields(record)
            if fields:
                return gettext("Endret: %(fields)s.") % {"fields": ", ".join(map(str, fields))}
            return gettext("Endret.")
        if record.history_type == "+":
            return gettext("Lagt til på nettstedet.")
        return gettext("Fjernet fra nettstedet.")

    def item_link(self, record):
        model = record.instance_type
        if record.history_type == "-":
            return reverse("home")
        if model is Municipality:
            return reverse("municipalities:detail", args=[record.slug])
        if model is Agreement:
            return reverse("municipalities:detail", args=[record.municipality.slug]) + (
                f"#avtale-{record.id}"
            )
        return reverse("programs:conference_detail", args=[record.slug])

    def item_guid(self, record):
        # Unique and stable whatever host or language serves the feed.
        name = f"omradesatsinger:{record._meta.model_name}:{record.history_id}"
        return uuid.uuid5(uuid.NAMESPACE_URL, name).urn

    item_guid_is_permalink = False

    def item_pubdate(self, record):
        return record.history_date

    def item_updateddate(self, record):
        return record.history_date
