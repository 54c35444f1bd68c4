"""The booking rules: one module for the public form, the staff admin,
imports and tests (DESIGN §3: business rules never live in a view only).

``check_request()`` answers, for a room and the wanted dates, every rule that
is broken, as :class:`Problem` objects whose message names what to change, in
the active language. An empty list means the request may be saved. Rules:

* the room may be requested online, by this kind of requester (fee table);
* each date lasts between the room's shortest and longest booking, starts on
  the room's start-time grid and ends on the same day;
* the attendees fit the room;
* each date is in the future, with the room's minimum notice and within its
  maximum advance;
* not on a public holiday or closure day of the centre (unless the centre has
  special opening hours that day);
* within the centre's opening hours that day (unless the room is bookable
  outside them) and within the room's bookable hours;
* no overlap, including both buffers, with anything stored for the room:
  offers, consultation hours, regular use, confirmed bookings (DESIGN
  decision 1: the occurrence store).

Every check reads a bounded number of queries, whatever the number of dates.
"""

import datetime as dt
import functools
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from wagtail_stadtteil.rooms.availability import Interval, default_window, merge
from wagtail_stadtteil.rooms.conflicts import blocked_padding, find_conflicts
from wagtail_stadtteil.schedules.dates import aware, local_date, local_zone
from wagtail_stadtteil.schedules.models import Occurrence

from .fees import fee_rule
from .models import RequesterKind


@dataclass(frozen=True)
class Slot:
    """A wanted time: aware ``start`` and ``end`` on one local day."""

    start: dt.datetime
    end: dt.datetime

    @property
    def date(self):
        return local_date(self.start)

    @property
    def duration(self):
        """The real time between start and end. (Python subtracts two times of
        the same zone on the wall clock: the night of a DST change would
        count an hour too many or too few.)"""
        return self.end.astimezone(dt.UTC) - self.start.astimezone(dt.UTC)


@dataclass(frozen=True)
class Problem:
    """A broken rule. ``field`` is the form field to change (None: the whole
    request); ``date`` is set when only that date of a series is affected."""

    code: str
    message: str
    field: str | None = None
    date: dt.date | None = None


#: The problems that stop staff from confirming a request (``staff=True``
#: skips notice and advance; capacity or duration they may accept).
BLOCKS_CONFIRMATION = frozenset({"busy", "closed", "past"})


class NonexistentTime(ValueError):
    """A local time that the clocks skip (the spring DST change)."""


def day_label(day):
    """A date for messages, with its weekday: "Dienstag, 24. November 2026"."""
    return pgettext("weekday and date", "%(weekday)s, %(date)s") % {
        "weekday": date_format(day, "l"),
        "date": date_format(day, "DATE_FORMAT"),
    }


