"""The admin dashboard's panel for each centre a user manages: today's dates,
open room requests, dates cancelled this week and the profile at a glance."""

import datetime as dt

from django.apps import apps
from django.urls import reverse
from wagtail.admin.ui.components import Component

from wagtail_stadtteil.centres.permissions import managed_centres
from wagtail_stadtteil.centres.profile import check_profile, profile_is_met
from wagtail_stadtteil.schedules.dates import aware, local_today
from wagtail_stadtteil.schedules.models import Occurrence

from .figures import scope_filter

#: More centres than this and the dashboard shows none: city staff and
#: superusers read the report instead of a panel per centre.
MAX_PANELS = 3


def centre_summary(centre, today):
    """What a centre's staff should see first thing in the morning."""
    ids = centre.get_translations(inclusive=True).values("pk")
    monday = today - dt.timedelta(days=today.weekday())
    mine = Occurrence.objects.filter(centre_id__in=ids)
    dates_today = list(
        mine.filter(
            start__gte=aware(today, dt.time.min),
            start__lt=aware(today + dt.timedelta(days=1), dt.time.min),
        )
        .exclude(kind=Occurrence.Kind.OPENING)
        .order_by("start", "title")
    )
    cancelled = mine.filter(
        status=Occurrence.Status.CANCELLED,
        start__gte=aware(monday, dt.time.min),
        start__lt=aware(monday + dt.timedelta(days=7), dt.time.min),
    ).order_by("start")
    summary = {
        "centre": centre,
        "today": dates_today,
        "cancelled": list(cancelled[:10]),
        "cancelled_count": cancelled.count(),
        "criteria": check_profile(centre, today),
        "report_url": reverse("stadtteil_report") + f"?centre={centre.pk}&year={today.year}",
        "calendar_url": reverse("stadtteil_centre_calendar", args=[centre.pk]),
    }
    summary["profile_met"] = profile_is_met(summary["criteria"])
    if apps.is_installed("wagtail_stadtteil.booking"):
        from wagtail_stadtteil.booking.models import BookingRequest

        summary["open_requests"] = BookingRequest.objects.filter(
            centre_id__in=ids, status=BookingRequest.Status.REQUESTED
        ).count()
        summary["requests_url"] = (
            reverse("wagtailsnippets_stadtteil_booking_bookingrequest:list")
            + f"?status=requested&centre={centre.pk}"
        )
    return summary


class CentrePanel(Component):
    name = "stadtteil_centres_today"
    template_name = "wagtail_stadtteil/reports/admin/dashboard_panel.html"
    order = 50

    def __init__(self, centres):
        self.centres = centres

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        today = local_today()
        context["summaries"] = [centre_summary(centre, today) for centre in self.centres]
        return context


def centre_panel(request):
    """The panel for the centres ``request.user`` manages (None: no panel)."""
    if request.user.is_superuser:
        return None
    centres = list(scope_filter(managed_centres(request.user)).order_by("title")[: MAX_PANELS + 1])
    if not centres or len(centres) > MAX_PANELS:
        return None
    return CentrePanel(centres)
