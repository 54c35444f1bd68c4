"""Mails about room requests: a receipt to the requester, the new request to
the centre's staff, the decision (with the dates as a calendar file), a
reminder before the date, each in the requester's language. Mails go
through an outbox: a failing mail server loses nothing, the housekeeping
command sends the mail later."""

import datetime as dt
import re
import smtplib
from io import StringIO

import icalendar
import pytest
from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests import factories
from tests.booking_helpers import (
    at,
    bookable_room,
    open_centre,
    requester,
    slot,
    workday,
)
from wagtail_stadtteil.booking import notifications, services
from wagtail_stadtteil.booking.models import BookingRequest, Notification
from wagtail_stadtteil.booking.tokens import read_token, status_path
from wagtail_stadtteil.core.models import StadtteilSiteSettings

pytestmark = pytest.mark.django_db

REQUESTER = "ayse@example.org"
STAFF = "stadthaus@laatzen.example"
Kind = Notification.Kind


class BrokenMailServer(BaseEmailBackend):
    """A mail server that refuses every mail."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 4.3.0 Mail server temporarily unavailable")


broken_mail_server = override_settings(EMAIL_BACKEND=f"{__name__}.{BrokenMailServer.__qualname__}")


def booking_settings(**values):
    """``WAGTAIL_STADTTEIL["BOOKING"]`` with ``values``, the site's other settings kept."""
    configured = dict(getattr(settings, "WAGTAIL_STADTTEIL", {}))
    configured["BOOKING"] = {**configured.get("BOOKING", {}), **values}
    return override_settings(WAGTAIL_STADTTEIL=configured)


@pytest.fixture
def room(centre):
    return bookable_room(open_centre(centre))


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run the block as a request does: mails go out when it commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def submit(room, day=None, *, language="en", message="", **fields):
    """A request through the workflow, made on the English site by default."""
    day = day or workday()
    return services.submit(
        room,
        [slot(day, "18:00", "20:00")],
        requester(**fields),
        purpose="Jahreshauptversammlung",
        attendees=12,
        message=message,
        language=language,
    )


def mails_to(mailoutbox, address):
    return [mail for mail in mailoutbox if mail.to == [address]]


def status_links(body):
    return re.findall(r"https?://\S+/stadtteil/booking/(\S+)/", body)


def calendar_of(mail):
    [(name, content, mimetype)] = mail.attachments
    assert mimetype == "text/calendar" and name.endswith(".ics")
    return icalendar.Calendar.from_ical(content)


def run_housekeeping(*args):
    out = StringIO()
    call_command("stadtteil_booking_housekeeping", *args, stdout=out)
    return out.getvalue()


# --- receipt and staff mail ----------------------------------------------------------


def test_the_requester_gets_a_receipt_with_the_reference_and_the_status_link(
    room, mailoutbox, sent
):
    with sent():
        booking = submit(room)

    [receipt] = mails_to(mailoutbox, REQUESTER)
    assert booking.reference in receipt.subject
    assert booking.reference in receipt.body
    assert "Gruppenraum 1, Stadthaus Laatzen" in receipt.body
    assert "18:00–20:00" in receipt.body
    [token] = status_links(receipt.body)
    assert read_token(token) == booking.reference
    assert Client().get(f"/stadtteil/booking/{token}/").status_code == 200
    assert receipt.attachments == []


def test_the_centres_staff_get_the_new_request_and_can_reply_to_the_requester(
    room, mailoutbox, sent
):
    with sent():
        booking = submit(room, message="Wir brauchen den Beamer.")

    [mail] = mails_to(mailoutbox, STAFF)
    assert booking.reference in mail.subject
    assert mail.reply_to == [REQUESTER]
    for detail in [
        "Ayşe Demir",
        REQUESTER,
        "0511 123456",
        "Nachbarschaftsverein Laatzen-Mitte",
        "Jahreshauptversammlung",
        "Wir brauchen den Beamer.",
    ]:
        assert detail in mail.body


def test_a_centre_without_its_own_address_informs_the_sites_staff_address(home, mailoutbox, sent):
    centre = open_centre(factories.make_centre(home, "Mittelpunkt Hüttenstraße"))
    site_settings = StadtteilSiteSettings.for_site(centre.get_site())
    site_settings.staff_notification_email = "raumvergabe@stadt.example"
    site_settings.save()
    room = bookable_room(centre, "Treffraum")

    with sent():
        submit(room)

    [mail] = mails_to(mailoutbox, "raumvergabe@stadt.example")
    assert "Treffraum" in mail.subject
    assert mail.reply_to == [REQUESTER]


