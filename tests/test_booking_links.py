"""The signed link in every booking mail (no account needed): it opens the
request's status page, where the requester can cancel. A changed, expired
or purged link gets a page that says so, never a 500; looking at the page
never changes anything."""

import datetime as dt
import re
import time
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone, translation

from tests.booking_helpers import bookable_room, open_centre, request_room, slot, workday
from tests.calendar_helpers import text
from wagtail_stadtteil.booking import services
from wagtail_stadtteil.booking.models import BookingRequest, Notification
from wagtail_stadtteil.booking.retention import purge_personal_data
from wagtail_stadtteil.booking.tokens import make_token, status_path
from wagtail_stadtteil.schedules.models import Occurrence

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Pages in English, the source language (the German catalog comes later)."""
    with translation.override("en"):
        yield


@pytest.fixture
def room(centre):
    return bookable_room(open_centre(centre))


@pytest.fixture
def booking(room):
    return request_room(room, slot(workday(), "18:00", "20:00"), purpose="Jahreshauptversammlung")


def booking_settings(**values):
    """``WAGTAIL_STADTTEIL["BOOKING"]`` with ``values``, the site's other settings kept."""
    configured = dict(getattr(settings, "WAGTAIL_STADTTEIL", {}))
    configured["BOOKING"] = {**configured.get("BOOKING", {}), **values}
    return override_settings(WAGTAIL_STADTTEIL=configured)


def page_text(response):
    return text(response.content.decode())


def csrf_token(response):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def booking_rows(booking):
    return Occurrence.objects.filter(kind=Occurrence.Kind.BOOKING, source_id=booking.pk)


def changed_one_character(token):
    """``token`` with one character of its signed part changed."""
    position = 2
    replacement = "B" if token[position] != "B" else "C"
    return token[:position] + replacement + token[position + 1 :]


# --- the status page ---------------------------------------------------------------


def test_the_link_shows_the_request_with_its_status_dates_and_room(client, booking):
    day = booking.dates.get().date
    response = client.get(status_path(booking))

    assert response.status_code == 200
    shown = page_text(response)
    assert booking.reference in shown
    assert "Requested" in shown
    assert "Gruppenraum 1, Stadthaus Laatzen" in shown
    assert "Jahreshauptversammlung" in shown
    assert f'datetime="{day:%Y-%m-%d}T18:00:00+' in response.content.decode()
    assert "18:00" in shown and "20:00" in shown
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_status_page_shows_nothing_of_other_requests(client, room, booking):
    other = request_room(
        room,
        slot(workday(), "10:00", "12:00"),
        purpose="Geburtstagsfeier Familie Kowalski",
        contact_name="Jan Kowalski",
        email="jan.kowalski@example.org",
        organisation="Kowalski GbR",
        phone="0511 999999",
    )
    shown = page_text(client.get(status_path(booking)))
    for private in [
        other.reference,
        other.purpose,
        other.contact_name,
        other.email,
        other.organisation,
        other.phone,
    ]:
        assert private not in shown


def test_the_status_page_shows_the_decision_and_the_centres_message(client, booking):
    services.decline(booking, message="Der Saal ist an diesem Abend schon vergeben.")
    shown = page_text(client.get(status_path(booking)))
    assert "Declined" in shown
    assert "Der Saal ist an diesem Abend schon vergeben." in shown
    assert "Cancel this request" not in shown


# --- links that do not work --------------------------------------------------------------


def test_a_link_with_one_character_changed_gets_a_clear_page_not_an_error(client, booking):
    token = make_token(booking)
    response = client.get(status_path(booking).replace(token, changed_one_character(token)))

    assert response.status_code == 400
    shown = page_text(response)
    assert "This link is not valid" in shown
    assert "copy the whole link" in shown
    assert booking.reference not in shown and booking.purpose not in shown


@pytest.mark.parametrize("token", ["abc", "a:b:c", "IlRRWVgtVEtZRyI:1xUnh2:", "%C3%A4%00"])
def test_a_garbled_link_gets_the_invalid_link_page(client, booking, token):
    response = client.get(f"/en/stadtteil/booking/{token}/")  # an English mail's link
    assert response.status_code == 400
    assert "This link is not valid" in page_text(response)


