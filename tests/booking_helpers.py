"""Helpers of the booking tests: a bookable room in a centre with opening
hours, days that are neither holidays nor too close, and requests made
through the real workflow (``booking.services``)."""

import datetime as dt

from tests.calendar_helpers import BERLIN, make_room, set_opening_hours
from wagtail_stadtteil.booking import services
from wagtail_stadtteil.booking.rules import Slot, make_slot
from wagtail_stadtteil.schedules.dates import local_today
from wagtail_stadtteil.schedules.holidays import public_holidays

#: Monday to Friday 09:00–21:00, Saturday 10:00–14:00.
OPENING_HOURS = {day: [("09:00", "21:00")] for day in range(5)} | {5: [("10:00", "14:00")]}


def open_centre(centre):
    """``centre`` with OPENING_HOURS written to the store."""
    return set_opening_hours(centre, OPENING_HOURS)


def bookable_room(centre, name="Gruppenraum 1", **fields):
    values = {
        "publicly_bookable": True,
        "capacity": 20,
        "min_duration": 60,
        "max_duration": 240,
        "min_notice_hours": 48,
        "max_advance_days": 180,
        "start_interval": 30,
    }
    values.update(fields)
    return make_room(centre, name, **values)


def workday(days_ahead=10, weekday=None, state="NI"):
    """A Monday-to-Friday date at least ``days_ahead`` days from today that is
    no public holiday (optionally a given ``weekday``, 0 = Monday)."""
    day = local_today() + dt.timedelta(days=days_ahead)
    holidays = public_holidays(state, day, day + dt.timedelta(days=60))
    while (
        day.weekday() > 4 or day in holidays or (weekday is not None and day.weekday() != weekday)
    ):
        day += dt.timedelta(days=1)
    return day


def slot(day, start="18:00", end="20:00"):
    return make_slot(day, dt.time.fromisoformat(start), dt.time.fromisoformat(end))


def at(day, time):
    return dt.datetime.combine(day, dt.time.fromisoformat(time), tzinfo=BERLIN)


def requester(**fields):
    values = {
        "requester_kind": "nonprofit",
        "contact_name": "Ayşe Demir",
        "email": "ayse@example.org",
        "organisation": "Nachbarschaftsverein Laatzen-Mitte",
        "phone": "0511 123456",
    }
    values.update(fields)
    return services.Requester(**values)


def request_room(room, slots, *, purpose="Vereinssitzung", attendees=12, **fields):
    """A request through the workflow, as the form sends it."""
    if isinstance(slots, Slot):
        slots = [slots]
    return services.submit(
        room, list(slots), requester(**fields), purpose=purpose, attendees=attendees
    )
