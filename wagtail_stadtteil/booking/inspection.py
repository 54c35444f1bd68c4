"""What a room request's page in the admin shows, computed apart from the
views: what the booking rules say against its dates now, other requests
waiting for the same time, the room's week, the room's fee table, and the
labels of times, dates and fees that the page, the inbox and the bulk
actions share.

Everything here only reads; decisions go through ``booking.services``.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext, ngettext

from wagtail_stadtteil.rooms.admin_views import CalendarEntry
from wagtail_stadtteil.schedules.dates import aware, local_date, local_zone
from wagtail_stadtteil.schedules.models import Occurrence
from wagtail_stadtteil.schedules.store import source_type

from . import rules, services
from .fees import euros, fee_rule
from .models import BookingDate, BookingRequest, RequesterKind

Status = BookingRequest.Status

#: What makes confirming fail (``services.confirm`` refuses exactly these).
BLOCKING_PROBLEMS = rules.BLOCKS_CONFIRMATION


def request_page_url(url_namespace, pk):
    """The page of request ``pk`` in the request viewset at ``url_namespace``."""
    return reverse(f"{url_namespace}:inspect", args=[quote(pk)])


# Times, dates and fees as the admin shows them ------------------------------------------


def local_times(start, end):
    """Local wall-clock start and end for templates (naive: templates would
    convert aware times to the admin user's zone) and their ISO forms."""
    zone = local_zone()
    start, end = start.astimezone(zone), end.astimezone(zone)
    return {
        "start": start.replace(tzinfo=None),
        "end": end.replace(tzinfo=None),
        "start_iso": start.isoformat(),
        "end_iso": end.isoformat(),
    }


def when_label(value):
    """A local date and time for listings and exports: "12.05.2026 18:00"."""
    if value is None:
        return ""
    local = value.astimezone(local_zone())
    return f"{date_format(local, 'SHORT_DATE_FORMAT')} {time_format(local, 'H:i')}"


def first_date_label(booking):
    """The request's first date, with how many dates it has if more than one."""
    label = when_label(booking.first_start)
    count = getattr(booking, "date_count", 1)
    if count > 1:
        return ngettext("%(when)s (%(count)d date)", "%(when)s (%(count)d dates)", count) % {
            "when": label,
            "count": count,
        }
    return label


def fee_label(booking):
    """The expected fee in euros, or a dash while there is none."""
    return euros(booking.fee) if booking.fee is not None else "–"


# What speaks against a request ---------------------------------------------------------


def rule_problems(booking, dates, now=None):
    """What the booking rules say about the request's dates now.

    A request waiting for a decision is checked like staff would enter it
    (no notice or advance limits), against everything else in the store; a
    confirmed booking only for its dates ahead that now clash with something
    or fall on a closure. Decided requests are not checked.
    """
    now = now or timezone.now()
    own = services.own_occurrences(booking)
    if booking.status == Status.REQUESTED:
        slots = [rules.Slot(date.start, date.end) for date in dates]
        return rules.check_request(
            booking.room,
            slots,
            attendees=booking.attendees,
            requester_kind=booking.requester_kind,
            now=now,
            staff=True,
            exclude=own,
        )
    if booking.status == Status.CONFIRMED:
        slots = [rules.Slot(date.start, date.end) for date in dates if date.start > now]
        found = rules.check_request(booking.room, slots, now=now, staff=True, exclude=own)
        # Only dates still ahead are checked, so none of them has passed.
        return [problem for problem in found if problem.code in BLOCKING_PROBLEMS]
    return []


def waiting_overlaps(booking, dates):
    """[(own date, other date)] for other requests waiting for the same room
    whose blocked time (buffers included) overlaps one of ``dates``."""
    if not dates or not booking.is_open:
        return []
    others = (
        BookingDate.objects.filter(
            room_id=booking.room_id,
            request__status=Status.REQUESTED,
            blocked_from__lt=max(date.blocked_until for date in dates),
            blocked_until__gt=min(date.blocked_from for date in dates),
        )
        .exclude(request_id=booking.pk)
        .select_related("request")
        .order_by("start", "pk")
    )
    pairs = []
    for other in others:
        for date in dates:
            if date.blocked_from < other.blocked_until and other.blocked_from < date.blocked_until:
                pairs.append((date, other))
                break
    return pairs


# The room's week and fees ---------------------------------------------------------------


@dataclass
class WeekRow:
    """One line of the room's week on a request's page."""

    times: dict
    title: str
    kind: str
    status: str
    url: str | None = None
    this_request: bool = False
    cancelled: bool = False


def room_week(booking, dates, inspect_url):
    """The room's week of the request's first date: what the store holds,
    this request's dates and other requests waiting for the room."""
    first = dates[0].start if dates else booking.first_start
    if first is None:
        return None
    monday = local_date(first) - dt.timedelta(days=local_date(first).weekday())
    sunday = monday + dt.timedelta(days=6)
    begin, end = aware(monday, dt.time.min), aware(sunday + dt.timedelta(days=1), dt.time.min)
    own_type = source_type(BookingRequest)
    zone = local_zone()
    rows = []
    stored = Occurrence.objects.filter(room_id=booking.room_id, start__lt=end, end__gt=begin)
    for occurrence in stored.order_by("start", "end", "pk"):
        entry = CalendarEntry(occurrence, zone)
        is_booking = (
            occurrence.kind == Occurrence.Kind.BOOKING and occurrence.source_type == own_type
        )
        url = inspect_url(occurrence.source_id) if is_booking else entry.edit_url
        rows.append(
            WeekRow(
                local_times(occurrence.start, occurrence.end),
                occurrence.title,
                occurrence.get_kind_display(),
                occurrence.get_status_display(),
                url=url,
                this_request=is_booking and occurrence.source_id == booking.pk,
                cancelled=occurrence.status == Occurrence.Status.CANCELLED,
            )
        )
    if booking.status != Status.CONFIRMED:  # confirmed dates are in the store already
        for date in dates:
            if date.start < end and date.end > begin:
                rows.append(
                    WeekRow(
                        local_times(date.start, date.end),
                        booking.occurrence_title(),
                        gettext("Room request"),
                        booking.get_status_display(),
                        this_request=True,
                    )
                )
    waiting = (
        BookingDate.objects.filter(
            room_id=booking.room_id, request__status=Status.REQUESTED, start__lt=end, end__gt=begin
        )
        .exclude(request_id=booking.pk)
        .select_related("request")
    )
    for date in waiting:
        rows.append(
            WeekRow(
                local_times(date.start, date.end),
                date.request.occurrence_title(),
                gettext("Room request"),
                date.request.get_status_display(),
                url=inspect_url(date.request_id),
            )
        )
    rows.sort(key=lambda row: (row.times["start"], row.times["end"]))
    calendar_url = reverse("stadtteil_centre_calendar", args=[booking.centre_id])
    return {
        "monday": monday,
        "sunday": sunday,
        "rows": rows,
        "calendar_url": f"{calendar_url}?start={monday:%Y-%m-%d}",
    }


def fee_table(room, requester_kind):
    """The room's fee rule for every kind of requester, marking the rows of
    the room's own table and the kind of this request."""
    rows = list(room.fees.all())
    own = {row.requester_kind for row in rows}
    table = []
    for kind, label in RequesterKind.choices:
        rule = fee_rule(room, kind, rows)
        table.append(
            {
                "kind": label,
                "allowed": rule.allowed,
                "hourly": euros(rule.hourly) if rule.hourly is not None else "",
                "daily": euros(rule.daily) if rule.daily is not None else "",
                "free": rule.allowed and rule.is_free,
                "note": rule.note,
                "from_room": kind in own,
                "this_request": kind == requester_kind,
            }
        )
    return table
