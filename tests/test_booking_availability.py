"""The quick availability check (``rules.is_free``) says what the full conflict
check says: busy when another use overlaps, buffers included; free when it
only touches, or when that date is cancelled."""

import datetime as dt
import re

import pytest

from tests.booking_helpers import at, bookable_room, open_centre, workday
from tests.calendar_helpers import make_use
from wagtail_stadtteil.booking.rules import Slot, check_request, is_free
from wagtail_stadtteil.rooms.conflicts import excluding_source, find_conflicts
from wagtail_stadtteil.schedules.dates import local_today
from wagtail_stadtteil.schedules.models import Occurrence
from wagtail_stadtteil.schedules.store import source_type


@pytest.fixture
def choir_room(centre):
    """A room with a choir every Tuesday 18:00–20:00 and 15 minutes' buffers."""
    room = bookable_room(open_centre(centre), buffer_before=15, buffer_after=15)
    use = make_use(room, "Chorprobe", weekdays=(1,), start="18:00", end="20:00")
    return room, use


@pytest.mark.parametrize(
    ("start", "end", "free"),
    [
        ("18:30", "19:30", False),  # inside the rehearsal
        ("16:00", "18:00", False),  # ends in the rehearsal's set-up time
        ("20:00", "21:00", False),  # starts in its tidying-up time
        ("16:00", "17:30", True),  # ends exactly when both buffers are kept
        ("20:30", "21:30", True),  # starts exactly when both buffers are kept
        ("10:00", "12:00", True),  # the morning is free
    ],
)
def test_a_resident_sees_a_slot_as_free_exactly_when_no_use_or_buffer_is_in_the_way(
    choir_room, start, end, free
):
    room, _use = choir_room
    tuesday = workday(weekday=1)
    wanted = Slot(at(tuesday, start), at(tuesday, end))
    assert is_free(room, wanted.start, wanted.end) is free
    assert (not find_conflicts(room, [wanted])) is free


def test_a_cancelled_rehearsal_frees_the_room(choir_room):
    room, use = choir_room
    tuesday = workday(weekday=1)
    Occurrence.objects.filter(
        source_type=source_type(use), source_id=use.pk, original_date=tuesday
    ).update(status=Occurrence.Status.CANCELLED)
    assert is_free(room, at(tuesday, "18:00"), at(tuesday, "20:00"))


def test_the_owner_of_a_date_does_not_block_itself(choir_room):
    room, use = choir_room
    tuesday = workday(weekday=1)
    own = excluding_source(source_type(use), use.pk)
    assert not is_free(room, at(tuesday, "18:00"), at(tuesday, "20:00"))
    assert is_free(room, at(tuesday, "18:00"), at(tuesday, "20:00"), exclude=own)


def test_every_free_time_the_booking_form_suggests_is_one_the_booking_rules_accept(client, centre):
    """Uneven buffers (set-up 15 minutes, tidying 30): a suggestion right
    before a use must end early enough for its own tidying and the use's
    set-up, one right after must start late enough for both as well."""
    room = bookable_room(open_centre(centre), buffer_before=15, buffer_after=30)
    make_use(room, "Elterncafé", weekdays=(1,), start="10:00", end="12:00")
    make_use(room, "Chorprobe", weekdays=(1,), start="18:00", end="20:00")
    tuesday = workday(weekday=1)
    html = client.get(
        f"{room.centre.url}rooms/{room.slug}/book/", {"week": tuesday.isoformat()}
    ).content.decode()

    suggestions = re.findall(
        r'data-date="([\d-]+)" data-start-time="([\d:]+)" data-end-time="([\d:]+)"', html
    )
    on_tuesday = [(start, end) for date, start, end in suggestions if date == tuesday.isoformat()]
    # 09:00–09:15 is shorter than the shortest booking; 12:45 is rounded up to the
    # half-hour grid, and four hours are the longest booking.
    assert on_tuesday == [("13:00", "17:00")]
    for date, start, end in suggestions:
        day = dt.date.fromisoformat(date)
        slot = Slot(at(day, start), at(day, end))
        assert find_conflicts(room, [slot]) == [], (date, start, end)
        assert [p.code for p in check_request(room, [slot], attendees=2)] == []


def test_no_free_time_is_suggested_beyond_how_far_ahead_the_room_may_be_requested(client, centre):
    room = bookable_room(open_centre(centre), max_advance_days=30)
    latest = local_today() + dt.timedelta(days=30)

    def offered_days(week):
        html = client.get(
            f"{room.centre.url}rooms/{room.slug}/book/", {"week": week.isoformat()}
        ).content.decode()
        return [dt.date.fromisoformat(day) for day in re.findall(r'data-date="([\d-]+)"', html)]

    # The two weeks around the last day: free times up to it, none after it.
    offered = offered_days(latest - dt.timedelta(days=7)) + offered_days(latest)
    assert offered and max(offered) <= latest
    assert offered_days(latest + dt.timedelta(days=8)) == []
