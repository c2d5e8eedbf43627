"""iCalendar files for the conferences, made with the icalendar library."""

import datetime

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Conference

PRODID = "-//Områdesatsinger//Konferanser//NO"


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(conference, request):
    event = Event()
    event.add("uid", f"konferanse-{conference.pk}@{request.get_host()}")
    event.add("summary", conference.title)
    # All-day events: DTEND is the day after the last day (RFC 5545).
    event.add("dtstart", conference.start_date)
    event.add("dtend", conference.end_date + datetime.timedelta(days=1))
    event.add("dtstamp", conference.updated_at)
    event.add("location", conference.place)
    if conference.description:
        event.add("description", conference.description)
    event.add("url", request.build_absolute_uri(conference.get_absolute_url()))
    return event


def _response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def conference_ics(request, slug):
    conference = get_object_or_404(Conference.objects.visible(request), slug=slug)
    calendar = _calendar(conference.title)
    calendar.add_component(_event(conference, request))
    return _response(calendar, f"{conference.slug}.ics")


def all_conferences_ics(request):
    calendar = _calendar(_("Konferanser om områdesatsinger"))
    for conference in Conference.objects.published().order_by("start_date"):
        calendar.add_component(_event(conference, request))
    return _response(calendar, "konferanser.ics")
