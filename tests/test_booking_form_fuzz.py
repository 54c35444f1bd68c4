"""Thousands of bad submissions thrown at the booking form through the test
client (property-based, with hypothesis): impossible and far-off dates, ends
before starts, times the clocks skip, huge and hostile strings (NUL bytes,
right-to-left marks, markup, template syntax), absurd numbers. Whatever comes
in, the resident gets the form back with errors (status 200), never a 500;
nothing is saved; and markup sent in is never given back unescaped.

The spam protections would refuse all of it before the rules are reached, so
the minimum fill-in time is set to 0 and the rate limits out of reach, through
the settings, not by going round the code.
"""

import datetime as dt
import os
import time

import django.test.client
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.booking_helpers import bookable_room, open_centre, workday
from tests.test_booking_form import booking_settings, form_url, last_sunday_of_march
from wagtail_stadtteil.booking import spam
from wagtail_stadtteil.booking.models import BookingRequest, Notification
from wagtail_stadtteil.schedules.dates import local_today

pytestmark = pytest.mark.django_db

#: Examples per test. The default keeps the file near a minute (each example is
#: a full request and page, about 60-90 ms); a deeper run, e.g. nightly, sets
#: STADTTEIL_FUZZ_EXAMPLES=1000 for thousands per test.
EXAMPLES = int(os.environ.get("STADTTEIL_FUZZ_EXAMPLES", "230"))

fuzz = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no example store in the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: Markup that must never come back unescaped.
ATTACKS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "</textarea><script>alert(1)</script>",
]
HOSTILE = [
    *ATTACKS,
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",
    "\u200f\u200e",
    "{{ request }}",
    "{% debug %}",
    "%(date)s %s",
    "' OR 1=1 --",
    "x" * 10_000,
    "<b>" * 2_000,
    "ﷺ" * 300,
    "\r\n\r\nBcc: victim@example.org",
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.tuples(st.sampled_from(HOSTILE), st.text(max_size=20), st.sampled_from(ATTACKS)).map(
        "".join
    ),
)

impossible_dates = st.sampled_from(
    [
        "2026-02-30",
        "2027-02-29",
        "0000-00-00",
        "2026-13-01",
        "2026-00-10",
        "99999-01-01",
        "9999-12-31",
        "0001-01-01",
        "-2026-01-01",
        "2026-1-1x",
        "31.02.2026",
        "today",
        "",
        "1e309",
    ]
)


def bad_dates():
    """Dates no request may have: unparseable, impossible, past, or further
    ahead than the room can be requested (180 days) or than the form reaches."""
    today = local_today()
    return st.one_of(
        impossible_dates,
        st.dates(max_value=today).map(dt.date.isoformat),
        st.dates(min_value=today + dt.timedelta(days=181)).map(dt.date.isoformat),
        hostile_text,
    )


any_time = st.one_of(
    st.times().map(lambda value: value.strftime("%H:%M")),
    st.sampled_from(["24:00", "25:00", "12:60", "-1:00", "02:30", "noon", "", "18:00:00.5"]),
    hostile_text,
)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "1e99", "NaN", "-0", "0x10", "١٢", "12.5", "Infinity"]),
    hostile_text,
)
#: Attendees no request may have: none, negative, more than the room holds (20), or no number.
bad_attendees = st.one_of(
    st.integers(max_value=0).map(str),
    st.integers(min_value=21).map(str),
    st.sampled_from(["", "1e99", "NaN", "zwölf", "12.5", "\x00", "<script>alert(1)</script>"]),
)


