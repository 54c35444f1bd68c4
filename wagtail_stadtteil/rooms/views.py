"""Public views of a centre's rooms, served by the centre page's routes
(``CentrePage.room_timetable`` etc.): the week timetable
(Raumnutzungsstundenplan, seed 002), availability as JSON and an iCal feed.

Only rooms of the centre (or of another translation of it) are found; any
other slug is a 404. Rooms are not translatable: one row per real room.

Bad query parameters are answered with status 400, never clamped: the
timetable shows a page that explains the problem and links to the current
week (like the centre's calendar), the JSON endpoint answers
``{"error": <code>, "message": <text>}``. ``availability.json`` serves at most
``MAX_AVAILABILITY_DAYS`` days per request, within five years of today.
"""

import datetime as dt

from django.apps import apps
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wagtail_stadtteil.centres import calendar
from wagtail_stadtteil.centres.calendar import (
    BadPeriod,
    check_reach,
    day_bounds,
    local,
    parse_date,
    parse_period,
    query_url,
)
from wagtail_stadtteil.centres.views import (
    bad_period_response,
    build_entries,
    centre_group_ids,
    feed_window,
    occurrences_feed,
    route_context,
    subpage_url,
)
from wagtail_stadtteil.schedules.dates import aware, local_zone
from wagtail_stadtteil.schedules.models import Occurrence

from .availability import (
    DEFAULT_DAY,
    Interval,
    buffered,
    buffers_of,
    busy_intervals,
    default_window,
    free_intervals,
    merge,
    occupying_occurrences,
)
from .models import Room

#: The longest range ``availability.json`` answers in one request.
MAX_AVAILABILITY_DAYS = 62
#: The range ``availability.json`` answers without ``?end=``.
DEFAULT_AVAILABILITY_DAYS = 7


def get_room(centre, room_slug):
    """The room ``room_slug`` of ``centre`` or of a translation of it; 404 otherwise."""
    room = (
        Room.objects.filter(centre_id__in=centre_group_ids(centre), slug=room_slug)
        .order_by("pk")
        .first()
    )
    if room is None:
        raise Http404(_("This centre has no such room."))
    return room


def booking_form_url(centre, request, room):
    """The room's booking form, or '' when the room cannot be requested
    online or the site runs without the booking app."""
    if not room.publicly_bookable or not apps.is_installed("wagtail_stadtteil.booking"):
        return ""
    return subpage_url(centre, request, "room_book", room_slug=room.slug)


#: How much later than the room's notice allows a suggested request starts: a
#: resident needs a few minutes to fill in the form, which checks the notice
#: again when it is sent.
NOTICE_MARGIN = dt.timedelta(minutes=15)


