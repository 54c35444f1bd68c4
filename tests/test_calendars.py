"""The centre's programme (…/calendar/) by week, month and list, the dates on
offer and consultation-hour pages, and what the centre page says about its
opening hours.

Residents read these in local time: a weekly 18:00 is 18:00 in the week the
clocks change, a cancelled date says why, and a group that wants privacy shows
as "busy" only. Everything is read from the occurrence store.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext, pgettext

from tests import factories
from tests.calendar_helpers import (
    TEST_TODAY,
    at,
    consultation_schedule,
    labelled_section,
    make_consultation_hour,
    make_offer,
    make_room,
    make_use,
    schedule,
    set_now,
    set_opening_hours,
    text,
)
from tests.reading import json_ld, page_html
from wagtail_stadtteil.centres.models import CentreClosure, CentreSpecialOpeningHours
from wagtail_stadtteil.centres.views import centre_occurrences
from wagtail_stadtteil.schedules.dates import local_today
from wagtail_stadtteil.schedules.holidays import public_holidays

pytestmark = pytest.mark.django_db

CSS = (
    Path(__file__).resolve().parent.parent
    / "wagtail_stadtteil/centres/static/wagtail_stadtteil/css/stadtteil.css"
)


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


@pytest.fixture(autouse=True)
def calendar_clock(monkeypatch):
    set_now(monkeypatch, at(TEST_TODAY, "09:00"))


def calendar_html(client, centre, **params):
    response = client.get(centre.url + "calendar/", params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def day_section(html, day):
    return labelled_section(html, f"day-{day:%Y-%m-%d}")


def times(html):
    """The machine-readable start and end times of the entries, in order."""
    return re.findall(r'<time datetime="(\d{4}-\d\d-\d\dT[^"]+)">([^<]+)</time>', html)


def next_weekday(weekday, weeks=0):
    """The next ``weekday`` after the real today (0 = Monday), ``weeks`` later,
    that is no public holiday in Lower Saxony (the example site's state): the
    "next dates" of a page go by the real clock."""
    day = local_today() + dt.timedelta(days=1)
    day += dt.timedelta(days=(weekday - day.weekday()) % 7 + 7 * weeks)
    while public_holidays("NI", day, day):
        day += dt.timedelta(weeks=1)
    return day


# Local time across the DST changes ------------------------------------------------


@pytest.mark.parametrize(
    ("sunday", "before", "after"),
    [
        # 28 March 2027: clocks go forward; Tuesday is winter time, Sunday summer time.
        (dt.date(2027, 3, 28), "+01:00", "+02:00"),
        # 31 October 2027: clocks go back.
        (dt.date(2027, 10, 31), "+02:00", "+01:00"),
    ],
)
def test_a_weekly_1800_shows_as_1800_in_the_week_the_clocks_change(
    client, centre, section, sunday, before, after
):
    tuesday = sunday - dt.timedelta(days=5)
    make_offer(
        section,
        "Elterncafé",
        schedules=[
            schedule(
                weekdays=(1, 6), starts_on=tuesday - dt.timedelta(weeks=2), pauses_on_closures=False
            )
        ],
    )

    html = calendar_html(client, centre, start=sunday.isoformat())

    assert times(day_section(html, tuesday)) == [
        (f"{tuesday}T18:00:00{before}", "18:00"),
        (f"{tuesday}T20:00:00{before}", "20:00"),
    ]
    assert times(day_section(html, sunday)) == [
        (f"{sunday}T18:00:00{after}", "18:00"),
        (f"{sunday}T20:00:00{after}", "20:00"),
    ]


def test_the_week_view_shows_monday_to_sunday_as_headed_days(client, centre):
    html = calendar_html(client, centre, start="2027-03-25")

    headings = re.findall(r'<h3 id="day-([\d-]+)"><time datetime="([\d-]+)">([^<]+)</time>', html)
    assert [(anchor, value) for anchor, value, _label in headings] == [
        (f"2027-03-{day}", f"2027-03-{day}") for day in range(22, 29)
    ]
    # German day headings, from Django's own German formats.
    assert headings[0][2] == "Montag, 22. März 2027"
    assert headings[6][2] == "Sonntag, 28. März 2027"


def test_the_month_view_lists_every_date_of_the_month_in_local_time(client, centre, section):
    make_offer(
        section,
        "Chor",
        schedules=[
            schedule(
                weekdays=(1,),
                start="19:30",
                end="21:00",
                starts_on=dt.date(2027, 9, 1),
                pauses_on_closures=False,
            )
        ],
    )

    html = calendar_html(client, centre, view="month", start="2027-10-17")

    assert 'class="stadtteil stadtteil--calendar stadtteil--calendar-month"' in html
    assert '<time datetime="2027-10">Oktober 2027</time>' in html
    starts = [value for value, label in times(html) if label == "19:30"]
    assert starts == [
        "2027-10-05T19:30:00+02:00",
        "2027-10-12T19:30:00+02:00",
        "2027-10-19T19:30:00+02:00",
        "2027-10-26T19:30:00+02:00",
    ]
    # Days without anything on them are left out of the printed programme.
    assert 'id="day-2027-10-06"' not in html


def test_the_monthly_programme_prints_on_a4(client, centre):
    html = calendar_html(client, centre, view="month")
    assert "wagtail_stadtteil/css/stadtteil.css" in html
    css = CSS.read_text()
    assert "@page { size: A4;" in css
    print_rules = css[css.index("@media print") :]
    assert ".stadtteil-calendar__nav" in print_rules
    assert ".stadtteil--calendar-month .stadtteil-calendar { columns: 2;" in print_rules


def test_the_list_view_shows_30_days_from_start(client, centre, section):
    make_offer(
        section,
        "Lauftreff",
        schedules=[
            schedule(
                weekdays=(0, 1, 2, 3, 4, 5, 6),
                start="07:00",
                end="08:00",
                starts_on=dt.date(2027, 5, 1),
                pauses_on_closures=False,
            )
        ],
    )

    html = calendar_html(client, centre, view="list", start="2027-05-10")

    days = re.findall(r'<h3 id="day-([\d-]+)"', html)
    assert days[0] == "2027-05-10"
    assert days[-1] == "2027-06-08"
    assert len(days) == 30


def test_start_selects_the_week_and_the_links_lead_to_the_weeks_around_it(client, centre):
    html = calendar_html(client, centre, start="2027-03-25")
    url = centre.url + "calendar/"

    assert f'href="{url}?view=week&amp;start=2027-03-15" rel="prev nofollow"' in html
    assert f'href="{url}?view=week&amp;start=2027-03-29" rel="next nofollow"' in html
    assert f'href="{url}?view=week"' in html  # today
    assert f'href="{url}?view=month&amp;start=2027-03-25"' in html


def test_month_links_lead_to_the_months_around_it(client, centre):
    html = calendar_html(client, centre, view="month", start="2027-01-31")
    url = centre.url + "calendar/"
    assert f'href="{url}?view=month&amp;start=2026-12-01" rel="prev nofollow"' in html
    assert f'href="{url}?view=month&amp;start=2027-02-01" rel="next nofollow"' in html


def test_without_start_the_calendar_shows_the_current_week(client, centre, monkeypatch):
    set_now(monkeypatch, at(dt.date(2027, 4, 7), "12:00"))  # a Wednesday

    html = calendar_html(client, centre)

    days = re.findall(r'<h3 id="day-([\d-]+)"', html)
    assert days == [f"2027-04-{day:02d}" for day in range(5, 12)]
    assert 'aria-labelledby="day-2027-04-07"' in html
    assert 'stadtteil-calendar__day--today" aria-labelledby="day-2027-04-07"' in html


# What residents read ------------------------------------------------------------


def test_a_cancelled_date_says_it_is_cancelled_and_why(client, centre, section):
    room = make_room(centre, "Saal")
    offer = make_offer(
        section,
        "Elterncafé",
        schedules=[schedule(weekdays=(1,), starts_on=dt.date(2027, 4, 1), room=room)],
        changes=[
            {"original_date": dt.date(2027, 4, 13), "action": "cancel", "reason": "Krankheit"}
        ],
    )

    html = calendar_html(client, centre, start="2027-04-13")

    entry = text(day_section(html, dt.date(2027, 4, 13)))
    assert f"{pgettext('calendar entry', 'cancelled')}: Krankheit" in entry
    assert "18:00–20:00 Elterncafé" in entry
    assert f'<a href="{offer.url}">Elterncafé</a>' in html
    assert "stadtteil-calendar__entry--cancelled" in html


def test_a_moved_date_shows_on_its_new_day_with_the_reason(client, centre, section):
    make_offer(
        section,
        "Elterncafé",
        schedules=[schedule(weekdays=(1,), starts_on=dt.date(2027, 4, 1))],
        changes=[
            {
                "original_date": dt.date(2027, 4, 13),
                "action": "move",
                "reason": "Saal belegt",
                "new_date": dt.date(2027, 4, 15),
                "new_start_time": dt.time(17, 0),
                "new_end_time": dt.time(19, 0),
            }
        ],
    )

    html = calendar_html(client, centre, start="2027-04-13")

    assert "Elterncafé" not in day_section(html, dt.date(2027, 4, 13))
    thursday = day_section(html, dt.date(2027, 4, 15))
    assert times(thursday)[0] == ("2027-04-15T17:00:00+02:00", "17:00")
    assert f"{pgettext('calendar entry', 'moved')}: Saal belegt" in text(thursday)
    assert "13. April 2027" in text(thursday)  # where it was


def test_a_private_room_use_shows_as_busy_without_its_title(client, centre):
    room = make_room(centre, "Beratungsraum")
    make_use(
        room, "Selbsthilfegruppe Sucht", weekdays=(2,), public=False, starts_on=dt.date(2027, 4, 1)
    )
    make_use(room, "Chorprobe", weekdays=(3,), starts_on=dt.date(2027, 4, 1))

    html = calendar_html(client, centre, start="2027-04-14")

    assert "Selbsthilfegruppe" not in html
    wednesday = text(day_section(html, dt.date(2027, 4, 14)))
    assert f"18:00–20:00 {pgettext('room occupied, no details', 'busy')}" in wednesday
    assert "Beratungsraum" in wednesday
    assert "Chorprobe" in text(day_section(html, dt.date(2027, 4, 15)))


def test_a_cancelled_private_use_is_not_shown_at_all(client, centre):
    room = make_room(centre, "Beratungsraum")
    make_use(
        room,
        "Selbsthilfegruppe",
        weekdays=(2,),
        public=False,
        starts_on=dt.date(2027, 4, 1),
        changes=[{"original_date": dt.date(2027, 4, 14), "action": "cancel", "reason": "Urlaub"}],
    )

    html = calendar_html(client, centre, start="2027-04-14")

    assert "Urlaub" not in html
    assert "stadtteil-calendar__entry" not in day_section(html, dt.date(2027, 4, 14))


def test_the_calendar_shows_opening_hours_per_day_and_why_the_house_is_closed(client, centre):
    set_opening_hours(
        centre,
        {4: [("09:00", "13:00"), ("14:00", "18:00")]},
        first=dt.date(2027, 3, 1),
    )

    html = calendar_html(client, centre, start="2027-03-19")

    friday = text(day_section(html, dt.date(2027, 3, 19)))
    assert "09:00–13:00, 14:00–18:00" in friday
    next_week = calendar_html(client, centre, start="2027-03-26")
    good_friday = text(day_section(next_week, dt.date(2027, 3, 26)))
    assert "Karfreitag" in good_friday
    assert "09:00" not in good_friday
    # Opening hours are a line, not an entry of the programme.
    assert "stadtteil-calendar__entry" not in day_section(html, dt.date(2027, 3, 19))


def test_entries_link_to_their_page_and_room(client, centre, section):
    room = make_room(centre, "Gruppenraum 1")
    hour = make_consultation_hour(
        section,
        "Rentenberatung",
        schedules=[
            consultation_schedule(
                weekdays=(3,), start="10:00", end="12:00", starts_on=dt.date(2027, 4, 1), room=room
            )
        ],
        access="open",
    )

    html = calendar_html(client, centre, start="2027-04-15")

    thursday = day_section(html, dt.date(2027, 4, 15))
    assert f'<a href="{hour.url}">Rentenberatung</a>' in thursday
    assert f'<a href="{centre.url}rooms/gruppenraum-1/">Gruppenraum 1</a>' in thursday


def test_dates_beyond_the_published_horizon_are_announced(client, centre, monkeypatch):
    set_now(monkeypatch, at(dt.date(2027, 4, 7), "12:00"))
    html = calendar_html(client, centre, view="month", start="2029-01-01")
    assert "stadtteil-note" in html


# Bad parameters ------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"start": "garbage"},
        {"start": "99999-01-01"},
        {"start": "2027-02-30"},
        {"start": "1900-01-01"},
        {"start": "2200-01-01"},
        {"start": "2027-04-01T10:00"},
        {"view": "unknown"},
        {"view": "<script>"},
        {"view": "month", "start": "0001-01-01"},
    ],
)
def test_bad_parameters_give_a_friendly_400_never_a_500(client, centre, params):
    response = client.get(centre.url + "calendar/", params)

    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="stadtteil-errors" role="alert"' in html
    assert f'href="{centre.url}calendar/"' in html
    assert "<script>" not in html.split("</head>")[1]


# Efficiency ----------------------------------------------------------------------


def week_queries(client, centre):
    client.get(centre.url + "calendar/", {"start": "2027-04-12"})  # warm caches: sites, types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(centre.url + "calendar/", {"start": "2027-04-12"})
    assert response.status_code == 200
    return len(queries)


def add_programme(centre, parent, count, offset=0):
    for n in range(offset, offset + count):
        room = make_room(centre, f"Raum {n}")
        make_offer(
            parent,
            f"Angebot {n}",
            schedules=[schedule(weekdays=(n % 7,), starts_on=dt.date(2027, 4, 1), room=room)],
        )
        make_use(
            room,
            f"Gruppe {n}",
            weekdays=((n + 1) % 7,),
            public=bool(n % 2),
            starts_on=dt.date(2027, 4, 1),
        )


def test_a_week_calendar_needs_the_same_number_of_queries_for_2_and_20_schedules(
    client, centre, section
):
    add_programme(centre, section, 1)  # 2 schedules: an offer and a room use
    small = week_queries(client, centre)
    add_programme(centre, section, 9, offset=1)  # 20 schedules
    html = calendar_html(client, centre, start="2027-04-12")
    assert html.count('<li class="stadtteil-calendar__entry') == 20

    assert week_queries(client, centre) == small


# Offer and consultation-hour pages --------------------------------------------------


def test_an_offer_page_shows_its_next_dates_with_room_and_cancellation(client, centre, section):
    room = make_room(centre, "Saal")
    first, second = next_weekday(1), next_weekday(1, weeks=1)
    offer = make_offer(
        section,
        "Elterncafé",
        schedules=[schedule(weekdays=(1,), room=room)],
        changes=[{"original_date": second, "action": "cancel", "reason": "Krankheit"}],
    )

    html = page_html(client, offer)

    dates = labelled_section(html, "dates-heading")
    items = re.findall(r'<li class="stadtteil-dates__item[^"]*">(.*?)</li>', dates, re.S)
    assert f'<time datetime="{first}T18:00:00' in items[0]
    assert f"{gettext('Room')}: Saal" in text(items[0])
    assert f'<time datetime="{second}' in items[1]
    assert f"{pgettext('calendar entry', 'cancelled')}: Krankheit" in text(items[1])
    assert f'href="{offer.url}calendar.ics"' in dates
    assert gettext("Subscribe to the dates (iCal)") in text(dates)


def test_a_consultation_hour_page_shows_its_next_dates(client, centre, section):
    tuesday = next_weekday(1)
    hour = make_consultation_hour(
        section,
        "Bürgersprechstunde",
        schedules=[consultation_schedule(weekdays=(1,), start="09:00", end="12:00")],
        access="open",
    )

    dates = labelled_section(page_html(client, hour), "dates-heading")

    assert f'<time datetime="{tuesday}T09:00:00' in dates
    assert f'href="{hour.url}calendar.ics"' in dates


def test_an_offer_page_carries_schema_org_events_for_its_next_dates(client, centre, section):
    provider = factories.make_partner("Kinderschutzbund Laatzen", website="https://ksb.example")
    first, second = next_weekday(3), next_weekday(3, weeks=1)
    offer = make_offer(
        section,
        "Spielgruppe",
        schedules=[schedule(weekdays=(3,), start="10:00", end="11:30")],
        changes=[{"original_date": second, "action": "cancel", "reason": "Krankheit"}],
        provider=provider,
        intro="Für Eltern mit Kindern unter drei Jahren.",
    )

    data = json_ld(page_html(client, offer))

    events = data["@graph"]
    assert data["@context"] == "https://schema.org"
    assert events[0]["@type"] == "Event"
    assert events[0]["name"] == "Spielgruppe"
    assert events[0]["startDate"].startswith(f"{first}T10:00:00+0")
    assert events[0]["endDate"].startswith(f"{first}T11:30:00+0")
    assert events[0]["eventStatus"] == "https://schema.org/EventScheduled"
    assert events[1]["eventStatus"] == "https://schema.org/EventCancelled"
    assert events[0]["location"]["address"]["streetAddress"] == "Marktplatz 1"
    assert events[0]["organizer"] == {
        "@type": "Organization",
        "name": "Kinderschutzbund Laatzen",
        "url": "https://ksb.example",
    }
    assert events[0]["isAccessibleForFree"] is True


def test_a_moved_date_is_a_rescheduled_event(client, centre, section):
    day = next_weekday(3)
    offer = make_offer(
        section,
        "Spielgruppe",
        schedules=[schedule(weekdays=(3,), start="10:00", end="11:30")],
        changes=[
            {
                "original_date": day,
                "action": "move",
                "reason": "Raumtausch",
                "new_start_time": dt.time(14, 0),
                "new_end_time": dt.time(15, 30),
            }
        ],
        cost="amount",
        cost_amount="3.50",
    )

    event = json_ld(page_html(client, offer))["@graph"][0]

    assert event["eventStatus"] == "https://schema.org/EventRescheduled"
    assert event["startDate"].startswith(f"{day}T14:00:00+0")
    assert event["previousStartDate"] == day.isoformat()
    assert event["isAccessibleForFree"] is False
    assert event["offers"]["price"] == "3.50"


def test_an_offer_without_dates_says_so_and_has_no_event_data(client, centre, section):
    offer = make_offer(section, "Neues Angebot")
    html = page_html(client, offer)
    assert gettext("No dates are planned at the moment.") in text(
        labelled_section(html, "dates-heading")
    )
    assert "application/ld+json" not in html


# The centre page -------------------------------------------------------------------

WEEK = {
    0: [("09:00", "13:00"), ("14:00", "18:00")],
    1: [("09:00", "18:00")],
    2: [("09:00", "18:00")],
    3: [("09:00", "18:00")],
    4: [("09:00", "13:00")],
}


@pytest.mark.parametrize(
    ("now", "msgid", "values"),
    [
        # Monday 29 March 2027 is Easter Monday: closed, opens Tuesday.
        (
            at(dt.date(2027, 3, 29), "10:00"),
            "Closed now. Opens tomorrow at %(time)s",
            {"time": "09:00"},
        ),
        (at(dt.date(2027, 4, 12), "10:00"), "Open now until %(time)s", {"time": "13:00"}),
        (
            at(dt.date(2027, 4, 12), "13:30"),
            "Closed now. Opens today at %(time)s",
            {"time": "14:00"},
        ),
        (at(dt.date(2027, 4, 12), "14:00"), "Open now until %(time)s", {"time": "18:00"}),
        (
            at(dt.date(2027, 4, 16), "13:00"),
            "Closed now. Opens on %(day)s at %(time)s",
            {"day": "Montag", "time": "09:00"},
        ),
    ],
)
def test_the_centre_page_says_whether_it_is_open_now_and_when_it_opens(
    client, centre, monkeypatch, now, msgid, values
):
    centre = set_opening_hours(centre, WEEK, first=dt.date(2027, 3, 29))
    set_now(monkeypatch, now)

    hours = text(labelled_section(page_html(client, centre), "hours-heading"))

    assert gettext(msgid) % values in hours


def test_the_centre_page_shows_its_week_of_opening_hours_and_what_changes_soon(
    client, centre, monkeypatch
):
    centre.special_opening_hours.set(
        [
            CentreSpecialOpeningHours(
                date=dt.date(2027, 12, 24), opens=dt.time(9), closes=dt.time(12), note="Heiligabend"
            )
        ]
    )
    centre.closures.set(
        [
            CentreClosure(
                starts_on=dt.date(2027, 7, 5), ends_on=dt.date(2027, 7, 30), reason="Sommerpause"
            ),
            CentreClosure(
                starts_on=dt.date(2027, 1, 4), ends_on=dt.date(2027, 1, 8), reason="Vorbei"
            ),
        ]
    )
    centre = set_opening_hours(centre, WEEK, first=dt.date(2027, 3, 29))
    set_now(monkeypatch, at(dt.date(2027, 4, 12), "10:00"))

    hours = labelled_section(page_html(client, centre), "hours-heading")

    rows = re.findall(r'<th scope="row">(\w+)</th>\s*<td>(.*?)</td>', hours, re.S)
    assert [(day, text(cell)) for day, cell in rows] == [
        ("Montag", "09:00–13:00, 14:00–18:00"),
        ("Dienstag", "09:00–18:00"),
        ("Mittwoch", "09:00–18:00"),
        ("Donnerstag", "09:00–18:00"),
        ("Freitag", "09:00–13:00"),
        ("Samstag", gettext("closed")),
        ("Sonntag", gettext("closed")),
    ]
    assert '<th scope="col">' in hours
    assert "Sommerpause" in text(hours)
    assert "Vorbei" not in text(hours)
    assert "Heiligabend" in text(hours)
    assert "24. Dezember 2027" in text(hours)


def test_the_centre_page_links_its_calendar_and_each_room(client, centre):
    make_room(centre, "Saal", capacity=80, step_free=True)
    make_room(centre, "Keller", capacity=12, step_free=False)

    html = page_html(client, centre)

    programme = labelled_section(html, "programme-heading")
    assert f'href="{centre.url}calendar/"' in programme
    assert f'href="{centre.url}calendar.ics"' in programme
    rooms = labelled_section(html, "rooms-heading")
    assert f'<a href="{centre.url}rooms/saal/">Saal</a>' in rooms
    assert f'<a href="{centre.url}rooms/keller/">Keller</a>' in rooms
    assert gettext("step-free") in text(rooms)
    assert gettext("not step-free") in text(rooms)
    assert "80" in text(rooms)


def test_the_calendar_of_a_translated_centre_reads_the_dates_of_its_group(centre, section):
    english = factories.make_locale("en")
    factories.translate_tree_root(english)
    make_offer(
        section, "Elterncafé", schedules=[schedule(weekdays=(1,), starts_on=dt.date(2027, 4, 1))]
    )
    translated = centre.copy_for_translation(english)
    translated.save_revision().publish()

    start, end = at(dt.date(2027, 4, 12)), at(dt.date(2027, 4, 19))
    assert [o.title for o in centre_occurrences(translated, start, end)] == ["Elterncafé"]
