"""Mails about booking requests, sent through django-tasks (DESIGN decision 7).

``notify()`` writes a row of the outbox (``Notification``) in the caller's
transaction and enqueues the sending task once that transaction commits: the
request is always saved first, and a slow or failing mail server never loses
it. A failed attempt is logged and left pending; ``stadtteil_booking_housekeeping``
retries it (``retry_pending``) up to ``BOOKING["MAIL_MAX_ATTEMPTS"]`` times.

Texts are templates (``wagtail_stadtteil/booking/mail/<kind>.txt`` and
``<kind>_subject.txt``), rendered in the requester's language for the
requester and in the site's language for staff. The decision mail carries the
booked dates as an iCal attachment (cancelled dates as STATUS:CANCELLED, so
calendar apps remove them).
"""

import datetime as dt
import logging
from functools import partial

import icalendar
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from wagtail_stadtteil.core.app_settings import stadtteil_settings
from wagtail_stadtteil.schedules.dates import local_zone
from wagtail_stadtteil.schedules.ical import PRODID

from .models import BookingRequest, Notification

logger = logging.getLogger(__name__)
Kind = Notification.Kind

#: Who each kind of mail goes to.
TO_REQUESTER = {Kind.RECEIPT, Kind.DECISION, Kind.REMINDER}
TO_STAFF = {Kind.NEW_REQUEST, Kind.CANCELLED}


def site_settings(booking):
    from wagtail_stadtteil.core.models import StadtteilSiteSettings

    site = booking.centre.get_site()
    return StadtteilSiteSettings.for_site(site) if site is not None else None


def staff_address(booking):
    """The centre's own address, else the site's staff notification address."""
    centre = booking.centre.specific
    if getattr(centre, "email", ""):
        return centre.email
    found = site_settings(booking)
    return found.staff_notification_email if found is not None else ""


def sender_address(booking):
    found = site_settings(booking)
    return (found.sender_email if found is not None else "") or settings.DEFAULT_FROM_EMAIL


def notify(booking, kind):
    """Queue the mail ``kind`` about ``booking``: saved now, sent after commit."""
    if booking.anonymised_at is not None:
        return None
    recipient = booking.email if kind in TO_REQUESTER else staff_address(booking)
    if not recipient:
        logger.warning(
            "No address for the %s mail of booking request %s: give the centre an email "
            "address or set the staff notification address in the site settings.",
            kind,
            booking.reference,
        )
        return None
    notification = Notification.objects.create(request=booking, kind=kind, recipient=recipient)
    transaction.on_commit(partial(send_notification.enqueue, notification.pk))
    return notification


@task()
def send_notification(notification_id):
    """The task: send one mail of the outbox (nothing if already sent)."""
    deliver(notification_id)


def deliver(notification_id):
    """Send the notification; on failure log it and leave it for a retry.
    Returns True when the mail went out."""
    notification = (
        Notification.objects.select_related("request__room", "request__centre")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None or notification.status == Notification.Status.SENT:
        return False
    if notification.request.anonymised_at is not None:  # no address any more
        return False
    # Claim this attempt: when the task and the housekeeping command (or two
    # overlapping housekeeping runs) reach the same mail, only one sends it.
    claimed = (
        Notification.objects.filter(pk=notification.pk, attempts=notification.attempts)
        .exclude(status=Notification.Status.SENT)
        .update(attempts=F("attempts") + 1)
    )
    if not claimed:
        return False
    notification.attempts += 1
    try:
        build_message(notification).send()
    except Exception as error:  # any mail backend failure: keep it for a retry
        most = stadtteil_settings.BOOKING["MAIL_MAX_ATTEMPTS"]
        notification.status = (
            Notification.Status.FAILED
            if notification.attempts >= most
            else Notification.Status.PENDING
        )
        notification.last_error = f"{type(error).__name__}: {error}"[:500]
        logger.warning(
            "Sending the %s mail of booking request %s failed (attempt %d): %s",
            notification.kind,
            notification.request.reference,
            notification.attempts,
            error,
        )
        sent = False
    else:
        notification.status = Notification.Status.SENT
        notification.sent_at = timezone.now()
        notification.last_error = ""
        sent = True
    notification.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    return sent


#: A mail waiting this long without an attempt is sent by ``retry_pending``
#: too (its task was lost, e.g. a task worker that is not running); younger
#: ones are left to their task, which is on its way.
UNSENT_GRACE = dt.timedelta(minutes=5)


def retry_candidates(now=None):
    """Pending mails that ``retry_pending`` sends: those that failed before, and
    those whose task has not sent them within UNSENT_GRACE."""
    now = now or timezone.now()
    return Notification.objects.filter(status=Notification.Status.PENDING).filter(
        Q(attempts__gt=0) | Q(created_at__lte=now - UNSENT_GRACE)
    )


def retry_pending(now=None):
    """Send pending mails again (see :func:`retry_candidates`). Returns (sent,
    still failing); a mail failing for the ``MAIL_MAX_ATTEMPTS``-th time is
    marked failed and not tried again."""
    sent = failed = 0
    pending = retry_candidates(now).order_by("created_at", "pk")
    for notification_id in pending.values_list("pk", flat=True):
        if deliver(notification_id):
            sent += 1
        else:
            failed += 1
    return sent, failed


def mail_language(notification):
    if notification.kind in TO_REQUESTER:
        return notification.request.language or settings.LANGUAGE_CODE
    return settings.LANGUAGE_CODE


def mail_context(booking):
    from .tokens import status_url

    zone = local_zone()
    found = site_settings(booking)
    return {
        "booking": booking,
        "room": booking.room,
        "centre": booking.centre.specific,
        "dates": [
            {"start": date.start.astimezone(zone), "end": date.end.astimezone(zone)}
            for date in booking.dates.all()
        ],
        "status_url": status_url(booking),
        "retention_days": stadtteil_settings.BOOKING["RETENTION_DAYS"],
        "settings": found,
        "admin_url": admin_url(booking),
    }


def admin_url(booking):
    from django.urls import NoReverseMatch, reverse

    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    try:
        return base.rstrip("/") + reverse(
            "wagtailsnippets_stadtteil_booking_bookingrequest:inspect", args=[booking.pk]
        )
    except NoReverseMatch:
        return ""


def build_message(notification):
    booking = notification.request
    with translation.override(mail_language(notification)):
        context = {**mail_context(booking), "notification": notification}
        name = f"wagtail_stadtteil/booking/mail/{notification.kind}"
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        body = render_to_string(f"{name}.txt", context)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=sender_address(booking),
        to=[notification.recipient],
    )
    if notification.kind in TO_STAFF:
        message.reply_to = [booking.email]
    if notification.kind == Kind.DECISION and (
        booking.status == BookingRequest.Status.CONFIRMED
        or (
            booking.status == BookingRequest.Status.CANCELLED
            and was_confirmed(booking, notification)
        )
    ):
        message.attach(
            f"{booking.reference}.ics", booking_calendar(booking).to_ical(), "text/calendar"
        )
    return message


