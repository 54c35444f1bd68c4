"""Feeds residents subscribe to and tools read: iCal (RFC 5545) for a centre,
an offer, a consultation hour and a room, and a room's availability as JSON.

Calendar apps must show a weekly 18:00 at 18:00 on both sides of the DST
change, recognise a refreshed date as the same event (stable UID), and strike
a cancelled one (STATUS:CANCELLED). Nothing in a feed names the people or
groups that asked for privacy.
"""

import datetime as dt
import json

import icalendar
import pytest
from django.utils import translation
from django.utils.translation import pgettext

from tests.calendar_helpers import (
    TEST_TODAY,
    at,
    consultation_schedule,
    make_consultation_hour,
    make_offer,
    make_room,
    make_use,
    schedule,
    set_now,
)
from wagtail_stadtteil.schedules.models import Occurrence

pytestmark = pytest.mark.django_db

BUSY = ("room occupied, no details", "busy")


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


@pytest.fixture(autouse=True)
def calendar_clock(monkeypatch):
    set_now(monkeypatch, at(TEST_TODAY, "09:00"))


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events_by_date(calendar):
    return {event.start.date(): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def elterncafe(centre, section):
    room = make_room(centre, "Saal")
    return make_offer(
        section,
        "Elterncafé",
        schedules=[
            schedule(
                weekdays=(1, 6),
                room=room,
                starts_on=dt.date(2027, 3, 1),
                pauses_on_closures=False,
            )
        ],
        changes=[
            {"original_date": dt.date(2027, 3, 30), "action": "cancel", "reason": "Krankheit"}
        ],
    )


def test_the_centre_feed_shows_a_weekly_1800_at_1800_before_and_after_the_dst_change(
    client, centre, elterncafe, monkeypatch
):
    march = events_by_date(feed(client, centre.url + "calendar.ics"))
    set_now(monkeypatch, at(dt.date(2027, 10, 1), "09:00"))
    calendar = feed(client, centre.url + "calendar.ics")
    october = events_by_date(calendar)

    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert calendar["VERSION"] == "2.0"
    for events, days, offsets in [
        (march, [dt.date(2027, 3, 23), dt.date(2027, 3, 28)], [1, 2]),
        (october, [dt.date(2027, 10, 26), dt.date(2027, 10, 31)], [2, 1]),
    ]:
        for day, offset in zip(days, offsets, strict=True):
            event = events[day]
            assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
            assert (event.start.hour, event.start.minute) == (18, 0)
            assert (event.end.hour, event.end.minute) == (20, 0)
            assert event.start.utcoffset() == dt.timedelta(hours=offset)
    # The raw text a calendar app reads: local wall-clock time with its zone.
    raw = client.get(centre.url + "calendar.ics").content.decode()
    assert "DTSTART;TZID=Europe/Berlin:20271031T180000" in raw
    assert "BEGIN:VTIMEZONE" in raw


def test_a_feed_holds_two_weeks_back_and_half_a_year_ahead(client, centre, elterncafe, monkeypatch):
    set_now(monkeypatch, at(dt.date(2027, 4, 1), "09:00"))  # a Thursday

    days = sorted(events_by_date(feed(client, centre.url + "calendar.ics")))

    assert days[0] == dt.date(2027, 3, 21)  # the first Sunday from 18 March on
    assert dt.date(2027, 9, 24) <= days[-1] <= dt.date(2027, 10, 1)


def test_each_event_says_what_where_and_links_its_page(client, centre, elterncafe):
    event = events_by_date(feed(client, centre.url + "calendar.ics"))[dt.date(2027, 3, 23)]

    assert str(event["SUMMARY"]) == "Elterncafé"
    assert str(event["URL"]).endswith(elterncafe.url)
    assert str(event["LOCATION"]) == "Saal, Stadthaus Laatzen, Marktplatz 1, 30880 Laatzen"
    assert str(event["STATUS"]) == "CONFIRMED"


def test_a_cancelled_date_is_a_cancelled_event_with_its_reason(client, centre, elterncafe):
    event = events_by_date(feed(client, centre.url + "calendar.ics"))[dt.date(2027, 3, 30)]

    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["DESCRIPTION"]) == f"{pgettext('calendar entry', 'cancelled')}: Krankheit"


