"""The booking workflow (requested → confirmed / declined / cancelled /
expired), what a booking costs, and every booking rule: a request that
breaks a rule is refused with a message that says what to change, and
nothing of it is saved."""

import datetime as dt
import json
from decimal import Decimal

import icalendar
import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone, translation

from tests import factories
from tests.booking_helpers import (
    at,
    bookable_room,
    open_centre,
    request_room,
    requester,
    slot,
    workday,
)
from tests.calendar_helpers import make_offer, make_use, schedule
from wagtail_stadtteil.booking import rules, services
from wagtail_stadtteil.booking.models import (
    BookingDate,
    BookingRequest,
    Notification,
    RoomFee,
)
from wagtail_stadtteil.centres.models import CentreClosure, CentrePage
from wagtail_stadtteil.schedules.dates import local_today
from wagtail_stadtteil.schedules.holidays import public_holidays
from wagtail_stadtteil.schedules.models import Occurrence

pytestmark = pytest.mark.django_db

Status = BookingRequest.Status


@pytest.fixture(autouse=True)
def english():
    """Messages in English, the source language (the German catalog comes later)."""
    with translation.override("en"):
        yield


@pytest.fixture
def room(centre):
    return bookable_room(open_centre(centre))


def booking_settings(**values):
    """``WAGTAIL_STADTTEIL["BOOKING"]`` with ``values``, the site's other settings kept."""
    configured = dict(getattr(settings, "WAGTAIL_STADTTEIL", {}))
    configured["BOOKING"] = {**configured.get("BOOKING", {}), **values}
    return override_settings(WAGTAIL_STADTTEIL=configured)


def store_rows(booking):
    return Occurrence.objects.filter(kind=Occurrence.Kind.BOOKING, source_id=booking.pk)


def snapshot(booking):
    """What a person could notice of ``booking``: its state, decision, dates
    in the store, and mails queued."""
    booking = BookingRequest.objects.get(pk=booking.pk)
    return (
        booking.status,
        booking.decided_at,
        booking.decision_message,
        sorted(booking.dates.values_list("active", flat=True)),
        sorted(store_rows(booking).values_list("start", flat=True)),
        booking.notifications.count(),
    )


def refused(room, slots, **fields):
    """The codes and messages of the rules ``slots`` break; asserts that
    nothing was saved."""
    before = (BookingRequest.objects.count(), BookingDate.objects.count())
    notifications = Notification.objects.count()
    with pytest.raises(services.BookingRefused) as error:
        request_room(room, slots, **fields)
    assert (BookingRequest.objects.count(), BookingDate.objects.count()) == before
    assert Notification.objects.count() == notifications
    return {problem.code: problem.message for problem in error.value.problems}


# --- state changes --------------------------------------------------------------------------


def in_state(room, status):
    booking = request_room(room, slot(workday()))
    if status == Status.CONFIRMED:
        services.confirm(booking)
    elif status == Status.DECLINED:
        services.decline(booking)
    elif status == Status.CANCELLED:
        services.cancel(booking)
    elif status == Status.EXPIRED:
        services.expire_overdue(now=timezone.now() + dt.timedelta(days=15))
    booking = BookingRequest.objects.get(pk=booking.pk)
    assert booking.status == status
    return booking


ACTIONS = {
    Status.CONFIRMED: lambda booking: services.confirm(booking, message="Gern."),
    Status.DECLINED: lambda booking: services.decline(booking, message="Leider nicht."),
    Status.CANCELLED: lambda booking: services.cancel(booking, message="Abgesagt."),
}
ALLOWED = {
    (Status.REQUESTED, Status.CONFIRMED),
    (Status.REQUESTED, Status.DECLINED),
    (Status.REQUESTED, Status.CANCELLED),
    (Status.CONFIRMED, Status.CANCELLED),
}


@pytest.mark.parametrize("target", list(ACTIONS))
@pytest.mark.parametrize("status", list(Status))
def test_staff_can_change_a_request_only_along_the_workflow(room, status, target):
    booking = in_state(room, status)
    before = snapshot(booking)

    if (status, target) in ALLOWED:
        changed = ACTIONS[target](booking)
        assert changed.status == target
        assert changed.decided_at is not None
        assert changed.notifications.count() == before[-1] + 1  # the requester is told
    else:
        with pytest.raises(services.InvalidTransition) as error:
            ACTIONS[target](booking)
        assert booking.reference in str(error.value)
        assert snapshot(booking) == before