def was_confirmed(booking, cancellation):
    """Whether the requester got (or will get) a confirmation with the dates
    before ``cancellation``, so the cancellation must remove them from their
    calendar. A request cancelled before any decision sends no file."""
    return (
        booking.notifications.filter(kind=Kind.DECISION, pk__lt=cancellation.pk)
        .exclude(status=Notification.Status.FAILED)
        .exists()
    )


def booking_calendar(booking):
    """The booked dates as iCal events; cancelled ones with STATUS:CANCELLED."""
    zone = local_zone()
    cancelled = booking.status != BookingRequest.Status.CONFIRMED
    calendar = icalendar.Calendar.new(prodid=PRODID, method="CANCEL" if cancelled else "PUBLISH")
    centre = booking.centre.specific
    location = ", ".join(
        part
        for part in [
            f"{centre.title}, {booking.room.name}",
            getattr(centre, "street", ""),
            " ".join(filter(None, [getattr(centre, "postcode", ""), getattr(centre, "city", "")])),
        ]
        if part
    )
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    domain = (centre.get_site().hostname if centre.get_site() else "") or "localhost"
    dates = list(booking.dates.all())
    for date in dates:
        event = icalendar.Event.new(
            uid=f"booking-{booking.reference}-{date.start:%Y%m%d%H%M}@{domain}",
            stamp=stamp,
            start=date.start.astimezone(zone),
            end=date.end.astimezone(zone),
            summary=f"{booking.room.name}: {booking.purpose}"[:255],
            location=location,
            status="CANCELLED" if cancelled else "CONFIRMED",
            sequence=1 if cancelled else 0,
        )
        calendar.add_component(event)
    if dates:
        calendar.add_missing_timezones(
            dates[0].start.date() - dt.timedelta(days=1),
            dates[-1].end.date() + dt.timedelta(days=1),
        )
    return calendar


def send_due_reminders(now=None):
    """Remind requesters of confirmed bookings whose first date still ahead
    begins within ``BOOKING["REMINDER_DAYS_BEFORE"]`` days; once per request.
    Returns how many reminders were queued."""
    now = now or timezone.now()
    count = 0
    for booking in due_reminders(now):
        with transaction.atomic():
            # Claimed by a conditional update: overlapping runs remind once.
            claimed = BookingRequest.objects.filter(
                pk=booking.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed and notify(booking, Kind.REMINDER) is not None:
                count += 1
    return count


def due_reminders(now=None):
    """Confirmed bookings that :func:`send_due_reminders` would remind of at ``now``."""
    now = now or timezone.now()
    days = stadtteil_settings.BOOKING["REMINDER_DAYS_BEFORE"]
    return BookingRequest.objects.filter(
        status=BookingRequest.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        anonymised_at__isnull=True,
        dates__start__gt=now,
        dates__start__lte=now + dt.timedelta(days=days),
    ).distinct()
