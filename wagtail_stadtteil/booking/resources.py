"""Spreadsheet export of room requests (see ``core.importing``); no import.

Requests come in through the booking form and are decided in the admin;
a spreadsheet never writes them. The export is for accounting and
evaluation, scoped like the inbox.
"""

from import_export import widgets

from wagtail_stadtteil.core.importing import (
    ChoiceWidget,
    NumberWidget,
    StadtteilResource,
    column,
)
from wagtail_stadtteil.rooms.resources import scope_centre_key
from wagtail_stadtteil.schedules.dates import local_zone

from .models import BookingDate, BookingRequest, RequesterKind
from .permissions import manageable_requests


class LocalDateTimeWidget(widgets.Widget):
    """An instant as local ISO 8601 (``2027-03-02T18:00:00+01:00``)."""

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        return value.astimezone(local_zone()).isoformat(timespec="seconds")


class SlugOfWidget(widgets.Widget):
    """A related object (centre, room) by its slug."""

    def render(self, value, obj=None, **kwargs):
        return getattr(value, "slug", "") or ""


def readonly(attribute, widget=None, **kwargs):
    return column(attribute, widget, readonly=True, **kwargs)


#: The columns with the requester's personal data.
PERSONAL_COLUMNS = ("contact_name", "email", "phone", "message")


class BookingRequestResource(StadtteilResource):
    """Room requests, export only: those ``user`` may see and decide
    (``booking.permissions.manageable_requests``; all of them on the command
    line), limited to ``centre`` if given.

    The requester's personal data (contact name, email, phone, message) is
    left out unless the resource is created with ``personal_data=True``. The
    admin passes it only for staff who may decide the centre's requests
    (``booking.permissions.may_decide``); the accounting export without it
    is what everyone else gets.
    """

    title_columns = ("reference",)

    reference = readonly("reference")
    centre = readonly("centre", SlugOfWidget())
    room = readonly("room", SlugOfWidget())
    dates = readonly("dates", label=BookingDate._meta.verbose_name_plural)
    status = readonly("status", ChoiceWidget(BookingRequest.Status.choices))
    requester_kind = readonly("requester_kind", ChoiceWidget(RequesterKind.choices))
    organisation = readonly("organisation")
    purpose = readonly("purpose")
    attendees = readonly("attendees", NumberWidget())
    fee = readonly("fee", NumberWidget(decimal=True))
    fee_note = readonly("fee_note")
    received_at = readonly("created_at", LocalDateTimeWidget(), key="received_at")
    decided_at = readonly("decided_at", LocalDateTimeWidget())
    contact_name = readonly("contact_name")
    email = readonly("email")
    phone = readonly("phone")
    message = readonly("message")

    class Meta(StadtteilResource.Meta):
        model = BookingRequest
        import_id_fields = ["reference"]
        fields = (
            "reference",
            "centre",
            "room",
            "dates",
            "status",
            "requester_kind",
            "organisation",
            "purpose",
            "attendees",
            "fee",
            "fee_note",
            "received_at",
            "decided_at",
            *PERSONAL_COLUMNS,
        )

    def __init__(self, *args, personal_data=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.personal_data = personal_data
        if not personal_data:
            for name in PERSONAL_COLUMNS:
                del self.fields[name]

    def may_import(self):
        return False

    def scope(self, queryset):
        if self.user is not None:
            queryset = queryset.filter(pk__in=manageable_requests(self.user).values("pk"))
        key = scope_centre_key(self.centre)
        if key is not None:
            queryset = queryset.filter(centre__translation_key=key)
        return queryset

    def get_queryset(self):
        return super().get_queryset().order_by("-created_at", "-pk")

    def filter_export(self, queryset, **kwargs):
        # Whatever queryset the caller passes: no query per row.
        queryset = super().filter_export(queryset, **kwargs)
        return queryset.select_related("centre", "room").prefetch_related("dates")

    def dehydrate_dates(self, booking):
        """One line per date: ``2027-03-02 18:00–20:00`` in local time."""
        zone = local_zone()
        return "\n".join(
            f"{date.start.astimezone(zone):%Y-%m-%d %H:%M}–{date.end.astimezone(zone):%H:%M}"
            for date in booking.dates.all()
        )