def test_a_link_older_than_the_allowed_age_has_expired(client, booking):
    days_old = 30
    signed_then = time.time() - dt.timedelta(days=days_old).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=signed_then):
        old_path = status_path(booking)

    with booking_settings(LINK_MAX_AGE_DAYS=days_old + 1):
        assert client.get(old_path).status_code == 200
    with booking_settings(LINK_MAX_AGE_DAYS=days_old - 1):
        response = client.get(old_path)

    assert response.status_code == 410
    shown = page_text(response)
    assert "This link has expired" in shown
    assert "reference number" in shown


def test_a_link_to_a_request_whose_personal_data_was_removed_is_gone(client, booking):
    path = status_path(booking)
    with booking_settings(RETENTION_DAYS=0):
        services.cancel(booking)
        purge_personal_data(now=timezone.now() + dt.timedelta(minutes=1))

    response = client.get(path)

    assert response.status_code == 404
    assert "This request no longer exists" in page_text(response)


def test_a_link_to_a_deleted_request_is_gone(client, booking):
    path = status_path(booking)
    booking.delete()
    assert client.get(path).status_code == 404


# --- cancelling through the link ------------------------------------------------------------


def test_the_requester_cancels_a_confirmed_booking_and_the_room_is_free_again(
    room, booking, mailoutbox, django_capture_on_commit_callbacks
):
    services.confirm(booking)
    assert booking_rows(booking).count() == 1
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(status_path(booking))
    assert "Cancel this request" in page_text(page)

    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            status_path(booking), {"action": "cancel", "csrfmiddlewaretoken": csrf_token(page)}
        )

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingRequest.Status.CANCELLED
    assert not booking_rows(booking).exists()
    assert not booking.dates.filter(active=True).exists()
    after = browser.get(response["Location"])
    assert "Your request has been cancelled" in page_text(after)
    assert "Cancel this request" not in page_text(after)
    # The centre's staff learn of it; a reply goes to the requester.
    [mail] = [mail for mail in mailoutbox if mail.to == ["stadthaus@laatzen.example"]]
    assert booking.reference in mail.subject
    assert mail.reply_to == ["ayse@example.org"]
    # Someone else may now book the same time.
    other = request_room(room, slot(booking.dates.get().date), email="other@example.org")
    services.confirm(other)
    assert booking_rows(other).count() == 1


def test_cancelling_needs_the_csrf_token(booking):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(status_path(booking), {"action": "cancel"})
    assert response.status_code == 403
    booking.refresh_from_db()
    assert booking.status == BookingRequest.Status.REQUESTED


def test_looking_at_the_page_never_changes_anything(client, booking):
    services.confirm(booking)
    for params in [{}, {"action": "cancel"}, {"cancelled": "1"}]:
        response = client.get(status_path(booking), params)
        assert response.status_code == 200
    booking.refresh_from_db()
    assert booking.status == BookingRequest.Status.CONFIRMED
    assert booking_rows(booking).count() == 1
    assert "Your request has been cancelled" not in page_text(response)
    assert not Notification.objects.filter(kind=Notification.Kind.CANCELLED).exists()


def test_a_booking_whose_first_date_has_begun_cannot_be_cancelled_online(client, room):
    """A weekly series whose first date began an hour ago: the later dates stay
    booked; the requester is sent to the centre instead."""
    booking = request_room(room, [slot(workday()), slot(workday() + dt.timedelta(days=7))])
    services.confirm(booking)
    first = booking.dates.first()
    began = timezone.now() - dt.timedelta(hours=1)
    type(first).objects.filter(pk=first.pk).update(start=began, end=began + dt.timedelta(hours=2))
    BookingRequest.objects.filter(pk=booking.pk).update(first_start=began)

    page = client.get(status_path(booking))
    assert "Cancel this request" not in page_text(page)
    response = client.post(status_path(booking), {"action": "cancel"})

    assert response.status_code == 200
    assert "can no longer be cancelled online" in page_text(response)
    booking.refresh_from_db()
    assert booking.status == BookingRequest.Status.CONFIRMED
    assert booking.dates.filter(active=True).count() == 2


def test_cancelling_twice_is_harmless(client, booking, mailoutbox):
    path = status_path(booking)
    client.post(path, {"action": "cancel"})
    response = client.post(path, {"action": "cancel"})
    assert response.status_code == 200
    assert "Cancelled" in page_text(response)
    assert Notification.objects.filter(kind=Notification.Kind.CANCELLED).count() == 1
