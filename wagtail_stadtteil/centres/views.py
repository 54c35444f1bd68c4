"""Views behind the page routes of the centres app: the centre's programme
(``…/calendar/``) and iCal feed (``…/calendar.ics``), the feeds of offers and
consultation hours, and the dates their pages show.

The page models call these from their route methods and ``get_context`` (an
import inside the method, never at model-definition time). Everything reads the
occurrence store only; no rule is expanded per request.

Bad query parameters (``?start=garbage``, ``?start=99999-01-01``, a date more
than five years from today, ``?view=unknown``) are answered with status 400 and
a page that says what went wrong and links to the current period. Nothing is
clamped silently: a link that shows something else than it asked for would
mislead residents and crawlers alike.
"""

import datetime as dt

from django.apps import apps
from django.http.request import split_domain_port
from django.template.response import TemplateResponse
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wagtail_stadtteil.core.app_settings import stadtteil_settings
from wagtail_stadtteil.schedules.dates import local_zone
from wagtail_stadtteil.schedules.ical import build_calendar, ical_response
from wagtail_stadtteil.schedules.models import Occurrence
from wagtail_stadtteil.schedules.store import horizon_end

from . import calendar
from .calendar import BadPeriod, Entry, group_by_day, local, parse_period, query_url
from .localizing import Reading, localize, source_language

#: The dates a feed holds: two weeks back (so a recent cancellation still
#: reaches residents who look back) and half a year ahead. Calendar apps fetch
#: feeds again every few hours, so the window moves on by itself; a longer one
#: costs about 1.5 ms per event on every fetch.
FEED_PAST = dt.timedelta(days=14)
FEED_AHEAD = dt.timedelta(days=183)


def route_context(page, request, **extra):
    """The context of a page route's template: what ``page_base.html`` needs,
    without the page's own (heavier) ``get_context``."""
    context = {
        "page": page,
        "self": page,
        "request": request,
        "stadtteil_base_template": stadtteil_settings.BASE_TEMPLATE,
        "stadtteil_include_css": stadtteil_settings.INCLUDE_CSS,
        "stadtteil_time_zone": stadtteil_settings.TIME_ZONE,
        "json_ld": None,
        "stadtteil_source_lang": source_language(page, request) if page is not None else "",
    }
    context.update(extra)
    return context


def bad_period_response(request, page, error, *, back_url, trail_title):
    """Status 400 with a page that explains the problem and links back."""
    context = route_context(
        page,
        request,
        error=error,
        back_url=back_url,
        trail=[{"title": trail_title, "url": back_url}],
        route_title=trail_title,
    )
    return TemplateResponse(
        request, "wagtail_stadtteil/centres/calendar_error.html", context, status=400
    )


def feed_domain(request):
    """The host name for iCal UIDs: the request's host without a port."""
    return split_domain_port(request.get_host())[0] or "localhost"


def subpage_url(page, request, name, **kwargs):
    """The URL of one of ``page``'s routes, or '' when the page has none.

    Routes ending in a file name (``calendar.ics``) are linked without the
    trailing slash their declaration needs (see ``wagtail_stadtteil.urls``).
    """
    if page.pk is None:  # a new page in the editor's preview has no routes yet
        return ""
    url = page.get_url(request)
    if not url:
        return ""
    route = page.reverse_subpage(name, kwargs=kwargs or None).lstrip("/")
    if "." in route.rstrip("/").rsplit("/", 1)[-1]:
        route = route.rstrip("/")
    return url.rstrip("/") + "/" + route


# Reading the store -------------------------------------------------------------


def centre_group_ids(centre):
    """The ids of ``centre`` and its translations: occurrences are written
    once, by the page in the default locale (``writes_occurrences``)."""
    return centre.get_translations(inclusive=True).values("pk")


def centre_occurrences(centre, start, end):
    """Occurrences of the centre overlapping [start, end), with their pages."""
    return (
        Occurrence.objects.filter(centre_id__in=centre_group_ids(centre))
        .overlapping(start, end)
        .select_related("page")
        .order_by("start", "end", "pk")
    )


def rooms_by_id(room_ids):
    room_ids = {room_id for room_id in room_ids if room_id}
    if not room_ids:
        return {}
    room_model = apps.get_model("stadtteil_rooms", "Room")
    rooms = room_model.objects.filter(pk__in=room_ids).only("name", "slug")
    return {room.pk: room for room in rooms}


