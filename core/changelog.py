"""The edit history as people read it: labels, not field names; values, not codes.

``entries(model, records)`` turns a page of historical records of one object
into entries for the admin's history page: what was done, by whom and when,
one line per changed field (old → new), and the changes of its children (an
area, a grant, a focus area) made in the same save, listed under it.
"""

import dataclasses
import datetime
from decimal import Decimal

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from .history import IGNORED_FIELDS, LINKS, RESTORED, base_field, recorded_models
from .models import EditorialChild

# A child's record this close to one of its parent's belongs to the same save.
SAME_SAVE = datetime.timedelta(seconds=10)
LONGEST_VALUE = 300  # characters of a text shown before it is shortened


def language_labels():
    return {"nb": _("bokmål"), "nn": _("nynorsk"), "en": _("engelsk")}


@dataclasses.dataclass
class Change:
    label: str
    old: str
    new: str


@dataclasses.dataclass
class ChildEntry:
    text: str
    changes: list
    history_url: str = ""
    when: str = ""  # only when it was not saved together with its parent


@dataclasses.dataclass
class Entry:
    record: object
    kind: str  # created, deleted, restored, checked, published, unpublished or changed
    action: str
    changes: list
    notes: list = dataclasses.field(default_factory=list)
    children: list = dataclasses.field(default_factory=list)

    @property
    def when(self):
        return format_datetime(self.record.history_date)


def format_datetime(value):
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def field_label(model, name):
    """«Formål (nynorsk)» for purpose_nn; the plain label for other fields."""
    base = base_field(model, name)
    label = str(capfirst(model._meta.get_field(base).verbose_name))
    if base != name:
        language = name.removeprefix(f"{base}_")
        label = f"{label} ({language_labels().get(language, language)})"
    return label


def describe(field, value):
    """A stored value as a person reads it."""
    if value is None or value == "":
        return _("(tom)")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Ja") if value else _("Nei")
    if isinstance(field, models.ForeignKey):
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else _("(slettet)")
    if isinstance(field, models.DateTimeField):
        return format_datetime(value)
    if isinstance(field, models.DateField):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(field, models.FileField):
        return str(value).rsplit("/", 1)[-1]
    return Truncator(str(value)).chars(LONGEST_VALUE)


def translated_originals(model):
    """The untranslated fields modeltranslation keeps equal to bokmål (purpose, for purpose_nb)."""
    names = set()
    for field in model._meta.concrete_fields:
        if base_field(model, field.name) != field.name:
            names.add(base_field(model, field.name))
    return names


def meaningful_changes(model, newer, older):
    """(change, model field) for each field a person changed between two historical records.

    Not the bookkeeping (IGNORED_FIELDS), not the untranslated field that
    mirrors bokmål, and not an empty text saved back as "" where the data had
    NULL. The one rule for the history page, the conflict warning and the feed.
    """
    originals = translated_originals(model)
    for change in newer.diff_against(older).changes:
        if change.field in IGNORED_FIELDS or change.field in originals:
            continue
        if change.old in (None, "") and change.new in (None, ""):
            continue
        yield change, model._meta.get_field(base_field(model, change.field))


def linked_field_labels(model, reason):
    """The labels of the many-to-many fields a save changed (a LINKS reason), or []."""
    if not (reason or "").startswith(LINKS):
        return []
    fields = {field.name: field for field in model._meta.many_to_many}
    names = reason.removeprefix(LINKS).split(",")
    return [str(capfirst(fields[name].verbose_name)) for name in names if name in fields]


def changed_field_labels(model, newer, older):
    """The labels of the fields changed, each once («Formål» for any of its languages)."""
    labels = (
        str(capfirst(field.verbose_name)) for _c, field in meaningful_changes(model, newer, older)
    )
    return list(dict.fromkeys(labels))


def readable_changes(model, newer, older):
    """One Change per field that differs between two historical records of ``model``."""
    return [
        Change(
            field_label(model, change.field),
            describe(field, change.old),
            describe(field, change.new),
        )
        for change, field in meaningful_changes(model, newer, older)
    ]


def child_models(model):
    """The recorded models whose objects are parts of ``model``'s (EditorialChild)."""
    return [
        child
        for child in recorded_models()
        if issubclass(child, EditorialChild) and child.parent_field().related_model is model
    ]


def history_url(obj_model, pk):
    try:
        return reverse(
            f"admin:{obj_model._meta.app_label}_{obj_model._meta.model_name}_history", args=[pk]
        )
    except NoReverseMatch:
        return ""


