"""Personal-data retention of booking requests (Löschfristen, DESIGN §5:
``stadtteil_purge_personal_data``).

A request keeps the requester's personal data only while the centre needs
it to run the booking. ``BOOKING["RETENTION_DAYS"]`` after its last date
ended, or after it was declined, cancelled or expired, the data is removed:
names, addresses, phone, messages and the purpose. What accounting and
statistics need stays: reference, room, centre, dates, requester kind,
attendees, fee and status. The row is kept, marked ``anonymised_at``; its
status link then answers "no longer exists", and no mail goes out about it
again.

Safe to run daily: a request is anonymised once, and a second run finds
nothing to do.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail_stadtteil.core.app_settings import stadtteil_settings

from .models import BookingRequest, Notification

logger = logging.getLogger(__name__)
Status = BookingRequest.Status

#: States in which a request is over, whatever its dates.
CLOSED_STATES = (Status.DECLINED, Status.CANCELLED, Status.EXPIRED)

#: What replaces a required text, in the site's language: the admin still
#: shows that something was there.
REMOVED = _("(removed)")

#: Fields emptied (or, when required, set to REMOVED) on anonymisation.
REPLACED_FIELDS = ["contact_name", "purpose"]
CLEARED_FIELDS = [
    "email",
    "phone",
    "organisation",
    "message",
    "decision_message",
    # Staff notes are free text about the requester ("called on Monday");
    # nothing in them is needed once the booking is over.
    "staff_note",
]


@dataclass(frozen=True)
class DueRequest:
    """A request whose personal data is due for removal, and why."""

    pk: int
    reference: str
    status: str
    reason: str
    since: dt.datetime


@dataclass
class PurgeResult:
    due: list = field(default_factory=list)
    anonymised: int = 0

    def __len__(self):
        return len(self.due)


def retention_cutoff(now=None):
    """Data older than this instant is removed."""
    now = now or timezone.now()
    return now - dt.timedelta(days=stadtteil_settings.BOOKING["RETENTION_DAYS"])


def due_filter(cutoff):
    """Requests whose last date ended, or that were closed, before ``cutoff``.
    A request without dates counts from when it was received."""
    ended = Q(last_end__lt=cutoff) | Q(last_end__isnull=True, created_at__lt=cutoff)
    closed = Q(status__in=CLOSED_STATES) & (
        Q(decided_at__lt=cutoff) | Q(decided_at__isnull=True, created_at__lt=cutoff)
    )
    return ended | closed


def due_requests(now=None):
    """Requests with personal data still in them that is due for removal."""
    return BookingRequest.objects.filter(anonymised_at__isnull=True).filter(
        due_filter(retention_cutoff(now))
    )


def describe(booking, cutoff):
    """Why ``booking`` is due: "ended" (its last date) or "closed" (its
    decision), with the instant that counts."""
    if booking.status in CLOSED_STATES:
        since = booking.decided_at or booking.created_at
        if since < cutoff:
            return "closed", since
    return "ended", booking.last_end or booking.created_at


def anonymise(booking, now=None):
    """Remove the requester's personal data from ``booking`` (locked, in one
    transaction). Returns False when someone else did it first."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = (
            BookingRequest.objects.select_for_update()
            .filter(pk=booking.pk, anonymised_at__isnull=True)
            .first()
        )
        if booking is None:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            removed = str(REMOVED)
        for name in REPLACED_FIELDS:
            setattr(booking, name, removed)
        for name in CLEARED_FIELDS:
            setattr(booking, name, "")
        booking.anonymised_at = now
        # save(), not update(): Wagtail's search index follows the row.
        booking.save(update_fields=[*REPLACED_FIELDS, *CLEARED_FIELDS, "anonymised_at"])
        # The store's rows are titled with the purpose.
        booking.refresh_occurrences()
        outbox = Notification.objects.filter(request=booking)
        # A mail not sent by now never will be: it has no address any more.
        outbox.filter(status=Notification.Status.PENDING).update(status=Notification.Status.FAILED)
        # Errors of mail servers quote the address.
        outbox.update(recipient="", last_error="")
    return True


def purge_personal_data(now=None, dry_run=False):
    """Anonymise every request that is due (see :func:`due_filter`).

    Returns a :class:`PurgeResult` listing them; with ``dry_run`` nothing is
    changed."""
    now = now or timezone.now()
    cutoff = retention_cutoff(now)
    result = PurgeResult()
    for booking in (
        due_requests(now)
        .order_by("created_at", "pk")
        .only("pk", "reference", "status", "created_at", "decided_at", "last_end")
    ):
        reason, since = describe(booking, cutoff)
        result.due.append(DueRequest(booking.pk, booking.reference, booking.status, reason, since))
        if not dry_run and anonymise(booking, now):
            result.anonymised += 1
    if result.anonymised:
        logger.info("Removed the personal data of %d booking requests.", result.anonymised)
    return result