def test_uids_stay_the_same_when_the_store_is_refreshed(client, centre, elterncafe):
    before = {
        day: str(event["UID"])
        for day, event in events_by_date(feed(client, centre.url + "calendar.ics")).items()
    }
    elterncafe.title = "Elterncafé am Nachmittag"
    elterncafe.save_revision().publish()
    elterncafe.refresh_occurrences(first=dt.date(2027, 3, 1))
    Occurrence.objects.filter(page=elterncafe).delete()
    elterncafe.refresh_occurrences(first=dt.date(2027, 3, 1))

    after = events_by_date(feed(client, centre.url + "calendar.ics"))

    assert {day: str(event["UID"]) for day, event in after.items()} == before
    assert str(after[dt.date(2027, 3, 23)]["SUMMARY"]) == "Elterncafé am Nachmittag"
    assert len(set(before.values())) == len(before)
    assert all(uid.endswith("@testserver") for uid in before.values())


def test_the_offer_has_a_feed_of_its_own_linked_from_its_page(client, centre, section, elterncafe):
    make_offer(
        section,
        "Anderes Angebot",
        schedules=[schedule(weekdays=(2,), starts_on=dt.date(2027, 3, 1))],
    )

    calendar = feed(client, elterncafe.url + "calendar.ics")

    assert {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")} == {"Elterncafé"}
    assert str(calendar["X-WR-CALNAME"]) == "Elterncafé"
    assert f'href="{elterncafe.url}calendar.ics"' in client.get(elterncafe.url).content.decode()


def test_the_consultation_hour_has_a_feed_of_its_own(client, centre, section):
    hour = make_consultation_hour(
        section,
        "Bürgersprechstunde",
        schedules=[
            consultation_schedule(
                weekdays=(3,), start="15:00", end="17:00", starts_on=dt.date(2027, 3, 1)
            )
        ],
        access="open",
    )

    events = events_by_date(feed(client, hour.url + "calendar.ics"))

    event = events[dt.date(2027, 4, 1)]
    assert str(event["SUMMARY"]) == "Bürgersprechstunde"
    assert (event.start.hour, event.start.utcoffset()) == (15, dt.timedelta(hours=2))


def test_the_centre_feed_leaves_out_private_use_and_the_room_feed_says_busy(client, centre):
    room = make_room(centre, "Beratungsraum")
    make_use(
        room, "Selbsthilfegruppe Sucht", weekdays=(2,), public=False, starts_on=dt.date(2027, 3, 1)
    )
    make_use(room, "Chorprobe", weekdays=(3,), starts_on=dt.date(2027, 3, 1))

    centre_feed = client.get(centre.url + "calendar.ics").content.decode()
    room_calendar = feed(client, centre.url + "rooms/beratungsraum/calendar.ics")

    assert "Selbsthilfegruppe" not in centre_feed
    assert "Chorprobe" in centre_feed
    summaries = {str(e["SUMMARY"]) for e in room_calendar.walk("VEVENT")}
    assert summaries == {"Chorprobe", pgettext(*BUSY)}
    assert (
        "Selbsthilfegruppe"
        not in client.get(centre.url + "rooms/beratungsraum/calendar.ics").content.decode()
    )


def test_feeds_carry_no_personal_data(client, centre, section, elterncafe):
    make_offer(
        section,
        "Sprachkurs",
        schedules=[schedule(weekdays=(4,), starts_on=dt.date(2027, 3, 1))],
        contact_name="Frau Schmidt",
        email="schmidt@laatzen.example",
        phone="0511 123456",
    )
    raw = client.get(centre.url + "calendar.ics").content.decode()
    for personal in ["Schmidt", "@laatzen.example", "123456", "ORGANIZER", "ATTENDEE"]:
        assert personal not in raw


def test_file_routes_answer_with_and_without_a_trailing_slash(client, centre, elterncafe):
    assert client.get(centre.url + "calendar.ics").status_code == 200
    assert client.get(centre.url + "calendar.ics/").status_code == 200


# Availability as JSON -----------------------------------------------------------


def availability(client, centre, slug, **params):
    response = client.get(f"{centre.url}rooms/{slug}/availability.json", params)
    assert response["Content-Type"] == "application/json"
    return response.status_code, json.loads(response.content)


def test_availability_lists_busy_times_with_buffers_in_local_time(client, centre, section):
    room = make_room(centre, "Saal", buffer_before=15, buffer_after=30)
    make_use(
        room, "Chorprobe", weekdays=(1,), start="18:00", end="20:00", starts_on=dt.date(2027, 3, 1)
    )
    # Back to back with the choir's buffer: one merged busy interval.
    make_offer(
        section,
        "Tanzen",
        schedules=[
            schedule(
                weekdays=(1,), start="20:30", end="22:00", room=room, starts_on=dt.date(2027, 3, 1)
            )
        ],
    )

    status, data = availability(client, centre, "saal", start="2027-03-22", end="2027-04-04")

    assert status == 200
    assert data["room"] == {"slug": "saal", "name": "Saal"}
    assert data["time_zone"] == "Europe/Berlin"
    assert (data["start"], data["end"]) == (
        "2027-03-22T00:00:00+01:00",
        "2027-04-05T00:00:00+02:00",
    )
    assert data["busy"] == [
        {"start": "2027-03-23T17:45:00+01:00", "end": "2027-03-23T22:30:00+01:00"},
        {"start": "2027-03-30T17:45:00+02:00", "end": "2027-03-30T22:30:00+02:00"},
    ]


def test_availability_names_nobody_and_leaves_cancelled_dates_out(client, centre):
    room = make_room(centre, "Beratungsraum")
    make_use(
        room,
        "Selbsthilfegruppe Sucht",
        weekdays=(2,),
        public=False,
        starts_on=dt.date(2027, 3, 1),
        changes=[{"original_date": dt.date(2027, 3, 31), "action": "cancel", "reason": "Urlaub"}],
    )

    status, data = availability(
        client, centre, "beratungsraum", start="2027-03-22", end="2027-04-04"
    )

    assert status == 200
    assert [interval["start"] for interval in data["busy"]] == ["2027-03-24T18:00:00+01:00"]
    raw = json.dumps(data)
    for hidden in ["Selbsthilfegruppe", "Urlaub", "title", "note"]:
        assert hidden not in raw


def test_availability_defaults_to_a_week_from_today(client, centre, monkeypatch):
    make_room(centre, "Saal")
    set_now(monkeypatch, at(dt.date(2027, 3, 10), "12:00"))

    status, data = availability(client, centre, "saal")

    assert status == 200
    assert (data["first_day"], data["last_day"]) == ("2027-03-10", "2027-03-16")


@pytest.mark.parametrize(
    "params",
    [
        {"start": "garbage"},
        {"start": "99999-01-01"},
        {"start": "1900-01-01", "end": "2200-01-01"},
        {"start": "2027-04-10", "end": "2027-04-01"},
        {"start": "2027-01-01", "end": "2027-12-31"},
        {"end": "tomorrow"},
    ],
)
def test_bad_or_huge_ranges_get_a_json_400_never_a_500(client, centre, params, monkeypatch):
    make_room(centre, "Saal")
    set_now(monkeypatch, at(dt.date(2027, 3, 10), "12:00"))

    status, data = availability(client, centre, "saal", **params)

    assert status == 400
    assert data["error"] == "bad_range"
    assert data["message"]


def test_availability_answers_up_to_62_days(client, centre, monkeypatch):
    make_room(centre, "Saal")
    set_now(monkeypatch, at(dt.date(2027, 3, 10), "12:00"))

    assert availability(client, centre, "saal", start="2027-03-01", end="2027-05-01")[0] == 200
    assert availability(client, centre, "saal", start="2027-03-01", end="2027-05-02")[0] == 400
