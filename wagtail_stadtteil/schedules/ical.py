"""iCalendar feeds (RFC 5545) built from rows of the occurrence store.

Generic: the centres and rooms apps decide which occurrences a feed holds and
what residents may read about each one (``summary``, ``url``, ``location``,
``description`` callables); this module only turns them into a calendar with
local times and a VTIMEZONE, so a weekly 18:00 stays 18:00 in every client.
"""

import datetime as dt

import icalendar
from django.http import HttpResponse
from django.utils import timezone

from .dates import local_zone
from .models import Occurrence

PRODID = "-//wagtail-stadtteil//Stadtteilzentren//DE"

#: How often subscribed clients should fetch the feed again.
REFRESH_INTERVAL = dt.timedelta(hours=12)


def _title(occurrence):
    return occurrence.title


def _nothing(occurrence):
    return None


def build_calendar(
    occurrences,
    title,
    *,
    domain,
    summary=_title,
    url=_nothing,
    location=_nothing,
    description=_nothing,
    calendar_uid=None,
    calendar_url=None,
):
    """An ``icalendar.Calendar`` named ``title`` with one VEVENT per occurrence.

    * UID: ``Occurrence.uid(domain)``, stable across refreshes of the store, so
      a moved or cancelled date updates the event residents already have;
    * DTSTART/DTEND with ``TZID`` in the centres' time zone, and a VTIMEZONE
      covering the dates of the feed;
    * ``STATUS:CANCELLED`` for cancelled dates (clients strike or remove them);
    * SUMMARY, URL, LOCATION and DESCRIPTION from the callables, each taking an
      occurrence and returning text or None. Callers must not put personal data
      into them.
    """
    zone = local_zone()
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    calendar = icalendar.Calendar.new(
        name=title,
        prodid=PRODID,
        method="PUBLISH",
        refresh_interval=REFRESH_INTERVAL,
        # A stable UID for the calendar itself (RFC 7986): the feed's address.
        uid=calendar_uid or calendar_url,
        url=calendar_url,
    )
    calendar.add("x-wr-timezone", zone.key)
    first = last = None
    for occurrence in occurrences:
        start, end = occurrence.start.astimezone(zone), occurrence.end.astimezone(zone)
        changed = occurrence.status != Occurrence.Status.SCHEDULED
        event = icalendar.Event.new(
            uid=occurrence.uid(domain),
            stamp=stamp,
            start=start,
            end=end,
            summary=summary(occurrence),
            status="CANCELLED" if occurrence.is_cancelled else "CONFIRMED",
            # A changed date is a new version of the same event (RFC 5545 3.8.7.4).
            sequence=1 if changed else 0,
            url=url(occurrence),
            location=location(occurrence),
            description=description(occurrence),
        )
        calendar.add_component(event)
        first = min(first, start.date()) if first else start.date()
        last = max(last, end.date()) if last else end.date()
    if first is not None:
        # Transitions for the feed's own dates only: a VTIMEZONE for 1970-2038
        # (the library's default) would dwarf a small feed.
        calendar.add_missing_timezones(first - dt.timedelta(days=1), last + dt.timedelta(days=1))
    return calendar


def ical_response(calendar, filename):
    """The calendar as a ``text/calendar`` response that calendar apps can
    subscribe to and browsers open rather than display."""
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