def submission(date, start_time, end_time, attendees=numbers):
    """Form data with every field drawn; ``date`` etc. decide why it is bad."""
    return st.fixed_dictionaries(
        {
            "date": date,
            "start_time": start_time,
            "end_time": end_time,
            "repeat": st.sampled_from(["", "weekly", "fortnightly", "daily", "<script>"]),
            "repeat_until": st.one_of(st.just(""), bad_dates()),
            "repeat_count": st.one_of(st.just(""), numbers),
            "drop_dates": st.lists(st.one_of(bad_dates(), hostile_text), max_size=4),
            "purpose": hostile_text,
            "attendees": attendees,
            "requester_kind": st.one_of(
                st.sampled_from(["nonprofit", "private", "volunteer", "commercial", "x"]),
                hostile_text,
            ),
            "volunteer_confirmed": st.sampled_from(["", "on", "<script>"]),
            "organisation": hostile_text,
            "contact_name": hostile_text,
            "email": st.one_of(st.emails().filter(lambda a: len(a) < 200), hostile_text),
            "phone": hostile_text,
            "message": hostile_text,
            "consent": st.sampled_from(["on", "", "<script>alert(1)</script>"]),
        }
    )


@pytest.fixture
def room(centre):
    return bookable_room(open_centre(centre), slug="gruppenraum-1", capacity=20)


@pytest.fixture
def fuzz_settings(monkeypatch):
    # The test client keeps a copy of every template context for assertions
    # on response.context; these tests read only the HTML, and the copies
    # cost a fifth of each request.
    monkeypatch.setattr(
        django.test.client, "store_rendered_templates", lambda *args, **kwargs: None
    )
    with booking_settings(
        MIN_FILL_SECONDS=0,
        MAX_REQUESTS_PER_IP_PER_HOUR=10**9,
        MAX_REQUESTS_PER_EMAIL_PER_DAY=10**9,
        MAX_OPEN_REQUESTS_PER_EMAIL=10**9,
    ):
        yield


def check_refused(client, room, data):
    """Send ``data``; the form comes back with errors, escaped, and nothing is saved."""
    data = {**data, "subject": "", "started": spam.fill_token(time.time())}
    response = client.post(form_url(room), data)
    assert response.status_code == 200, (response.status_code, data)
    page = response.content.decode()
    assert 'id="booking-errors"' in page, data
    for value in data.values():
        for item in value if isinstance(value, list) else [value]:
            if "<" in item and len(item) >= 6:
                assert item not in page, item
    for attack in ATTACKS:
        assert attack not in page
    assert not BookingRequest.objects.exists()
    assert not Notification.objects.exists()


@fuzz
@given(data=submission(bad_dates(), any_time, any_time))
def test_impossible_past_and_far_dates_never_break_the_form(client, room, fuzz_settings, data):
    check_refused(client, room, data)


def backwards_or_skipped_times():
    day = workday().isoformat()
    dst_day = last_sunday_of_march().isoformat()
    backwards = st.tuples(st.times(), st.times()).filter(lambda pair: pair[1] <= pair[0])
    skipped = st.tuples(
        st.integers(0, 59).map(lambda minute: f"02:{minute:02d}"),
        st.sampled_from(["03:30", "04:00", "12:00"]),
    )
    ends_skipped = st.tuples(
        st.sampled_from(["00:00", "01:00", "01:30"]),
        st.integers(0, 59).map(lambda minute: f"02:{minute:02d}"),
    )
    return st.one_of(
        backwards.map(lambda pair: (day, pair[0].strftime("%H:%M"), pair[1].strftime("%H:%M"))),
        st.one_of(skipped, ends_skipped).map(lambda pair: (dst_day, *pair)),
    )


@fuzz
@given(when=backwards_or_skipped_times(), data=submission(st.just(""), st.just(""), st.just("")))
def test_ends_before_starts_and_skipped_times_never_break_the_form(
    client, room, fuzz_settings, when, data
):
    data["date"], data["start_time"], data["end_time"] = when
    check_refused(client, room, data)


@fuzz
@given(
    data=submission(
        st.just(""), st.sampled_from(["18:00", "10:00"]), st.just(""), attendees=bad_attendees
    )
)
def test_hostile_text_and_absurd_numbers_are_refused_and_escaped(client, room, fuzz_settings, data):
    data["date"] = workday().isoformat()
    data["end_time"] = "20:00" if data["start_time"] == "18:00" else "12:00"
    check_refused(client, room, data)
