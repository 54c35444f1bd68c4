"""Who may manage which centre's room requests (DESIGN decision 4).

Staff manage a centre's requests exactly when they may edit the centre's
page (in any of its translations); superusers manage all of them. Nobody
adds requests in the admin, and only superusers delete them.

This module is the one place that says so:

* :class:`BookingRequestPermissionPolicy` (registered as ``booking_policy``)
  tells Wagtail, so its generic views, menus and bulk actions agree;
* :func:`manageable_requests`, :func:`get_manageable_request` and
  :class:`ScopedQuerysetMixin` are how every admin view, export, bulk action
  and chooser reads requests, so none shows another centre's requests;
* :func:`in_managed_centres` limits any queryset with a centre to the
  centres a user manages (the inbox's filter choices use it).
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from wagtail_stadtteil.centres.permissions import (
    CentreScopedPermissionPolicy,
    managed_centre_ids,
)

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

    def centre_ids(self, user):
        """The ids of the centre pages whose requests ``user`` manages (empty
        for superusers, who manage all)."""
        return frozenset() if user.is_superuser else managed_centre_ids(user)


booking_policy = BookingRequestPermissionPolicy(BookingRequest)


def in_managed_centres(queryset, user, centre_field="centre_id"):
    """``queryset`` limited to the rows whose ``centre_field`` is a centre
    whose requests ``user`` manages (unchanged for superusers). Callers check
    first that ``user`` manages anything at all."""
    if user.is_superuser:
        return queryset
    return queryset.filter(**{f"{centre_field}__in": managed_centre_ids(user)})


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


class ScopedQuerysetMixin:
    """For Wagtail's object views: read the object from the requests the user
    manages (PermissionDenied if none, 404 for other centres' requests)."""

    def get_scoped_queryset(self):
        check_manages_requests(self.request.user)
        return manageable_requests(self.request.user)