def build_entries(occurrences, request, centre, *, link_rooms=True):
    """Calendar entries of ``occurrences`` (opening hours left out) as residents
    may see them: a use that is not public shows as "busy" with no title, link
    or note, and not at all once it is cancelled.

    Entries link the page in the reader's language (``centre``'s); a page not
    translated yet keeps its title in German, marked (``Entry.title_lang``),
    and notes written on a page in another language say so (``note_lang``);
    so do titles and notes of room uses, written in the site's language."""
    occurrences = [o for o in occurrences if o.kind != Occurrence.Kind.OPENING]
    rooms = rooms_by_id(o.room_id for o in occurrences)
    pages = [o.page for o in occurrences if o.page_id]
    reading = Reading.of(centre, request)
    # The page in the reader's language where it is translated, live and public.
    translations = {page.translation_key: page for page in localize(pages, reading)}
    room_urls = {
        room.pk: subpage_url(centre, request, "room", room_slug=room.slug)
        for room in (rooms.values() if link_rooms else ())
    }
    page_urls = {}  # a weekly offer appears many times: compute its URL once
    busy = pgettext("room occupied, no details", "busy")
    entries = []
    for occurrence in occurrences:
        if not occurrence.public and occurrence.is_cancelled:
            continue
        page = None
        if occurrence.page_id:
            page = translations.get(occurrence.page.translation_key, occurrence.page)
            if page.pk not in page_urls:
                page_urls[page.pk] = page.get_url(request) or ""
        room = rooms.get(occurrence.room_id)
        entry = Entry(
            occurrence=occurrence,
            start=local(occurrence.start),
            end=local(occurrence.end),
            title=occurrence.title if page is None else page.title,
            url=page_urls[page.pk] if page is not None else "",
            room_name=room.name if room else "",
        )
        if room:
            entry.room_url = room_urls.get(room.pk, "")
        if page is not None:
            entry.title_lang = reading.lang_of(page)
            entry.note_lang = reading.lang_of(occurrence.page)
        elif occurrence.kind == Occurrence.Kind.ROOM_USE and not reading.in_default_locale:
            # A room's regular use: staff write it in the site's language.
            entry.title_lang = entry.note_lang = reading.default.language_code
        if not occurrence.public:
            entry.title, entry.url, entry.busy_only = busy, "", True
            entry.title_lang = entry.note_lang = ""
        entries.append(entry)
    return entries


# The centre's programme ------------------------------------------------------


def centre_calendar(request, centre):
    """The centre's programme by week, month or list (``?view=``, ``?start=``)."""
    today = calendar.local_today()
    calendar_url = request.path
    try:
        period = parse_period(request.GET, today)
    except BadPeriod as error:
        return bad_period_response(
            request, centre, error, back_url=calendar_url, trail_title=_("Programme")
        )
    occurrences = list(centre_occurrences(centre, period.start, period.end))
    openings = [o for o in occurrences if o.kind == Occurrence.Kind.OPENING]
    entries = build_entries(occurrences, request, centre)
    days = group_by_day(
        entries,
        period.days,
        openings=openings,
        paused=centre.paused_dates(period.first, period.last),
        today=today,
    )
    if period.view != "week":
        # The month (printed as the monthly programme) and the list leave out
        # days on which nothing happens.
        days = [day for day in days if day.entries or day.closed_reason]

    def link(view, start):
        return query_url(calendar_url, view=view, start=start.isoformat() if start else None)

    context = route_context(
        centre,
        request,
        period=period,
        days=days,
        has_entries=bool(entries),
        views=[
            {
                "name": name,
                "label": calendar.VIEW_LABELS[name],
                "url": link(name, period.anchor),
                "current": name == period.view,
            }
            for name in calendar.VIEWS
        ],
        previous_url=link(period.view, period.previous_first) if period.previous_first else "",
        next_url=link(period.view, period.next_first) if period.next_first else "",
        today_url=link(period.view, None),
        horizon=horizon_end(today),
        beyond_horizon=period.last > horizon_end(today),
        ical_url=subpage_url(centre, request, "calendar_ics"),
        trail=[{"title": _("Programme"), "url": ""}],
        route_title=_("Programme"),
    )
    return TemplateResponse(request, "wagtail_stadtteil/centres/calendar.html", context)


# Feeds ---------------------------------------------------------------------------


def feed_window():
    today = calendar.local_today()
    return calendar.day_bounds(today - FEED_PAST, today + FEED_AHEAD)


def place_text(centre, room_name=""):
    """LOCATION of an event: room, centre and address on one line."""
    if centre is None:
        return room_name or None
    parts = [room_name, centre.title, centre.street, f"{centre.postcode} {centre.city}".strip()]
    return ", ".join(part for part in parts if part)


def entry_description(occurrence):
    """What residents read in the event: why a date is cancelled or moved."""
    if occurrence.is_cancelled:
        label = pgettext("calendar entry", "cancelled")
    elif occurrence.status == Occurrence.Status.MOVED:
        label = pgettext("calendar entry", "moved")
    else:
        return occurrence.note or None
    return f"{label}: {occurrence.note}" if occurrence.note else label


