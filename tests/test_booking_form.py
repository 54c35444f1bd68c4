"""The public booking form (…/rooms/<room-slug>/book/): residents choose a free
time, see what the room costs them, learn at once which rule their request
breaks and where to change it, and get a reference number. Runs on the real
clock with dates ahead (``tests.booking_helpers``)."""

import datetime as dt
import html
import re
import time

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Site

from tests.booking_helpers import (
    bookable_room,
    open_centre,
    request_room,
    requester,
    slot,
    workday,
)
from tests.calendar_helpers import make_room, text
from wagtail_stadtteil.booking import fees, rules, services, spam
from wagtail_stadtteil.booking.models import BookingRequest, Notification, RoomFee
from wagtail_stadtteil.booking.tokens import read_token
from wagtail_stadtteil.core.models import StadtteilSiteSettings
from wagtail_stadtteil.schedules.dates import local_today
from wagtail_stadtteil.schedules.holidays import public_holidays

pytestmark = pytest.mark.django_db


# Helpers (the spam and fuzz tests use them too) ---------------------------------------


def booking_settings(**values):
    """``WAGTAIL_STADTTEIL["BOOKING"]`` with ``values``, the site's other settings kept."""
    configured = dict(getattr(settings, "WAGTAIL_STADTTEIL", {}))
    configured["BOOKING"] = {**configured.get("BOOKING", {}), **values}
    return override_settings(WAGTAIL_STADTTEIL=configured)


def de(message):
    """``message`` as a German resident reads it (the test site speaks German)."""
    with translation.override("de"):
        return gettext(message)


def form_url(room):
    return f"{room.centre.url}rooms/{room.slug}/book/"


def answers(day, **fields):
    """What a resident fills in, on a form they opened a minute ago."""
    values = {
        "date": day.isoformat(),
        "start_time": "18:00",
        "end_time": "20:00",
        "repeat": "",
        "purpose": "Vereinssitzung",
        "attendees": "12",
        "requester_kind": "nonprofit",
        "organisation": "Nachbarschaftsverein Laatzen-Mitte",
        "contact_name": "Ayşe Demir",
        "email": "ayse@example.org",
        "phone": "0511 123456",
        "message": "",
        "consent": "on",
        "subject": "",
        "started": spam.fill_token(time.time() - 60),
    }
    values.update(fields)
    return {name: value for name, value in values.items() if value is not None}


def send(client, room, day, **fields):
    return client.post(form_url(room), answers(day, **fields))


def page_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def field_errors(page, name):
    """The errors a person reads under the field ``name``."""
    found = re.search(
        rf'<ul class="stadtteil-field-error" id="id_{name}_error">(.*?)</ul>', page, re.S
    )
    return html.unescape(text(found.group(1))) if found else ""


def error_summary(page):
    found = re.search(r'<div class="stadtteil-errors" id="booking-errors".*?</div>', page, re.S)
    return html.unescape(text(found.group(0))) if found else ""


def input_value(page, name):
    found = re.search(rf'<input [^>]*name="{name}"[^>]*>', page)
    assert found, f"no input {name}"
    value = re.search(r'value="([^"]*)"', found.group(0))
    return html.unescape(value.group(1)) if value else ""


def series_workday(weeks, weekday=1):
    """A weekday from which ``weeks`` weekly dates are all working days."""
    day = workday(weekday=weekday)
    while not all(is_workday(day + dt.timedelta(weeks=n)) for n in range(weeks)):
        day += dt.timedelta(weeks=1)
    return day


def is_workday(day):
    return day.weekday() < 5 and day not in public_holidays("NI", day, day)


def last_sunday_of_march():
    """The next spring DST change (02:00 → 03:00 in Germany)."""
    year = local_today().year
    while True:
        day = dt.date(year, 3, 31)
        day -= dt.timedelta(days=(day.weekday() + 1) % 7)
        if day > local_today():
            return day
        year += 1


def saved():
    return BookingRequest.objects.count()


@pytest.fixture
def room(centre):
    return bookable_room(open_centre(centre), slug="gruppenraum-1")


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


# Requesting a free time ------------------------------------------------------------


