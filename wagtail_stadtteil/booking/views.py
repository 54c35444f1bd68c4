"""Public views of the booking app that are not page routes: the request's
status page behind the signed link in every mail, where the requester can
cancel (DESIGN §5), and which thanks them after the booking form
(``?new=1``). No account: the link is the key. Tampered, expired and unknown
links get a page that says so (status 400, 410, 404), never a 500.
"""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wagtail_stadtteil.centres.views import route_context

from . import services
from .models import BookingRequest
from .tokens import BadLink, ExpiredLink, read_token


def link_problem(request, status, title, text):
    context = route_context(None, request, title=title, text=text, route_title=title)
    return TemplateResponse(
        request, "wagtail_stadtteil/booking/link_problem.html", context, status=status
    )


def may_cancel(booking, now=None):
    """The requester may cancel until the first date begins."""
    now = now or timezone.now()
    return booking.is_open and (booking.first_start is None or booking.first_start > now)


@never_cache
@require_http_methods(["GET", "POST"])
def request_status(request, token):
    try:
        reference = read_token(token)
    except ExpiredLink:
        return link_problem(
            request,
            410,
            _("This link has expired"),
            _(
                "For your safety, links in our mails work for a limited time. Please contact the "
                "centre, naming your reference number."
            ),
        )
    except BadLink:
        return link_problem(
            request,
            400,
            _("This link is not valid"),
            _(
                "The address may have been cut off or changed. Please copy the whole link from "
                "the mail, or contact the centre."
            ),
        )
    booking = (
        BookingRequest.objects.select_related("room", "centre")
        .filter(reference=reference, anonymised_at__isnull=True)
        .first()
    )
    if booking is None:
        return link_problem(
            request,
            404,
            _("This request no longer exists"),
            _(
                "We delete requests and their personal data some time after the booking. "
                "Please contact the centre if you have questions."
            ),
        )
    wants_cancel = request.method == "POST" and request.POST.get("action") == "cancel"
    cancel_refused = ""
    if wants_cancel and may_cancel(booking):
        try:
            booking = services.cancel(booking, by_requester=True)
        except services.InvalidTransition:
            booking.refresh_from_db()
        else:
            return HttpResponseRedirect(f"{request.path}?cancelled=1")
    elif wants_cancel and booking.is_open:
        # The form was on the page when it was loaded; since then the first
        # date has begun.
        cancel_refused = _(
            "Your booking has begun, so it can no longer be cancelled online. Please contact "
            "the centre."
        )
    cancelled_now = request.GET.get("cancelled") == "1" and (
        booking.status == BookingRequest.Status.CANCELLED
    )
    # The thank-you after the form (it redirects here with ?new=1): only for
    # the request of this signed link, so it shows no one else's.
    just_sent = request.GET.get("new") == "1" and booking.is_open
    centre = booking.centre.specific
    context = route_context(
        centre,
        request,
        booking=booking,
        dates=booking.dates.all(),
        may_cancel=may_cancel(booking),
        cancelled_now=cancelled_now,
        just_sent=just_sent,
        cancel_refused=cancel_refused,
        route_title=_("Your room request %(reference)s") % {"reference": booking.reference},
        trail=[{"title": _("Room request"), "url": ""}],
    )
    return TemplateResponse(request, "wagtail_stadtteil/booking/request_status.html", context)