def test_with_no_staff_address_anywhere_the_request_is_still_saved(home, mailoutbox, sent):
    room = bookable_room(open_centre(factories.make_centre(home, "Ohne Adresse")))
    with sent():
        booking = submit(room)
    assert BookingRequest.objects.filter(pk=booking.pk).exists()
    assert [mail.to for mail in mailoutbox] == [[REQUESTER]]


def test_mails_come_from_the_sites_sender_address(room, mailoutbox, sent):
    site_settings = StadtteilSiteSettings.for_site(room.centre.get_site())
    site_settings.sender_email = "raumbuchung@laatzen.example"
    site_settings.save()
    with sent():
        submit(room)
    assert {mail.from_email for mail in mailoutbox} == {"raumbuchung@laatzen.example"}


# --- decisions ----------------------------------------------------------------------


def test_a_confirmation_carries_the_dates_as_a_calendar_file(room, mailoutbox, sent):
    day = workday()
    booking = submit(room, day)
    with sent():
        services.confirm(booking, message="Den Schlüssel gibt es beim Hausmeister.")

    [mail] = mails_to(mailoutbox, REQUESTER)
    assert booking.reference in mail.subject
    assert "Den Schlüssel gibt es beim Hausmeister." in mail.body
    calendar = calendar_of(mail)
    assert str(calendar["METHOD"]) == "PUBLISH"
    [event] = calendar.walk("VEVENT")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert str(start.tzinfo) == "Europe/Berlin"
    assert (start, end) == (at(day, "18:00"), at(day, "20:00"))
    assert start.hour == 18 and end.hour == 20
    assert str(event["STATUS"]) == "CONFIRMED"
    location = str(event["LOCATION"])
    assert "Stadthaus Laatzen" in location and "Gruppenraum 1" in location
    assert "Marktplatz 1" in location
    assert calendar.walk("VTIMEZONE")  # calendar apps get the zone's rules


def test_a_weekly_series_becomes_one_event_per_date(room, mailoutbox, sent):
    first = workday()
    days = [first + dt.timedelta(weeks=week) for week in range(3)]
    booking = services.submit(
        room,
        [slot(day) for day in days],
        requester(),
        purpose="Chorprobe",
        attendees=10,
        language="en",
    )
    with sent():
        services.confirm(booking)
    [mail] = mails_to(mailoutbox, REQUESTER)
    events = calendar_of(mail).walk("VEVENT")
    assert sorted(event.decoded("DTSTART").date() for event in events) == days
    assert len({str(event["UID"]) for event in events}) == 3


def test_a_declined_request_tells_why_and_has_no_calendar_file(room, mailoutbox, sent):
    booking = submit(room)
    with sent():
        services.decline(booking, message="Der Saal ist an diesem Abend schon vergeben.")

    [mail] = mails_to(mailoutbox, REQUESTER)
    assert booking.reference in mail.subject and "declined" in mail.subject
    assert "Der Saal ist an diesem Abend schon vergeben." in mail.body
    assert mail.attachments == []


def test_a_cancelled_booking_is_removed_from_the_requesters_calendar(room, mailoutbox, sent):
    booking = submit(room)
    services.confirm(booking)
    with sent():
        services.cancel(booking, message="Wasserschaden im Gruppenraum.")

    [mail] = mails_to(mailoutbox, REQUESTER)
    assert "cancelled" in mail.subject
    assert "Wasserschaden im Gruppenraum." in mail.body
    calendar = calendar_of(mail)
    assert str(calendar["METHOD"]) == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"


def test_the_cancellation_uses_the_same_calendar_entries_as_the_confirmation(
    room, mailoutbox, sent
):
    booking = submit(room)
    with sent():
        services.confirm(booking)
    with sent():
        services.cancel(booking)
    confirmation, cancellation = mails_to(mailoutbox, REQUESTER)
    [confirmed] = calendar_of(confirmation).walk("VEVENT")
    [cancelled] = calendar_of(cancellation).walk("VEVENT")
    assert str(confirmed["UID"]) == str(cancelled["UID"])
    assert cancelled["SEQUENCE"] > confirmed["SEQUENCE"]


def test_an_expired_request_tells_the_requester(room, mailoutbox, sent):
    booking = submit(room)
    later = timezone.now() + dt.timedelta(days=15)
    with sent():
        assert services.expire_overdue(now=later) == 1

    [mail] = mails_to(mailoutbox, REQUESTER)
    assert booking.reference in mail.subject and "expired" in mail.subject
    assert "send a new request" in mail.body
    assert mail.attachments == []


