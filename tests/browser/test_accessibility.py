"""Every public page type of the example site, its calendars, a room's
timetable and the booking form in its error state pass axe-core's checks for
WCAG 2.1 A and AA without a single violation, in German and in Arabic (right
to left). The booking form's error summary names each problem and leads to
its field. (BITV 2.0 asks this of every public body in Germany.)"""

import datetime as dt
import time

import pytest

from tests.browser.journeys import berlin_today, violations, wait_out_the_fill_time

pytestmark = pytest.mark.browser

STADTHAUS = {
    "de": "/stadtteilzentren/stadthaus-laatzen/",
    "ar": "/ar/district-centres/stadthaus-laatzen/",
}

#: Two weeks ahead: a week of a room's timetable with free times to request.
WEEK_AHEAD = (berlin_today() + dt.timedelta(weeks=2)).isoformat()

#: (what, German address, Arabic address, status): one of each public page
#: type and view, and the error pages residents may meet.
PAGES = [
    ("home page", "/", "/ar/", 200),
    ("list of centres", "/stadtteilzentren/", "/ar/district-centres/", 200),
    ("centre", STADTHAUS["de"], STADTHAUS["ar"], 200),
    ("section of a centre", f"{STADTHAUS['de']}angebote/", f"{STADTHAUS['ar']}activities/", 200),
    (
        "offer",
        f"{STADTHAUS['de']}angebote/marktplatzzwerge/",
        f"{STADTHAUS['ar']}activities/marktplatzzwerge/",
        200,
    ),
    (
        "consultation hour",
        f"{STADTHAUS['de']}beratung/migrationsberatung/",
        f"{STADTHAUS['ar']}counselling/migration-advice/",
        200,
    ),
    (
        "office",
        f"{STADTHAUS['de']}seniorenbuero/",
        f"{STADTHAUS['ar']}senior-citizens-office/",
        200,
    ),
    (
        "project profile",
        "/stadtteilzentren/mittelpunkt-huettenstrasse/projekt-quartiersmanagement/",
        None,  # the demo has no Arabic project profile
        200,
    ),
    ("programme", "/programm/", "/ar/programme/", 200),
    (
        "programme, filtered",
        "/programm/?theme=family&free=on",
        "/ar/programme/?theme=family&free=on",
        200,
    ),
    ("centre's calendar, week", f"{STADTHAUS['de']}calendar/", f"{STADTHAUS['ar']}calendar/", 200),
    (
        "centre's calendar, month",
        f"{STADTHAUS['de']}calendar/?view=month",
        f"{STADTHAUS['ar']}calendar/?view=month",
        200,
    ),
    (
        "centre's calendar, list",
        f"{STADTHAUS['de']}calendar/?view=list",
        f"{STADTHAUS['ar']}calendar/?view=list",
        200,
    ),
    (
        "calendar asked for a date that is none",
        f"{STADTHAUS['de']}calendar/?start=kein-datum",
        f"{STADTHAUS['ar']}calendar/?start=kein-datum",
        400,
    ),
    (
        "room's timetable, this week",
        f"{STADTHAUS['de']}rooms/gruppenraum-1/",
        f"{STADTHAUS['ar']}rooms/gruppenraum-1/",
        200,
    ),
    (
        "room's timetable, free times ahead",
        f"{STADTHAUS['de']}rooms/gruppenraum-1/?start={WEEK_AHEAD}",
        f"{STADTHAUS['ar']}rooms/gruppenraum-1/?start={WEEK_AHEAD}",
        200,
    ),
    ("bookable rooms", f"{STADTHAUS['de']}book/", f"{STADTHAUS['ar']}book/", 200),
    (
        "room that cannot be requested online",
        f"{STADTHAUS['de']}rooms/beratungsraum/book/",
        f"{STADTHAUS['ar']}rooms/beratungsraum/book/",
        200,
    ),
    (
        "broken link from a booking mail",
        "/stadtteil/booking/kaputt/",
        "/ar/stadtteil/booking/kaputt/",
        400,
    ),
    ("page not found", "/stadtteilzentren/gibt-es-nicht/", "/ar/no-such-page/", 404),
]


def addresses():
    for what, german, arabic, status in PAGES:
        yield pytest.param(german, status, id=f"{what} (de)")
        if arabic:
            yield pytest.param(arabic, status, id=f"{what} (ar)")


#: Pages whose screenshots the README and the docs show, and the screen size.
SCREENSHOTS = {
    STADTHAUS["de"]: ("centre", {"width": 1280, "height": 900}),
    "/programm/": ("programme", {"width": 1280, "height": 900}),
    STADTHAUS["ar"]: ("centre-ar-phone", {"width": 375, "height": 812}),
}


@pytest.mark.parametrize(("path", "status"), addresses())
def test_the_page_has_no_accessibility_violations(page, example_site, path, status, screenshots):
    if path in SCREENSHOTS:
        page.set_viewport_size(SCREENSHOTS[path][1])
    response = page.goto(example_site(path))
    assert response.status == status
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == ("ar" if path.startswith("/ar/") else "de")
    assert violations(page) == []
    if path in SCREENSHOTS:
        screenshots(page, SCREENSHOTS[path][0])


#: The booking form of Gruppenraum 1 and the heading of its error summary.
BOOKING_FORM = {
    "de": (f"{STADTHAUS['de']}rooms/gruppenraum-1/book/", "Ihre Anfrage wurde nicht gesendet"),
    "ar": (f"{STADTHAUS['ar']}rooms/gruppenraum-1/book/", None),
}


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_booking_form_sent_empty_lists_each_problem_linked_to_its_field_and_stays_accessible(
    page, example_site, language, screenshots, browser_errors
):
    path, heading = BOOKING_FORM[language]
    page.goto(example_site(path))
    wait_out_the_fill_time(time.monotonic())
    page.locator("#booking-form button[type=submit]").click()
    page.wait_for_load_state("networkidle")

    summary = page.locator("#booking-errors")
    # The summary is announced and takes the focus, so keyboard and screen
    # reader users start from it.
    assert summary.get_attribute("role") == "alert"
    assert summary.evaluate("element => element === document.activeElement")
    if heading:
        assert heading in summary.get_by_role("heading").inner_text()
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

    if language == "de":
        screenshots(page, "booking-form-errors")
    links = summary.get_by_role("link")
    assert links.count() >= 5  # purpose, people, who asks, name, email, consent …
    for index in range(links.count()):
        link = links.nth(index)
        field_id = link.get_attribute("href").removeprefix("#")
        field = page.locator(f"[id='{field_id}']")
        # Each field says what is wrong with it, in words tied to the field.
        described_by = field.get_attribute("aria-describedby") or ""
        assert field.get_attribute("aria-invalid") == "true", field_id
        assert any(
            page.locator(f"[id='{part}']").inner_text().strip() for part in described_by.split()
        ), field_id
        link.click()
        assert field.evaluate("element => element === document.activeElement"), field_id

    assert violations(page) == []
    assert browser_errors == []
