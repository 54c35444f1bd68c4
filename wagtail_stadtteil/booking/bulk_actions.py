"""Bulk actions on the inbox of room requests: confirm, decline or cancel the
selected requests with one message, and the superusers' delete. Each request
is decided on its own through :func:`decisions.decide`; those refused are
reported with their reason. Only requests the user manages can be selected.
"""

from django.contrib import messages as django_messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.functional import cached_property, classproperty
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin import messages
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from wagtail_stadtteil.centres.scoped_admin import ScopedDeleteBulkAction

from .admin_forms import DecisionForm
from .decisions import DECISIONS, decide, problem_list
from .inspection import when_label
from .models import BookingRequest
from .permissions import booking_policy, manageable_requests


def selected_requests(request):
    """The requests ticked in the listing ("all": every request the user manages)."""
    requests = manageable_requests(request.user).select_related("room", "centre")
    ids = request.GET.getlist("id")
    if "all" not in ids:
        requests = requests.filter(pk__in=[pk for pk in ids if pk.isdigit()])
    return list(requests.order_by("first_start", "pk"))


class BookingBulkAction(SnippetBulkAction):
    """Decide several requests with one message. Each goes through the
    workflow on its own: those refused are reported with their reason,
    the others are decided."""

    decision = None
    form_class = DecisionForm
    template_name = "wagtail_stadtteil/booking/admin/bulk_decide.html"

    @classproperty
    def models(cls):
        return [BookingRequest]

    def dispatch(self, request, *args, **kwargs):
        if not booking_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def selected(self):
        return selected_requests(self.request)

    def get_actionable_objects(self):
        if not self.selected:
            raise Http404
        return self.selected, {"items_with_no_access": []}

    def object_context(self, snippet):
        return {
            **super().object_context(snippet),
            "first_date": when_label(snippet.first_start),
            "possible": snippet.can_become(self.decision.status),
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "decision": self.decision}

    def get_execution_context(self):
        return {"view": self}

    @classmethod
    def execute_action(cls, objects, view=None, **kwargs):
        message = view.cleaned_form.cleaned_data["message"]
        view.refused = []
        done = 0
        for booking in objects:
            reasons = decide(booking, cls.decision, view.request.user, message)
            if reasons:
                view.refused.append((booking, reasons))
            else:
                done += 1
        return done, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if not num_parent_objects:
            return None
        return self.decision.done_in_bulk % {"count": num_parent_objects}

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.refused:
            reasons = [
                f"{booking.reference}: {' '.join(reasons)}" for booking, reasons in self.refused
            ]
            django_messages.error(
                self.request,
                messages.render(
                    ngettext(
                        "%(count)d request was not changed:",
                        "%(count)d requests were not changed:",
                        len(self.refused),
                    )
                    % {"count": len(self.refused)},
                    None,
                    detail=problem_list(reasons),
                ),
            )
        return response


class ConfirmBulkAction(BookingBulkAction):
    decision = DECISIONS["confirm"]
    display_name = decision.label
    action_type = decision.name
    aria_label = gettext_lazy("Confirm the selected requests")
    action_priority = 10


class DeclineBulkAction(BookingBulkAction):
    decision = DECISIONS["decline"]
    display_name = decision.label
    action_type = decision.name
    aria_label = gettext_lazy("Decline the selected requests")
    action_priority = 20


class CancelBulkAction(BookingBulkAction):
    decision = DECISIONS["cancel"]
    display_name = decision.label
    action_type = decision.name
    aria_label = gettext_lazy("Cancel the selected requests")
    action_priority = 25


class BookingDeleteBulkAction(ScopedDeleteBulkAction):
    """Wagtail's bulk delete, for superusers only (the policy says so),
    deleting each request itself so that its dates leave the store too."""

    scoped_models = (BookingRequest,)