def test_an_instantly_confirmed_room_sends_receipt_and_confirmation_at_once(
    centre, mailoutbox, sent
):
    room = bookable_room(open_centre(centre), "Gruppenraum 2", confirms_instantly=True)
    with sent():
        booking = submit(room)
    assert booking.status == BookingRequest.Status.CONFIRMED
    receipt, confirmation = mails_to(mailoutbox, REQUESTER)
    assert "The room is booked for you." in receipt.body
    assert "confirmed" in confirmation.subject
    assert calendar_of(confirmation).walk("VEVENT")
    [staff] = mails_to(mailoutbox, STAFF)  # in the site's language
    with translation.override(settings.LANGUAGE_CODE):
        instantly = gettext(
            "A room was booked through the website: requests for this room are confirmed instantly."
        )
    assert instantly in staff.body


# --- reminders --------------------------------------------------------------------------


def test_the_requester_is_reminded_once_shortly_before_the_date(room, mailoutbox, sent):
    day = workday()
    booking = submit(room, day)
    services.confirm(booking)
    mailoutbox.clear()
    starts = at(day, "18:00")

    with sent():
        assert notifications.send_due_reminders(now=starts - dt.timedelta(days=5)) == 0
    assert mailoutbox == []

    with sent():
        assert notifications.send_due_reminders(now=starts - dt.timedelta(days=1)) == 1
    [mail] = mails_to(mailoutbox, REQUESTER)
    assert booking.reference in mail.subject and "Reminder" in mail.subject
    assert "please cancel it" in mail.body
    assert status_links(mail.body)

    with sent():
        assert notifications.send_due_reminders(now=starts - dt.timedelta(hours=3)) == 0
    assert len(mailoutbox) == 1


def test_requests_not_confirmed_get_no_reminder(room, mailoutbox, sent):
    day = workday()
    submit(room, day)
    declined = submit(room, day, email="other@example.org")
    services.decline(declined)
    mailoutbox.clear()
    with sent():
        assert notifications.send_due_reminders(now=at(day, "08:00")) == 0
    assert mailoutbox == []


# --- languages ----------------------------------------------------------------------------


def test_a_request_made_in_english_gets_english_mails(room, mailoutbox, sent):
    day = workday(weekday=1)
    with sent():
        booking = submit(room, day, language="en")
    with sent():
        services.confirm(booking)

    for mail in mails_to(mailoutbox, REQUESTER):
        assert "Tuesday" in mail.body
        assert "Hello Ayşe Demir" in mail.body
    assert "Your room request" in mailoutbox[0].subject


def test_a_request_made_in_german_gets_german_dates(room, mailoutbox, sent):
    day = workday(weekday=1)
    with sent():
        submit(room, day, language="de")

    [receipt] = mails_to(mailoutbox, REQUESTER)
    assert "Dienstag" in receipt.body and "Tuesday" not in receipt.body
    # Month names come from Django's complete German catalog.
    assert day.strftime("%d.").lstrip("0") in receipt.body


def test_staff_mails_are_in_the_sites_language_whatever_the_requester_speaks(
    room, mailoutbox, sent
):
    day = workday(weekday=1)
    with sent():
        submit(room, day, language="en")
    [staff] = mails_to(mailoutbox, STAFF)
    assert settings.LANGUAGE_CODE == "de"
    assert "Dienstag" in staff.body and "Tuesday" not in staff.body


# --- a failing mail server ------------------------------------------------------------------


def test_a_failing_mail_server_loses_no_request(room, mailoutbox, sent):
    with broken_mail_server, sent():
        booking = submit(room)

    assert BookingRequest.objects.filter(pk=booking.pk).exists()
    assert mailoutbox == []
    waiting = Notification.objects.filter(request=booking)
    assert {n.kind for n in waiting} == {Kind.RECEIPT, Kind.NEW_REQUEST}
    for notification in waiting:
        assert notification.status == Notification.Status.PENDING
        assert notification.attempts == 1
        assert "SMTPException" in notification.last_error
        assert "temporarily unavailable" in notification.last_error

    # The mail server is back: the housekeeping run sends what waited.
    output = run_housekeeping()
    assert "Sent 2 waiting mails; 0 still failing." in output
    assert {mail.to[0] for mail in mailoutbox} == {REQUESTER, STAFF}
    assert set(waiting.values_list("status", "attempts", "last_error")) == {
        (Notification.Status.SENT, 2, "")
    }
    # Sent mails are not sent again.
    assert "Sent 0 waiting mails" in run_housekeeping()
    assert len(mailoutbox) == 2


def test_a_requester_cancelling_while_the_mail_server_fails_sees_no_error(room, sent):
    booking = submit(room)
    services.confirm(booking)
    with broken_mail_server, sent():
        response = Client().post(status_path(booking), {"action": "cancel"})

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingRequest.Status.CANCELLED
    cancelled = Notification.objects.get(request=booking, kind=Kind.CANCELLED)
    assert (cancelled.status, cancelled.attempts) == (Notification.Status.PENDING, 1)


