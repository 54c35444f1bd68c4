"""Periods, days and entries of the public calendars (centre programme, room
timetables), and the clock they read.

The views call ``now()`` rather than ``timezone.now()`` so that a test (or a
preview of "what residents will see on Tuesday") can set the current time
without touching Django.

Bad query parameters never raise anything but ``BadPeriod``; the views turn it
into a 400 response (see ``wagtail_stadtteil.centres.views``).
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail_stadtteil.schedules.dates import aware, local_zone
from wagtail_stadtteil.schedules.models import Occurrence

#: Views of the centre calendar (``?view=``); the first is the default.
VIEWS = ("week", "month", "list")
VIEW_LABELS = {
    "week": pgettext_lazy("calendar view", "Week"),
    "month": pgettext_lazy("calendar view", "Month"),
    "list": pgettext_lazy("calendar view", "List"),
}
#: Days shown by the list view.
LIST_DAYS = 30
#: How far from today a calendar may be opened, backwards and forwards. Keeps
#: crawlers from following "next" links forever and dates far from overflow.
REACH = dt.timedelta(days=5 * 366)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def now():
    """The current instant, as the public calendars see it (injectable)."""
    return timezone.now()


def local_today():
    """Today in the centres' time zone, by ``now()``."""
    return now().astimezone(local_zone()).date()


class BadPeriod(ValueError):
    """A query parameter that does not describe a period we can show."""


def parse_date(value, *, name="start"):
    """A date from ``YYYY-MM-DD``; anything else raises BadPeriod."""
    if not _ISO_DATE.fullmatch(value or ""):
        raise BadPeriod(_("“%(name)s” must be a date like 2026-03-31.") % {"name": name})
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadPeriod(_("“%(name)s” must be a date like 2026-03-31.") % {"name": name}) from None


def check_reach(day, today):
    """BadPeriod unless ``day`` is within REACH of ``today``."""
    if not (today - REACH <= day <= today + REACH):
        raise BadPeriod(_("This calendar only goes five years back and five years ahead."))
    return day


def week_start(day):
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def day_bounds(first, last):
    """The aware instants from local midnight of ``first`` to the midnight
    after ``last`` (23 or 25 hours apart on the days of the DST change)."""
    return aware(first, dt.time.min), aware(last + dt.timedelta(days=1), dt.time.min)


@dataclass
class Period:
    """The days a calendar page shows, and where its links lead."""

    view: str
    first: dt.date
    last: dt.date
    today: dt.date
    #: The date that selected the period (``?start=`` or today); links to the
    #: other views keep it, so they stay within reach too.
    anchor: dt.date | None = None
    previous_first: dt.date | None = None
    next_first: dt.date | None = None

    @property
    def start(self):
        return day_bounds(self.first, self.last)[0]

    @property
    def end(self):
        return day_bounds(self.first, self.last)[1]

    @property
    def days(self):
        return [self.first + dt.timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    @property
    def includes_today(self):
        return self.first <= self.today <= self.last

    @property
    def previous_label(self):
        return {
            "week": _("Previous week"),
            "month": _("Previous month"),
            "list": _("Previous 30 days"),
        }[self.view]

    @property
    def next_label(self):
        return {"week": _("Next week"), "month": _("Next month"), "list": _("Next 30 days")}[
            self.view
        ]


def period_for(view, start, today):
    """The Period of ``view`` that ``start`` selects: its week (from Monday),
    its month, or LIST_DAYS days from it."""
    if view == "week":
        first = week_start(start)
        last = first + dt.timedelta(days=6)
        step_back, step = first - dt.timedelta(days=7), first + dt.timedelta(days=7)
    elif view == "month":
        first = start.replace(day=1)
        last = first + relativedelta(months=1) - dt.timedelta(days=1)
        step_back, step = first - relativedelta(months=1), first + relativedelta(months=1)
    else:
        first, last = start, start + dt.timedelta(days=LIST_DAYS - 1)
        step_back, step = first - dt.timedelta(days=LIST_DAYS), first + dt.timedelta(days=LIST_DAYS)
    earliest, latest = today - REACH, today + REACH
    return Period(
        view=view,
        first=first,
        last=last,
        today=today,
        anchor=start,
        previous_first=step_back if step_back >= earliest else None,
        next_first=step if step <= latest else None,
    )


def parse_period(params, today, *, views=VIEWS):
    """The Period selected by ``?view=`` and ``?start=`` (both optional).

    Raises BadPeriod for an unknown view, a start that is not a date like
    2026-03-31, or one further than REACH from today.
    """
    view = params.get("view") or views[0]
    if view not in views:
        raise BadPeriod(
            _("Unknown calendar view “%(view)s”. Choose one of: %(views)s.")
            % {"view": view[:20], "views": ", ".join(views)}
        )
    raw = params.get("start")
    start = today if raw in (None, "") else check_reach(parse_date(raw), today)
    return period_for(view, start, today)


def query_url(path, **params):
    """``path`` with the non-empty ``params`` as its query string."""
    query = urlencode({key: value for key, value in params.items() if value})
    return f"{path}?{query}" if query else path


# Entries and days ----------------------------------------------------------------


@dataclass
class Entry:
    """One date as residents see it in a calendar."""

    occurrence: Occurrence
    start: dt.datetime
    end: dt.datetime
    title: str
    url: str = ""
    room_name: str = ""
    room_url: str = ""
    busy_only: bool = False
    #: The language of the title and of the note when they are not in the
    #: reader's (a page not translated yet, a note written in German), else "".
    title_lang: str = ""
    note_lang: str = ""

    @property
    def is_cancelled(self):
        return self.occurrence.status == Occurrence.Status.CANCELLED

    @property
    def is_moved(self):
        return self.occurrence.status == Occurrence.Status.MOVED

    @property
    def note(self):
        return "" if self.busy_only else self.occurrence.note

    @property
    def moved_from(self):
        """The date in the series when a move changed the day, else None."""
        original = self.occurrence.original_date
        return original if self.is_moved and original != self.start.date() else None

    @property
    def status_label(self):
        if self.is_cancelled:
            return pgettext_lazy("calendar entry", "cancelled")
        if self.is_moved:
            return pgettext_lazy("calendar entry", "moved")
        return ""


@dataclass
class Day:
    """A day of a calendar: its entries, opening hours and why it is closed."""

    date: dt.date
    entries: list = field(default_factory=list)
    opening: list = field(default_factory=list)
    closed_reason: str = ""
    is_today: bool = False

    @property
    def anchor(self):
        return f"day-{self.date:%Y-%m-%d}"


def local(instant):
    return instant.astimezone(local_zone())


def group_by_day(entries, days, *, openings=(), paused=None, today=None):
    """``Day`` objects for ``days`` with the entries that start on them, the
    opening ranges (Occurrence rows of kind "opening") and, on days without
    opening hours, the reason the centre is closed (holiday, closure)."""
    paused = paused or {}
    by_date = {day: Day(day, is_today=day == today) for day in days}
    for entry in entries:
        if entry.start.date() in by_date:
            by_date[entry.start.date()].entries.append(entry)
    for opening in openings:
        start = local(opening.start)
        if start.date() in by_date:
            by_date[start.date()].opening.append((start, local(opening.end)))
    for day in by_date.values():
        day.opening.sort()
        if not day.opening and day.date in paused:
            day.closed_reason = paused[day.date]
    return [by_date[day] for day in days]
