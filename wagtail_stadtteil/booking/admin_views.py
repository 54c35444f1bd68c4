"""The snippet views of room requests in the Wagtail admin (issue 4): the
inbox with its accounting export, a request's page, the edit form for the
internal note and contact corrections, delete, history, usage and the
chooser, and the menu item with the number of requests waiting.

Every view reads requests through ``permissions`` (staff manage the requests
of the centres whose page they may edit, DESIGN decision 4), so none shows
another centre's requests. What a request's page shows is computed in
``inspection``; decisions live in ``decisions`` and ``bulk_actions``, the
export of a requester's data in ``requester_data``.
"""

import datetime as dt
from collections import OrderedDict
from decimal import Decimal

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui import menus
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views import snippets

from wagtail_stadtteil.centres.scoped_admin import ScopedChooserViewSet, ScopedEditView
from wagtail_stadtteil.core.exports import SnippetIndexView
from wagtail_stadtteil.schedules.dates import local_date, local_zone

from .admin_forms import DecisionForm
from .decisions import allowed_decisions
from .inspection import (
    BLOCKING_PROBLEMS,
    fee_label,
    fee_table,
    local_times,
    request_page_url,
    room_week,
    rule_problems,
    waiting_overlaps,
    when_label,
)
from .permissions import (
    get_manageable_request,
    manages_requests,
    waiting_count,
)
from .requester_data import requester_data_url


class RoomRequestsMenuItem(MenuItem):
    """The menu item "Room requests", with how many requests wait for a decision."""

    def is_shown(self, request):
        return manages_requests(request.user)

    def render_component(self, request):
        component = super().render_component(request)
        waiting = waiting_count(request.user)
        if waiting:
            component.label = ngettext(
                "%(label)s (%(count)d waiting)", "%(label)s (%(count)d waiting)", waiting
            ) % {"label": self.label, "count": waiting}
        return component


# The accounting export of the inbox -----------------------------------------------------


def booked_hours(booking):
    """All dates of the request, in hours (two decimals)."""
    total = sum((date.end - date.start for date in booking.dates.all()), dt.timedelta())
    return Decimal(total.total_seconds() / 3600).quantize(Decimal("0.01"))


def local_naive(value):
    """An aware instant as a local wall-clock time for spreadsheets (Wagtail
    would write UTC, which the accounts would misread)."""
    return value.astimezone(local_zone()).replace(tzinfo=None) if value else None


#: The accounting export: column → value of a request.
EXPORT_VALUES = {
    "reference": lambda booking: booking.reference,
    "centre": lambda booking: booking.centre.title,
    "room": lambda booking: booking.room.name,
    "status": lambda booking: booking.get_status_display(),
    "requester_kind": lambda booking: booking.get_requester_kind_display(),
    "organisation": lambda booking: booking.organisation,
    "date_count": lambda booking: len(booking.dates.all()),
    "first_start": lambda booking: local_naive(booking.first_start),
    "last_end": lambda booking: local_naive(booking.last_end),
    "booked_hours": booked_hours,
    "fee": lambda booking: booking.fee,
    "decided_at": lambda booking: local_naive(booking.decided_at),
}


# The views of the snippet viewset -------------------------------------------------------


class BookingIndexView(SnippetIndexView):
    """The inbox: requests of the centres the user manages, with filters,
    search, bulk decisions and the accounting export (formulas escaped)."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset().annotate(date_count=Count("dates"))
        if self.is_export:
            queryset = queryset.prefetch_related("dates")
        return queryset

    def order_queryset(self, queryset):
        # A stable order for pagination: many requests start at the same time.
        queryset = super().order_queryset(queryset)
        if queryset.query.order_by:
            queryset = queryset.order_by(*queryset.query.order_by, "pk")
        return queryset

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The reference opens the request's page: the edit form holds only the note.
        return self._get_custom_column(
            field_name,
            self._get_title_column_class(column_class),
            get_url=self.get_inspect_url,
            get_title_id=lambda instance: f"snippet_{quote(instance.pk)}_title",
            **kwargs,
        )

    def get_heading(self, queryset, field):
        return capfirst(super().get_heading(queryset, field))

    def to_row_dict(self, item):
        return OrderedDict((field, EXPORT_VALUES[field](item)) for field in self.list_export)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        namespace = self.index_url_name.rsplit(":", 1)[0]
        for priority, decision in enumerate(allowed_decisions(instance, self.request.user)):
            buttons.append(
                menus.MenuItem(
                    decision.label,
                    decision.url(namespace, instance.pk),
                    icon_name="calendar-check",
                    priority=5 + priority,
                )
            )
        return buttons


class BookingInspectView(snippets.InspectView):
    """A request's page: every detail, what speaks against it now, the
    room's week, the fee, the mails sent, and the decision buttons."""

    url_namespace = None

    def get_object(self, queryset=None):
        return get_manageable_request(self.request.user, self.pk)

    def inspect_url(self, pk):
        return request_page_url(self.url_namespace, pk)

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                gettext("Export the requester's data"),
                url=requester_data_url(self.object),
                icon_name="download",
                priority=30,
            )
        )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booking = self.object
        dates = list(booking.dates.all())
        problems = rule_problems(booking, dates)
        overlaps = waiting_overlaps(booking, dates)
        by_date = {}
        for problem in problems:
            by_date.setdefault(problem.date, []).append(problem)
        decisions = allowed_decisions(booking, self.request.user)
        context.update(
            booking=booking,
            dates=[
                {
                    "date": date,
                    "times": local_times(date.start, date.end),
                    "problems": by_date.get(local_date(date.start), []),
                    "overlaps": [other for own, other in overlaps if own.pk == date.pk],
                }
                for date in dates
            ],
            problems=problems,
            general_problems=by_date.get(None, []),
            blocking=any(problem.code in BLOCKING_PROBLEMS for problem in problems),
            overlaps=[
                {
                    "date": own,
                    "other": other,
                    "times": local_times(other.start, other.end),
                    "url": self.inspect_url(other.request_id),
                }
                for own, other in overlaps
            ],
            decisions=[
                {
                    "decision": decision,
                    "url": decision.url(self.url_namespace, booking.pk),
                }
                for decision in decisions
            ],
            decision_form=DecisionForm(),
            week=room_week(booking, dates, self.inspect_url),
            fee_rows=fee_table(booking.room, booking.requester_kind),
            notifications=list(booking.notifications.all()),
            requester_data_url=requester_data_url(booking),
            fee_label=fee_label(booking),
            edit_url=self.get_edit_url(),
        )
        return context

    def get_edit_url(self):
        # A request whose personal data was removed has nothing left to correct.
        return None if self.object.anonymised_at else super().get_edit_url()

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, dt.datetime):
            return when_label(value)  # the centre's local time, not UTC
        return value

    def get_volunteer_confirmed_display_value(self):
        return gettext("yes") if self.object.volunteer_confirmed else gettext("no")


class BookingEditView(ScopedEditView):
    """The internal note and contact corrections: never status or dates."""

    url_namespace = None

    def get_object(self, queryset=None):
        booking = super().get_object(queryset)
        if booking.anonymised_at is not None:
            # Its personal data was removed on purpose; nothing to correct.
            raise PermissionDenied
        return booking

    def get_success_url(self):
        return request_page_url(self.url_namespace, self.object.pk)


class BookingChooserViewSet(ScopedChooserViewSet):
    # No form chooses a request, but Wagtail registers a chooser for every snippet.
    register_widget = False