def test_a_resident_requests_a_free_slot_and_gets_a_reference_number(
    client, room, mailoutbox, django_capture_on_commit_callbacks
):
    day = workday()
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, room, day)

    booking = BookingRequest.objects.get()
    assert response.status_code == 302
    # The thank-you is the request's own page behind its signed link.
    # (Compared by what the token says: it carries the second it was signed in.)
    location = response["Location"]
    assert location.startswith("/stadtteil/booking/") and location.endswith("/?new=1")
    assert read_token(location.split("/")[-2]) == booking.reference
    assert booking.status == BookingRequest.Status.REQUESTED
    assert (booking.purpose, booking.attendees, booking.email) == (
        "Vereinssitzung",
        12,
        "ayse@example.org",
    )
    assert booking.consent_at is not None and booking.language == "de"
    assert [(d.start, d.end) for d in booking.dates.all()] == [(slot(day).start, slot(day).end)]
    assert booking.fee == 0

    thanks = text(page_of(client.get(response["Location"])))
    assert booking.reference in thanks
    assert de("Thank you for your request") in thanks
    assert str(BookingRequest.Status.REQUESTED.label) in thanks
    assert f"{day:%d}".lstrip("0") in thanks and "18:00" in thanks
    assert booking.fee_note in thanks
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "ayse@example.org",
        "stadthaus@laatzen.example",
    ]
    assert set(booking.notifications.values_list("kind", flat=True)) == {
        Notification.Kind.RECEIPT,
        Notification.Kind.NEW_REQUEST,
    }


def test_a_room_that_confirms_instantly_says_the_booking_is_confirmed(client, centre):
    room = bookable_room(open_centre(centre), confirms_instantly=True)
    response = send(client, room, workday())
    booking = BookingRequest.objects.get()
    assert booking.status == BookingRequest.Status.CONFIRMED
    thanks = text(page_of(client.get(response["Location"])))
    assert de("The room is booked for you: your booking is confirmed.") in thanks


def test_the_thank_you_page_cannot_be_reached_by_guessing_a_reference(client, room):
    send(client, room, workday())
    booking = BookingRequest.objects.get()
    response = client.get(f"/stadtteil/booking/{booking.reference}/?new=1")
    assert response.status_code == 400
    assert booking.reference not in response.content.decode()


def test_a_link_with_date_and_times_fills_in_the_form(client, room):
    day = workday()
    page = page_of(
        client.get(
            form_url(room), {"date": day.isoformat(), "start_time": "18:00", "end_time": "20:30"}
        )
    )
    assert input_value(page, "date") == day.isoformat()
    assert (input_value(page, "start_time"), input_value(page, "end_time")) == ("18:00", "20:30")
    # The free times shown are those of that week.
    assert f'id="day-{day.isoformat()}"' in page


@pytest.mark.parametrize(
    "query",
    [
        {"date": "2026-02-30", "start_time": "25:00", "end_time": "noon"},
        {"date": "0000-00-00", "start_time": "18:00\x00", "end_time": "-1"},
        {"date": "99999-01-01", "start_time": "<script>", "end_time": "x" * 5000},
        {"date": "9999-12-31", "week": "garbage"},
        {"date": ["x", "2026-13-01"], "week": "0001-01-01"},
    ],
)
def test_nonsense_in_the_link_is_ignored(client, room, query):
    page = page_of(client.get(form_url(room), query))
    assert input_value(page, "date") == ""
    assert "<script>" not in page


def test_a_free_slot_in_the_room_timetable_opens_the_form_filled_in(client, room):
    day = workday()
    timetable = page_of(
        client.get(f"{room.centre.url}rooms/{room.slug}/", {"start": day.isoformat()})
    )
    links = re.findall(r'href="([^"]*/rooms/gruppenraum-1/book/\?[^"]*)"', timetable)
    [link] = [html.unescape(link) for link in links if f"date={day.isoformat()}" in link]
    # Monday to Friday 09:00–21:00 free; the longest booking is four hours.
    assert "start_time=09%3A00" in link and "end_time=13%3A00" in link

    page = page_of(client.get(link))
    assert input_value(page, "date") == day.isoformat()
    assert (input_value(page, "start_time"), input_value(page, "end_time")) == ("09:00", "13:00")
    assert send(client, room, day, start_time="09:00", end_time="13:00").status_code == 302


def test_free_time_links_keep_the_rooms_bookable_hours(client, centre):
    room = bookable_room(open_centre(centre), bookable_from=dt.time(17, 0))
    day = workday()
    page = page_of(client.get(form_url(room), {"week": day.isoformat()}))
    [link] = re.findall(rf'data-date="{day.isoformat()}"[^>]*>', page)
    assert 'data-start-time="17:00" data-end-time="21:00"' in link