def suggested_request(room, free, now):
    """The (start, end) a link on the free time ``free`` (an Interval) fills
    into the booking form: from its start, or from the earliest start the
    room's notice allows, on the room's start-time grid, within its bookable
    hours, for at most the longest booking. None when what is left is shorter
    than the shortest booking, or beyond the room's maximum advance. Only a
    suggestion: the form checks the booking rules when it is sent, minutes
    later, so a suggestion keeps ``NOTICE_MARGIN`` to the room's notice."""
    earliest = now + dt.timedelta(hours=room.min_notice_hours or 0) + NOTICE_MARGIN
    start = local(max(free.start, earliest))
    if room.max_advance_days and start.date() > local(now).date() + dt.timedelta(
        days=room.max_advance_days
    ):
        return None
    if room.bookable_from and start.time() < room.bookable_from:
        start = aware(start.date(), room.bookable_from)
    interval = room.start_interval or 1
    minutes = start.hour * 60 + start.minute + (1 if start.second or start.microsecond else 0)
    minutes = -(-minutes // interval) * interval
    if minutes >= 24 * 60:
        return None
    start = aware(start.date(), dt.time(minutes // 60, minutes % 60))
    if start >= free.end:
        return None
    end = free.end
    if room.max_duration:
        end = min(end, start + dt.timedelta(minutes=room.max_duration))
    end = local(end)
    if end.date() != start.date():
        end = aware(start.date(), dt.time(23, 59))
    if room.bookable_until and end.time() > room.bookable_until:
        end = aware(start.date(), room.bookable_until)
    if end - start < dt.timedelta(minutes=room.min_duration or 1):
        return None
    return start, end


def week_days(request, centre, room, period, *, book_url="", now=None):
    """The days of ``period`` as the room timetable and the booking form show
    them: per day, in time order, the busy slots (a title only for public
    use, else "busy") and the free ones, within the centre's opening hours
    that day (or 08:00-22:00 when the centre has no opening hours), leaving
    out the room's buffers. Days before today show their use only.

    With ``book_url`` (the booking form's address), each free slot long
    enough for a booking carries ``book_url`` with ``?date=``,
    ``?start_time=`` and ``?end_time=`` of a suggested request, and the
    suggestion itself (``request_start``, ``request_end``).

    Returns (days, has_opening_hours).
    """
    now = now or calendar.now()
    today = local(now).date()
    occurrences = list(occupying_occurrences(room, period.start, period.end).select_related("page"))
    busy = buffered(occurrences, room)
    # A request needs its own set-up and tidying time outside everybody
    # else's blocked time (the booking rules), so its suggestion keeps the
    # buffers once more away from each use.
    before, after = buffers_of(room)
    room_for_a_request = merge(Interval(b.start - after, b.end + before) for b in busy)
    openings = list(
        Occurrence.objects.filter(
            centre_id__in=centre_group_ids(centre),
            kind=Occurrence.Kind.OPENING,
            start__lt=period.end,
            end__gt=period.start,
        ).only("start", "end")
    )
    has_opening_hours = bool(openings) or centre.opening_hours.exists()
    paused = centre.paused_dates(period.first, period.last)
    entries = build_entries(occurrences, request, centre, link_rooms=False)

    days = []
    for day in period.days:
        if day < today:
            # Free time in the past helps nobody, and the store may not reach
            # back that far: past days show what took place, nothing more.
            windows = None
        elif has_opening_hours:
            windows = [
                Interval(local(o.start), local(o.end))
                for o in openings
                if local(o.start).date() == day
            ]
        else:
            windows = [default_window(day)]
        slots = [
            {"busy": True, "start": entry.start, "end": entry.end, "entry": entry}
            for entry in entries
            if entry.start.date() == day
        ]
        bookable = free_intervals(windows or [], room_for_a_request) if book_url else []
        for free in free_intervals(windows or [], busy):
            slot = {"busy": False, "start": local(free.start), "end": local(free.end)}
            inner = [b for b in bookable if free.start <= b.start and b.end <= free.end]
            suggestion = suggested_request(room, inner[0], now) if inner else None
            if suggestion:
                slot["request_start"], slot["request_end"] = suggestion
                slot["book_url"] = query_url(
                    book_url,
                    date=suggestion[0].date().isoformat(),
                    start_time=f"{suggestion[0]:%H:%M}",
                    end_time=f"{suggestion[1]:%H:%M}",
                )
            slots.append(slot)
        slots.sort(key=lambda slot: (slot["start"], slot["end"]))
        days.append(
            {
                "date": day,
                "anchor": f"day-{day:%Y-%m-%d}",
                "is_today": day == today,
                "slots": slots,
                "free_slots": [slot for slot in slots if not slot["busy"]],
                "is_past": windows is None,
                "closed": windows == [],
                "closed_reason": paused.get(day, "") if windows == [] else "",
            }
        )
    return days, has_opening_hours


def room_timetable(request, centre, room_slug):
    """The room's facts and, for each day of a week (``?start=``), when it is
    busy and when it is free (see ``week_days``); free times link to the
    booking form, filled in, when residents may request the room."""
    room = get_room(centre, room_slug)
    today = calendar.local_today()
    timetable_url = request.path
    try:
        period = parse_period({"start": request.GET.get("start")}, today, views=("week",))
    except BadPeriod as error:
        return bad_period_response(
            request, centre, error, back_url=timetable_url, trail_title=room.name
        )
    book_url = booking_form_url(centre, request, room)
    days, has_opening_hours = week_days(request, centre, room, period, book_url=book_url)

    def link(start):
        return query_url(timetable_url, start=start.isoformat() if start else None)

    context = route_context(
        centre,
        request,
        room=room,
        photos=room.photos.select_related("image"),
        period=period,
        days=days,
        has_opening_hours=has_opening_hours,
        default_day=DEFAULT_DAY,
        previous_url=link(period.previous_first) if period.previous_first else "",
        next_url=link(period.next_first) if period.next_first else "",
        today_url=link(None),
        book_url=book_url,
        calendar_url=subpage_url(centre, request, "calendar"),
        ical_url=subpage_url(centre, request, "room_ics", room_slug=room.slug),
        availability_url=subpage_url(centre, request, "room_availability", room_slug=room.slug),
        trail=[{"title": room.name, "url": ""}],
        route_title=room.name,
    )
    return TemplateResponse(request, "wagtail_stadtteil/rooms/room_timetable.html", context)


def availability_range(params, today):
    """(first, last) local dates from ``?start=`` and ``?end=`` (both
    inclusive; defaults: today and a week). Raises BadPeriod with a ``code``."""
    first = parse_date(params["start"]) if params.get("start") else today
    if params.get("end"):
        last = parse_date(params["end"], name="end")
    else:
        last = first + dt.timedelta(days=DEFAULT_AVAILABILITY_DAYS - 1)
    check_reach(first, today)
    check_reach(last, today)
    if last < first:
        raise BadPeriod(_("“end” cannot be before “start”."))
    if (last - first).days + 1 > MAX_AVAILABILITY_DAYS:
        raise BadPeriod(
            _("Ask for at most %(days)s days at a time.") % {"days": MAX_AVAILABILITY_DAYS}
        )
    return first, last


def room_availability(request, centre, room_slug):
    """When the room is busy, as JSON, for residents' and partners' tools.

    ``?start=YYYY-MM-DD&end=YYYY-MM-DD``: the local days asked for, both
    included (default: a week from today; at most MAX_AVAILABILITY_DAYS).
    ``busy``: merged intervals with the room's buffers applied, cancelled dates
    left out, clipped to the range, as local ISO 8601 times with their UTC
    offset. No titles and nothing about who uses the room.
    """
    room = get_room(centre, room_slug)
    try:
        first, last = availability_range(request.GET, calendar.local_today())
    except BadPeriod as error:
        return JsonResponse({"error": "bad_range", "message": str(error)}, status=400)
    start, end = day_bounds(first, last)
    busy = busy_intervals(room, start, end)
    return JsonResponse(
        {
            "room": {"slug": room.slug, "name": room.name},
            "time_zone": local_zone().key,
            "first_day": first.isoformat(),
            "last_day": last.isoformat(),
            "start": start.isoformat(),
            "end": end.isoformat(),
            "buffer_before_minutes": room.buffer_before,
            "buffer_after_minutes": room.buffer_after,
            "busy": [
                {"start": local(i.start).isoformat(), "end": local(i.end).isoformat()} for i in busy
            ],
        }
    )


def room_ical(request, centre, room_slug):
    """The room's use as an iCal feed: titles of public use, "busy" for the
    rest, cancelled dates as STATUS:CANCELLED."""
    room = get_room(centre, room_slug)
    start, end = feed_window()
    occurrences = (
        Occurrence.objects.filter(room_id=room.pk, start__lt=end, end__gt=start)
        .select_related("page")
        .order_by("start", "end", "pk")
    )
    busy = pgettext("room occupied, no details", "busy")
    # Private use: "busy", without title, link, note or cancellation reason.
    occurrences = [
        o if o.public else _private_copy(o, busy)
        for o in occurrences
        if o.public or not o.is_cancelled
    ]
    return occurrences_feed(
        request,
        occurrences,
        f"{room.name} – {centre.title}",
        f"{centre.slug}-{room.slug}.ics",
        centre_of=lambda occurrence: centre,
    )


def _private_copy(occurrence, busy):
    occurrence.title, occurrence.note, occurrence.page = busy, "", None
    return occurrence