def hhmm(value):
    """A local wall-clock time for messages: "18:30"."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value, local_zone()).time()
    return time_format(value, "H:i")


def make_slot(day, start_time, end_time):
    """The slot from local ``start_time`` to ``end_time`` on ``day``.

    Raises NonexistentTime for a time the clocks skip on that day (02:30 on
    the last Sunday of March in Germany) and ValueError when the end is not
    after the start: bookings end on the day they start.
    """
    zone = local_zone()
    for value in (start_time, end_time):
        instant = aware(day, value, zone)
        round_trip = instant.astimezone(dt.UTC).astimezone(zone)
        if (round_trip.date(), round_trip.time()) != (day, value.replace(tzinfo=None)):
            raise NonexistentTime(value)
    start, end = aware(day, start_time, zone), aware(day, end_time, zone)
    if end_time <= start_time or end <= start:
        raise ValueError("end before start")
    return Slot(start, end)


def nonexistent_time_problem(day, value, field):
    return Problem(
        "nonexistent_time",
        _(
            "%(time)s does not exist on %(date)s: the clocks go forward that night. "
            "Choose another time."
        )
        % {"time": hhmm(value), "date": day_label(day)},
        field=field,
        date=day,
    )


def check_request(
    room,
    slots,
    *,
    attendees=None,
    requester_kind=None,
    volunteer_confirmed=None,
    now=None,
    staff=False,
    exclude=None,
):
    """Every rule that the request for ``room`` on ``slots`` breaks.

    ``volunteer_confirmed`` (when not None) is whether a volunteer requester
    confirmed more than a year of voluntary work in the house (seed 000: only
    they may use rooms for private parties). ``staff=True`` (a request
    entered or decided by the centre's staff) skips what protects the staff's
    planning from residents: whether the room is offered online, notice and
    advance. ``exclude`` is a Q of occurrences not
    to count (e.g. the request's own, when it is confirmed).
    """
    now = now or timezone.now()
    slots = sorted(slots, key=lambda slot: slot.start)
    problems = []
    if not staff and not room.publicly_bookable:
        problems.append(
            Problem(
                "not_bookable",
                _("This room cannot be requested online. Please contact the centre."),
            )
        )
    if requester_kind:
        rule = fee_rule(room, requester_kind)
        if not rule.allowed:
            label = RequesterKind(requester_kind).label
            problems.append(
                Problem(
                    "kind_not_allowed",
                    _("This room cannot be requested for: %(kind)s. Please contact the centre.")
                    % {"kind": label},
                    field="requester_kind",
                )
            )
    if requester_kind == RequesterKind.VOLUNTEER and volunteer_confirmed is False:
        problems.append(
            Problem(
                "volunteer_unconfirmed",
                _(
                    "Rooms for private parties are for people who have volunteered in the "
                    "house regularly for more than a year. Please confirm this, or choose "
                    "another kind of requester."
                ),
                field="volunteer_confirmed",
            )
        )
    if attendees is not None and room.capacity and attendees > room.capacity:
        problems.append(
            Problem(
                "capacity",
                ngettext(
                    "The room holds at most %(count)d person. Choose fewer attendees or "
                    "another room.",
                    "The room holds at most %(count)d people. Choose fewer attendees or "
                    "another room.",
                    room.capacity,
                )
                % {"count": room.capacity},
                field="attendees",
            )
        )
    if not slots:
        return problems
    problems += _shape_problems(room, slots[0])
    problems += _time_problems(room, slots, now, staff)
    problems += _day_problems(room, slots)
    problems += _overlap_problems(room, slots, exclude)
    return problems


def _shape_problems(room, slot):
    """Duration and start grid: the same for every date of a series."""
    problems = []
    minutes = slot.duration / dt.timedelta(minutes=1)
    if room.min_duration and minutes < room.min_duration:
        problems.append(
            Problem(
                "too_short",
                ngettext(
                    "Book this room for at least %(count)d minute.",
                    "Book this room for at least %(count)d minutes.",
                    room.min_duration,
                )
                % {"count": room.min_duration},
                field="end_time",
            )
        )
    if room.max_duration and minutes > room.max_duration:
        problems.append(
            Problem(
                "too_long",
                ngettext(
                    "Book this room for at most %(count)d minute.",
                    "Book this room for at most %(count)d minutes.",
                    room.max_duration,
                )
                % {"count": room.max_duration},
                field="end_time",
            )
        )
    local_start = timezone.localtime(slot.start, local_zone())
    interval = room.start_interval or 1
    if (local_start.hour * 60 + local_start.minute) % interval or local_start.second:
        problems.append(
            Problem(
                "start_grid",
                ngettext(
                    "Bookings may start at any full minute.",
                    "Bookings start every %(count)d minutes (for example at 18:00).",
                    interval,
                )
                % {"count": interval},
                field="start_time",
            )
        )
    return problems


def _time_problems(room, slots, now, staff):
    problems = []
    earliest = now + dt.timedelta(hours=room.min_notice_hours or 0)
    latest_day = timezone.localtime(now, local_zone()).date() + dt.timedelta(
        days=room.max_advance_days or 0
    )
    for slot in slots:
        if slot.start <= now:
            problems.append(
                Problem(
                    "past",
                    _("%(date)s, %(time)s has passed. Choose a later date.")
                    % {"date": day_label(slot.date), "time": hhmm(slot.start)},
                    field="date",
                    date=slot.date,
                )
            )
        elif not staff and slot.start < earliest:
            local_earliest = timezone.localtime(earliest, local_zone())
            problems.append(
                Problem(
                    "notice",
                    ngettext(
                        "This room needs %(count)d hour's notice: choose a start from "
                        "%(date)s, %(time)s on.",
                        "This room needs %(count)d hours' notice: choose a start from "
                        "%(date)s, %(time)s on.",
                        room.min_notice_hours,
                    )
                    % {
                        "count": room.min_notice_hours,
                        "date": day_label(local_earliest.date()),
                        "time": hhmm(local_earliest),
                    },
                    field="date",
                    date=slot.date,
                )
            )
        elif not staff and slot.date > latest_day:
            problems.append(
                Problem(
                    "advance",
                    ngettext(
                        "This room can be requested at most %(count)d day ahead, up to %(date)s.",
                        "This room can be requested at most %(count)d days ahead, up to %(date)s.",
                        room.max_advance_days,
                    )
                    % {"count": room.max_advance_days, "date": day_label(latest_day)},
                    field="date",
                    date=slot.date,
                )
            )
    return problems


def opening_windows(room, first, last):
    """{local date: merged opening Intervals} of the room's centre, read from
    the store, and whether the centre has opening hours at all."""
    centre = room.centre
    rows = Occurrence.objects.filter(
        centre_id__in=centre.get_translations(inclusive=True).values("pk"),
        kind=Occurrence.Kind.OPENING,
    ).overlapping(aware(first, dt.time.min), aware(last + dt.timedelta(days=1), dt.time.min))
    rows = rows.exclude(status=Occurrence.Status.CANCELLED)
    windows = {}
    for row in rows.only("start", "end", "original_date"):
        windows.setdefault(row.original_date, []).append(Interval(row.start, row.end))
    has_hours = bool(windows) or centre.opening_hours.exists()
    return {day: merge(found) for day, found in windows.items()}, has_hours


def _day_problems(room, slots):
    """Holidays, closures, opening hours and the room's bookable hours."""
    problems = []
    first, last = slots[0].date, slots[-1].date
    centre = room.centre
    paused = centre.paused_dates(first, last)
    windows, has_hours = opening_windows(room, first, last)
    for slot in slots:
        day = slot.date
        open_today = windows.get(day, [])
        if day in paused and not open_today:
            problems.append(
                Problem(
                    "closed",
                    _("The centre is closed on %(date)s (%(reason)s). Choose another day.")
                    % {"date": day_label(day), "reason": paused[day]},
                    field="date",
                    date=day,
                )
            )
            continue
        if not room.outside_opening_hours:
            if not has_hours:
                open_today = [default_window(day)]
            if not open_today:
                problems.append(
                    Problem(
                        "closed",
                        _("The centre is closed on %(date)s. Choose another day.")
                        % {"date": day_label(day)},
                        field="date",
                        date=day,
                    )
                )
                continue
            if not any(w.start <= slot.start and slot.end <= w.end for w in open_today):
                hours = ", ".join(f"{hhmm(w.start)}–{hhmm(w.end)}" for w in open_today)
                problems.append(
                    Problem(
                        "opening_hours",
                        _(
                            "On %(date)s the centre is open %(hours)s. Choose a time within "
                            "these hours."
                        )
                        % {"date": day_label(day), "hours": hours},
                        field="start_time",
                        date=day,
                    )
                )
                continue
        local_start = timezone.localtime(slot.start, local_zone()).time()
        local_end = timezone.localtime(slot.end, local_zone()).time()
        if (room.bookable_from and local_start < room.bookable_from) or (
            room.bookable_until and local_end > room.bookable_until
        ):
            problems.append(
                Problem(
                    "bookable_hours",
                    _("This room can be booked from %(start)s to %(end)s.")
                    % {
                        "start": hhmm(room.bookable_from or dt.time(0, 0)),
                        "end": hhmm(room.bookable_until or dt.time(23, 59)),
                    },
                    field="start_time",
                    date=day,
                )
            )
    return problems


def _overlap_problems(room, slots, exclude):
    problems, seen = [], set()
    for conflict in find_conflicts(room, slots, exclude=exclude):
        day = conflict.date
        if day in seen:
            continue
        seen.add(day)
        busy = conflict.occurrence
        problems.append(
            Problem(
                "busy",
                _(
                    "The room is in use on %(date)s from %(start)s to %(end)s, and needs "
                    "%(buffer)s minutes in between to set up and tidy up. Choose another time."
                )
                % {
                    "date": day_label(day),
                    "start": hhmm(busy.start),
                    "end": hhmm(busy.end),
                    "buffer": (room.buffer_before or 0) + (room.buffer_after or 0),
                }
                if room.buffer_before or room.buffer_after
                else _(
                    "The room is in use on %(date)s from %(start)s to %(end)s. Choose another time."
                )
                % {"date": day_label(day), "start": hhmm(busy.start), "end": hhmm(busy.end)},
                field="start_time",
                date=day,
            )
        )
    return problems


def is_free(room, start, end, exclude=None):
    """Whether ``room`` is free (buffers included) from ``start`` to ``end``:
    one bounded range query on the store's (room, start, end) index.

    This is the hot path of availability (the form's live checks, the
    benchmark's "availability checks per second"), so without ``exclude`` it
    runs one precompiled statement: the ORM's query building costs more than
    the indexed lookup itself.
    """
    padding = blocked_padding(room)
    first, last = start - padding, end + padding
    if exclude is None:
        with connection.cursor() as cursor:
            instant = connection.ops.adapt_datetimefield_value
            bounds = [instant(last), instant(first), instant(first - Occurrence.LONGEST)]
            cursor.execute(_free_sql(), [room.pk, *bounds])
            return cursor.fetchone() is None
    busy = (
        Occurrence.objects.filter(room_id=room.pk)
        .overlapping(first, last)
        .exclude(status=Occurrence.Status.CANCELLED)
        .exclude(exclude)
    )
    return not busy.exists()


@functools.cache
def _free_sql():
    """``Occurrence.objects.filter(room_id=…).overlapping(…)`` without the
    cancelled ones, as SQL, made once from the model's own names."""
    quote = connection.ops.quote_name
    table = quote(Occurrence._meta.db_table)
    column = {
        name: quote(Occurrence._meta.get_field(name).column)
        for name in ("room_id", "start", "end", "status")
    }
    return (
        f"SELECT 1 FROM {table} WHERE {column['room_id']} = %s AND {column['start']} < %s "
        f"AND {column['end']} > %s AND {column['start']} > %s "
        f"AND {column['status']} <> '{Occurrence.Status.CANCELLED.value}' LIMIT 1"
    )


def dates_with_problems(problems):
    """The dates of a series that break a rule (the requester may drop them)."""
    return sorted({problem.date for problem in problems if problem.date is not None})