def test_free_times_too_soon_for_the_rooms_notice_have_no_link(client, centre):
    room = bookable_room(open_centre(centre), min_notice_hours=24 * 30)
    page = page_of(client.get(form_url(room), {"week": local_today().isoformat()}))
    assert "data-stadtteil-slot" not in page


def test_a_room_that_cannot_be_requested_online_names_the_centres_contact(client, centre):
    room = make_room(centre, "Büro der Leitung", slug="buero", publicly_bookable=False)
    page = page_of(client.get(form_url(room)))
    assert 'id="booking-form"' not in page
    assert "Dieser Raum kann nicht online angefragt werden" in text(page)
    assert "0511 8205-1234" in page and "stadthaus@laatzen.example" in page

    client.post(form_url(room), answers(workday()))
    assert saved() == 0


def test_an_unknown_room_has_no_form(client, centre):
    assert client.get(f"{centre.url}rooms/no-such-room/book/").status_code == 404


def test_the_centre_lists_the_rooms_residents_may_request(client, centre):
    bookable_room(centre, "Saal", slug="saal", capacity=80)
    bookable_room(centre, "Gruppenraum", slug="gruppenraum")
    make_room(centre, "Büro", slug="buero")
    page = page_of(client.get(f"{centre.url}book/"))
    forms = re.findall(r'href="([^"]*/rooms/[^"]*/book/)"', page)
    assert forms == [f"{centre.url}rooms/gruppenraum/book/", f"{centre.url}rooms/saal/book/"]
    assert "Büro" not in text(page)
    assert "80" in text(page)


def test_the_form_page_shows_the_rooms_facts_and_rules(client, centre):
    room = bookable_room(
        centre,
        "Saal",
        capacity=80,
        area_m2="120.5",
        step_free=True,
        equipment=["projector"],
        buffer_before=15,
        buffer_after=30,
    )
    aside = text(page_of(client.get(form_url(room))).split('<aside class="stadtteil__aside"')[1])
    assert "bis zu 80 Personen" in aside and "120,5 m²" in aside
    assert de("%(shortest)s to %(longest)s minutes") % {"shortest": 60, "longest": 240} in aside
    assert "15 Minuten vor und 30 Minuten nach jeder Nutzung" in aside
    assert "mindestens 48 Stunden vorher" in aside


# Rules, shown where to change them --------------------------------------------------


def expected_problem(room, day, code, start="18:00", end="20:00", **check):
    problems = rules.check_request(room, [slot(day, start, end)], **check)
    [problem] = [problem for problem in problems if problem.code == code]
    return problem


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"attendees": "25"}, "attendees", "capacity"),
        ({"start_time": "09:00", "end_time": "14:00"}, "end_time", "too_long"),
        ({"start_time": "18:10", "end_time": "19:40"}, "start_time", "start_grid"),
        ({"start_time": "20:00", "end_time": "22:00"}, "start_time", "opening_hours"),
        ({"requester_kind": "private"}, "requester_kind", "kind_not_allowed"),
        ({"requester_kind": "volunteer"}, "volunteer_confirmed", "volunteer_unconfirmed"),
    ],
    ids=["too-many-people", "too-long", "off-the-grid", "after-closing", "kind", "volunteer"],
)
def test_each_broken_rule_is_shown_next_to_the_field_to_change(client, room, fields, field, code):
    day = workday()
    page = page_of(send(client, room, day, **fields))
    problem = expected_problem(
        room,
        day,
        code,
        fields.get("start_time", "18:00"),
        fields.get("end_time", "20:00"),
        attendees=int(fields.get("attendees", 12)),
        requester_kind=fields.get("requester_kind", "nonprofit"),
        volunteer_confirmed=False,
    )
    assert problem.field == field
    assert problem.message in field_errors(page, field)
    assert problem.message in error_summary(page)
    assert f'href="#id_{field}"' in page
    assert 'aria-invalid="true"' in re.search(rf'<[^>]* id="id_{field}"[^>]*>', page).group(0)
    assert saved() == 0


def test_a_date_too_soon_for_the_rooms_notice_is_shown_at_the_date(client, room):
    page = page_of(send(client, room, local_today() + dt.timedelta(days=1)))
    assert "48" in field_errors(page, "date")
    assert saved() == 0


