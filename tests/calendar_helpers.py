"""Helpers of the calendar, timetable and feed tests: rooms, regular use and
offers with dates, written to the occurrence store for the dates a test looks
at, and a clock the public views read."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import recurrence

from tests import factories
from wagtail_stadtteil.centres import calendar
from wagtail_stadtteil.centres.models import (
    CentreOpeningHours,
    ConsultationHourSchedule,
    OfferDateChange,
    OfferSchedule,
)
from wagtail_stadtteil.rooms.models import Room, RoomUse, RoomUseDateChange
from wagtail_stadtteil.schedules.dates import local_today

BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS = [recurrence.MO, recurrence.TU, recurrence.WE, recurrence.TH, recurrence.FR]
WEEKDAYS += [recurrence.SA, recurrence.SU]


def at(day, time="00:00"):
    """The instant of local ``time`` on ``day`` in Berlin."""
    return dt.datetime.combine(day, dt.time.fromisoformat(time), tzinfo=BERLIN)


def weekly(*weekdays):
    """A weekly rule on weekdays 0 (Monday) to 6 (Sunday)."""
    rule = recurrence.Rule(recurrence.WEEKLY, byday=[WEEKDAYS[day] for day in weekdays])
    return recurrence.Recurrence(rrules=[rule])


def set_now(monkeypatch, instant):
    """Let the public views see ``instant`` as the current time. (The store
    itself, and the "next dates" of a page, go by the real clock.)"""
    monkeypatch.setattr(calendar, "now", lambda: instant)


#: The day the calendar tests look from, unless a test says otherwise: dates in
#: 2027 (the DST changes of 28 March and 31 October) stay "ahead" and within
#: the calendars' reach whenever the suite runs.
TEST_TODAY = dt.date(2027, 3, 1)


def make_room(centre, name="Saal", **fields):
    return Room.objects.create(centre=centre, name=name, **fields)


def make_use(room, title="Chorprobe", *, weekdays=(1,), start="18:00", end="20:00", **fields):
    """Regular use of ``room``; its rows are written from ``starts_on``."""
    first = fields.setdefault("starts_on", local_today())
    changes = fields.pop("changes", [])
    use = RoomUse(
        room=room,
        title=title,
        recurrence=weekly(*weekdays),
        start_time=dt.time.fromisoformat(start),
        end_time=dt.time.fromisoformat(end),
        date_changes=[RoomUseDateChange(**change) for change in changes],
        **fields,
    )
    use.save()
    use.refresh_occurrences(first=first)
    return use


def schedule(model=OfferSchedule, *, weekdays=(1,), start="18:00", end="20:00", **fields):
    fields.setdefault("starts_on", local_today())
    return model(
        recurrence=weekly(*weekdays),
        start_time=dt.time.fromisoformat(start),
        end_time=dt.time.fromisoformat(end),
        **fields,
    )


def make_offer(parent, title="Offenes Elterncafé", *, schedules=(), changes=(), **fields):
    """A published offer with ``schedules`` (see ``schedule``) and date
    changes; its rows are written from the earliest first day."""
    page = factories.make_offer(
        parent,
        title,
        schedules=list(schedules),
        date_changes=[OfferDateChange(**change) for change in changes],
        **fields,
    )
    if schedules:
        page.refresh_occurrences(first=min(s.starts_on for s in schedules))
    return page


def make_consultation_hour(parent, title="Rentenberatung", *, schedules=(), **fields):
    page = factories.make_consultation_hour(parent, title, schedules=list(schedules), **fields)
    if schedules:
        page.refresh_occurrences(first=min(s.starts_on for s in schedules))
    return page


def consultation_schedule(**fields):
    return schedule(ConsultationHourSchedule, **fields)


def set_opening_hours(centre, hours, *, first=None):
    """Opening hours as {weekday: [("09:00", "13:00"), …]}, published and
    written to the store from ``first`` (default today)."""
    centre.opening_hours.set(
        [
            CentreOpeningHours(
                weekday=weekday, opens=dt.time.fromisoformat(a), closes=dt.time.fromisoformat(b)
            )
            for weekday, ranges in hours.items()
            for a, b in ranges
        ]
    )
    centre.save_revision().publish()
    # A fresh instance: refresh_from_db() keeps the unsaved in-memory rows.
    centre = type(centre).objects.get(pk=centre.pk)
    centre.refresh_occurrences(first=first)
    return centre


def text(html):
    """The text a person reads: tags removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def labelled_section(html, element_id):
    """The HTML of the <section> labelled by the heading ``element_id``."""
    match = re.search(
        rf'<section[^>]*aria-labelledby="{re.escape(element_id)}"[^>]*>(.*?)</section>',
        html,
        re.S,
    )
    assert match, f"no section {element_id}"
    return match.group(1)
