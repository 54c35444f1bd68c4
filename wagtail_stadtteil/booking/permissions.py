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

import swapper
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_permission_codename, get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.models import GroupPagePermission
from wagtail.permission_policies import ModelPermissionPolicy

from wagtail_stadtteil.centres.models import CentrePage
from wagtail_stadtteil.rooms.admin_views import editable_centres

from .models import BookingRequest

#: The actions that let staff see and handle a request.
MANAGE = ("view", "change")


def _is_active_user(user):
    return user.is_authenticated and user.is_active


class BookingRequestPermissionPolicy(ModelPermissionPolicy):
    """Staff see and decide the requests of the centres whose page they may
    edit (with the page's translations); superusers all of them. Nobody adds
    requests in the admin (they come through the form or ``services.submit``),
    and only superusers delete them: personal data is removed by the purge
    command, which keeps the bookkeeping."""

    permission_cache_name = "_stadtteil_booking_centre_ids"

    def get_all_permissions_for_user(self, user):
        """Not Permission rows: the ids of the centre pages whose requests
        ``user`` manages, cached on the user for the request."""
        if not _is_active_user(user) or user.is_superuser:
            return frozenset()
        keys = {centre.translation_key for centre in editable_centres(user)}
        return frozenset(
            CentrePage.objects.filter(translation_key__in=keys).values_list("pk", flat=True)
        )

    def centre_ids(self, user):
        """The ids of the centre pages whose requests ``user`` manages (empty
        for superusers, who manage all)."""
        return self.get_cached_permissions_for_user(user)

    def user_has_permission(self, user, action):
        if not _is_active_user(user) or action == "add":
            return False
        if user.is_superuser:
            return True
        return action in MANAGE and bool(self.centre_ids(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return user.is_superuser or instance.centre_id in self.centre_ids(user)

    def instances_user_has_any_permission_for(self, user, actions):
        requests = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return requests.none()
        return in_managed_centres(requests, user)

    def users_with_any_permission(self, actions):
        """Active superusers, and for seeing or deciding, members of groups that
        may change a centre's page (add-and-own and workflow reviewers, which
        ``editable_centres`` also counts, are left out of this estimate)."""
        users = get_user_model()._default_manager.filter(is_active=True)
        actions = set(actions) - {"add"}
        if not actions:
            return users.none()
        if not actions & set(MANAGE):
            return users.filter(is_superuser=True)
        # The base page model can be swapped (WAGTAIL_PAGE_MODEL).
        codename = get_permission_codename(
            "change", swapper.load_model("wagtailcore", "Page")._meta
        )
        centre_paths = list(CentrePage.objects.values_list("path", flat=True))
        groups = {
            grant.group_id
            for grant in GroupPagePermission.objects.filter(
                permission__codename=codename
            ).select_related("page")
            if any(path.startswith(grant.page.path) for path in centre_paths)
        }
        return users.filter(Q(is_superuser=True) | Q(groups__in=groups)).distinct()


booking_policy = BookingRequestPermissionPolicy(BookingRequest)


def in_managed_centres(queryset, user, centre_field="centre_id"):
    """``queryset`` limited to the rows whose ``centre_field`` is a centre
    whose requests ``user`` manages (unchanged for superusers). Callers check
    first that ``user`` manages anything at all."""
    if user.is_superuser:
        return queryset
    return queryset.filter(**{f"{centre_field}__in": booking_policy.centre_ids(user)})


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
