"""Spam and abuse of the booking form, stopped without third-party captchas:
a field robots fill in, a minimum time to fill in the form, limits per
internet connection and per email address, and a cap on open requests. Each
refusal is a clear message on the form; nothing is saved, no mail is sent."""

import time

import pytest
from django.core.cache import caches
from django.utils import translation

from tests.booking_helpers import bookable_room, open_centre, request_room, slot, workday
from tests.test_booking_form import (
    answers,
    booking_settings,
    de,
    error_summary,
    field_errors,
    form_url,
    input_value,
    page_of,
    send,
)
from wagtail_stadtteil.booking import services, spam
from wagtail_stadtteil.booking.models import BookingRequest, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(centre):
    return bookable_room(open_centre(centre), slug="gruppenraum-1")


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def nothing_saved():
    return not BookingRequest.objects.exists() and not Notification.objects.exists()


def times(n):
    """``n`` different free times of one day, one per request."""
    return [(f"{9 + 2 * i:02d}:00", f"{10 + 2 * i:02d}:00") for i in range(n)]


# The honeypot ---------------------------------------------------------------------------


def test_a_robot_that_fills_in_the_hidden_field_is_refused(client, room):
    page = page_of(send(client, room, workday(), subject="Cheap pills"))
    assert de("Leave this field empty") in error_summary(page)
    assert nothing_saved()
    # Shown again empty: a person whose browser filled it in just sends again.
    assert input_value(page, "subject") == ""
    assert 'tabindex="-1"' in page and 'class="stadtteil-trap"' in page


def test_the_hidden_field_is_labelled_for_people_who_meet_it(client, room):
    page = page_of(client.get(form_url(room)))
    assert f'<label for="id_subject">{de("Leave this field empty")}</label>' in page
    assert 'name="subject" id="id_subject" value="" tabindex="-1" autocomplete="off"' in page


# The minimum fill-in time -------------------------------------------------------------


def test_a_form_sent_faster_than_a_person_can_is_refused(client, room):
    page = page_of(send(client, room, workday(), started=spam.fill_token()))
    assert "sehr schnell nach dem Öffnen abgeschickt" in error_summary(page)
    assert nothing_saved()


def test_a_person_who_was_too_fast_can_send_again_after_a_moment(client, room):
    shown = time.time() - 2
    token = spam.fill_token(shown)
    with booking_settings(MIN_FILL_SECONDS=3):
        page = page_of(send(client, room, workday(), started=token))
        assert "sehr schnell nach dem Öffnen abgeschickt" in error_summary(page)
        # The form keeps the time it was first shown ...
        assert input_value(page, "started") == token
        # ... so a moment later the same form passes.
        assert spam.check_fill_time(token, now=shown + 4) == pytest.approx(shown, abs=0.01)
    assert nothing_saved()


def test_a_changed_or_missing_timestamp_is_refused(client, room):
    genuine = spam.fill_token(time.time() - 60)
    for started in (genuine[:-2] + "xx", "1700000000", "", None):
        page = page_of(send(client, room, workday(), started=started))
        assert "konnte nicht geprüft werden" in error_summary(page)
        # A new genuine timestamp, so the next round can pass.
        assert spam.is_fill_token_genuine(input_value(page, "started"))
    assert nothing_saved()


def test_the_form_shown_carries_a_signed_timestamp(client, room):
    page = page_of(client.get(form_url(room)))
    token = input_value(page, "started")
    assert abs(spam.check_fill_time(token, now=time.time() + 60) - time.time()) < 30


# Rate limits --------------------------------------------------------------------------


def test_requests_from_one_internet_connection_are_limited_per_hour(client, room):
    day = workday()
    with booking_settings(MAX_REQUESTS_PER_IP_PER_HOUR=2):
        for n, (start, end) in enumerate(times(2)):
            response = client.post(
                form_url(room),
                answers(day, start_time=start, end_time=end, email=f"person{n}@example.org"),
                REMOTE_ADDR="203.0.113.7",
            )
            assert response.status_code == 302
        start, end = times(3)[2]
        third = answers(day, start_time=start, end_time=end, email="third@example.org")
        page = page_of(client.post(form_url(room), third, REMOTE_ADDR="203.0.113.7"))
        assert "Von Ihrem Internetanschluss" in error_summary(page)
        assert BookingRequest.objects.count() == 2
        # Another connection is not affected.
        response = client.post(form_url(room), third, REMOTE_ADDR="198.51.100.1")
        assert response.status_code == 302


def test_requests_with_one_email_address_are_limited_per_day(client, room):
    day = workday()
    with booking_settings(MAX_REQUESTS_PER_EMAIL_PER_DAY=2):
        for n, (start, end) in enumerate(times(2)):
            response = client.post(
                form_url(room),
                answers(day, start_time=start, end_time=end, email="Ayse@Example.org"),
                REMOTE_ADDR=f"203.0.113.{n}",
            )
            assert response.status_code == 302
        start, end = times(3)[2]
        page = page_of(
            client.post(
                form_url(room),
                answers(day, start_time=start, end_time=end, email="ayse@example.org"),
                REMOTE_ADDR="203.0.113.99",
            )
        )
        assert "heute schon 2 Anfragen gesendet" in field_errors(page, "email")
        assert BookingRequest.objects.count() == 2


def test_corrections_do_not_count_against_the_limits(client, room):
    day = workday()
    with booking_settings(MAX_REQUESTS_PER_IP_PER_HOUR=1, MAX_REQUESTS_PER_EMAIL_PER_DAY=1):
        for _round in range(3):
            page_of(send(client, room, day, attendees="500"))
        assert send(client, room, day).status_code == 302


def test_the_counters_hold_no_email_or_ip_address_in_plain_text(client, room):
    send(client, room, workday(), email="ayse@example.org")
    keys = [key for key in caches["default"]._cache if "stadtteil:booking" in key]
    assert len(keys) == 2
    assert not any("ayse" in key or "127.0.0.1" in key for key in keys)


# Open requests --------------------------------------------------------------------------


def test_an_email_address_may_have_only_a_few_open_requests(client, room):
    day = workday()
    first = request_room(room, slot(day, "09:00", "10:00"), email="ayse@example.org")
    request_room(room, slot(day, "11:00", "12:00"), email="AYSE@example.org")
    with booking_settings(MAX_OPEN_REQUESTS_PER_EMAIL=2):
        page = page_of(send(client, room, day))
        assert "schon 2 offene Anfragen" in field_errors(page, "email")
        assert BookingRequest.objects.count() == 2

        # A declined request is no longer open.
        services.decline(first, message="Leider belegt.")
        assert send(client, room, day).status_code == 302


def test_a_confirmed_booking_counts_as_open_until_it_is_over(client, room):
    day = workday()
    services.confirm(request_room(room, slot(day, "09:00", "10:00"), email="ayse@example.org"))
    with booking_settings(MAX_OPEN_REQUESTS_PER_EMAIL=1):
        page = page_of(send(client, room, day))
        assert "schon 1 offene Anfrage" in field_errors(page, "email")
    assert spam.open_requests("ayse@example.org").count() == 1
