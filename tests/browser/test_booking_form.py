"""A resident requests a room in a real browser: with JavaScript a click on a
free time fills in the form in place; without JavaScript the same click opens
the form filled in. Either way the request arrives, without a script error."""

import pytest

from tests import factories
from tests.booking_helpers import bookable_room, open_centre, workday
from wagtail_stadtteil.booking.models import BookingRequest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def room(settings):
    settings.WAGTAIL_STADTTEIL = {
        **settings.WAGTAIL_STADTTEIL,
        "BOOKING": {"MIN_FILL_SECONDS": 0},
    }
    centre = open_centre(factories.make_centre(factories.site_root(), "Stadthaus Laatzen"))
    return bookable_room(centre, "Gruppenraum 1")


def form_url(live_server, room, day):
    return f"{live_server.url}{room.centre.url}rooms/{room.slug}/book/?date={day.isoformat()}"


def fill_in_the_rest(page):
    page.fill("#id_purpose", "Treffen der Nachbarschaftsinitiative")
    page.fill("#id_attendees", "8")
    page.select_option("#id_requester_kind", "nonprofit")
    page.fill("#id_contact_name", "Ayşe Demir")
    page.fill("#id_email", "ayse@example.org")
    page.check("#id_consent")


def test_a_resident_picks_a_free_time_and_the_form_fills_in_without_reloading(
    live_server, page, room, browser_errors
):
    day = workday(10)
    page.goto(form_url(live_server, room, day))
    slot = page.locator("a[data-stadtteil-slot]").first
    expected = (slot.get_attribute("data-start-time"), slot.get_attribute("data-end-time"))
    address = page.url
    slot.click()
    assert page.url == address  # filled in place
    assert page.input_value("#id_date") == slot.get_attribute("data-date")
    assert (page.input_value("#id_start_time"), page.input_value("#id_end_time")) == expected
    # Screen readers hear what was filled in.
    assert expected[0] in page.locator("#booking-filled").inner_text()

    fill_in_the_rest(page)
    page.click("#booking-form [type=submit]")
    page.wait_for_load_state("networkidle")
    booking = BookingRequest.objects.get()
    assert booking.reference in page.content()
    assert browser_errors == []


def test_without_javascript_a_free_time_opens_the_form_filled_in(live_server, browser, room):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    week = workday(10).isoformat()
    page.goto(f"{live_server.url}{room.centre.url}rooms/{room.slug}/?start={week}")
    link = page.locator("a[href*='/book/?']").first
    link.click()
    page.wait_for_load_state()
    assert "/book/" in page.url
    assert page.input_value("#id_date")
    assert page.input_value("#id_start_time") and page.input_value("#id_end_time")
    fill_in_the_rest(page)
    page.click("#booking-form [type=submit]")
    page.wait_for_load_state()
    assert BookingRequest.objects.count() == 1
    assert BookingRequest.objects.get().reference in page.content()
    context.close()
