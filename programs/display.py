"""How agreements and conferences read to people: words, periods, dates and tag colours.

The models say what is true (an agreement's status on a day, its period); this
module says how to put it, in the active language. Templates reach these
through programs_tags; views, feeds and search call them directly. It reads
only the objects it is given (the models name an agreement with it), so it
imports no model.
"""

from django.utils import formats
from django.utils.timesince import timeuntil
from django.utils.translation import gettext_lazy as _

from core import clock

# By the value of Agreement.Status. For counts on the front page: «4 aktive avtaler».
STATUS_PLURALS = {
    "announced": _("Kunngjorte avtaler"),
    "active": _("Aktive avtaler"),
    "ended": _("Avsluttede avtaler"),
    "unknown": _("Avtaler uten oppgitt periode"),
}
# Designsystemet colours for each status; the words always carry the meaning too.
STATUS_COLORS = {
    "announced": "info",
    "active": "success",
    "ended": "neutral",
    "unknown": "warning",
}


def status_color(agreement, today=None):
    return STATUS_COLORS[agreement.status_on(today or clock.today())]


def status_text(agreement, today=None):
    """The status in words: «Aktiv til 2030», «Avsluttet 2024», «Kunngjort 2024»."""
    status = agreement.status_on(today or clock.today())
    start, end = agreement.bounds
    if status == agreement.Status.ACTIVE and end:
        return _("Aktiv til %(year)s") % {"year": end.year}
    if status == agreement.Status.ENDED:
        return _("Avsluttet %(year)s") % {"year": end.year}
    if status == agreement.Status.ANNOUNCED and start:
        return _("Kunngjort %(year)s") % {"year": start.year}
    return str(status.label)


def remaining_text(agreement, today=None):
    """«4 år, 1 måned» left of an active agreement; "" when it is not active or has no end."""
    today = today or clock.today()
    remaining = agreement.remaining_on(today)
    if remaining is None:
        return ""
    return timeuntil(today + remaining, today)


def period_label(agreement):
    """A compact period: «2023–2028», «til 2026», «fra 2024», or «periode ikke oppgitt»."""
    start, end = agreement.bounds
    if start and end:
        return f"{start.year}–{end.year}"
    if end:
        return _("til %(year)s") % {"year": end.year}
    if start:
        return _("fra %(year)s") % {"year": start.year}
    return str(_("periode ikke oppgitt"))


def period_facts(agreement):
    """What the source says about the period, one short sentence each."""
    facts = []
    if agreement.stage == agreement.Stage.ANNOUNCED:
        if agreement.duration_years and agreement.start_year:
            facts.append(
                _("Staten varslet en avtale på %(years)s år fra %(year)s.")
                % {"years": agreement.duration_years, "year": agreement.start_year}
            )
        elif agreement.start_year:
            facts.append(
                _("Staten varslet en avtale fra %(year)s.") % {"year": agreement.start_year}
            )
    else:
        if agreement.signed_on:
            facts.append(
                _("Undertegnet %(date)s.") % {"date": formats.date_format(agreement.signed_on)}
            )
        if agreement.start_year:
            facts.append(_("Gjelder fra %(year)s.") % {"year": agreement.start_year})
        if agreement.duration_years:
            facts.append(_("Ramme på %(years)s år.") % {"years": agreement.duration_years})
        if agreement.end_year:
            facts.append(_("Gjelder til %(year)s.") % {"year": agreement.end_year})
    if agreement.extension_possible:
        facts.append(_("Kan forlenges."))
    if not facts:
        facts.append(_("Kilden oppgir ikke når avtalen begynte eller slutter."))
    return facts


def agreement_title(agreement):
    """«Samarbeidsavtale med Drammen kommune»."""
    return _("%(kind)s med %(municipality)s kommune") % {
        "kind": agreement.get_kind_display(),
        "municipality": agreement.municipality.name,
    }


def conference_dates(conference):
    """«26.–27. september 2024», or the full dates when months or years differ."""
    start, end = conference.start_date, conference.end_date
    if start == end:
        return formats.date_format(start)
    if (start.year, start.month) == (end.year, end.month):
        # «26.–27. september 2024»; English drops the day's full stop.
        return _("%(first_day)s.–%(last_date)s") % {
            "first_day": start.day,
            "last_date": formats.date_format(end),
        }
    return f"{formats.date_format(start)} – {formats.date_format(end)}"


def document_facts(document):
    """«Stortingsmelding, Meld. St. 28 (2022–2023), 2023»: what kind, which, when."""
    return ", ".join(
        str(part)
        for part in (document.get_kind_display(), document.reference, document.year)
        if part
    )
