"""Personal data of requesters is removed ``RETENTION_DAYS`` (90) days after
the booking ended or the request was closed (``stadtteil_purge_personal_data``,
run daily). What accounting needs stays: room, centre, dates, requester
kind, fee, status and reference number."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from tests.booking_helpers import at, bookable_room, open_centre, requester, slot, workday
from wagtail_stadtteil.booking import notifications, services
from wagtail_stadtteil.booking.models import BookingRequest, Notification, RoomFee
from wagtail_stadtteil.booking.retention import purge_personal_data
from wagtail_stadtteil.booking.tokens import status_path
from wagtail_stadtteil.schedules.models import Occurrence

pytestmark = pytest.mark.django_db

DAYS = 90
Status = BookingRequest.Status
PERSONAL = {
    "contact_name": "Jan Kowalski",
    "email": "jan.kowalski@example.org",
    "phone": "0511 999999",
    "organisation": "Kowalski Events GbR",
}


@pytest.fixture
def room(centre):
    room = bookable_room(open_centre(centre), "Saal", capacity=120)
    RoomFee.objects.create(room=room, requester_kind="commercial", hourly_rate=Decimal("25"))
    return room


@pytest.fixture
def day():
    return workday()


def book(room, day, start="18:00", end="20:00", **fields):
    """A commercial request with a message, as the form sends it."""
    return services.submit(
        room,
        [slot(day, start, end)],
        requester(**{"requester_kind": "commercial", **PERSONAL, **fields}),
        purpose="Firmenjubiläum der Kowalski GbR",
        attendees=80,
        message="Bitte mit Bühne.",
    )


def fresh(booking):
    return BookingRequest.objects.get(pk=booking.pk)


def store_rows(booking):
    return Occurrence.objects.filter(kind=Occurrence.Kind.BOOKING, source_id=booking.pk)


def search(text):
    """What the admin's search finds (Wagtail's search index)."""
    return list(get_search_backend().search(text, BookingRequest))


def purge(*args):
    out = StringIO()
    call_command("stadtteil_purge_personal_data", *args, stdout=out)
    return out.getvalue()


def test_a_bookings_personal_data_is_removed_90_days_after_its_last_date(room, day):
    booking = book(room, day)
    services.confirm(booking, message="Schlüssel bei Herrn Kowalski.")
    ended = at(day, "20:00")

    assert len(purge_personal_data(now=ended + dt.timedelta(days=DAYS - 1))) == 0
    assert fresh(booking).email == PERSONAL["email"]

    result = purge_personal_data(now=ended + dt.timedelta(days=DAYS + 1))

    assert result.anonymised == 1
    purged = fresh(booking)
    assert purged.anonymised_at is not None
    for name in ["email", "phone", "organisation", "message", "decision_message"]:
        assert getattr(purged, name) == "", name
    for name in ["contact_name", "purpose"]:
        assert "Kowalski" not in getattr(purged, name), name
    # What accounting needs stays.
    assert purged.reference == booking.reference
    assert (purged.room, purged.centre) == (booking.room, booking.centre)
    assert purged.status == Status.CONFIRMED
    assert purged.requester_kind == "commercial"
    assert purged.fee == Decimal("50.00") and purged.fee_note == booking.fee_note
    assert purged.attendees == booking.attendees
    assert [(d.start, d.end) for d in purged.dates.all()] == [(at(day, "18:00"), ended)]


def test_the_room_calendar_no_longer_names_the_purpose_of_a_purged_booking(room, day):
    booking = book(room, day)
    services.confirm(booking)
    assert "Kowalski" in store_rows(booking).get().title

    purge_personal_data(now=at(day, "20:00") + dt.timedelta(days=DAYS + 1))

    [row] = store_rows(booking)
    assert booking.reference in row.title
    assert "Kowalski" not in row.title
    assert (row.start, row.public) == (at(day, "18:00"), False)  # the room stays busy


def test_mail_addresses_leave_the_outbox_too(room, day, mailoutbox):
    booking = book(room, day)  # its mails never went out: still pending
    services.decline(booking)
    later = timezone.now() + dt.timedelta(days=DAYS + 1)

    purge_personal_data(now=later)

    outbox = Notification.objects.filter(request=booking)
    assert outbox.count() == 3
    assert set(outbox.values_list("recipient", "last_error")) == {("", "")}
    assert not outbox.filter(status=Notification.Status.PENDING).exists()
    assert notifications.retry_pending(now=later) == (0, 0)
    assert mailoutbox == []


def test_declined_cancelled_and_expired_requests_count_from_the_decision(room, day):
    """Their dates may still lie ahead; the decision is what counts."""
    expired = book(room, day, "14:00", "16:00", email="c@example.org")
    services.expire_overdue(now=timezone.now() + dt.timedelta(days=15))
    declined = book(room, day, email="a@example.org")
    services.decline(declined, message="Herr Kowalski, leider belegt.")
    cancelled = book(room, day, "10:00", "12:00", email="b@example.org")
    services.cancel(cancelled, by_requester=True)
    recently_declined = book(room, day + dt.timedelta(days=1), email="f@example.org")
    services.decline(recently_declined)
    undecided = book(room, day + dt.timedelta(days=1), "10:00", "12:00", email="d@example.org")
    confirmed = book(room, day + dt.timedelta(days=1), "14:00", "16:00", email="e@example.org")
    services.confirm(confirmed)
    assert fresh(expired).status == Status.EXPIRED
    long_ago = timezone.now() - dt.timedelta(days=DAYS + 1)
    BookingRequest.objects.filter(pk__in=[expired.pk, declined.pk, cancelled.pk]).update(
        decided_at=long_ago, created_at=long_ago
    )

    result = purge_personal_data()

    assert {due.reference for due in result.due} == {
        expired.reference,
        declined.reference,
        cancelled.reference,
    }
    assert {due.reason for due in result.due} == {"closed"}
    for booking in (declined, cancelled, expired):
        assert fresh(booking).email == "" and fresh(booking).anonymised_at
    for booking in (recently_declined, undecided, confirmed):
        assert fresh(booking).email and fresh(booking).anonymised_at is None
    assert fresh(declined).decision_message == ""


def test_a_request_without_dates_counts_from_when_it_was_received(room):
    def imported(received):
        return BookingRequest.objects.create(
            room=room,
            centre_id=room.centre_id,
            source=BookingRequest.Source.IMPORT,
            created_at=received,
            purpose="Altdaten",
            attendees=5,
            requester_kind="nonprofit",
            **PERSONAL,
        )

    now = timezone.now()
    old = imported(now - dt.timedelta(days=DAYS + 1))
    recent = imported(now - dt.timedelta(days=DAYS - 1))

    purge_personal_data(now=now)

    assert fresh(old).anonymised_at and fresh(old).contact_name != PERSONAL["contact_name"]
    assert fresh(recent).anonymised_at is None


def test_running_the_purge_again_changes_nothing(room, day):
    booking = book(room, day)
    services.confirm(booking)
    later = at(day, "20:00") + dt.timedelta(days=DAYS + 1)
    assert purge_personal_data(now=later).anonymised == 1
    first = fresh(booking)

    again = purge_personal_data(now=later + dt.timedelta(days=1))

    assert (again.anonymised, len(again)) == (0, 0)
    assert fresh(booking).anonymised_at == first.anonymised_at


def test_a_purged_request_is_no_longer_found_by_its_requesters_details(room, day):
    booking = book(room, day)
    services.decline(booking)
    assert search("Kowalski") == [booking]

    purge_personal_data(now=timezone.now() + dt.timedelta(days=DAYS + 1))

    assert search("Kowalski") == []
    assert search(PERSONAL["email"]) == []
    assert search(booking.reference) == [booking]


def test_the_status_link_of_a_purged_request_says_it_no_longer_exists(client, room, day):
    booking = book(room, day)
    path = status_path(booking)
    services.cancel(booking, by_requester=True)
    purge_personal_data(now=timezone.now() + dt.timedelta(days=DAYS + 1))

    response = client.get(path)

    assert response.status_code == 404
    assert "Kowalski" not in response.content.decode()
    assert client.post(path, {"action": "cancel"}).status_code == 404


def test_no_mail_goes_out_about_a_purged_request(room, day, mailoutbox):
    booking = book(room, day)
    services.confirm(booking)
    purge_personal_data(now=at(day, "20:00") + dt.timedelta(days=DAYS + 1))
    mailoutbox.clear()
    assert notifications.notify(fresh(booking), Notification.Kind.REMINDER) is None


# --- the command ----------------------------------------------------------------


def test_the_dry_run_lists_what_would_be_removed_and_changes_nothing(room, day):
    booking = book(room, day)
    services.decline(booking)
    BookingRequest.objects.filter(pk=booking.pk).update(
        decided_at=timezone.now() - dt.timedelta(days=DAYS + 1)
    )
    kept = book(room, day, "10:00", "12:00", email="kept@example.org")

    output = purge("--dry-run")

    assert "Would remove the personal data of 1 requests (retention 90 days" in output
    assert booking.reference in output and "declined" in output
    assert kept.reference not in output
    assert "Kowalski" not in output  # the list itself names nobody
    assert fresh(booking).anonymised_at is None


def test_the_command_removes_and_says_how_many(room, day):
    booking = book(room, day)
    services.decline(booking)
    BookingRequest.objects.filter(pk=booking.pk).update(
        decided_at=timezone.now() - dt.timedelta(days=DAYS + 1)
    )

    assert "Removed the personal data of 1 requests" in purge()
    assert fresh(booking).anonymised_at is not None
    assert "Removed the personal data of 0 requests" in purge()
    assert purge("-v0") == ""