@pytest.mark.parametrize("status", [s for s in Status if s != Status.REQUESTED])
def test_only_undecided_requests_expire(room, status):
    booking = in_state(room, status)
    before = snapshot(booking)
    assert services.expire_overdue(now=timezone.now() + dt.timedelta(days=30)) == 0
    assert snapshot(booking) == before


def test_the_allowed_state_changes_are_exactly_those_of_the_workflow():
    booking = BookingRequest()
    for status in Status:
        booking.status = status
        for target in Status:
            expected = (status, target) in ALLOWED or (
                status == Status.REQUESTED and target == Status.EXPIRED
            )
            assert booking.can_become(target) is expected, (status, target)


# --- the occurrence store and the public calendars -------------------------------------------


def test_a_confirmed_booking_occupies_the_room_at_once_without_saying_who_or_why(
    client, centre, room
):
    day = workday()
    booking = request_room(
        room,
        slot(day, "18:00", "20:00"),
        purpose="Geheimes Vereinstreffen",
        contact_name="Jan Kowalski",
        email="jan.kowalski@example.org",
    )
    assert not store_rows(booking).exists()  # a request does not block the room yet

    services.confirm(booking)

    [row] = store_rows(booking)
    assert (row.start, row.end) == (at(day, "18:00"), at(day, "20:00"))
    assert (row.room_id, row.public) == (room.pk, False)
    assert row.status == Occurrence.Status.SCHEDULED

    availability = client.get(
        f"{centre.url}rooms/{room.slug}/availability.json",
        {"start": day.isoformat(), "end": day.isoformat()},
    )
    assert availability.status_code == 200
    busy = json.loads(availability.content)["busy"]
    assert [(b["start"][11:16], b["end"][11:16]) for b in busy] == [("18:00", "20:00")]
    feed = client.get(f"{centre.url}rooms/{room.slug}/calendar.ics")
    assert feed.status_code == 200
    events = [
        event
        for event in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
        if event.decoded("DTSTART") == at(day, "18:00")
    ]
    assert len(events) == 1
    for response in (availability, feed):
        content = response.content.decode()
        for private in ["Geheimes", "Kowalski", "example.org", booking.reference]:
            assert private not in content


def test_a_cancelled_booking_frees_the_room_at_once(client, centre, room):
    day = workday()
    booking = request_room(room, slot(day))
    services.confirm(booking)
    services.cancel(booking)

    assert not store_rows(booking).exists()
    busy = client.get(
        f"{centre.url}rooms/{room.slug}/availability.json",
        {"start": day.isoformat(), "end": day.isoformat()},
    ).json()["busy"]
    assert busy == []
    other = request_room(room, slot(day), email="other@example.org")
    assert services.confirm(other).status == Status.CONFIRMED


def test_a_declined_request_never_occupied_the_room(room):
    booking = request_room(room, slot(workday()))
    services.decline(booking)
    assert not store_rows(booking).exists()
    assert not booking.dates.filter(active=True).exists()


def test_a_room_that_confirms_instantly_confirms_on_submit(centre):
    room = bookable_room(open_centre(centre), confirms_instantly=True)
    booking = request_room(room, slot(workday()))
    assert booking.status == Status.CONFIRMED
    assert booking.decided_at is not None and booking.decided_by is None
    assert store_rows(booking).count() == 1
    kinds = set(booking.notifications.values_list("kind", flat=True))
    assert kinds == {"receipt", "new_request", "decision"}


def test_a_room_that_confirms_instantly_still_keeps_every_rule(centre):
    room = bookable_room(open_centre(centre), confirms_instantly=True)
    day = workday()
    request_room(room, slot(day))
    problems = refused(room, slot(day), email="second@example.org")
    assert set(problems) == {"busy"}


def test_confirming_a_request_whose_time_was_taken_meanwhile_changes_nothing(room):
    day = workday()
    first = request_room(room, slot(day, "18:00", "20:00"))
    second = request_room(room, slot(day, "19:00", "21:00"), email="second@example.org")
    services.confirm(first)
    before = snapshot(second)

    with pytest.raises(services.BookingRefused) as error:
        services.confirm(second)

    assert [problem.code for problem in error.value.problems] == ["busy"]
    assert "18:00" in error.value.problems[0].message
    assert snapshot(second) == before
    assert snapshot(second)[0] == Status.REQUESTED


def test_a_weekly_series_becomes_one_booking_with_all_its_dates(room):
    first = workday()
    days = [first + dt.timedelta(weeks=week) for week in range(4)]
    booking = request_room(room, [slot(day) for day in days])
    services.confirm(booking)
    assert booking.dates.count() == 4
    assert sorted(row.original_date for row in store_rows(booking)) == days
    assert booking.first_start == at(days[0], "18:00")
    assert BookingRequest.objects.get(pk=booking.pk).last_end == at(days[-1], "20:00")


