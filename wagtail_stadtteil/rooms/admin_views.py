"""The admin calendar of a centre for its staff: one week of everything that
happens in the house, room by room, including regular room use and dates
that public calendars do not show. Reads only the occurrence store.

Who manages the centre (may edit its page, DESIGN decision 4) sees its
calendar; city staff who may view every centre's rooms see it too, with room
bookings shown without their purpose (it may be personal) and without links
to edit anything.
"""

import datetime as dt

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from wagtail_stadtteil.centres.models import CentrePage
from wagtail_stadtteil.centres.permissions import managed_centres, manages_centre
from wagtail_stadtteil.centres.profile import check_profile, profile_is_met
from wagtail_stadtteil.schedules.dates import aware, local_today, local_zone
from wagtail_stadtteil.schedules.models import Occurrence

from .models import Room, RoomUse

#: How far from today ``?start=`` may go, in years (clamped, never an error).
MAX_YEARS_AWAY = 10


def sees_every_calendar(user):
    """Superusers, and city staff who may view every centre's rooms."""
    return user.is_active and policy_registry.get_by_type(Room).is_city_viewer(user)


def calendar_centres(user):
    """The centres whose calendar ``user`` may see: those they manage, or all."""
    return CentrePage.objects.all() if sees_every_calendar(user) else managed_centres(user)


def may_see_calendar(user, centre):
    """Without a query of its own: the page listing asks this for every row."""
    return sees_every_calendar(user) or manages_centre(user, centre)


def week_start(value, today=None):
    """(Monday of the week of ``value`` (YYYY-MM-DD), error text or None).
    Missing or unreadable values give this week; far-off dates are clamped."""
    today = today or local_today()
    error = None
    day = today
    if value:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            error = gettext("“%(value)s” is not a date (YYYY-MM-DD); showing this week.") % {
                "value": value[:40]
            }
    earliest = today.replace(year=today.year - MAX_YEARS_AWAY, day=1)
    latest = today.replace(year=today.year + MAX_YEARS_AWAY, day=1)
    day = min(max(day, earliest), latest)
    return day - dt.timedelta(days=day.weekday()), error


class CalendarIndexView(WagtailAdminTemplateMixin, TemplateView):
    """Choose a centre."""

    template_name = "wagtail_stadtteil/rooms/admin/calendar_index.html"
    page_title = gettext_lazy("Calendars")
    header_icon = "calendar-alt"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["centres"] = [
            (centre, reverse("stadtteil_centre_calendar", args=[centre.pk]))
            for centre in calendar_centres(self.request.user).order_by("title")
        ]
        return context


class CentreCalendarView(WagtailAdminTemplateMixin, TemplateView):
    """One week (Monday to Sunday, ``?start=YYYY-MM-DD``) of a centre, by room."""

    template_name = "wagtail_stadtteil/rooms/admin/centre_calendar.html"
    header_icon = "calendar-alt"

    def dispatch(self, request, *args, **kwargs):
        self.centre = get_object_or_404(CentrePage, pk=kwargs["centre_id"])
        if not may_see_calendar(request.user, self.centre):
            # A plain 403 page: Wagtail turns PermissionDenied into a redirect
            # to the dashboard, which hides why the calendar did not open. It
            # names no centre: the user may not see this one.
            return TemplateResponse(
                request, "wagtail_stadtteil/rooms/admin/calendar_forbidden.html", status=403
            )
        self.manages = manages_centre(request.user, self.centre)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Calendar")

    def get_page_subtitle(self):
        return self.centre.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("stadtteil_calendars"), "label": gettext("Calendars")},
            {"url": "", "label": self.centre.title},
        ]

    @cached_property
    def week(self):
        return week_start(self.request.GET.get("start"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        monday, error = self.week
        sunday = monday + dt.timedelta(days=6)
        url = reverse("stadtteil_centre_calendar", args=[self.centre.pk])
        criteria = check_profile(self.centre)
        context.update(
            centre=self.centre,
            start_error=error,
            monday=monday,
            sunday=sunday,
            previous_url=f"{url}?start={monday - dt.timedelta(days=7):%Y-%m-%d}",
            next_url=f"{url}?start={monday + dt.timedelta(days=7):%Y-%m-%d}",
            this_week_url=url,
            rooms=self.rooms_with_entries(monday, sunday),
            criteria=criteria,
            profile_met=profile_is_met(criteria),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.centre.pk])
            if self.manages
            else None,
        )
        return context

    def rooms_with_entries(self, monday, sunday):
        """[(room or None, [entries])] for each room of the centre, then what
        takes place in no room (opening hours, offers without a room)."""
        rooms = list(
            Room.objects.filter(centre__translation_key=self.centre.translation_key).order_by(
                "name"
            )
        )
        room_ids = {room.pk for room in rooms}
        occurrences = Occurrence.objects.filter(
            Q(centre__translation_key=self.centre.translation_key) | Q(room_id__in=room_ids),
            start__lt=aware(sunday + dt.timedelta(days=1), dt.time.min),
            end__gt=aware(monday, dt.time.min),
        ).order_by("start", "end", "pk")
        by_room = {room.pk: [] for room in rooms}
        elsewhere = []
        zone = local_zone()
        for occurrence in occurrences:
            entry = CalendarEntry(occurrence, zone, manages=self.manages)
            by_room.get(occurrence.room_id, elsewhere).append(entry)
        result = [(room, by_room[room.pk]) for room in rooms]
        result.append((None, elsewhere))
        return result


class CalendarEntry:
    """An occurrence with its local times, for the template. For staff who
    do not manage the centre: bookings without their purpose, no edit links."""

    def __init__(self, occurrence, zone, manages=True):
        self.occurrence = occurrence
        self.manages = manages
        self.title = occurrence.title
        if not manages and occurrence.kind == Occurrence.Kind.BOOKING:
            self.title = gettext("Room booking")
        local_start = occurrence.start.astimezone(zone)
        # Naive: templates would convert aware times to the admin user's zone.
        self.start = local_start.replace(tzinfo=None)
        self.end = occurrence.end.astimezone(zone).replace(tzinfo=None)
        self.start_iso = local_start.isoformat()
        self.end_iso = occurrence.end.astimezone(zone).isoformat()

    @property
    def edit_url(self):
        """Where staff change it: the page, or the regular room use."""
        if not self.manages:
            return None
        if self.occurrence.page_id:
            return reverse("wagtailadmin_pages:edit", args=[self.occurrence.page_id])
        if self.occurrence.kind == Occurrence.Kind.ROOM_USE:
            return reverse(
                RoomUse.snippet_viewset.get_url_name("edit"), args=[self.occurrence.source_id]
            )
        return None
