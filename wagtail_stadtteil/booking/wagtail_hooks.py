"""Admin wiring of the booking app: who manages which requests, the "Room
requests" menu, decisions in bulk, their history entries and the export of a
requester's data. Registers only: the policy lives in ``permissions``, the
views in ``admin_views``, ``decisions``, ``bulk_actions`` and
``requester_data``."""

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from . import decisions, requester_data
from .bulk_actions import (
    BookingDeleteBulkAction,
    CancelBulkAction,
    ConfirmBulkAction,
    DeclineBulkAction,
)
from .models import BookingRequest
from .permissions import booking_policy
from .requester_data import RequesterDataView
from .viewsets import BookingRequestViewSet

# Before the viewset is registered: Wagtail would otherwise make a model
# permission policy for requests, and refuse this one later.
register_permission_policy(BookingRequest, booking_policy)
register_snippet(BookingRequestViewSet)

hooks.register("register_bulk_action", ConfirmBulkAction)
hooks.register("register_bulk_action", DeclineBulkAction)
hooks.register("register_bulk_action", CancelBulkAction)
# After Wagtail's own delete action (order 0), which it replaces for requests.
hooks.register("register_bulk_action", BookingDeleteBulkAction, order=100)


@hooks.register("register_admin_urls")
def register_requester_data_url():
    return [
        path(
            "stadtteil/booking/requester-data/",
            RequesterDataView.as_view(),
            name="stadtteil_booking_requester_data",
        )
    ]


@hooks.register("register_log_actions")
def register_booking_log_actions(actions):
    for action, label, message in [*decisions.LOG_ACTIONS, *requester_data.LOG_ACTIONS]:
        actions.register_action(action, label, message)
