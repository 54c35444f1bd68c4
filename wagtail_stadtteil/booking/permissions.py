"""Who may manage which centre's room requests (DESIGN decision 4).

Staff manage a centre's requests exactly when they may edit the centre's
page (in any of its translations); superusers manage all of them. Nobody
adds requests in the admin, and only superusers delete them.

This module is the one place that says so:

* :class:`BookingRequestPermissionPolicy` (registered as ``booking_policy``)
  tells Wagtail, so its generic views, menus and bulk actions agree;
* :func:`manageable_requests` and :func:`get_manageable_request` are how the
  inbox, request page, decisions, exports and bulk actions read requests;
  Wagtail's generic views read them through the policy
  (``centres.scoped_admin``), so none shows another centre's requests.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from wagtail_stadtteil.centres.permissions import CentreScopedPermissionPolicy

from .models import BookingRequest

#: The actions that let staff see and handle a request.
MANAGE = ("view", "change")


class BookingRequestPermissionPolicy(CentreScopedPermissionPolicy):
    """Staff see and decide the requests of the centres they manage;
    superusers all of them. Nobody adds requests in the admin (they come
    through the form or ``services.submit``), only superusers delete them
    (personal data is removed by the purge command, which keeps the
    bookkeeping), and no city-wide view: requests hold personal data."""

    editor_actions = frozenset(MANAGE)
    superuser_actions = frozenset({*MANAGE, "delete"})
    city_may_view = False


booking_policy = BookingRequestPermissionPolicy(BookingRequest)


def manages_requests(user):
    """Whether ``user`` manages the requests of at least one centre."""
    return booking_policy.user_has_any_permission(user, MANAGE)


def check_manages_requests(user):
    """PermissionDenied for users who manage no requests at all."""
    if not manages_requests(user):
        raise PermissionDenied


def may_decide(user, booking):
    """Whether ``user`` may confirm, decline or cancel ``booking``."""
    return booking_policy.user_has_permission_for_instance(user, "change", booking)


def manageable_requests(user):
    """The requests ``user`` may see and decide (all of them for superusers)."""
    return booking_policy.instances_user_has_any_permission_for(user, MANAGE)


def get_manageable_request(user, pk):
    """The request ``pk`` if ``user`` manages it: PermissionDenied for users
    who manage no requests at all, 404 for other centres' requests."""
    check_manages_requests(user)
    try:
        pk = int(unquote(str(pk)))
    except ValueError:
        raise Http404 from None
    return get_object_or_404(
        manageable_requests(user).select_related("room__centre", "centre", "decided_by"), pk=pk
    )


def waiting_count(user):
    """How many requests that ``user`` manages wait for a decision."""
    return manageable_requests(user).filter(status=BookingRequest.Status.REQUESTED).count()
