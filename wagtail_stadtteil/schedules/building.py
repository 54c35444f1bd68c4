"""Turning schedules into occurrence rows: dates × local times, with changes to
single dates and pauses on holidays and closure days applied. Shared by every
owner (offers, consultation hours, regular room use)."""

from dataclasses import dataclass

from .dates import aware
from .models import DateChangeBase, Occurrence


@dataclass
class Slot:
    """One occurrence before it is stored."""

    schedule: object
    original_date: object
    start: object
    end: object
    status: str
    note: str
    room_id: int | None


def expand_schedules(schedules, first, last, changes=None, paused=None):
    """Slots of ``schedules`` from ``first`` to ``last``.

    ``changes`` maps an original local date to a DateChangeBase (cancel/move);
    ``paused`` maps a local date to the reason the centre is closed (holiday,
    closure), which cancels schedules that pause on such days.
    """
    changes = changes or {}
    paused = paused or {}
    slots = []
    for schedule in schedules:
        room_id = getattr(schedule, "room_id", None)
        for day in schedule.dates_between(first, last):
            start, end = schedule.instants(day)
            status, note, slot_room = Occurrence.Status.SCHEDULED, schedule.note, room_id
            change = changes.get(day)
            if change is not None and change.action == DateChangeBase.Action.CANCEL:
                status, note = Occurrence.Status.CANCELLED, change.reason
            elif change is not None and change.action == DateChangeBase.Action.MOVE:
                new_day = change.new_date or day
                start = aware(new_day, change.new_start_time or schedule.start_time)
                end = aware(new_day, change.new_end_time or schedule.end_time)
                slot_room = getattr(change, "new_room_id", None) or room_id
                status, note = Occurrence.Status.MOVED, change.reason
            elif schedule.pauses_on_closures and day in paused:
                status, note = Occurrence.Status.CANCELLED, paused[day]
            slots.append(Slot(schedule, day, start, end, status, note or "", slot_room))
    return slots
