"""A room's page (…/rooms/<room-slug>/): its facts and the week timetable
(Raumnutzungsstundenplan, seed 002) with busy and free times, so residents and
groups see when they could use it."""

import datetime as dt
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from tests import factories
from tests.calendar_helpers import (
    TEST_TODAY,
    at,
    labelled_section,
    make_offer,
    make_room,
    make_use,
    schedule,
    set_now,
    set_opening_hours,
    text,
)
from wagtail_stadtteil.rooms.models import RoomPhoto
from wagtail_stadtteil.rooms.views import get_room

pytestmark = pytest.mark.django_db

BUSY = ("room occupied, no details", "busy")
FREE = ("room not occupied", "free")


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


@pytest.fixture(autouse=True)
def calendar_clock(monkeypatch):
    set_now(monkeypatch, at(TEST_TODAY, "09:00"))


def timetable(client, centre, slug, **params):
    response = client.get(f"{centre.url}rooms/{slug}/", params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def slots(html, day):
    """(state, times, text) of each slot of ``day`` in time order."""
    day_html = labelled_section(html, f"day-{day:%Y-%m-%d}")
    found = []
    for state, body in re.findall(
        r'<li class="stadtteil-timetable__slot stadtteil-timetable__slot--(\w+)">(.*?)</li>',
        day_html,
        re.S,
    ):
        found.append((state, re.findall(r'<time datetime="([^"]+)">', body), text(body)))
    return found


def test_the_room_page_shows_the_facts_residents_need(client, centre):
    room = make_room(
        centre,
        "Großer Saal",
        slug="grosser-saal",
        kind="hall",
        capacity=80,
        area_m2="120.5",
        step_free=True,
        hearing_loop=False,
        equipment=["projector", "piano"],
        location_in_building="Erdgeschoss",
        description="Hell, mit Blick auf den Park.",
    )
    RoomPhoto.objects.create(room=room, image=factories.make_image("Saal"), caption="Der Saal")

    html = timetable(client, centre, "grosser-saal")

    assert "<h1>Großer Saal</h1>" in html
    facts = {
        text(label): text(value)
        for label, value in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html, re.S)
    }
    yes, no = gettext("yes,no").split(",")
    assert facts[gettext("Kind")] == str(room.get_kind_display())
    assert "80" in facts[gettext("Capacity")]
    assert facts[gettext("Area")] == "120,5 m²"
    assert facts[gettext("Where in the building")] == "Erdgeschoss"
    assert facts[gettext("Step-free")] == yes
    assert facts[gettext("Hearing loop")] == no
    equipment = html[html.index('class="stadtteil-room__equipment"') :]
    for item in room.get_equipment_display():
        assert f"<li>{item}</li>" in equipment
    assert "<figcaption>Der Saal</figcaption>" in html
    assert "Hell, mit Blick auf den Park." in html


def test_the_timetable_shows_busy_and_free_times_within_opening_hours(client, centre, section):
    room = make_room(centre, "Saal", buffer_before=15, buffer_after=30)
    set_opening_hours(centre, {1: [("09:00", "21:00")]}, first=dt.date(2027, 4, 1))
    make_offer(
        section,
        "Elterncafé",
        schedules=[
            schedule(
                weekdays=(1,), start="10:00", end="12:00", room=room, starts_on=dt.date(2027, 4, 1)
            )
        ],
    )
    make_use(
        room, "Chorprobe", weekdays=(1,), start="18:00", end="20:00", starts_on=dt.date(2027, 4, 1)
    )

    html = timetable(client, centre, "saal", start="2027-04-13")

    busy, free = pgettext(*BUSY), pgettext(*FREE)
    assert slots(html, dt.date(2027, 4, 13)) == [
        ("free", ["2027-04-13T09:00:00+02:00", "2027-04-13T09:45:00+02:00"], f"09:00–09:45 {free}"),
        (
            "busy",
            ["2027-04-13T10:00:00+02:00", "2027-04-13T12:00:00+02:00"],
            f"10:00–12:00 {busy}: Elterncafé",
        ),
        ("free", ["2027-04-13T12:30:00+02:00", "2027-04-13T17:45:00+02:00"], f"12:30–17:45 {free}"),
        (
            "busy",
            ["2027-04-13T18:00:00+02:00", "2027-04-13T20:00:00+02:00"],
            f"18:00–20:00 {busy}: Chorprobe",
        ),
        ("free", ["2027-04-13T20:30:00+02:00", "2027-04-13T21:00:00+02:00"], f"20:30–21:00 {free}"),
    ]
    # The centre is closed on Wednesdays: no free time to offer.
    assert slots(html, dt.date(2027, 4, 14)) == []
    wednesday = text(labelled_section(html, "day-2027-04-14"))
    assert gettext("The centre is closed.") in wednesday


