"""A centre's external calendar (.ics) as rows for the offer import.

:func:`ical_dataset` turns each event of an iCalendar file into one row with
the columns of the offer resource (``centre``, ``uid``, ``title``, ``slug``,
``offer_kind``, ``intro``, ``rule``, ``start_time``, ``end_time``,
``first_day``, ``last_day``), so that ``stadtteil_import offer FILE.ics``
goes through the same all-or-nothing :func:`~wagtail_stadtteil.core.importing.run_import`
as a spreadsheet. The event's UID identifies the offer: a changed calendar
imported again updates the same page.

Dates become a pattern of *local* dates (RRULE/RDATE/EXDATE, DESIGN §7) with
local start and end times in the centre's time zone, whatever the calendar
wrote (UTC, a TZID or floating times). What an offer cannot hold is left out
and listed in ``dataset.skipped`` as ``(uid, reason)``:

* all-day events and events that span midnight (an offer's dates have a start
  and an end time on the same day);
* cancelled events (``STATUS:CANCELLED``);
* a single date of a series that was moved (``RECURRENCE-ID`` with another
  time): the series skips that date (an EXDATE) and the moved date is not
  imported. A cancelled single date only becomes an EXDATE.
"""

import datetime as dt
import hashlib
import html
import re

import tablib
from django.utils.text import slugify
from django.utils.translation import gettext

from wagtail_stadtteil.core.importing import UnreadableFile, is_formula
from wagtail_stadtteil.schedules.dates import local_zone

COLUMNS = [
    "centre",
    "uid",
    "title",
    "slug",
    "offer_kind",
    "intro",
    "rule",
    "start_time",
    "end_time",
    "first_day",
    "last_day",
]

#: Room for the hash that tells apart events with the same title.
SLUG_LENGTH = 200

HTML_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
LINE_BREAK_TAG = re.compile(r"<br\s*/?>|</p\s*>|</div\s*>|</li\s*>", re.IGNORECASE)
GERMAN_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def short_hash(uid):
    """Six stable hexadecimal digits for a UID."""
    return hashlib.sha1(uid.encode("utf-8")).hexdigest()[:6]


def slug_of(title):
    """A web address part with German transliteration (ü → ue, ß → ss)."""
    return slugify(title.translate(GERMAN_LETTERS).replace("ß", "ss"))[:SLUG_LENGTH].strip("-")


def plain_text(value):
    """An iCal text as plain text: some calendars put HTML into DESCRIPTION.
    A leading character a spreadsheet would run (a ``- `` bullet, ``=``) is
    dropped: the import refuses such cells, and here it is no formula."""
    value = str(value or "").replace("\r\n", "\n").strip()
    if HTML_TAG.search(value):
        value = html.unescape(HTML_TAG.sub("", LINE_BREAK_TAG.sub("\n", value)))
        value = re.sub(r"\n{3,}", "\n\n", value).strip()
    while is_formula(value):
        value = value[1:].lstrip()
    return value


