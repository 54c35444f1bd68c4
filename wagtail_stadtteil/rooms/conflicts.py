"""Whether planned times clash with other use of a room (Doppelbelegung).

One rule for editors' schedules, regular room use and (later) bookings: each
use blocks its room from ``buffer_before`` minutes before its start to
``buffer_after`` minutes after its end (setting up, tidying up); two uses
clash when their blocked times overlap. Touching is fine: a use blocked until
18:00 and another blocked from 18:00 do not clash.

Reads only the occurrence store (DESIGN decision 1). Cancelled dates occupy
nothing and never clash.
"""

import bisect
import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from wagtail_stadtteil.schedules.building import expand_schedules
from wagtail_stadtteil.schedules.dates import local_date, local_today
from wagtail_stadtteil.schedules.models import Occurrence
from wagtail_stadtteil.schedules.store import horizon_end


@dataclass(frozen=True)
class Conflict:
    """A planned ``slot`` that clashes with ``occurrence`` on local ``date``."""

    date: dt.date
    occurrence: Occurrence
    slot: object

    def __iter__(self):  # unpacks as (date, occurrence)
        return iter((self.date, self.occurrence))


def blocked_padding(room):
    """How far two uses of ``room`` must be apart: both buffers."""
    return dt.timedelta(minutes=(room.buffer_before or 0) + (room.buffer_after or 0))


def find_conflicts(room, slots, exclude=None):
    """The clashes of planned ``slots`` (objects with aware ``start`` and
    ``end``, e.g. schedules.building.Slot) with occurrences stored for ``room``.

    ``exclude`` is a Q of occurrences that do not count, usually the owner's
    own rows (``Q(page__translation_key=…)``, ``Q(source_type=…, source_id=…)``).
    Returns Conflict(date, occurrence, slot) ordered by time; one per clashing
    pair. Slots that are cancelled are ignored.
    """
    slots = [slot for slot in slots if getattr(slot, "status", None) != Occurrence.Status.CANCELLED]
    if not slots:
        return []
    padding = blocked_padding(room)
    first = min(slot.start for slot in slots) - padding
    last = max(slot.end for slot in slots) + padding
    others = (
        Occurrence.objects.filter(room_id=room.pk)
        .overlapping(first, last)
        .exclude(status=Occurrence.Status.CANCELLED)
    )
    if exclude is not None:
        others = others.exclude(exclude)
    # A room's stored dates up to the horizon can run into thousands: read
    # them as (pk, start, end) only, and load the few that clash in full.
    spans = sorted(others.values_list("start", "end", "pk"))
    if not spans:
        return []
    starts = [start for start, _end, _pk in spans]
    longest = max(end - start for start, end, _pk in spans)

    pairs = []
    for slot in sorted(slots, key=lambda slot: slot.start):
        # Only occurrences starting in this window can overlap the slot.
        low = bisect.bisect_right(starts, slot.start - padding - longest)
        high = bisect.bisect_left(starts, slot.end + padding)
        for start, end, pk in spans[low:high]:
            if end > slot.start - padding and start < slot.end + padding:
                pairs.append((slot, pk))
    clashing = Occurrence.objects.in_bulk([pk for _slot, pk in pairs])
    return [Conflict(local_date(slot.start), clashing[pk], slot) for slot, pk in pairs]


def find_schedule_conflicts(schedules, rooms, exclude=None, changes=None, paused=None, first=None):
    """Clashes of ``schedules`` (ScheduleBase instances, saved or not) from
    ``first`` (default today) to the store's horizon, in the rooms their dates
    take place in. ``rooms`` maps room ids to Room instances; ``changes`` and
    ``paused`` are as for schedules.building.expand_schedules."""
    first = first or local_today()
    slots = expand_schedules(schedules, first, horizon_end(), changes, paused)
    by_room = {}
    for slot in slots:
        if slot.room_id is not None and slot.status != Occurrence.Status.CANCELLED:
            by_room.setdefault(slot.room_id, []).append(slot)
    conflicts = []
    for room_id, room_slots in by_room.items():
        room = rooms.get(room_id)
        if room is not None:
            conflicts.extend(find_conflicts(room, room_slots, exclude=exclude))
    return sorted(conflicts, key=lambda conflict: (conflict.slot.start, conflict.occurrence.start))


def excluding_page(page):
    """The occurrences of ``page`` and its translations."""
    return Q(page__translation_key=page.translation_key)


def excluding_source(source_type, source_id):
    """The occurrences written by one row (e.g. a regular room use)."""
    return Q(source_type=source_type, source_id=source_id)
