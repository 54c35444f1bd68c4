"""Who manages which centre (DESIGN decision 4).

A user manages a centre's rooms, regular room use, calendar and room requests
exactly when Wagtail's page permissions let them edit the centre's page (in any
of its translations). There is no second table of editors to keep in sync:
give a group "change" on a centre's subtree, and its members manage the centre.

City-level staff who should *see* every centre's rooms without editing them get
the model's Django "view" permission (``stadtteil_setup`` gives it to the city
group). Room requests hold personal data, so their policy leaves that out:
only the booked centre's staff and superusers see them.

:class:`CentreScopedPermissionPolicy` is registered for every model a centre
owns; the admin views in :mod:`.scoped_admin` read their objects through it.
"""

import operator
from functools import reduce

import swapper
from django.contrib.auth import get_permission_codename, get_user_model
from django.db.models import Q
from wagtail.models import GroupPagePermission
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import CentrePage

#: Where the ids of the centres a user manages are cached for one request.
CACHE_ATTRIBUTE = "_stadtteil_managed_centre_ids"


def is_active_user(user):
    return bool(user and user.is_authenticated and user.is_active)


def _editable(centres, user):
    """``centres`` limited to those ``user`` holds Wagtail's "change" page
    permission for, by a group's permission on the page or an ancestor.

    Deliberately narrower than ``Page.permissions_for_user().can_edit()``,
    which also lets the page's owner edit it with only "add", and a workflow
    task's reviewers while the page waits for them: neither makes someone
    staff of the centre, with its requesters' personal data. Reads the grants
    Wagtail caches on the user for its own page permission checks."""
    if not is_active_user(user):
        return centres.none()
    if user.is_superuser:
        return centres
    Page = swapper.load_model("wagtailcore", "Page")  # the base page can be swapped
    codename = get_permission_codename("change", Page._meta)
    grants = PagePermissionPolicy(Page).get_cached_permissions_for_user(user)
    paths = {grant.page.path for grant in grants if grant.permission.codename == codename}
    if not paths:
        return centres.none()
    return centres.filter(reduce(operator.or_, (Q(path__startswith=path) for path in paths)))


def managed_centre_ids(user):
    """The ids of the centre pages (with their translations) ``user`` manages,
    cached on the user object. Superusers manage all centres; callers test
    ``is_superuser`` first instead of reading every id."""
    if not is_active_user(user):
        return frozenset()
    if not hasattr(user, CACHE_ATTRIBUTE):
        keys = _editable(CentrePage.objects.all(), user).values("translation_key")
        ids = frozenset(
            CentrePage.objects.filter(translation_key__in=keys).values_list("pk", flat=True)
        )
        setattr(user, CACHE_ATTRIBUTE, ids)
    return getattr(user, CACHE_ATTRIBUTE)


def in_managed_centres(queryset, user, centre_field="centre_id"):
    """``queryset`` limited to the rows whose ``centre_field`` is a centre
    ``user`` manages (unchanged for superusers)."""
    if user.is_superuser:
        return queryset
    return queryset.filter(**{f"{centre_field}__in": managed_centre_ids(user)})


def manages_centre(user, centre):
    """Whether ``user`` manages ``centre`` (a page or its id)."""
    if not is_active_user(user):
        return False
    centre_id = getattr(centre, "pk", centre)
    return user.is_superuser or centre_id in managed_centre_ids(user)


def managed_centres(user):
    """The centre pages ``user`` manages (all for superusers), as a queryset."""
    centres = CentrePage.objects.all()
    if not is_active_user(user):
        return centres.none()
    if user.is_superuser:
        return centres
    return centres.filter(pk__in=managed_centre_ids(user))


class CentreScopedPermissionPolicy(ModelPermissionPolicy):
    """Permissions on a model whose rows belong to a centre.

    ``centre_field`` is the lookup from the model to its centre page
    (``"centre"``, ``"room__centre"``). Staff who manage a centre may do
    ``editor_actions`` on its rows; with ``city_may_view``, holders of the
    model's Django "view" permission see every centre's rows, read-only;
    superusers may do ``superuser_actions`` on all rows.
    """

    editor_actions = frozenset({"add", "change", "delete", "view"})
    superuser_actions = frozenset({"add", "change", "delete", "view"})
    city_may_view = True

    def __init__(self, model, centre_field="centre"):
        super().__init__(model)
        self.centre_field = centre_field

    # The centre of an instance -------------------------------------------------

    def centre_id_of(self, instance):
        """The id of the centre page ``instance`` belongs to (None if unset)."""
        *path, last = self.centre_field.split("__")
        obj = instance
        for step in path:
            obj = getattr(obj, step, None) if obj is not None else None
        return getattr(obj, f"{last}_id", None) if obj is not None else None

    def in_centres(self, queryset, centre_ids):
        return queryset.filter(**{f"{self.centre_field}__in": centre_ids})

    # Who may do what -----------------------------------------------------------

    def is_city_viewer(self, user):
        """Whether ``user`` sees every centre's rows (read-only)."""
        if not self.city_may_view:
            return False
        codename = get_permission_codename("view", self.model._meta)
        return user.has_perm(f"{self.app_label}.{codename}")

    def user_has_permission(self, user, action):
        if not is_active_user(user):
            return False
        if user.is_superuser:
            return action in self.superuser_actions
        if action == "view" and self.is_city_viewer(user):
            return True
        return action in self.editor_actions and bool(managed_centre_ids(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if user.is_superuser:
            return True
        if action == "view" and self.is_city_viewer(user):
            return True
        return action in self.editor_actions and (
            self.centre_id_of(instance) in managed_centre_ids(user)
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        rows = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return rows.none()
        if user.is_superuser or ("view" in actions and self.is_city_viewer(user)):
            return rows
        if not set(actions) & self.editor_actions:
            return rows.none()
        return self.in_centres(rows, managed_centre_ids(user))

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def users_with_any_permission(self, actions):
        """Active superusers (for their actions), city viewers (for "view")
        and members of groups that may change a centre's page."""
        users = get_user_model()._default_manager.filter(is_active=True)
        actions = set(actions)
        condition = Q(is_superuser=True) if actions & self.superuser_actions else Q(pk__in=[])
        if actions & self.editor_actions:
            condition |= Q(groups__in=centre_editor_groups())
        if "view" in actions and self.city_may_view:
            codename = get_permission_codename("view", self.model._meta)
            app_label = self.app_label
            condition |= Q(
                groups__permissions__codename=codename,
                groups__permissions__content_type__app_label=app_label,
            ) | Q(
                user_permissions__codename=codename,
                user_permissions__content_type__app_label=app_label,
            )
        return users.filter(condition).distinct()


def centres_by_group():
    """{group: set of ids of the centre pages its "change" page permissions
    cover}, for the groups that cover at least one centre."""
    Page = swapper.load_model("wagtailcore", "Page")  # the base page can be swapped
    codename = get_permission_codename("change", Page._meta)
    centres = list(CentrePage.objects.values_list("pk", "path"))
    covered = {}
    grants = GroupPagePermission.objects.filter(permission__codename=codename)
    for grant in grants.select_related("page", "group"):
        ids = {pk for pk, path in centres if path.startswith(grant.page.path)}
        if ids:
            covered.setdefault(grant.group, set()).update(ids)
    return covered


def centre_editor_groups():
    """Ids of the groups that may change the page of at least one centre."""
    return {group.pk for group in centres_by_group()}
