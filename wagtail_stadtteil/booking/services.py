"""The booking workflow: requested → confirmed / declined / cancelled /
expired. Views, the admin, imports, commands and tests call these functions;
none of them changes a request's state any other way.

No double booking (DESIGN decision 3, §7): each change that makes dates
active runs in one transaction that first locks the room's row
(``select_for_update``; on SQLite the site's ``transaction_mode="IMMEDIATE"``
serialises writers), checks the rules against the occurrence store, and then
writes. The database refuses what slipped through anyway (migration 0002: an
exclusion constraint on PostgreSQL, triggers on SQLite, over room and blocked
time of active dates); its IntegrityError is turned into
:class:`BookingRefused`, never a 500.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail_stadtteil.core.app_settings import stadtteil_settings
from wagtail_stadtteil.rooms.models import Room
from wagtail_stadtteil.schedules.store import source_type

from . import rules
from .fees import quote
from .models import BookingDate, BookingRequest, Notification
from .notifications import notify

logger = logging.getLogger(__name__)
Status = BookingRequest.Status


class BookingRefused(Exception):
    """The request breaks rules; ``problems`` are rules.Problem objects."""

    def __init__(self, problems):
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = list(problems)


class InvalidTransition(Exception):
    """The request cannot move from its state to the wanted one."""


def taken_problem():
    return rules.Problem(
        "taken",
        _(
            "Someone else has just booked this room at this time. Choose another time; "
            "nothing was saved."
        ),
        field="start_time",
    )


@dataclass
class Requester:
    """Who asks, as entered in the form."""

    requester_kind: str
    contact_name: str
    email: str
    organisation: str = ""
    phone: str = ""
    volunteer_confirmed: bool = False


def lock_room(room):
    """Lock the room's row until the transaction ends: concurrent requests for
    it wait here and then see each other's dates."""
    return Room.objects.select_for_update().select_related("centre").get(pk=room.pk)


def own_occurrences(booking):
    from django.db.models import Q

    return Q(source_type=source_type(BookingRequest), source_id=booking.pk)


def submit(
    room,
    slots,
    requester,
    *,
    purpose,
    attendees,
    message="",
    source=BookingRequest.Source.WEBSITE,
    staff=False,
    now=None,
    language=None,
):
    """Save a request for ``room`` on ``slots`` (rules.Slot) or raise
    BookingRefused with every broken rule; nothing is saved then. A room that
    confirms instantly confirms it in the same transaction. Mails are queued
    with the request and sent after the commit."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            room = lock_room(room)
            problems = rules.check_request(
                room,
                slots,
                attendees=attendees,
                requester_kind=requester.requester_kind,
                volunteer_confirmed=requester.volunteer_confirmed,
                now=now,
                staff=staff,
            )
            if not slots:
                problems.append(rules.Problem("no_dates", _("Choose at least one date.")))
            if problems:
                raise BookingRefused(problems)
            fee = quote(room, requester.requester_kind, [slot.duration for slot in slots])
            booking = BookingRequest.objects.create(
                room=room,
                centre_id=room.centre_id,
                source=source,
                created_at=now,
                purpose=purpose,
                attendees=attendees,
                message=message,
                language=(language or get_language() or "de")[:16],
                consent_at=now if source == BookingRequest.Source.WEBSITE else None,
                fee=fee.total,
                fee_note=fee.explanation[:500],
                first_start=slots[0].start if slots else None,
                **vars(requester),
            )
            BookingDate.objects.bulk_create(date_rows(booking, room, slots))
            booking.update_span()
            booking.save(update_fields=["first_start", "last_end"])
            notify(booking, Notification.Kind.RECEIPT)
            notify(booking, Notification.Kind.NEW_REQUEST)
            if room.confirms_instantly:
                _activate(booking, room, now=now, user=None, message="")
                notify(booking, Notification.Kind.DECISION)
    except IntegrityError as error:
        logger.info("Booking refused by the database: %s", error)
        raise BookingRefused([taken_problem()]) from error
    return booking


def date_rows(booking, room, slots):
    before = dt.timedelta(minutes=room.buffer_before or 0)
    after = dt.timedelta(minutes=room.buffer_after or 0)
    return [
        BookingDate(
            request=booking,
            room=room,
            start=slot.start,
            end=slot.end,
            blocked_from=slot.start - before,
            blocked_until=slot.end + after,
        )
        for slot in slots
    ]


def _check_transition(booking, status):
    if not booking.can_become(status):
        raise InvalidTransition(
            _("Request %(reference)s is %(status)s and cannot become %(new)s.")
            % {
                "reference": booking.reference,
                "status": booking.get_status_display(),
                "new": Status(status).label,
            }
        )


def _activate(booking, room, *, now, user, message):
    """Confirm inside the caller's transaction (room locked): re-check the
    dates against the store, mark them active, write them into the store."""
    slots = [rules.Slot(date.start, date.end) for date in booking.dates.all()]
    problems = [
        problem
        for problem in rules.check_request(
            room, slots, now=now, staff=True, exclude=own_occurrences(booking)
        )
        if problem.code in rules.BLOCKS_CONFIRMATION
    ]
    if problems:
        raise BookingRefused(problems)
    booking.dates.update(active=True)
    booking.status = Status.CONFIRMED
    booking.decided_at = now
    booking.decided_by = user
    booking.decision_message = message
    fields = ["status", "decided_at", "decided_by", "decision_message"]
    reminder_window = dt.timedelta(days=stadtteil_settings.BOOKING["REMINDER_DAYS_BEFORE"])
    if booking.first_start and booking.first_start - now <= reminder_window:
        # Confirmed shortly before the date: the confirmation is the reminder.
        booking.reminder_sent_at = now
        fields.append("reminder_sent_at")
    booking.save(update_fields=fields)
    booking.refresh_occurrences()


def confirm(booking, user=None, message="", now=None):
    """Confirm a requested booking: its dates occupy the room at once."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            room = lock_room(booking.room)
            booking = BookingRequest.objects.select_for_update().get(pk=booking.pk)
            _check_transition(booking, Status.CONFIRMED)
            _activate(booking, room, now=now, user=user, message=message)
            notify(booking, Notification.Kind.DECISION)
    except IntegrityError as error:
        raise BookingRefused([taken_problem()]) from error
    return booking


