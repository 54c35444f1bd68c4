"""Staff decisions on a room request: confirm, decline or cancel, with a
message to the requester, made one by one on the request's page (this
module) or several at once from the inbox (``bulk_actions``).

A :class:`Decision` says what the admin shows and logs for it;
:func:`decide` makes it through ``booking.services``, like everywhere else,
and reports a refusal instead of changing anything.
"""

from dataclasses import dataclass

from django.contrib import messages as django_messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy, ngettext_lazy, pgettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from . import services
from .admin_forms import DecisionForm
from .inspection import local_times, request_page_url, rule_problems
from .models import BookingRequest
from .permissions import get_manageable_request, may_decide

Status = BookingRequest.Status


@dataclass(frozen=True)
class Decision:
    """A staff decision: the state it leads to, the ``services`` function
    that makes it, and what the admin says and logs about it."""

    name: str
    status: str
    label: str
    heading: str
    done: str
    refused: str
    done_in_bulk: str
    log_label: str
    log_message: str
    classname: str = ""

    @property
    def service(self):
        return getattr(services, self.name)

    @property
    def log_action(self):
        return f"stadtteil_booking.{self.name}"

    def url(self, url_namespace, pk):
        """The page that makes this decision about request ``pk``."""
        return reverse(f"{url_namespace}:{self.name}", args=[quote(pk)])


DECISIONS = {
    decision.name: decision
    for decision in [
        Decision(
            "confirm",
            Status.CONFIRMED,
            label=pgettext_lazy("booking action", "Confirm"),
            heading=gettext_lazy("Confirm the request"),
            done=gettext_lazy(
                "Request %(reference)s is confirmed: the room is booked and the requester "
                "gets a mail."
            ),
            refused=gettext_lazy("Request %(reference)s was not confirmed; nothing has changed."),
            done_in_bulk=ngettext_lazy(
                "%(count)d request confirmed.", "%(count)d requests confirmed.", "count"
            ),
            log_label=pgettext_lazy("booking log", "Confirm"),
            log_message=pgettext_lazy("booking log", "Confirmed"),
        ),
        Decision(
            "decline",
            Status.DECLINED,
            label=pgettext_lazy("booking action", "Decline"),
            heading=gettext_lazy("Decline the request"),
            done=gettext_lazy("Request %(reference)s is declined; the requester gets a mail."),
            refused=gettext_lazy("Request %(reference)s was not declined; nothing has changed."),
            done_in_bulk=ngettext_lazy(
                "%(count)d request declined.", "%(count)d requests declined.", "count"
            ),
            log_label=pgettext_lazy("booking log", "Decline"),
            log_message=pgettext_lazy("booking log", "Declined"),
            classname="button-secondary",
        ),
        Decision(
            "cancel",
            Status.CANCELLED,
            label=pgettext_lazy("booking action", "Cancel"),
            heading=gettext_lazy("Cancel the request or booking"),
            done=gettext_lazy(
                "Request %(reference)s is cancelled: the room is free again and the "
                "requester gets a mail."
            ),
            refused=gettext_lazy("Request %(reference)s was not cancelled; nothing has changed."),
            done_in_bulk=ngettext_lazy(
                "%(count)d request cancelled.", "%(count)d requests cancelled.", "count"
            ),
            log_label=pgettext_lazy("booking log", "Cancel"),
            log_message=pgettext_lazy("booking log", "Cancelled"),
            classname="serious button-secondary",
        ),
    ]
}

#: The history entries of the decisions: (action, label, message).
LOG_ACTIONS = [
    (decision.log_action, decision.log_label, decision.log_message)
    for decision in DECISIONS.values()
]


def decide(booking, decision, user, message=""):
    """Make ``decision`` about ``booking`` through the workflow. Returns the
    reasons it was refused (nothing changed then), or [] when it is done."""
    try:
        decision.service(booking, user=user, message=message)
    except services.BookingRefused as refused:
        return [problem.message for problem in refused.problems]
    except services.InvalidTransition as error:
        return [str(error)]
    # No message in the history: it may hold personal data, which the purge removes.
    log(instance=booking, action=decision.log_action, user=user)
    return []


def allowed_decisions(booking, user):
    """The decisions ``user`` may make about ``booking`` in its current state."""
    if not may_decide(user, booking):
        return []
    return [decision for decision in DECISIONS.values() if booking.can_become(decision.status)]


def problem_list(reasons):
    """The reasons a decision was refused, as a list for an admin message."""
    return format_html(
        '<ul class="errorlist">{}</ul>',
        format_html_join("", "<li>{}</li>", ((r,) for r in reasons)),
    )


class DecisionView(WagtailAdminTemplateMixin, FormView):
    """Confirm, decline or cancel one request, with a message to the
    requester (GET: the form; POST: decide). A refusal changes nothing and
    says why; the buttons are only offered where the state allows it."""

    decision = None
    url_namespace = None
    form_class = DecisionForm
    template_name = "wagtail_stadtteil/booking/admin/decide.html"
    header_icon = "calendar-check"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_manageable_request(request.user, kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not may_decide(request.user, self.object):
            raise PermissionDenied
        if request.method != "POST" and not self.object.can_become(self.decision.status):
            messages.error(
                request,
                gettext("Request %(reference)s is %(status)s: this is not possible any more.")
                % {"reference": self.object.reference, "status": self.object.get_status_display()},
            )
            return redirect(self.inspect_url)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def inspect_url(self):
        return request_page_url(self.url_namespace, self.object.pk)

    def get_page_title(self):
        return self.decision.heading

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(f"{self.url_namespace}:list"),
                "label": BookingRequest._meta.verbose_name_plural.capitalize(),
            },
            {"url": self.inspect_url, "label": str(self.object)},
            {"url": "", "label": self.decision.label},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dates = list(self.object.dates.all())
        problems = rule_problems(self.object, dates) if self.decision.name == "confirm" else []
        context.update(
            booking=self.object,
            decision=self.decision,
            dates=[local_times(date.start, date.end) for date in dates],
            problems=problems,
            inspect_url=self.inspect_url,
            next=get_valid_next_url_from_request(self.request),
        )
        return context

    def form_invalid(self, form):
        messages.validation_error(
            self.request, gettext("The message could not be sent: see below."), form
        )
        return super().form_invalid(form)

    def form_valid(self, form):
        booking = self.object
        reasons = decide(booking, self.decision, self.request.user, form.cleaned_data["message"])
        if reasons:
            django_messages.error(
                self.request,
                messages.render(
                    self.decision.refused % {"reference": booking.reference},
                    None,
                    detail=problem_list(reasons),
                ),
            )
            return redirect(self.inspect_url)
        messages.success(self.request, self.decision.done % {"reference": booking.reference})
        return redirect(get_valid_next_url_from_request(self.request) or self.inspect_url)
