"""The public booking pages, served by the centre page's routes: the list of
rooms residents may request (``…/book/``) and a room's booking form
(``…/rooms/<room-slug>/book/``).

The form works without JavaScript: links on free times fill it in through
the query string (``?date=…&start_time=…&end_time=…``); a small script only
saves the reload. Sending it runs, in this order: the spam checks of the
form (honeypot, fill-in time), the booking rules (``rules.check_request``),
the limits per client address and email address (``spam``), and
``services.submit``, which checks the rules again with the room locked. Any
refusal shows the form again with the reasons; nothing is saved. Success
redirects (POST/redirect/GET) to the request's status page behind its signed
link, with a thank-you (``?new=1``): nobody reaches another request's page by
guessing a number.
"""

import datetime as dt

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wagtail_stadtteil.centres import calendar
from wagtail_stadtteil.centres.calendar import BadPeriod, check_reach, parse_date, query_url
from wagtail_stadtteil.centres.views import centre_group_ids, route_context, subpage_url
from wagtail_stadtteil.rooms.models import Room
from wagtail_stadtteil.rooms.views import get_room, week_days
from wagtail_stadtteil.schedules.dates import local_zone

from . import services, spam
from .fees import euros, fee_rule
from .forms import BookingForm, initial_from_query
from .models import RequesterKind, RoomFee
from .tokens import status_path


def site_settings_for(request):
    """The site's StadtteilSiteSettings, or None on a host no Site answers."""
    from wagtail_stadtteil.core.models import StadtteilSiteSettings

    try:
        return StadtteilSiteSettings.for_request(request)
    except Exception:  # no Site for this host: the form still works, without links
        return None


def fee_table(room):
    """[{"kind", "label", "allowed", "text", "note"}] per requester kind: what
    this room costs them (its fee table, else the site's defaults)."""
    rows = list(RoomFee.objects.filter(room=room))
    table = []
    for kind in RequesterKind:
        rule = fee_rule(room, kind, rows)
        if not rule.allowed:
            text = _("cannot be requested online")
        elif rule.is_free:
            text = _("free of charge")
        else:
            parts = []
            if rule.hourly is not None:
                parts.append(_("%(rate)s per started hour") % {"rate": euros(rule.hourly)})
            if rule.daily is not None:
                per_day = (
                    _("at most %(rate)s per day")
                    if rule.hourly is not None
                    else _("%(rate)s per day")
                )
                parts.append(per_day % {"rate": euros(rule.daily)})
            text = ", ".join(parts)
        table.append(
            {
                "kind": kind.value,
                "label": kind.label,
                "allowed": rule.allowed,
                "text": text,
                "note": rule.note,
            }
        )
    return table


def shown_week(request, form, room, now):
    """The week whose free times the form shows: ``?week=``, else the week of
    the date entered, else of the first day the room's notice allows."""
    today = timezone.localtime(now, local_zone()).date()
    day = None
    if request.GET.get("week"):
        try:
            day = check_reach(parse_date(request.GET["week"], name="week"), today)
        except BadPeriod:
            day = None
    if day is None:
        entered = getattr(form, "cleaned_data", {}) if form.is_bound else form.initial
        day = entered.get("date")
        try:
            day = check_reach(day, today) if day else None
        except BadPeriod:
            day = None
    if day is None:
        earliest = now + dt.timedelta(hours=room.min_notice_hours or 0)
        day = timezone.localtime(earliest, local_zone()).date()
    return calendar.period_for("week", day, today)