def test_one_taken_date_refuses_the_whole_series_and_names_it(room):
    first = workday()
    days = [first + dt.timedelta(weeks=week) for week in range(3)]
    services.confirm(request_room(room, slot(days[1]), email="first@example.org"))
    problems = refused(room, [slot(day) for day in days])
    assert set(problems) == {"busy"}
    with pytest.raises(services.BookingRefused) as error:
        request_room(room, [slot(day) for day in days])
    assert rules.dates_with_problems(error.value.problems) == [days[1]]


# --- expiry ------------------------------------------------------------------------------------


def test_an_undecided_request_expires_after_the_set_days(room):
    booking = request_room(room, slot(workday(30)))
    now = timezone.now()
    assert services.expire_overdue(now=now + dt.timedelta(days=13)) == 0
    assert services.expire_overdue(now=now + dt.timedelta(days=15)) == 1
    booking.refresh_from_db()
    assert booking.status == Status.EXPIRED
    assert booking.notifications.filter(kind="decision").exists()
    assert services.expire_overdue(now=now + dt.timedelta(days=16)) == 0


def test_the_expiry_period_is_a_setting(room):
    booking = request_room(room, slot(workday(30)))
    with booking_settings(EXPIRE_AFTER_DAYS=3):
        assert services.expire_overdue(now=timezone.now() + dt.timedelta(days=4)) == 1
    booking.refresh_from_db()
    assert booking.status == Status.EXPIRED


def test_an_undecided_request_expires_when_its_first_date_begins(room):
    day = workday()
    booking = request_room(room, slot(day))
    assert services.expire_overdue(now=at(day, "17:59")) == 0
    assert services.expire_overdue(now=at(day, "18:00")) == 1
    booking.refresh_from_db()
    assert booking.status == Status.EXPIRED


# --- fees -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "start", "end", "fee"),
    [
        ("nonprofit", "18:00", "20:00", "0.00"),
        ("public_body", "18:00", "20:00", "0.00"),
        ("volunteer", "18:00", "20:00", "0.00"),
        ("commercial", "18:00", "20:00", "50.00"),  # 25 € per started hour
        ("commercial", "18:00", "20:30", "75.00"),  # a started hour counts whole
        ("commercial", "10:00", "18:00", "150.00"),  # the day costs at most 150 €
    ],
)
def test_each_kind_of_requester_pays_the_citys_default_fee(centre, kind, start, end, fee):
    room = bookable_room(open_centre(centre), max_duration=600)
    booking = request_room(
        room,
        slot(workday(), start, end),
        requester_kind=kind,
        volunteer_confirmed=kind == "volunteer",
    )
    assert booking.fee == Decimal(fee)
    assert booking.fee_note


def test_private_persons_may_not_request_rooms_by_default(room):
    problems = refused(room, slot(workday()), requester_kind="private")
    assert "Private person" in problems["kind_not_allowed"]


def test_a_series_pays_for_each_date(room):
    first = workday()
    booking = request_room(
        room,
        [slot(first + dt.timedelta(weeks=week)) for week in range(3)],
        requester_kind="commercial",
    )
    assert booking.fee == Decimal("150.00")
    assert "3 dates" in booking.fee_note


def test_the_rooms_fee_table_overrides_the_defaults(centre):
    room = bookable_room(open_centre(centre), "Saal", max_duration=600)
    RoomFee.objects.create(
        room=room,
        requester_kind="private",
        allowed=True,
        hourly_rate=Decimal("10.00"),
        daily_rate=Decimal("60.00"),
        note="Zuzüglich Reinigungspauschale 30 €.",
    )
    RoomFee.objects.create(room=room, requester_kind="nonprofit", allowed=False)
    RoomFee.objects.create(room=room, requester_kind="commercial", daily_rate=Decimal("99"))
    day = workday()

    private = request_room(room, slot(day, "09:00", "11:30"), requester_kind="private")
    assert private.fee == Decimal("30.00")  # three started hours
    assert "Reinigungspauschale" in private.fee_note
    whole_day = request_room(
        room, slot(day, "12:00", "20:00"), requester_kind="private", email="x@example.org"
    )
    assert whole_day.fee == Decimal("60.00")  # eight hours, capped by the daily rate
    commercial = request_room(
        room, slot(workday(20), "18:00", "20:00"), requester_kind="commercial"
    )
    assert commercial.fee == Decimal("99.00")  # a flat rate per day
    problems = refused(room, slot(workday(30)), requester_kind="nonprofit")
    assert "Non-profit" in problems["kind_not_allowed"]


