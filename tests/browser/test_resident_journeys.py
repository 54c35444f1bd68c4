"""A resident finds a parent-and-child group in the programme, opens the
timetable of the room it meets in, picks a free time and asks for the room —
with the mouse, with the keyboard alone, and in a browser without JavaScript.
Each journey runs in the live example site and ends with the reference number
the resident will quote on the phone."""

import time

import pytest

from tests.browser.journeys import (
    CENTRE,
    OFFER,
    ROOM,
    THEME,
    next_week_with_a_free_time,
    reference_on,
    slot_of,
    violations,
    wait_out_the_fill_time,
)

pytestmark = pytest.mark.browser


def find_the_offer_with_the_mouse(page, example_site):
    page.goto(example_site("/programm/"))
    page.get_by_label("Thema").select_option(label=THEME)
    page.get_by_label("Stadtteilzentrum", exact=True).select_option(label=CENTRE)
    page.get_by_role("button", name="Angebote anzeigen").click()
    results = page.locator(".stadtteil-card__title")
    assert results.all_inner_texts() == [OFFER]
    results.get_by_role("link", name=OFFER).click()
    assert page.get_by_role("heading", level=1).inner_text() == OFFER


def open_the_room_weeks_ahead(page, weeks):
    page.locator(".stadtteil-dates__room").get_by_role("link", name=ROOM).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == ROOM
    for _ in range(weeks):
        page.get_by_role("link", name="Nächste Woche").first.click()


def assert_the_form_holds(page, date, start, end):
    """The free time picked is filled in: the resident only says who and why."""
    fields = ("#id_date", "#id_start_time", "#id_end_time")
    assert [page.locator(field).input_value() for field in fields] == [date, start, end]


def fill_in_who_and_why(page, name, email):
    page.get_by_label("Wofür brauchen Sie den Raum?").fill("Treffen der Nachbarschaftsinitiative")
    page.get_by_label("Erwartete Personenzahl").fill("8")
    page.get_by_label("Wer fragt an?").select_option(
        label="Gemeinnütziger Verein oder Initiative vor Ort"
    )
    page.get_by_label("Ihr Name").fill(name)
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.locator("#id_consent").check()


def test_a_resident_finds_an_offer_and_requests_its_room_with_the_mouse(
    page, example_site, browser_errors, screenshots
):
    find_the_offer_with_the_mouse(page, example_site)
    screenshots(page, "offer", full_page=True)
    open_the_room_weeks_ahead(page, weeks=1)
    screenshots(page, "room-timetable", full_page=True)

    link = next_week_with_a_free_time(page)
    date, start, end = slot_of(link)
    link.click()
    opened_at = time.monotonic()
    assert "/book/" in page.url
    assert_the_form_holds(page, date, start, end)

    fill_in_who_and_why(page, "Ayşe Demir", "ayse.demir@example.org")
    wait_out_the_fill_time(opened_at)
    page.get_by_role("button", name="Anfrage senden").click()

    assert reference_on(page) in page.get_by_role("heading", level=1).inner_text()
    screenshots(page, "booking-sent", full_page=True)
    # The status page behind the link in the resident's mail is accessible too.
    assert violations(page) == []
    assert browser_errors == []


# --- keyboard only ----------------------------------------------------------

#: A focus indicator: an outline or a ring drawn with box-shadow.
SHOWS_FOCUS = """element => {
    if (element === document.body) return true;  // past the last element: the browser's own
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return outline || style.boxShadow !== 'none';
}"""


class Keyboard:
    """A resident without a mouse: Tab, Enter, Space and typing, nothing else.
    Every element the Tab key reaches must show that it has the focus."""

    def __init__(self, page):
        self.page = page
        self.unmarked = []

    def has_focus(self, target):
        """Whether ``target`` (a CSS selector or a locator) has the focus."""
        if isinstance(target, str):
            target = self.page.locator(target)
        return target.first.evaluate("element => element === document.activeElement")

    def tab_to(self, target, limit=250):
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            focused = self.page.evaluate_handle("document.activeElement")
            if not focused.evaluate(SHOWS_FOCUS):
                self.unmarked.append(focused.evaluate("e => e.outerHTML.slice(0, 120)"))
            if self.has_focus(target):
                return
        raise AssertionError(f"Tab never reached {target} on {self.page.url}")

    def follow(self, target):
        self.tab_to(target)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def type_into(self, target, text):
        self.tab_to(target)
        self.page.keyboard.type(text)

    def choose(self, selector, label):
        """Pick an option of a closed select by typing its first letters."""
        self.tab_to(selector)
        self.page.keyboard.type(label[:12])
        chosen = self.page.locator(selector).evaluate("s => s.options[s.selectedIndex].text")
        assert chosen == label


def test_a_resident_finds_an_offer_and_requests_its_room_with_the_keyboard_alone(
    page, example_site, browser_errors
):
    keys = Keyboard(page)
    page.goto(example_site("/programm/"))

    # The first Tab lands on the skip link, which shows itself and leads to the content.
    page.keyboard.press("Tab")
    assert keys.has_focus(".skip-link")
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0 and box["width"] > 1
    page.keyboard.press("Enter")
    assert keys.has_focus("#main-content")

    keys.choose("#id_theme", THEME)
    keys.choose("#id_centre", CENTRE)
    keys.follow(page.get_by_role("button", name="Angebote anzeigen"))
    keys.follow(page.get_by_role("link", name=OFFER))
    keys.follow(page.locator(".stadtteil-dates__room").get_by_role("link", name=ROOM))
    for _ in range(2):
        keys.follow(page.get_by_role("link", name="Nächste Woche"))

    link = next_week_with_a_free_time(
        page, click=lambda: keys.follow(page.get_by_role("link", name="Nächste Woche"))
    )
    date, start, end = slot_of(link)
    keys.follow(link)
    opened_at = time.monotonic()
    assert_the_form_holds(page, date, start, end)

    keys.type_into("#id_purpose", "Probe der Theatergruppe")
    keys.type_into("#id_attendees", "12")
    keys.choose("#id_requester_kind", "Gemeinnütziger Verein oder Initiative vor Ort")
    keys.type_into("#id_contact_name", "Jonas Berger")
    keys.type_into("#id_email", "jonas.berger@example.org")
    keys.tab_to("#id_consent")
    page.keyboard.press("Space")
    assert page.locator("#id_consent").is_checked()
    wait_out_the_fill_time(opened_at)
    keys.follow(page.get_by_role("button", name="Anfrage senden"))

    reference_on(page)
    assert keys.unmarked == [], "elements without a visible focus indicator"
    assert browser_errors == []


# --- without JavaScript -------------------------------------------------------


@pytest.fixture
def page_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_a_resident_finds_an_offer_and_requests_its_room_without_javascript(
    page_without_javascript, example_site
):
    page = page_without_javascript
    find_the_offer_with_the_mouse(page, example_site)
    open_the_room_weeks_ahead(page, weeks=3)

    link = next_week_with_a_free_time(page)
    date, start, end = slot_of(link)
    link.click()
    opened_at = time.monotonic()
    assert_the_form_holds(page, date, start, end)

    fill_in_who_and_why(page, "Dragan Petrović", "dragan.petrovic@example.org")
    wait_out_the_fill_time(opened_at)
    page.get_by_role("button", name="Anfrage senden").click()
    reference_on(page)