def local(value, zone):
    """A DTSTART/DTEND value as a naive local datetime (dates stay dates)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            return value.astimezone(zone).replace(tzinfo=None)
        return value  # floating: the centre's wall-clock time
    return value


def local_day(value, zone):
    value = local(value, zone)
    return value.date() if isinstance(value, dt.datetime) else value


def ical_date(day):
    return day.strftime("%Y%m%d")


def is_cancelled(event):
    return str(event.get("STATUS", "")).upper() == "CANCELLED"


def property_dt(event, name):
    value = event.get(name)
    return getattr(value, "dt", None)


class Series:
    """One UID of the file: its event and the changes to single dates."""

    def __init__(self, uid):
        self.uid = uid
        self.event = None
        self.overrides = []


def read_calendar(content):
    import icalendar

    try:
        return icalendar.Calendar.from_ical(content)
    except Exception:  # icalendar raises whatever its parser meets
        raise UnreadableFile(gettext("The file could not be read as an iCal calendar.")) from None


def sequence(event):
    try:
        return int(event.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        return 0


def ical_dataset(content, centre):
    """The events of the iCalendar ``content`` (bytes) as offer rows of
    ``centre``; ``dataset.skipped`` lists ``(uid, reason)`` for every event
    or date that was left out. Raises UnreadableFile."""
    calendar = read_calendar(content)
    zone = local_zone()
    dataset = tablib.Dataset(headers=COLUMNS)
    dataset.skipped = []
    skip = dataset.skipped.append

    by_uid = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", "")).strip()
        if not uid:
            skip(("", gettext("“%(title)s” has no UID.") % {"title": event.get("SUMMARY", "")}))
            continue
        series = by_uid.setdefault(uid, Series(uid))
        if event.get("RECURRENCE-ID") is not None:
            series.overrides.append(event)
        elif series.event is None:
            series.event = event
        else:
            # The same event twice: the later version (SEQUENCE) counts.
            if sequence(event) >= sequence(series.event):
                series.event = event
            skip((uid, gettext("The event appears twice; the later version was imported.")))

    rows = []
    for series in by_uid.values():
        try:
            row = event_row(series, centre, zone, skip)
        except (ValueError, TypeError, AttributeError, KeyError, OverflowError):
            # icalendar parses properties lazily: a malformed DTSTART, UNTIL
            # or EXDATE surfaces here. One broken event does not sink the file.
            skip((series.uid, gettext("A date or rule of this event cannot be read.")))
            continue
        if row is not None:
            rows.append(row)

    titles = {}
    for row in rows:
        titles.setdefault(row["slug"], []).append(row)
    for slug, same in titles.items():
        if len(same) > 1 or not slug:
            for row in same:
                row["slug"] = "-".join(filter(None, [slug, short_hash(row["uid"])]))

    rows.sort(key=lambda row: (row["first_day"], row["start_time"], row["title"], row["uid"]))
    for row in rows:
        dataset.append([row[key] for key in COLUMNS])
    return dataset


def event_row(series, centre, zone, skip):
    """The row of one UID, or None (with the reason given to ``skip``)."""
    uid, event = series.uid, series.event
    if event is None:
        skip((uid, gettext("A changed date of a series that is not in the file: not imported.")))
        return None
    if is_cancelled(event):
        skip((uid, gettext("The event is cancelled.")))
        return None
    title = plain_text(event.get("SUMMARY"))
    if not title:
        skip((uid, gettext("The event has no title.")))
        return None
    start = property_dt(event, "DTSTART")
    if start is None:
        skip((uid, gettext("“%(title)s” has no start.") % {"title": title}))
        return None
    if not isinstance(start, dt.datetime):
        skip(
            (uid, gettext("“%(title)s” is an all-day event: offers need times.") % {"title": title})
        )
        return None
    try:
        end = event.end
    except ValueError:  # icalendar's IncompleteComponent
        end = start
    start, end = local(start, zone), local(end, zone)
    if end <= start:
        skip((uid, gettext("“%(title)s” has no end time.") % {"title": title}))
        return None
    if end.date() != start.date():
        skip((uid, gettext("“%(title)s” goes on past midnight.") % {"title": title}))
        return None

    rules, last_days = [], []
    for recur in event.rrules:
        rules.append("RRULE:" + local_until(recur, zone, last_days).to_ical().decode())
    for recur in listed(event.get("EXRULE")):
        rules.append("EXRULE:" + local_until(recur, zone, []).to_ical().decode())

    rdates = [local_day(value, zone) for value, _end in event.rdates]
    if not event.rrules:
        # A single date, or single dates: DTSTART is the first of them.
        rdates.insert(0, start.date())
    exdates = [local_day(value, zone) for value in event.exdates]
    exdates += override_exdates(series, start, end, zone, skip, title)

    if rdates:
        rules.append("RDATE:" + ",".join(ical_date(day) for day in dict.fromkeys(rdates)))
    exdates = sorted(set(exdates))
    if exdates:
        rules.append("EXDATE:" + ",".join(ical_date(day) for day in exdates))

    single = not event.rrules and len(set(rdates)) == 1
    # The last day is known when every rule ends on a date (UNTIL).
    last_day = max(last_days) if last_days and len(last_days) == len(event.rrules) else None
    return {
        "centre": centre.slug,
        "uid": uid,
        "title": title,
        "slug": slug_of(title),
        "offer_kind": "event" if single else "group",
        "intro": plain_text(event.get("DESCRIPTION")),
        "rule": " ".join(rules),
        "start_time": start.strftime("%H:%M"),
        "end_time": end.strftime("%H:%M"),
        "first_day": start.date().isoformat(),
        "last_day": last_day.isoformat() if last_day else "",
    }


def listed(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def local_until(recur, zone, last_days):
    """A copy of an RRULE whose UNTIL is the local date it ends on."""
    import icalendar

    recur = icalendar.vRecur(recur)
    if recur.get("UNTIL"):
        day = local_day(recur["UNTIL"][0], zone)
        recur["UNTIL"] = [day]
        last_days.append(day)
    return recur


def override_exdates(series, start, end, zone, skip, title):
    """The dates a series skips because of changes to single dates
    (``RECURRENCE-ID``): cancelled ones, and moved ones (listed as skipped)."""
    exdates = []
    for override in series.overrides:
        original = property_dt(override, "RECURRENCE-ID")
        day = local_day(original, zone)
        if is_cancelled(override):
            exdates.append(day)
            continue
        new_start = property_dt(override, "DTSTART")
        try:
            new_end = override.end
        except ValueError:
            new_end = new_start
        if (
            isinstance(new_start, dt.datetime)
            and local(new_start, zone) == dt.datetime.combine(day, start.time())
            and local(new_end, zone) == dt.datetime.combine(day, end.time())
        ):
            continue  # the same date and time: only its text changed
        exdates.append(day)
        skip(
            (
                series.uid,
                gettext(
                    "“%(title)s” on %(date)s was moved: the date is left out, "
                    "the moved date is not imported."
                )
                % {"title": title, "date": day.strftime("%d.%m.%Y")},
            )
        )
    return exdates
