"""When a room is busy and when it is free, read from the occurrence store.

One source for the public room timetable, the availability JSON, and later the
booking rules and the editors' conflict checks: everything that occupies a room
(offers, consultation hours, regular room use, bookings) is a row of
``Occurrence`` with the room's id; cancelled dates occupy nothing.
"""

import datetime as dt
from typing import NamedTuple

from wagtail_stadtteil.schedules.dates import aware
from wagtail_stadtteil.schedules.models import Occurrence

#: The day in which a room of a centre without opening hours counts as free.
DEFAULT_DAY = (dt.time(8, 0), dt.time(22, 0))


class Interval(NamedTuple):
    """A half-open time span [start, end) of aware datetimes."""

    start: dt.datetime
    end: dt.datetime


def buffers_of(room):
    """The room's (buffer before, buffer after) as timedeltas."""
    return (
        dt.timedelta(minutes=room.buffer_before or 0),
        dt.timedelta(minutes=room.buffer_after or 0),
    )


def occupying_occurrences(room, start, end, *, buffers=True):
    """Occurrences that occupy ``room`` between the instants ``start`` and
    ``end`` (cancelled dates left out), including those whose buffer reaches
    into the span when ``buffers`` is true."""
    before, after = buffers_of(room) if buffers else (dt.timedelta(0), dt.timedelta(0))
    return (
        Occurrence.objects.filter(room_id=room.pk, start__lt=end + before, end__gt=start - after)
        .exclude(status=Occurrence.Status.CANCELLED)
        .order_by("start", "end", "pk")
    )


def merge(intervals):
    """Sorted intervals with overlapping and touching ones joined."""
    merged = []
    for interval in sorted(intervals):
        if merged and interval.start <= merged[-1].end:
            if interval.end > merged[-1].end:
                merged[-1] = Interval(merged[-1].start, interval.end)
        else:
            merged.append(Interval(*interval))
    return merged


def buffered(occurrences, room, *, buffers=True):
    """The merged busy intervals of ``occurrences`` in ``room``, widened by the
    room's buffers (set-up before, tidying after) when ``buffers`` is true."""
    before, after = buffers_of(room) if buffers else (dt.timedelta(0), dt.timedelta(0))
    return merge(Interval(o.start - before, o.end + after) for o in occurrences)


def busy_intervals(room, start, end, *, buffers=True):
    """The merged intervals in which ``room`` is busy between the aware instants
    ``start`` and ``end``, with the room's buffers applied (unless
    ``buffers=False``) and clipped to [start, end). One query."""
    occurrences = occupying_occurrences(room, start, end, buffers=buffers).only(
        "start", "end", "status"
    )
    return clip(buffered(occurrences, room, buffers=buffers), start, end)


def clip(intervals, start, end):
    """``intervals`` cut to [start, end); those outside are left out."""
    return [
        Interval(max(i.start, start), min(i.end, end))
        for i in intervals
        if i.end > start and i.start < end
    ]


def free_intervals(windows, busy):
    """The parts of ``windows`` (e.g. a day's opening hours) not covered by the
    merged intervals ``busy``."""
    free = []
    for window in merge(windows):
        cursor = window.start
        for interval in busy:
            if interval.end <= cursor or interval.start >= window.end:
                continue
            if interval.start > cursor:
                free.append(Interval(cursor, interval.start))
            cursor = max(cursor, interval.end)
            if cursor >= window.end:
                break
        if cursor < window.end:
            free.append(Interval(cursor, window.end))
    return free


def default_window(day):
    """The hours in which a room counts as usable on ``day`` when its centre
    has no opening hours: 08:00 to 22:00 local time."""
    opens, closes = DEFAULT_DAY
    return Interval(aware(day, opens), aware(day, closes))