def test_volunteers_must_confirm_more_than_a_year_of_volunteering(room):
    problems = refused(room, slot(workday()), requester_kind="volunteer", volunteer_confirmed=False)
    assert "more than a year" in problems["volunteer_unconfirmed"]
    booking = request_room(
        room, slot(workday()), requester_kind="volunteer", volunteer_confirmed=True
    )
    assert booking.volunteer_confirmed and booking.fee == 0


# --- each rule on its own -----------------------------------------------------------------


def test_a_room_not_offered_online_cannot_be_requested(centre):
    room = bookable_room(open_centre(centre), publicly_bookable=False)
    problems = refused(room, slot(workday()))
    assert set(problems) == {"not_bookable"}
    assert "contact the centre" in problems["not_bookable"]
    # Staff may still enter it.
    booking = services.submit(
        room, [slot(workday())], requester(), purpose="Sitzung", attendees=5, staff=True
    )
    assert booking.status == Status.REQUESTED


def test_more_attendees_than_the_room_holds_are_refused(room):
    problems = refused(room, slot(workday()), attendees=21)
    assert set(problems) == {"capacity"}
    assert "at most 20 people" in problems["capacity"]


def test_too_short_and_too_long_bookings_are_refused(room):
    day = workday()
    assert "at least 60 minutes" in refused(room, slot(day, "18:00", "18:30"))["too_short"]
    assert "at most 240 minutes" in refused(room, slot(day, "09:00", "14:00"))["too_long"]


def test_bookings_start_on_the_rooms_time_grid(room):
    problems = refused(room, slot(workday(), "18:10", "19:10"))
    assert set(problems) == {"start_grid"}
    assert "every 30 minutes" in problems["start_grid"]


def test_a_date_in_the_past_is_refused(centre):
    room = bookable_room(open_centre(centre), min_notice_hours=0)
    yesterday = local_today() - dt.timedelta(days=1)
    problems = refused(room, slot(yesterday, "10:00", "12:00"))
    assert "has passed" in problems["past"]


def test_a_request_needs_the_rooms_notice(centre):
    room = bookable_room(open_centre(centre), min_notice_hours=24 * 30)
    problems = refused(room, slot(workday(10)))
    assert set(problems) == {"notice"}
    assert "720 hours' notice" in problems["notice"]


def test_a_request_too_far_ahead_is_refused(centre):
    room = bookable_room(open_centre(centre), max_advance_days=30)
    problems = refused(room, slot(workday(40)))
    assert set(problems) == {"advance"}
    assert "at most 30 days ahead" in problems["advance"]


def test_a_request_on_a_lower_saxony_public_holiday_is_refused(centre):
    today = local_today()
    holidays = public_holidays("NI", today + dt.timedelta(days=3), today + dt.timedelta(days=400))
    day, name = min(holidays.items())
    room = bookable_room(open_centre(centre), max_advance_days=400)
    problems = refused(room, slot(day, "10:00", "12:00"))
    assert set(problems) == {"closed"}
    assert name in problems["closed"]


def test_a_request_on_a_closure_day_is_refused(centre):
    day = workday()
    centre = CentrePage.objects.get(pk=open_centre(centre).pk)
    centre.closures.add(CentreClosure(starts_on=day, ends_on=day, reason="Betriebsausflug"))
    centre.save_revision().publish()
    room = bookable_room(centre)
    problems = refused(room, slot(day))
    assert set(problems) == {"closed"}
    assert "Betriebsausflug" in problems["closed"]
    assert request_room(room, slot(day + dt.timedelta(days=7))).pk


def test_a_request_outside_the_opening_hours_is_refused(room):
    problems = refused(room, slot(workday(), "20:00", "22:00"))
    assert set(problems) == {"opening_hours"}
    assert "09:00–21:00" in problems["opening_hours"]


def test_a_request_outside_the_rooms_bookable_hours_is_refused(centre):
    room = bookable_room(
        open_centre(centre), bookable_from=dt.time(10, 0), bookable_until=dt.time(20, 0)
    )
    problems = refused(room, slot(workday(), "09:00", "11:00"))
    assert set(problems) == {"bookable_hours"}
    assert "from 10:00 to 20:00" in problems["bookable_hours"]
    assert "bookable_hours" in refused(room, slot(workday(), "19:00", "21:00"))