def test_a_mail_that_keeps_failing_is_given_up_after_the_last_attempt(room, mailoutbox, sent):
    with booking_settings(MAIL_MAX_ATTEMPTS=3), broken_mail_server:
        with sent():
            booking = submit(room)
        receipt = Notification.objects.get(request=booking, kind=Kind.RECEIPT)
        assert notifications.retry_pending() == (0, 2)  # second attempts
        assert notifications.retry_pending() == (0, 2)  # third and last attempts
        assert notifications.retry_pending() == (0, 0)  # given up: failed, not pending
        receipt.refresh_from_db()
        assert (receipt.status, receipt.attempts) == (Notification.Status.FAILED, 3)

    # A failed mail stays failed, even once the server works again.
    notifications.retry_pending()
    assert mailoutbox == []


def test_a_mail_whose_task_never_ran_is_sent_by_the_housekeeping(room, mailoutbox):
    """Without a running task worker (here: the commit never happens) the
    mail waits in the outbox; after a few minutes housekeeping sends it."""
    booking = submit(room)
    assert mailoutbox == []
    assert notifications.retry_pending() == (0, 0)  # its task may still come

    later = timezone.now() + notifications.UNSENT_GRACE + dt.timedelta(seconds=1)
    assert notifications.retry_pending(now=later) == (2, 0)
    assert {mail.to[0] for mail in mailoutbox} == {REQUESTER, STAFF}
    assert not booking.notifications.exclude(status=Notification.Status.SENT).exists()


def test_a_mail_is_sent_once_even_when_task_and_housekeeping_both_try(room, mailoutbox):
    booking = submit(room)
    receipt = booking.notifications.get(kind=Kind.RECEIPT)
    assert notifications.deliver(receipt.pk) is True
    assert notifications.deliver(receipt.pk) is False
    assert len(mails_to(mailoutbox, REQUESTER)) == 1


# --- the housekeeping command ------------------------------------------------------------


def test_housekeeping_expires_reminds_and_retries_and_says_how_many(room, mailoutbox, sent):
    overdue = submit(room)
    BookingRequest.objects.filter(pk=overdue.pk).update(
        created_at=timezone.now() - dt.timedelta(days=15)
    )
    soon = services.submit(
        room,
        [slot(workday(), "10:00", "12:00")],
        requester(email="soon@example.org"),
        purpose="Vorstandssitzung",
        attendees=5,
    )
    # Shortly before the date: move the confirmed booking to the day after tomorrow.
    services.confirm(soon)
    start = timezone.now() + dt.timedelta(days=1)
    soon.dates.update(start=start, end=start + dt.timedelta(hours=2))
    mailoutbox.clear()

    dry = run_housekeeping("--dry-run")
    assert dry.splitlines() == [
        "Would expire 1 overdue requests.",
        "Would queue 1 reminders.",
        "Would try 0 waiting mails again.",
    ]
    assert BookingRequest.objects.get(pk=overdue.pk).status == BookingRequest.Status.REQUESTED
    assert mailoutbox == []

    with sent():
        output = run_housekeeping()
    assert output.splitlines() == [
        "Expired 1 overdue requests.",
        "Queued 1 reminders.",
        "Sent 0 waiting mails; 0 still failing.",
    ]
    assert BookingRequest.objects.get(pk=overdue.pk).status == BookingRequest.Status.EXPIRED
    assert [mail.to for mail in mailoutbox] == [[REQUESTER], ["soon@example.org"]]

    with sent():
        again = run_housekeeping()
    assert "Expired 0" in again and "Queued 0" in again
    assert len(mailoutbox) == 2


def test_housekeeping_is_quiet_with_verbosity_zero(room):
    assert run_housekeeping("-v0") == ""


def test_a_request_cancelled_before_any_decision_sends_no_calendar_file(room, mailoutbox, sent):
    booking = submit(room)
    with sent():
        services.cancel(booking)
    [*_, mail] = mails_to(mailoutbox, REQUESTER)
    assert "cancelled" in mail.subject
    assert mail.attachments == []


def test_a_booking_confirmed_shortly_before_its_date_gets_no_extra_reminder(
    centre, mailoutbox, sent
):
    room = bookable_room(open_centre(centre), min_notice_hours=0)
    booking = submit(room, workday(1))
    with booking_settings(REMINDER_DAYS_BEFORE=7), sent():
        services.confirm(booking)
        assert notifications.send_due_reminders() == 0
    kinds = [n.kind for n in booking.notifications.all()]
    assert "reminder" not in kinds