def occurrences_feed(request, occurrences, title, filename, *, centre_of):
    """An iCal response for public occurrences. ``centre_of(occurrence)`` gives
    the centre whose address is the LOCATION."""
    occurrences = list(occurrences)
    rooms = rooms_by_id(o.room_id for o in occurrences)

    def url(occurrence):
        return occurrence.page.get_full_url(request) if occurrence.page_id else None

    def location(occurrence):
        room = rooms.get(occurrence.room_id)
        return place_text(centre_of(occurrence), room.name if room else "")

    calendar_object = build_calendar(
        occurrences,
        title,
        domain=feed_domain(request),
        url=url,
        location=location,
        description=entry_description,
        calendar_url=request.build_absolute_uri(request.path),
    )
    return ical_response(calendar_object, filename)


def centre_ical(request, centre):
    """The centre's programme as an iCal feed: offers, consultation hours and
    public room use. Uses that are not public and opening hours are left out:
    they are nothing residents could attend."""
    start, end = feed_window()
    occurrences = (
        centre_occurrences(centre, start, end)
        .exclude(kind=Occurrence.Kind.OPENING)
        .filter(public=True)
    )
    return occurrences_feed(
        request,
        occurrences,
        centre.title,
        f"{centre.slug}.ics",
        centre_of=lambda occurrence: centre,
    )


def page_ical(request, page):
    """The dates of an offer or consultation hour as an iCal feed."""
    start, end = feed_window()
    occurrences = (
        Occurrence.objects.filter(page__translation_key=page.translation_key)
        .overlapping(start, end)
        .select_related("page")
        .order_by("start", "end", "pk")
    )
    centre = page.centre if page.centre_id else None
    return occurrences_feed(
        request, occurrences, page.title, f"{page.slug}.ics", centre_of=lambda o: centre
    )


# On the pages themselves ------------------------------------------------------


def upcoming_dates(page, request, limit=10):
    """The next dates of an offer or consultation hour as calendar entries,
    cancelled and moved ones with their reason."""
    occurrences = page.upcoming_occurrences(limit=limit).select_related("page")
    centre = page.centre if page.centre_id else None
    if centre is None:
        return build_entries(occurrences, request, page, link_rooms=False)
    return build_entries(occurrences, request, centre)


def opening_status(centre):
    """What the centre page says about now: open until …, or opens when."""
    now = calendar.now()
    state, at = centre.opening_status(now=now)
    if state is None:
        return None
    at = local(at)
    days_ahead = (at.date() - local(now).date()).days
    # Within a week the weekday says enough ("Monday"), later the date.
    day = date_format(at, "l" if 0 <= days_ahead < 7 else "DATE_FORMAT")
    return {
        "is_open": state == "open",
        "at": at,
        "is_today": days_ahead == 0,
        "is_tomorrow": days_ahead == 1,
        "day": format_html('<time datetime="{}">{}</time>', at.date().isoformat(), day),
        "time": format_html(
            '<time datetime="{}">{}</time>', at.isoformat(), time_format(at, "H:i")
        ),
    }


def centre_page_context(centre, request):
    """Opening hours, closures, rooms and calendar links for the centre page."""
    today = calendar.local_today()
    room_model = apps.get_model("stadtteil_rooms", "Room")
    rooms = []
    if centre.pk is not None:  # a new centre in the editor's preview has no rooms yet
        rooms = list(
            room_model.objects.filter(centre_id__in=centre_group_ids(centre)).order_by("name", "pk")
        )
    booking = apps.is_installed("wagtail_stadtteil.booking")
    for room in rooms:
        room.timetable_url = subpage_url(centre, request, "room", room_slug=room.slug)
        if booking and room.publicly_bookable:
            room.booking_url = subpage_url(centre, request, "room_book", room_slug=room.slug)
    weekly = centre.weekly_opening_hours()
    days_open, hours_open = centre.weekly_totals()
    return {
        "opening_status": opening_status(centre),
        "weekly_opening_hours": weekly if any(rows for _label, rows in weekly) else [],
        "weekly_days_open": days_open,
        "weekly_hours_open": hours_open,
        "upcoming_special_hours": sorted(
            (row for row in centre.special_opening_hours.all() if row.date >= today),
            key=lambda row: (row.date, row.opens or dt.time.min),
        )[:10],
        "upcoming_closures": sorted(
            (closure for closure in centre.closures.all() if closure.ends_on >= today),
            key=lambda closure: closure.starts_on,
        )[:10],
        "rooms": rooms,
        "booking_url": (
            subpage_url(centre, request, "book")
            if booking and any(room.publicly_bookable for room in rooms)
            else ""
        ),
        "calendar_url": subpage_url(centre, request, "calendar"),
        "ical_url": subpage_url(centre, request, "calendar_ics"),
        "stadtteil_time_zone": local_zone().key,
    }