def form_page(request, centre, room, form, *, started_token, site_settings, now):
    book_url = request.path
    period = shown_week(request, form, room, now)
    days, has_opening_hours = week_days(request, centre, room, period, book_url=book_url)
    prefill = {name: request.GET.get(name, "")[:20] for name in ("date", "start_time", "end_time")}

    def week_link(first):
        return query_url(book_url, week=first.isoformat(), **prefill) + "#free-times"

    timetable_url = subpage_url(centre, request, "room", room_slug=room.slug)
    context = route_context(
        centre,
        request,
        room=room,
        form=form,
        error_summary=form.error_summary() if form.is_bound else [],
        started_token=started_token,
        period=period,
        days=[day for day in days if not day["is_past"]],
        has_opening_hours=has_opening_hours,
        # No links into weeks that are over: their free times are gone.
        previous_url=week_link(period.previous_first)
        if period.previous_first and period.first > period.today
        else "",
        next_url=week_link(period.next_first) if period.next_first else "",
        today_url=week_link(period.today),
        fee_table=fee_table(room),
        fee_notes=site_settings.fee_notes if site_settings is not None else "",
        timetable_url=timetable_url,
        trail=[
            {"title": room.name, "url": timetable_url},
            {"title": pgettext("breadcrumb of a room's booking form", "Request"), "url": ""},
        ],
        route_title=_("Request the room “%(room)s”") % {"room": room.name},
    )
    return TemplateResponse(request, "wagtail_stadtteil/booking/booking_form.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def room_booking_form(request, centre, room_slug):
    """The form to request ``room_slug`` of ``centre``; see the module's docstring."""
    room = get_room(centre, room_slug)
    if not room.publicly_bookable:
        context = route_context(
            centre,
            request,
            room=room,
            timetable_url=subpage_url(centre, request, "room", room_slug=room.slug),
            trail=[{"title": room.name, "url": ""}],
            route_title=_("Request the room “%(room)s”") % {"room": room.name},
        )
        return TemplateResponse(request, "wagtail_stadtteil/booking/not_bookable.html", context)

    now = timezone.now()
    site_settings = site_settings_for(request)
    if request.method != "POST":
        form = BookingForm(
            initial=initial_from_query(request.GET, now),
            room=room,
            now=now,
            site_settings=site_settings,
        )
        return form_page(
            request,
            centre,
            room,
            form,
            started_token=spam.fill_token(),
            site_settings=site_settings,
            now=now,
        )

    form = BookingForm(request.POST, room=room, now=now, site_settings=site_settings)
    posted_token = request.POST.get("started", "")
    # Keep the time the form was first shown, so a second round is not "too
    # fast"; a changed token is replaced, so the next round can pass.
    token = posted_token if spam.is_fill_token_genuine(posted_token) else spam.fill_token()
    if form.is_valid():
        email = form.cleaned_data["email"]
        try:
            spam.check_submission(request, email, now)
            booking = services.submit(
                room,
                form.slots,
                form.requester(),
                purpose=form.cleaned_data["purpose"],
                attendees=form.cleaned_data["attendees"],
                message=form.cleaned_data.get("message", ""),
                language=get_language(),
                now=now,
            )
        except spam.Refused as refused:
            form.add_error(refused.field, refused.message)
        except services.BookingRefused as refused:
            form.add_problems(refused.problems)
        else:
            spam.count_request(spam.client_address(request), email)
            return HttpResponseRedirect(f"{status_path(booking)}?new=1")
    return form_page(
        request,
        centre,
        room,
        form,
        started_token=token,
        site_settings=site_settings,
        now=now,
    )


def bookable_rooms(request, centre):
    """The rooms of ``centre`` that residents may request, with their facts
    and a link to each form."""
    rooms = list(
        Room.objects.filter(centre_id__in=centre_group_ids(centre), publicly_bookable=True)
        .order_by("name", "pk")
        .prefetch_related("fees")
    )
    for room in rooms:
        room.book_url = subpage_url(centre, request, "room_book", room_slug=room.slug)
        room.timetable_url = subpage_url(centre, request, "room", room_slug=room.slug)
    site_settings = site_settings_for(request)
    context = route_context(
        centre,
        request,
        rooms=rooms,
        fee_notes=site_settings.fee_notes if site_settings is not None else "",
        trail=[{"title": _("Request a room"), "url": ""}],
        route_title=_("Request a room"),
    )
    return TemplateResponse(request, "wagtail_stadtteil/booking/bookable_rooms.html", context)
