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
from wagtail_stadtteil.schedules.dates import local_zone
from wagtail_stadtteil.schedules.models import Occurrence

from .availability import (
    DEFAULT_DAY,
    Interval,
    buffered,
    busy_intervals,
    default_window,
    free_intervals,
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


def room_timetable(request, centre, room_slug):
    """The room's facts and, for each day of a week (``?start=``), when it is
    busy (a title only for public use, else "busy") and when it is free: within
    the centre's opening hours that day, or 08:00-22:00 when the centre has no
    opening hours. Free time leaves out the room's buffers; days before today
    show their use only."""
    room = get_room(centre, room_slug)
    today = calendar.local_today()
    timetable_url = request.path
    try:
        period = parse_period({"start": request.GET.get("start")}, today, views=("week",))
    except BadPeriod as error:
        return bad_period_response(
            request, centre, error, back_url=timetable_url, trail_title=room.name
        )

    occurrences = list(occupying_occurrences(room, period.start, period.end).select_related("page"))
    busy = buffered(occurrences, room)
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
        slots += [
            {"busy": False, "start": local(free.start), "end": local(free.end)}
            for free in free_intervals(windows or [], busy)
        ]
        slots.sort(key=lambda slot: (slot["start"], slot["end"]))
        days.append(
            {
                "date": day,
                "anchor": f"day-{day:%Y-%m-%d}",
                "is_today": day == today,
                "slots": slots,
                "is_past": windows is None,
                "closed": windows == [],
                "closed_reason": paused.get(day, "") if windows == [] else "",
            }
        )

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
