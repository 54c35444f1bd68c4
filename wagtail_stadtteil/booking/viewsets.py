"""Admin for room requests: the menu "Room requests" beside "Rooms", an inbox
with filters, search, bulk decisions and the accounting export, each
request's page with its decisions, and an edit form for the internal note
and contact corrections only.

Requests are not added here (they come through the website's form, or
``services.submit`` for staff-entered ones), and their status and dates change
only through the decision views, never through a generic form.
"""

import datetime as dt

import django_filters
from django.urls import path
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from wagtail_stadtteil.centres.models import CentrePage
from wagtail_stadtteil.centres.permissions import in_managed_centres
from wagtail_stadtteil.centres.scoped_admin import (
    ScopedDeleteView,
    ScopedHistoryView,
    ScopedUsageView,
)
from wagtail_stadtteil.core.exports import ImportExportViewSetMixin
from wagtail_stadtteil.rooms.models import Room
from wagtail_stadtteil.schedules.dates import aware

from . import admin_views
from .admin_forms import BookingRequestEditForm
from .decisions import DECISIONS, DecisionView
from .inspection import fee_label, first_date_label
from .models import BookingDate, BookingRequest, RequesterKind
from .permissions import manageable_requests


def centre_choices(request):
    """The centres whose requests the user manages, by title."""
    centres = CentrePage.objects.order_by("title")
    if request is None:
        return centres.none()
    return in_managed_centres(centres, request.user, centre_field="pk")


def room_choices(request):
    """The rooms of those centres."""
    rooms = Room.objects.select_related("centre").order_by("centre__title", "name")
    if request is None:
        return rooms.none()
    return in_managed_centres(rooms, request.user)


class RoomChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        # Many centres have a "Saal".
        return f"{obj.name} ({obj.centre.title})"


class RoomFilter(django_filters.ModelChoiceFilter):
    field_class = RoomChoiceField


class BookingRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=BookingRequest.Status.choices,
        label=capfirst(_("status")),
        empty_label=_("Any status"),
    )
    centre = django_filters.ModelChoiceFilter(
        queryset=centre_choices, label=capfirst(_("centre")), method="filter_centre"
    )
    room = RoomFilter(queryset=room_choices, label=capfirst(_("room")))
    dates = django_filters.DateFromToRangeFilter(
        label=capfirst(_("requested dates")), widget=DateRangePickerWidget, method="filter_dates"
    )
    requester_kind = django_filters.ChoiceFilter(
        choices=RequesterKind.choices, label=capfirst(_("who books")), empty_label=_("Anyone")
    )

    class Meta:
        model = BookingRequest
        fields = ["status", "centre", "room", "dates", "requester_kind"]

    def filter_centre(self, queryset, name, value):
        # A request belongs to the page its room names; the filter offers one
        # language version of it.
        return queryset.filter(centre__translation_key=value.translation_key)

    def filter_dates(self, queryset, name, value):
        """Requests with at least one date on a day from … to (local days)."""
        dates = BookingDate.objects.all()
        if value.start:
            dates = dates.filter(end__gt=aware(value.start.date(), dt.time.min))
        if value.stop:
            dates = dates.filter(
                start__lt=aware(value.stop.date() + dt.timedelta(days=1), dt.time.min)
            )
        return queryset.filter(pk__in=dates.values("request_id"))


class BookingRequestViewSet(ImportExportViewSetMixin, SnippetViewSet):
    model = BookingRequest
    import_export_name = "booking"  # export only: requests come through the form
    icon = "calendar-check"
    add_to_admin_menu = True
    menu_label = _("Room requests")
    menu_name = "stadtteil-room-requests"
    menu_order = 315  # just below "Rooms" (310)
    url_namespace = "wagtailsnippets_stadtteil_booking_bookingrequest"  # notifications.admin_url

    index_view_class = admin_views.BookingIndexView
    inspect_view_class = admin_views.BookingInspectView
    edit_view_class = admin_views.BookingEditView
    delete_view_class = ScopedDeleteView  # the policy: superusers only
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    chooser_viewset_class = admin_views.BookingChooserViewSet
    inspect_view_enabled = True
    inspect_template_name = "wagtail_stadtteil/booking/admin/inspect.html"
    copy_view_enabled = False

    filterset_class = BookingRequestFilterSet
    search_fields = ["reference", "contact_name", "organisation", "email", "purpose"]
    # Search with the ORM: the SQLite search backend cannot restrict a search
    # to fields, and staff type parts of names and references.
    search_backend_name = None
    ordering = "first_start"
    list_per_page = 50
    list_display = [
        "reference",
        Column("room", label=capfirst(_("room")), accessor="room", sort_key="room__name"),
        Column("centre", label=capfirst(_("centre")), accessor="centre", sort_key="centre__title"),
        Column(
            "first_start",
            label=capfirst(_("first date")),
            accessor=first_date_label,
            sort_key="first_start",
        ),
        Column("requester", label=capfirst(_("requester")), accessor="requester_label"),
        Column(
            "requester_kind",
            label=capfirst(_("who books")),
            accessor="get_requester_kind_display",
            sort_key="requester_kind",
        ),
        Column("fee", label=capfirst(_("expected fee")), accessor=fee_label, sort_key="fee"),
        StatusTagColumn(
            "status",
            label=capfirst(_("status")),
            accessor="get_status_display",
            primary=lambda booking: booking.status == BookingRequest.Status.REQUESTED,
            sort_key="status",
        ),
    ]
    list_export = list(admin_views.EXPORT_VALUES)
    export_headings = {
        "reference": _("reference number"),
        "centre": _("centre"),
        "room": _("room"),
        "status": _("status"),
        "requester_kind": _("who books"),
        "organisation": _("organisation"),
        "date_count": _("number of dates"),
        "first_start": _("first date"),
        "last_end": _("last date ends"),
        "booked_hours": _("hours booked"),
        "fee": _("expected fee (€)"),
        "decided_at": _("decided"),
    }
    export_filename = "room-requests"

    inspect_view_fields = [
        "reference",
        "status",
        "room",
        "centre",
        "purpose",
        "attendees",
        "requester_kind",
        "volunteer_confirmed",
        "organisation",
        "contact_name",
        "email",
        "phone",
        "message",
        "language",
        "source",
        "created_at",
        "consent_at",
        "decided_at",
        "decided_by",
        "decision_message",
        "staff_note",
        "reminder_sent_at",
        "anonymised_at",
    ]

    edit_handler = ObjectList(
        [
            FieldPanel("staff_note"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("contact_name"), FieldPanel("organisation")]),
                    FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                ],
                heading=_("Contact corrections"),
                help_text=_(
                    "Correct a typing error, e.g. when a mail bounced. Confirm, decline or "
                    "cancel on the request's page."
                ),
            ),
        ],
        base_form_class=BookingRequestEditForm,
    )

    @cached_property
    def menu_item_class(self):
        return admin_views.RoomRequestsMenuItem

    def get_queryset(self, request):
        return manageable_requests(request.user).select_related("room", "centre")

    def get_permissions_to_register(self):
        # Page permissions on a centre decide who manages its requests
        # (DESIGN decision 4): model permissions would be boxes that do nothing.
        return super().get_permissions_to_register().none()

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(url_namespace=self.url_namespace, **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            *[
                path(
                    f"{name}/<int:pk>/",
                    self.construct_view(DecisionView, decision=decision),
                    name=name,
                )
                for name, decision in DECISIONS.items()
            ],
        ]