def test_without_opening_hours_the_room_is_free_from_8_to_22(client, centre):
    room = make_room(centre, "Werkraum")
    make_use(
        room, "Töpfern", weekdays=(3,), start="16:00", end="18:00", starts_on=dt.date(2027, 4, 1)
    )

    html = timetable(client, centre, "werkraum", start="2027-04-15")

    assert [(state, when) for state, when, _ in slots(html, dt.date(2027, 4, 15))] == [
        ("free", ["2027-04-15T08:00:00+02:00", "2027-04-15T16:00:00+02:00"]),
        ("busy", ["2027-04-15T16:00:00+02:00", "2027-04-15T18:00:00+02:00"]),
        ("free", ["2027-04-15T18:00:00+02:00", "2027-04-15T22:00:00+02:00"]),
    ]
    assert [state for state, *_ in slots(html, dt.date(2027, 4, 16))] == ["free"]


def test_a_private_use_is_busy_without_a_title(client, centre):
    room = make_room(centre, "Beratungsraum")
    make_use(
        room, "Selbsthilfegruppe Sucht", weekdays=(2,), public=False, starts_on=dt.date(2027, 4, 1)
    )

    html = timetable(client, centre, "beratungsraum", start="2027-04-14")

    assert "Selbsthilfegruppe" not in html
    busy = [slot for slot in slots(html, dt.date(2027, 4, 14)) if slot[0] == "busy"]
    assert [body for *_, body in busy] == [f"18:00–20:00 {pgettext(*BUSY)}"]


def test_a_cancelled_date_frees_the_room(client, centre):
    room = make_room(centre, "Saal")
    make_use(
        room,
        "Chorprobe",
        weekdays=(1,),
        starts_on=dt.date(2027, 4, 1),
        changes=[{"original_date": dt.date(2027, 4, 13), "action": "cancel", "reason": "Urlaub"}],
    )

    html = timetable(client, centre, "saal", start="2027-04-13")

    assert [state for state, *_ in slots(html, dt.date(2027, 4, 13))] == ["free"]
    week_before = timetable(client, centre, "saal", start="2027-04-06")
    assert [state for state, *_ in slots(week_before, dt.date(2027, 4, 6))] == [
        "free",
        "busy",
        "free",
    ]


def test_start_selects_the_week_and_the_links_lead_to_the_weeks_around_it(
    client, centre, monkeypatch
):
    make_room(centre, "Saal")
    set_now(monkeypatch, at(dt.date(2027, 4, 7), "12:00"))
    url = f"{centre.url}rooms/saal/"

    html = timetable(client, centre, "saal", start="2027-05-06")

    assert re.findall(r'<h3 id="day-([\d-]+)"', html)[0] == "2027-05-03"
    assert f'href="{url}?start=2027-04-26" rel="prev nofollow"' in html
    assert f'href="{url}?start=2027-05-10" rel="next nofollow"' in html
    this_week = timetable(client, centre, "saal")
    assert re.findall(r'<h3 id="day-([\d-]+)"', this_week)[0] == "2027-04-05"
    assert 'stadtteil-timetable__day--today" aria-labelledby="day-2027-04-07"' in this_week


@pytest.mark.parametrize("start", ["garbage", "99999-01-01", "2027-13-01", "1800-01-01"])
def test_a_bad_start_gives_a_friendly_400(client, centre, start):
    make_room(centre, "Saal")

    response = client.get(f"{centre.url}rooms/saal/", {"start": start})

    assert response.status_code == 400
    assert f'href="{centre.url}rooms/saal/"' in response.content.decode()


def test_an_unknown_room_or_a_room_of_another_centre_is_not_found(client, centre, home):
    other = factories.make_centre(home, "Mittelpunkt Hüttenstraße")
    make_room(other, "Café")

    for path in [
        "rooms/cafe/",
        "rooms/cafe/availability.json",
        "rooms/cafe/calendar.ics",
        "rooms/nope/",
    ]:
        assert client.get(centre.url + path).status_code == 404, path
    assert client.get(other.url + "rooms/cafe/").status_code == 200


def test_a_translated_centre_finds_the_rooms_of_its_original(centre):
    room = make_room(centre, "Saal")
    english = factories.make_locale("en")
    factories.translate_tree_root(english)
    translated = centre.copy_for_translation(english)
    translated.save_revision().publish()

    assert get_room(translated, "saal") == room


def test_the_room_page_links_its_feed_and_availability(client, centre):
    make_room(centre, "Saal")
    html = timetable(client, centre, "saal")
    assert f'href="{centre.url}rooms/saal/calendar.ics"' in html
    assert f'href="{centre.url}rooms/saal/availability.json"' in html


def test_past_days_show_their_use_but_no_free_time(client, centre, monkeypatch):
    room = make_room(centre, "Saal")
    make_use(room, "Chorprobe", weekdays=(1,), starts_on=dt.date(2027, 4, 1))
    set_now(monkeypatch, at(dt.date(2027, 4, 15), "12:00"))  # a Thursday

    html = timetable(client, centre, "saal", start="2027-04-12")

    assert [state for state, *_ in slots(html, dt.date(2027, 4, 13))] == ["busy"]
    assert slots(html, dt.date(2027, 4, 14)) == []
    assert [state for state, *_ in slots(html, dt.date(2027, 4, 15))] == ["free"]