def test_a_self_managed_room_can_be_booked_outside_the_opening_hours(centre):
    centre = open_centre(centre)
    ordinary = bookable_room(centre, "Gruppenraum 1")
    self_managed = bookable_room(
        centre, "Treffraum", outside_opening_hours=True, bookable_until=dt.time(23, 0)
    )
    late = slot(workday(), "21:00", "23:00")
    assert "opening_hours" in refused(ordinary, late)
    assert request_room(self_managed, late).status == Status.REQUESTED
    assert "bookable_hours" in refused(
        self_managed, slot(workday(), "22:00", "23:30"), email="late@example.org"
    )


def test_a_request_overlapping_an_offer_in_the_room_is_refused(centre, section):
    room = bookable_room(open_centre(centre))
    tuesday = workday(weekday=1)
    make_offer(
        section,
        "Offenes Elterncafé",
        schedules=[schedule(weekdays=(1,), start="10:00", end="12:00", room=room)],
    )
    problems = refused(room, slot(tuesday, "11:00", "13:00"))
    assert set(problems) == {"busy"}
    assert "from 10:00 to 12:00" in problems["busy"]
    assert "Elterncafé" not in problems["busy"]  # who uses it is not the requester's business


def test_a_request_overlapping_a_regular_group_is_refused(room):
    make_use(room, "Chorprobe", weekdays=(1,), start="18:00", end="20:00")
    problems = refused(room, slot(workday(weekday=1), "19:00", "21:00"))
    assert "from 18:00 to 20:00" in problems["busy"]
    assert "Chorprobe" not in problems["busy"]


def test_a_confirmed_booking_and_its_buffer_keep_the_room_busy(centre):
    room = bookable_room(open_centre(centre), buffer_after=30)
    day = workday()
    services.confirm(request_room(room, slot(day, "10:00", "12:00")))
    problems = refused(room, slot(day, "12:00", "13:00"), email="next@example.org")
    assert set(problems) == {"busy"}
    assert "30 minutes in between" in problems["busy"]
    assert request_room(room, slot(day, "12:30", "13:30"), email="next@example.org").pk


def test_undecided_requests_do_not_block_each_other(room):
    day = workday()
    request_room(room, slot(day))
    assert request_room(room, slot(day), email="second@example.org").pk


def test_a_time_the_clocks_skip_cannot_be_booked():
    spring_change = dt.date(2027, 3, 28)
    with pytest.raises(rules.NonexistentTime):
        rules.make_slot(spring_change, dt.time(2, 30), dt.time(3, 30))
    problem = rules.nonexistent_time_problem(spring_change, dt.time(2, 30), "start_time")
    assert "02:30 does not exist" in problem.message
    assert "clocks go forward" in problem.message
    # The hours before and after the gap exist.
    assert rules.make_slot(spring_change, dt.time(1, 0), dt.time(4, 0))


def test_a_booking_across_the_spring_change_lasts_its_real_hours():
    spring_change = dt.date(2027, 3, 28)
    night = rules.make_slot(spring_change, dt.time(1, 0), dt.time(4, 0))
    assert night.duration == dt.timedelta(hours=2)


def test_a_request_breaking_several_rules_hears_of_all_of_them(room):
    problems = refused(room, slot(workday(), "20:10", "20:30"), attendees=50)
    assert {"capacity", "too_short", "start_grid"} <= set(problems)


def test_a_request_without_dates_is_refused(room):
    assert set(refused(room, [])) == {"no_dates"}


def test_rule_messages_name_dates_in_the_requesters_language(centre):
    room = bookable_room(open_centre(centre), max_advance_days=30)
    day = workday(40, weekday=1)
    with translation.override("de"):
        problems = refused(room, slot(day))
        latest = rules.day_label(local_today() + dt.timedelta(days=30))
    assert latest in problems["advance"]
    assert latest.split(",")[0] in {
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    }


def test_staff_entries_skip_notice_and_advance_but_not_conflicts(centre):
    room = bookable_room(open_centre(centre), max_advance_days=30, min_notice_hours=24 * 30)
    day = workday(40)
    booking = services.submit(
        room, [slot(day)], requester(), purpose="Sitzung", attendees=5, staff=True
    )
    services.confirm(booking)
    with pytest.raises(services.BookingRefused):
        services.submit(
            room,
            [slot(day)],
            requester(email="b@example.org"),
            purpose="Sitzung",
            attendees=5,
            staff=True,
        )


def test_a_second_centre_does_not_see_the_first_centres_bookings(home):
    laatzen = open_centre(factories.make_centre(home, "Stadthaus Laatzen"))
    stadthagen = open_centre(factories.make_centre(home, "Mittelpunkt Hüttenstraße"))
    day = workday()
    services.confirm(request_room(bookable_room(laatzen), slot(day)))
    assert request_room(bookable_room(stadthagen), slot(day)).pk
