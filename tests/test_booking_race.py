"""Nobody is ever double-booked (DESIGN decision 3): the database holds
confirmed dates of a room apart, and concurrent requests for one slot end
with one booking and clean refusals. Runs on SQLite and, in CI, on PostgreSQL
(``DATABASE_URL``), each with its own mechanism (exclusion constraint or
triggers; row lock or immediate transactions)."""

import threading

import pytest
from django.db import IntegrityError, close_old_connections, connection, transaction

from tests.booking_helpers import bookable_room, open_centre, request_room, slot, workday
from wagtail_stadtteil.booking import services
from wagtail_stadtteil.booking.models import BookingDate, BookingRequest
from wagtail_stadtteil.booking.rules import Slot
from wagtail_stadtteil.schedules.models import Occurrence


def confirmed_overlaps(room):
    """Pairs of active dates of ``room`` whose blocked times overlap."""
    dates = list(BookingDate.objects.filter(room=room, active=True).order_by("blocked_from"))
    return [
        (a.pk, b.pk)
        for i, a in enumerate(dates)
        for b in dates[i + 1 :]
        if a.blocked_from < b.blocked_until and b.blocked_from < a.blocked_until
    ]


def test_the_database_refuses_a_second_confirmed_booking_of_the_same_time(centre):
    room = bookable_room(open_centre(centre), buffer_after=30)
    day = workday()
    first = request_room(room, slot(day, "10:00", "12:00"))
    services.confirm(first)
    second = BookingRequest.objects.create(
        room=room,
        centre_id=room.centre_id,
        purpose="x",
        attendees=1,
        requester_kind="nonprofit",
        contact_name="B",
        email="b@example.org",
    )
    # Written past the workflow's check, as a second app server in a race would.
    # 12:00 is inside the first booking's 30 minutes of tidying up.
    late = slot(day, "12:00", "13:00")
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingDate.objects.create(
            request=second,
            room=room,
            start=late.start,
            end=late.end,
            blocked_from=late.start,
            blocked_until=late.end,
            active=True,
        )
    assert confirmed_overlaps(room) == []


def test_pending_and_cancelled_dates_do_not_block_the_database(centre):
    room = bookable_room(open_centre(centre))
    day = workday()
    pending = request_room(room, slot(day))
    other = request_room(room, slot(day), email="other@example.org")
    services.confirm(other)
    assert BookingRequest.objects.get(pk=pending.pk).status == BookingRequest.Status.REQUESTED
    services.cancel(other)
    services.confirm(pending)
    assert confirmed_overlaps(room) == []
    assert Occurrence.objects.filter(kind=Occurrence.Kind.BOOKING, room_id=room.pk).count() == 1


def test_a_race_the_workflow_loses_becomes_a_clean_refusal(centre, monkeypatch):
    """If two servers both passed the check, the database's refusal reaches the
    requester as "someone else has just booked", never as a 500."""
    room = bookable_room(open_centre(centre), confirms_instantly=True)
    day = workday()
    request_room(room, slot(day))
    # Let the second request skip the store check, as if it ran at the same instant.
    monkeypatch.setattr(services.rules, "check_request", lambda *args, **kwargs: [])
    monkeypatch.setattr(services, "_activate", _activate_without_check)
    with pytest.raises(services.BookingRefused) as refused:
        request_room(room, slot(day), email="second@example.org")
    assert [problem.code for problem in refused.value.problems] == ["taken"]
    assert BookingRequest.objects.count() == 1  # nothing of the second was saved


def _activate_without_check(booking, room, *, now, user, message):
    booking.dates.update(active=True)
    booking.status = BookingRequest.Status.CONFIRMED
    booking.save(update_fields=["status"])


@pytest.mark.django_db(transaction=True)
def test_eight_residents_request_the_same_slot_at_once_and_one_gets_it(home):
    from tests import factories

    centre = factories.make_centre(home, "Stadthaus Laatzen")
    room = bookable_room(open_centre(centre), confirms_instantly=True)
    wanted = slot(workday())
    outcomes, barrier = [], threading.Barrier(8)

    def resident(number):
        close_old_connections()
        try:
            barrier.wait(timeout=10)
            booking = request_room(room, Slot(wanted.start, wanted.end), email=f"r{number}@x.org")
            outcomes.append(booking.status)
        except services.BookingRefused as refused:
            outcomes.append(refused.problems[0].code)
        except Exception as error:  # counted as an error below
            outcomes.append(f"error: {error!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=resident, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["confirmed"] + ["busy"] * 7 or (
        outcomes.count("confirmed") == 1
        and all(o in {"confirmed", "busy", "taken"} for o in outcomes)
    ), outcomes
    assert confirmed_overlaps(room) == []
    assert BookingDate.objects.filter(room=room, active=True).count() == 1