def _action(model, record, previous):
    """(kind, text) of what this record did."""
    reason = record.history_change_reason or ""
    if record.history_type == "+":
        return "created", _("Opprettet")
    if record.history_type == "-":
        return "deleted", _("Slettet")
    if reason.startswith(RESTORED):
        version_id = reason.removeprefix(RESTORED)
        version = (
            model.history.filter(history_id=version_id).first() if version_id.isdigit() else None
        )
        if version is not None:
            return "restored", _("Gjenopprettet fra versjonen av %(when)s") % {
                "when": format_datetime(version.history_date)
            }
        return "restored", _("Gjenopprettet fra en tidligere versjon")
    if (
        previous is not None
        and hasattr(record, "checked_at")
        and record.checked_at != previous.checked_at
        and record.checked_at is not None
    ):
        return "checked", _("Markert som kontrollert")
    if previous is not None and hasattr(record, "published_at"):
        if previous.published_at is None and record.published_at is not None:
            return "published", _("Publisert")
        if previous.published_at is not None and record.published_at is None:
            return "unpublished", _("Gjort til utkast")
    return "changed", _("Endret")


def _notes(model, record, previous=None):
    if record.history_type == "~" and previous is None:
        return [_("Første registrerte versjon: hva som var før, er ikke kjent.")]
    labels = linked_field_labels(model, record.history_change_reason)
    if labels:
        return [_("Endret valg: %(fields)s") % {"fields": ", ".join(labels)}]
    return []


def _child_entries(model, records, before=None, after=None):
    """Child records nearest to these parent records: {parent history_id: [ChildEntry]}.

    ``before`` and ``after`` are the parent records just outside this page:
    a child record nearer to one of them is shown on that page instead.
    """
    if not records:
        return {}
    pk = getattr(records[0], model._meta.pk.attname)
    window = {}
    if before is not None:
        window["history_date__gt"] = (
            before.history_date + (records[-1].history_date - before.history_date) / 2
        )
    if after is not None:
        window["history_date__lte"] = (
            records[0].history_date + (after.history_date - records[0].history_date) / 2
        )
    nearest = {}
    for child in child_models(model):
        attname = child.parent_field().attname
        child_pk = child._meta.pk.attname
        shown = list(
            child.history.filter(**{attname: pk}, **window).order_by("history_date", "history_id")
        )
        # Which of them still exist (and so have a history page), in one query.
        existing = set(
            child._base_manager.filter(
                pk__in={getattr(record, child_pk) for record in shown}
            ).values_list("pk", flat=True)
        )
        previous_of = {}
        for child_record in shown:
            parent = min(records, key=lambda r: abs(r.history_date - child_record.history_date))
            previous = previous_of.get(getattr(child_record, child_pk))
            if previous is None and child_record.history_type == "~":
                previous = child_record.prev_record
            previous_of[getattr(child_record, child_pk)] = child_record
            apart = abs(parent.history_date - child_record.history_date) > SAME_SAVE
            nearest.setdefault(parent.history_id, []).append(
                _child_entry(
                    child,
                    child_record,
                    previous,
                    apart,
                    getattr(child_record, child_pk) in existing,
                )
            )
    return nearest


def _child_entry(child, record, previous, apart, exists):
    name = str(record.instance)
    verbose = str(capfirst(child._meta.verbose_name))
    if record.history_type == "+":
        text = _("%(model)s «%(name)s» lagt til") % {"model": verbose, "name": name}
    elif record.history_type == "-":
        text = _("%(model)s «%(name)s» fjernet") % {"model": verbose, "name": name}
    else:
        text = _("%(model)s «%(name)s» endret") % {"model": verbose, "name": name}
    changes = (
        readable_changes(child, record, previous)
        if previous is not None and record.history_type == "~"
        else []
    )
    pk = getattr(record, child._meta.pk.attname)
    return ChildEntry(
        text=text,
        changes=changes,
        history_url=history_url(child, pk) if exists else "",
        when=format_datetime(record.history_date) if apart else "",
    )


def entries(model, records, before=None, after=None):
    """Readable entries for ``records`` (one object's, newest first).

    ``before`` is the record just older than the last one given (the next
    page's first), so the oldest entry on a page still shows its changes;
    ``after`` the one just newer (the previous page's last).
    """
    records = list(records)
    children = _child_entries(model, records, before, after)
    result = []
    for position, record in enumerate(records):
        previous = records[position + 1] if position + 1 < len(records) else before
        if previous is None and record.history_type == "~":
            previous = record.prev_record
        changes = (
            readable_changes(model, record, previous)
            if previous is not None and record.history_type == "~"
            else []
        )
        kind, action = _action(model, record, previous)
        result.append(
            Entry(
                record=record,
                kind=kind,
                action=action,
                changes=changes,
                notes=_notes(model, record, previous),
                children=children.get(record.history_id, []),
            )
        )
    return result


def child_history_links(obj):
    """(label, history URL) for each current child of ``obj``: where their own history is."""
    links = []
    for child in child_models(type(obj)):
        attname = child.parent_field().attname
        for item in child._default_manager.filter(**{attname: obj.pk}):
            url = history_url(child, item.pk)
            if url:
                links.append((f"{capfirst(child._meta.verbose_name)} «{item}»", url))
    return links
