"""The export of one requester's data from the admin: the answer to a
request for access (Art. 15 GDPR, the right of access). A JSON file of
every request made with an email address in the centres the user manages,
with its dates, mails and internal note; each export is logged in the
requests' history. (Removing personal data is ``retention``'s job.)
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from wagtail_stadtteil.schedules.dates import local_today, local_zone

from .admin_forms import RequesterDataForm
from .permissions import check_manages_requests, get_manageable_request, manageable_requests

#: The history entry of an export.
EXPORT_LOG_ACTION = "stadtteil_booking.export_requester_data"

#: The history entries of this module: (action, label, message).
LOG_ACTIONS = [
    (
        EXPORT_LOG_ACTION,
        pgettext_lazy("booking log", "Export requester data"),
        pgettext_lazy("booking log", "Requester's data exported"),
    ),
]


def requester_data_url(booking):
    """The export of the data of ``booking``'s requester (the address stays
    out of the URL, and so out of server logs)."""
    return f"{reverse('stadtteil_booking_requester_data')}?request={booking.pk}"


def local_iso(value):
    """An aware instant in the centre's zone, ISO 8601 (None stays None)."""
    return value.astimezone(local_zone()).isoformat() if value else None


def requester_data(email, requests):
    """Everything the requests made with ``email`` hold, as JSON-ready data."""
    return {
        "email": email,
        "exported_at": local_iso(timezone.now()),
        "requests": [
            {
                "reference": booking.reference,
                "centre": booking.centre.title,
                "room": booking.room.name,
                "status": booking.status,
                "status_label": booking.get_status_display(),
                "received_through": booking.source,
                "received_at": local_iso(booking.created_at),
                "purpose": booking.purpose,
                "attendees": booking.attendees,
                "requester_kind": booking.requester_kind,
                "requester_kind_label": booking.get_requester_kind_display(),
                "volunteer_confirmed": booking.volunteer_confirmed,
                "organisation": booking.organisation,
                "contact_name": booking.contact_name,
                "email": booking.email,
                "phone": booking.phone,
                "message": booking.message,
                "language": booking.language,
                "agreed_to_house_rules_and_privacy_notice_at": local_iso(booking.consent_at),
                "fee": booking.fee,
                "fee_note": booking.fee_note,
                "decided_at": local_iso(booking.decided_at),
                "decision_message": booking.decision_message,
                # Notes about a person are their data too (Art. 15 GDPR).
                "internal_note": booking.staff_note,
                "reminder_sent_at": local_iso(booking.reminder_sent_at),
                "dates": [
                    {
                        "start": local_iso(date.start),
                        "end": local_iso(date.end),
                        "booked": date.active,
                    }
                    for date in booking.dates.all()
                ],
                "mails": [
                    {
                        "kind": notification.kind,
                        "kind_label": notification.get_kind_display(),
                        "recipient": notification.recipient,
                        "status": notification.status,
                        "created_at": local_iso(notification.created_at),
                        "sent_at": local_iso(notification.sent_at),
                    }
                    for notification in booking.notifications.all()
                ],
            }
            for booking in requests
        ],
    }


class RequesterDataView(WagtailAdminTemplateMixin, FormView):
    """A JSON file of every request one requester made in the centres the
    user manages: the answer to a request for access (Art. 15 GDPR).
    ``?request=<id>`` exports the data of that request's requester,
    ``?email=…`` or the form those of an address."""

    template_name = "wagtail_stadtteil/booking/admin/requester_data.html"
    form_class = RequesterDataForm
    page_title = gettext_lazy("Export a requester's data")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        check_manages_requests(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        if "request" in request.GET:
            booking = get_manageable_request(request.user, request.GET["request"])
            if booking.anonymised_at is None:
                return self.download(booking.email)
        elif "email" in request.GET:
            form = self.form_class(request.GET)
            if form.is_valid():
                return self.download(form.cleaned_data["email"])
            return self.render_to_response(self.get_context_data(form=form))
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        return self.download(form.cleaned_data["email"])

    def download(self, email):
        requests = list(
            manageable_requests(self.request.user)
            .filter(email__iexact=email, anonymised_at__isnull=True)
            .select_related("room", "centre")
            .prefetch_related("dates", "notifications")
            .order_by("created_at", "pk")
        )
        for booking in requests:
            log(
                instance=booking,
                action=EXPORT_LOG_ACTION,
                user=self.request.user,
            )
        content = json.dumps(
            requester_data(email, requests), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
        )
        response = HttpResponse(content, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="requester-data-{local_today():%Y-%m-%d}.json"'
        )
        add_never_cache_headers(response)
        return response
