"""Every public page type of the example site, its calendars, a room's
timetable and the booking form in its error state pass axe-core's checks for
WCAG 2.1 A and AA without a single violation, in German and in Arabic (right
to left). The booking form's error summary names each problem and leads to
its field. (BITV 2.0 asks this of every public body in Germany.)"""

import time

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.journeys import wait_out_the_fill_time

pytestmark = pytest.mark.browser

#: axe-core's rules for WCAG 2.0 and 2.1, levels A and AA.
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

STADTHAUS = {
    "de": "/stadtteilzentren/stadthaus-laatzen/",
    "ar": "/ar/district-centres/stadthaus-laatzen/",
}

#: (what, German address, Arabic address): one of each public page type and view.
PAGES = [
    ("home page", "/", "/ar/"),
    ("list of centres", "/stadtteilzentren/", "/ar/district-centres/"),
    ("centre", STADTHAUS["de"], STADTHAUS["ar"]),
    ("section of a centre", f"{STADTHAUS['de']}angebote/", f"{STADTHAUS['ar']}activities/"),
    (
        "offer",
        f"{STADTHAUS['de']}angebote/marktplatzzwerge/",
        f"{STADTHAUS['ar']}activities/marktplatzzwerge/",
    ),
    (
        "consultation hour",
        f"{STADTHAUS['de']}beratung/migrationsberatung/",
        f"{STADTHAUS['ar']}counselling/migration-advice/",
    ),
    (
        "office",
        f"{STADTHAUS['de']}seniorenbuero/",
        f"{STADTHAUS['ar']}senior-citizens-office/",
    ),
    ("programme", "/programm/", "/ar/programme/"),
    (
        "programme, filtered",
        "/programm/?theme=family&free=on",
        "/ar/programme/?theme=family&free=on",
    ),
    ("centre's calendar", f"{STADTHAUS['de']}calendar/", f"{STADTHAUS['ar']}calendar/"),
    (
        "room's timetable",
        f"{STADTHAUS['de']}rooms/gruppenraum-1/",
        f"{STADTHAUS['ar']}rooms/gruppenraum-1/",
    ),
    ("bookable rooms", f"{STADTHAUS['de']}book/", f"{STADTHAUS['ar']}book/"),
    ("page not found", "/stadtteilzentren/gibt-es-nicht/", "/ar/no-such-page/"),
]


def addresses():
    for what, german, arabic in PAGES:
        status = 404 if what == "page not found" else 200
        yield pytest.param(german, status, id=f"{what} (de)")
        yield pytest.param(arabic, status, id=f"{what} (ar)")


def violations(page):
    """axe-core's WCAG 2.1 A/AA violations on the page, readably."""
    results = Axe().run(page, options=WCAG_21_AA)
    return [
        f"{violation['id']}: {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]


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