def test_a_taken_time_is_shown_at_the_start_time(client, room):
    day = workday()
    services.confirm(request_room(room, slot(day, "17:00", "19:00"), email="chor@example.org"))
    page = page_of(send(client, room, day))
    assert "17:00" in field_errors(page, "start_time") and "19:00" in field_errors(
        page, "start_time"
    )
    assert saved() == 1


def test_an_end_before_the_start_is_shown_at_the_end_time(client, room):
    page = page_of(send(client, room, workday(), start_time="20:00", end_time="18:00"))
    assert "Das Ende muss nach dem Beginn liegen" in field_errors(page, "end_time")


def test_a_time_the_clocks_skip_is_named(client, centre):
    room = bookable_room(open_centre(centre), outside_opening_hours=True, max_advance_days=800)
    day = last_sunday_of_march()
    page = page_of(send(client, room, day, start_time="02:30", end_time="04:00"))
    assert "02:30" in field_errors(page, "start_time")
    assert saved() == 0


@pytest.mark.parametrize("value", ["2026-02-30", "0000-00-00", "99999-01-01", "9999-12-31"])
def test_a_date_that_does_not_exist_or_is_out_of_reach_is_shown_at_the_date(client, room, value):
    page = page_of(client.post(form_url(room), answers(workday(), date=value)))
    assert field_errors(page, "date")
    assert saved() == 0


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_a_far_date_with_a_broken_time_names_both(client, room, value):
    """Found by the fuzz test: the page then showed the week of year 9999 (a 500)."""
    page = page_of(client.post(form_url(room), answers(workday(), date=value, start_time="25:00")))
    assert de("Choose a date within five years of today.") in field_errors(page, "date")
    assert field_errors(page, "start_time")


def test_the_agreement_is_required(client, room):
    page = page_of(send(client, room, workday(), consent=None))
    assert "Bitte akzeptieren Sie die Hausordnung" in field_errors(page, "consent")
    assert saved() == 0


def test_the_agreement_links_the_house_rules_and_privacy_notice_and_names_the_retention(
    client, room
):
    found = StadtteilSiteSettings.for_site(Site.objects.get(is_default_site=True))
    found.house_rules_url = "https://laatzen.example/hausordnung"
    found.privacy_url = "https://laatzen.example/datenschutz"
    found.save()
    with booking_settings(RETENTION_DAYS=30):
        page = page_of(client.get(form_url(room)))
    label = re.search(r'<label for="id_consent">(.*?)</label>', page, re.S).group(1)
    assert 'href="https://laatzen.example/hausordnung"' in label
    assert 'href="https://laatzen.example/datenschutz"' in label
    assert "Sie werden 30 Tage nach dem Ende Ihrer Buchung" in text(page)
    assert 'aria-describedby="id_consent_helptext"' in page


def test_someone_else_was_faster_and_nothing_is_saved(client, room, monkeypatch):
    """The form's check passed, then another request was confirmed before ours
    was saved: the workflow's second check refuses it, shown as a form error."""
    day = workday()
    submit = services.submit

    def slower(*args, **kwargs):
        faster = submit(
            room, [slot(day)], requester(email="schneller@example.org"), purpose="x", attendees=5
        )
        services.confirm(faster)
        return submit(*args, **kwargs)

    monkeypatch.setattr(services, "submit", slower)
    page = page_of(send(client, room, day))
    assert "18:00" in field_errors(page, "start_time")
    assert not BookingRequest.objects.filter(email="ayse@example.org").exists()


# Series -----------------------------------------------------------------------------


def test_a_weekly_series_lists_a_taken_date_and_requests_the_others_once_it_is_left_out(
    client, room
):
    day = series_workday(4)
    taken = day + dt.timedelta(weeks=2)
    services.confirm(request_room(room, slot(taken), email="chor@example.org"))

    page = page_of(send(client, room, day, repeat="weekly", repeat_count="4"))
    assert saved() == 1
    series = re.search(r'<fieldset [^>]*id="series-dates".*?</fieldset>', page, re.S).group(0)
    assert f'value="{taken.isoformat()}"' in series
    assert re.findall(r'name="drop_dates" value="([^"]+)"', series) == [taken.isoformat()]
    assert "18:00" in text(series)
    assert 'href="#series-dates"' in page

    response = send(
        client, room, day, repeat="weekly", repeat_count="4", drop_dates=[taken.isoformat()]
    )
    assert response.status_code == 302
    booking = BookingRequest.objects.get(email="ayse@example.org")
    assert [d.date for d in booking.dates.all()] == [
        day,
        day + dt.timedelta(weeks=1),
        day + dt.timedelta(weeks=3),
    ]


