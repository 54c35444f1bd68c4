"""Admin views for models that belong to a centre (rooms, regular room use).

Scoping the listing is not isolation (DESIGN §7): every view that reads an
object reads it through the model's :class:`~.permissions.CentreScopedPermissionPolicy`.
Another centre's object is a 404, as if it did not exist, so no title, name or
e-mail address of it reaches the response; a user with no permission on the
model at all gets Wagtail's usual refusal.

:class:`CentreScopedSnippetViewSet` puts the scoped views together: listing
and its export, create, edit, copy, delete, history, usage, inspect, the
chooser, and (registered in the rooms app) bulk delete.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.functional import cached_property, classproperty
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views import chooser, snippets

from wagtail_stadtteil.core.exports import SnippetIndexView
from wagtail_stadtteil.core.viewsets import ChooseOnlyViewSet

#: What lets a user look at an object: view it (city staff) or manage it.
SEE = ("view", "change")


def scoped(model, user, actions=SEE):
    """The ``model`` rows ``user`` may do one of ``actions`` on."""
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(user, actions)


class ScopedObjectMixin:
    """An object view that finds only objects the user may act on with one
    of ``scope_actions``. An object the user may not even see (another
    centre's) is a 404; Wagtail's refusal answers users without any access
    to the model, and those who see the object but may not do this to it."""

    scope_actions = SEE

    def get_object(self, *args, **kwargs):
        user = self.request.user
        policy = self.permission_policy
        if not policy.user_has_any_permission(user, {*SEE, *self.scope_actions}):
            raise PermissionDenied
        obj = super().get_object(*args, **kwargs)
        if policy.user_has_any_permission_for_instance(user, self.scope_actions, obj):
            return obj
        if policy.user_has_any_permission_for_instance(user, SEE, obj):
            raise PermissionDenied
        raise Http404


class ScopedEditView(ScopedObjectMixin, snippets.EditView):
    scope_actions = ("change",)


class ScopedCopyView(ScopedObjectMixin, snippets.CopyView):
    scope_actions = ("change",)


class ScopedDeleteView(ScopedObjectMixin, snippets.DeleteView):
    scope_actions = ("delete",)


class ScopedHistoryView(ScopedObjectMixin, snippets.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, snippets.UsageView):
    pass


class ScopedInspectView(ScopedObjectMixin, snippets.InspectView):
    pass


# Choosers ------------------------------------------------------------------------------


class ScopedChooserMixin:
    def get_object_list(self):
        # The policy filters by centre, a field the search index can filter on.
        return scoped(self.model_class, self.request.user)


class ScopedChooseView(ScopedChooserMixin, chooser.ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooserMixin, chooser.ChooseResultsView):
    pass


class ScopedChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return scoped(self.model_class, self.request.user).get(pk=pk)


class ScopedChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return scoped(self.model_class, self.request.user).filter(pk__in=pks)


class ScopedChooserViewSet(ChooseOnlyViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


# The viewset ---------------------------------------------------------------------------


class CentreScopedSnippetViewSet(snippets.SnippetViewSet):
    """A snippet viewset whose every view is limited to the centres the user
    manages (city viewers see all, read-only). Register the model's
    :class:`~.permissions.CentreScopedPermissionPolicy` before the viewset."""

    index_view_class = SnippetIndexView  # formula-safe CSV export
    edit_view_class = ScopedEditView
    copy_view_class = ScopedCopyView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_class = ScopedInspectView
    chooser_viewset_class = ScopedChooserViewSet
    inspect_view_enabled = True  # what city staff open: they see, not edit

    def get_queryset(self, request):
        return scoped(self.model, request.user)

    def get_permissions_to_register(self):
        # Editing is decided by the centre's page permissions (DESIGN decision
        # 4); of the model permissions only "view" means something: city staff
        # see every centre's rows.
        return super().get_permissions_to_register().filter(codename__startswith="view_")


class ScopedDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete for centre-scoped models: other centres' objects
    are neither deleted nor named (Wagtail's own lists them as "no access")."""

    scoped_models = ()

    @classproperty
    def models(cls):
        return list(cls.scoped_models)

    @cached_property
    def _actionable_objects(self):
        objects = scoped(self.model, self.request.user, ("delete",))
        ids = self.request.GET.getlist("id")
        if "all" not in ids:
            objects = objects.filter(pk__in=[pk for pk in ids if pk.isdigit()])
        objects = list(objects)
        if not objects:
            raise Http404
        return objects, {"items_with_no_access": []}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        # One by one: a model's own delete() cleans up (e.g. the occurrence store).
        for obj in objects:
            obj.delete()
        return len(objects), 0