def _close(booking, status, *, user=None, message="", now=None, notify_kinds=()):
    now = now or timezone.now()
    with transaction.atomic():
        booking = BookingRequest.objects.select_for_update().get(pk=booking.pk)
        _check_transition(booking, status)
        booking.dates.update(active=False)
        booking.status = status
        booking.decided_at = now
        if user is not None:
            booking.decided_by = user
        if message:
            booking.decision_message = message
        booking.save(update_fields=["status", "decided_at", "decided_by", "decision_message"])
        booking.refresh_occurrences()  # frees the room at once
        for kind in notify_kinds:
            notify(booking, kind)
    return booking


def decline(booking, user=None, message="", now=None):
    """Decline a request, with a message to the requester."""
    return _close(
        booking,
        Status.DECLINED,
        user=user,
        message=message,
        now=now,
        notify_kinds=[Notification.Kind.DECISION],
    )


def cancel(booking, user=None, message="", now=None, by_requester=False):
    """Cancel a request or booking: by its requester (through the signed link;
    the centre's staff are told) or by staff (the requester is told)."""
    kinds = [Notification.Kind.CANCELLED] if by_requester else [Notification.Kind.DECISION]
    return _close(
        booking, Status.CANCELLED, user=user, message=message, now=now, notify_kinds=kinds
    )


def expire_overdue(now=None):
    """Expire requests nobody decided within EXPIRE_AFTER_DAYS, or whose first
    date has begun. Returns how many expired. Safe to run often."""
    now = now or timezone.now()
    count = 0
    for booking in overdue_requests(now).only("pk"):
        try:
            _close(booking, Status.EXPIRED, now=now, notify_kinds=[Notification.Kind.DECISION])
            count += 1
        except InvalidTransition:  # decided meanwhile
            continue
    return count


def overdue_requests(now=None):
    """Undecided requests that :func:`expire_overdue` would expire at ``now``."""
    now = now or timezone.now()
    days = stadtteil_settings.BOOKING["EXPIRE_AFTER_DAYS"]
    return BookingRequest.objects.filter(status=Status.REQUESTED).filter(
        models_q_overdue(now, days)
    )


def models_q_overdue(now, days):
    from django.db.models import Q

    return Q(created_at__lt=now - dt.timedelta(days=days)) | Q(first_start__lte=now)