def test_a_series_every_other_week_until_a_date(client, room):
    day = series_workday(5)
    last = day + dt.timedelta(weeks=4)
    response = send(client, room, day, repeat="fortnightly", repeat_until=last.isoformat())
    assert response.status_code == 302
    booking = BookingRequest.objects.get()
    assert [d.date for d in booking.dates.all()] == [day, day + dt.timedelta(weeks=2), last]


def test_a_series_has_at_most_the_configured_number_of_dates(client, room):
    day = workday()
    with booking_settings(MAX_SERIES_DATES=3):
        page = page_of(send(client, room, day, repeat="weekly", repeat_count="4"))
        assert field_errors(page, "repeat_count")
        page = page_of(
            send(
                client,
                room,
                day,
                repeat="weekly",
                repeat_until=(day + dt.timedelta(weeks=3)).isoformat(),
            )
        )
        assert "höchstens 3 Termine" in field_errors(page, "repeat_until")
    assert saved() == 0


def test_a_series_needs_its_end_and_general_problems_still_block(client, room):
    page = page_of(send(client, room, workday(), repeat="weekly"))
    assert field_errors(page, "repeat_until")
    page = page_of(send(client, room, workday(), repeat="weekly", repeat_count="2", attendees="99"))
    assert field_errors(page, "attendees")
    assert saved() == 0


# Fees -------------------------------------------------------------------------------


def test_the_form_shows_what_the_room_costs_each_kind_of_requester(client, room):
    RoomFee.objects.create(
        room=room,
        requester_kind="commercial",
        hourly_rate="20.00",
        daily_rate="100.00",
        note="zzgl. Reinigungspauschale",
    )
    found = StadtteilSiteSettings.for_site(Site.objects.get(is_default_site=True))
    found.fee_notes = "Richtlinie über die Überlassung städtischer Räumlichkeiten"
    found.save()
    page = page_of(client.get(form_url(room)))
    rows = {
        kind: text(row)
        for kind, row in re.findall(
            r'<tr class="stadtteil-booking__fee stadtteil-booking__fee--(\w+)">(.*?)</tr>',
            page,
            re.S,
        )
    }
    assert "20,00 €" in rows["commercial"] and "100,00 €" in rows["commercial"]
    assert "zzgl. Reinigungspauschale" in rows["commercial"]
    assert gettext("free of charge") in rows["nonprofit"]
    assert de("cannot be requested online") in rows["private"]
    assert "Richtlinie über die Überlassung" in text(page)

    # After a round, the fee for the dates entered.
    day = workday()
    page = page_of(send(client, room, day, requester_kind="commercial", consent=None))
    quote = fees.quote(room, "commercial", [dt.timedelta(hours=2)])
    assert "40,00 €" in quote.explanation
    assert quote.explanation in html.unescape(text(page))


# Safety -------------------------------------------------------------------------------


def test_a_post_without_csrf_token_is_refused(room):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(form_url(room), answers(workday()))
    assert response.status_code == 403
    assert saved() == 0

    page = page_of(browser.get(form_url(room)))
    token = input_value(page, "csrfmiddlewaretoken")
    response = browser.post(form_url(room), {**answers(workday()), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert saved() == 1


def test_what_was_entered_is_shown_again_escaped(client, room):
    hostile = '"><img src=x onerror=alert(1)><script>alert(1)</script>'
    page = page_of(
        send(client, room, workday(), purpose=hostile, contact_name=hostile, consent=None)
    )
    assert hostile not in page
    assert "<script>alert(1)" not in page
    assert input_value(page, "purpose") == hostile


def test_the_centre_page_leads_residents_to_the_rooms_they_may_request(client, centre):
    centre = open_centre(centre)
    hall = bookable_room(centre, "Saal")
    make_room(centre, "Beratungsraum")  # not offered online
    page = client.get(centre.url).content.decode()
    assert f'href="{form_url(hall)}"' in page
    assert f'href="{centre.url}book/"' in page
    assert page.count('class="stadtteil-rooms__book"') == 1


def test_a_centre_without_rooms_to_request_offers_no_booking_link(client, centre):
    make_room(centre, "Beratungsraum")
    page = client.get(centre.url).content.decode()
    assert "book/" not in page
