"""Arabic reads right to left: on a phone (375 px wide) the centre page and its
calendar mirror in a real browser. The header starts at the right, the
navigation flows from right to left, the calendar's arrows point where their
links lead, nothing scrolls sideways, and axe-core finds no accessibility
violation. German, for comparison, starts at the left."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Site

from tests import factories
from tests.booking_helpers import bookable_room, open_centre, workday
from tests.calendar_helpers import make_offer, schedule
from wagtail_stadtteil.core.localize import translate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 812}
#: axe-core's rules for WCAG 2.1 A and AA, and its best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
MIRRORED = "matrix(-1, 0, 0, 1, 0, 0)"

ARABIC = {
    "Stadthaus Laatzen": "دار بلدية لاتسن",
    "Offenes Elterncafé": "مقهى الآباء المفتوح",
    "Programm": "البرنامج",
}


@pytest.fixture
def centres():
    """The German centre and its Arabic translation, both in the main
    navigation beside the city's programme, with an evening offer."""
    Site.objects.filter(is_default_site=True).update(site_name="Stadt Laatzen")
    german = open_centre(
        factories.make_centre(
            factories.site_root(),
            "Stadthaus Laatzen",
            show_in_menus=True,
            street="Marktplatz 1",
            postcode="30880",
            city="Laatzen",
            phone="0511 8205-1234",
            email="stadthaus@laatzen.example",
        )
    )
    programme = factories.make_programme(title="Programm", show_in_menus=True)
    room = bookable_room(german, "Gruppenraum 1")
    offer = make_offer(
        german,
        "Offenes Elterncafé",
        schedules=[schedule(weekdays=(1,), start="18:00", end="20:00", room=room)],
    )
    arabic = factories.make_locale("ar")
    factories.translate_tree_root(arabic)
    arabic_centre = translate(german, arabic, ARABIC)
    arabic_centre.room = room
    translate(programme, arabic, ARABIC)
    translate(offer, arabic, ARABIC)
    return {"de": german, "ar": arabic_centre}


def open_on_a_phone(page, url):
    page.set_viewport_size(PHONE)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.innerWidth")


def box(locator):
    found = locator.bounding_box()
    assert found, locator
    return {**found, "right": found["x"] + found["width"]}


def main_navigation_items(page, code):
    with translation.override(code):
        label = gettext("Main navigation")
    items = page.locator(f'nav[aria-label="{label}"] li')
    assert items.count() >= 2, "the test needs two pages in the menu"
    return box(items.first), box(items.last)


def period_links(page):
    """Where the calendar's "previous" and "next" links, their arrows and their
    words are, and how the arrows are drawn."""
    found = []
    for rel in ("prev", "next"):
        link = page.locator(f'.stadtteil-calendar__nav a[rel~="{rel}"]')
        arrow = link.locator('span[aria-hidden="true"]')
        words = link.evaluate(
            """link => {
                const range = document.createRange();
                const text = [...link.childNodes].find(
                    node => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
                range.selectNodeContents(text);
                const box = range.getBoundingClientRect();
                return {x: box.x, right: box.right};
            }"""
        )
        found.append(
            {
                "link": box(link),
                "arrow": box(arrow),
                "text": words,
                "transform": arrow.evaluate("element => getComputedStyle(element).transform"),
            }
        )
    return found


def assert_no_sideways_scrolling(page, width):
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    # Nothing sticks out at either side (in a right-to-left page, content
    # beyond the left edge would be cut off rather than scroll).
    outside = page.evaluate(
        """width => [...document.body.querySelectorAll('*')]
            .filter(element => {
                const box = element.getBoundingClientRect();
                return box.width > 1 && (box.left < -0.5 || box.right > width + 0.5);
            })
            .map(element => element.outerHTML.slice(0, 120))""",
        width,
    )
    assert outside == []


def assert_no_axe_violations(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_the_arabic_centre_page_mirrors_on_a_phone_and_stays_accessible(
    live_server, page, centres, browser_errors
):
    width = open_on_a_phone(page, live_server.url + centres["ar"].url)
    root = page.locator("html")
    assert (root.get_attribute("lang"), root.get_attribute("dir")) == ("ar", "rtl")

    # The header starts at the right: the brand sits at the right edge.
    brand = box(page.locator(".site-header__brand"))
    assert width - brand["right"] <= 24
    assert brand["x"] > width - brand["right"]

    # The skip link, once reached with the keyboard, shows at the right edge,
    # with its focus outline.
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("element => element === document.activeElement")
    shown = box(skip_link)
    assert shown["y"] >= 0
    assert width - shown["right"] <= 16
    assert skip_link.evaluate("element => getComputedStyle(element).outlineStyle") == "solid"
    page.keyboard.press("Escape")
    page.locator("h1").click()

    # The main navigation flows from right to left.
    first, last = main_navigation_items(page, "ar")
    assert first["y"] == last["y"]
    assert first["x"] > last["x"]

    # The aside with the address and contact follows the text's start: its
    # accent line is on the right.
    for side in ["right", "left"]:
        border = page.evaluate(
            "side => getComputedStyle(document.querySelector('.stadtteil__aside'))"
            "[`border-${side}-width`]",
            side,
        )
        assert (border != "0px") is (side == "right"), side

    # A phone number is read left to right inside the Arabic text, and the
    # German address line stays "30880 Laatzen" (not "Laatzen 30880").
    phone = page.locator('a[href^="tel:"]').first
    assert phone.evaluate("element => getComputedStyle(element).direction") == "ltr"
    postcode, city = (
        page.locator(".stadtteil-address").first.evaluate(
            """(address, word) => {
                const walker = document.createTreeWalker(address, NodeFilter.SHOW_TEXT);
                let node;
                while ((node = walker.nextNode())) {
                    const at = node.textContent.indexOf(word);
                    if (at >= 0) {
                        const range = document.createRange();
                        range.setStart(node, at);
                        range.setEnd(node, at + word.length);
                        return range.getBoundingClientRect().x;
                    }
                }
                return null;
            }""",
            word,
        )
        for word in ("30880", "Laatzen")
    )
    assert postcode is not None and city is not None
    assert postcode < city

    assert_no_sideways_scrolling(page, width)
    assert_no_axe_violations(page)
    assert browser_errors == []


def test_the_arabic_calendar_puts_the_previous_week_on_the_right_with_mirrored_arrows(
    live_server, page, centres, browser_errors
):
    later = workday(14, weekday=1).isoformat()
    width = open_on_a_phone(page, f"{live_server.url}{centres['ar'].url}calendar/?start={later}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # The evening offer, in Arabic, at 18:00 on the 24-hour clock.
    programme = page.locator(".stadtteil-calendar").inner_text()
    assert "18:00" in programme
    assert ARABIC["Offenes Elterncafé"] in programme
    assert_no_sideways_scrolling(page, width)
    assert_no_axe_violations(page)

    # Wide enough for the three links on one line: previous, today, next
    # from right to left, each arrow at the outer side of its link and mirrored.
    page.set_viewport_size({"width": 768, "height": 812})
    previous, following = period_links(page)
    assert previous["link"]["y"] == following["link"]["y"]
    assert previous["link"]["x"] > following["link"]["x"]
    assert previous["arrow"]["x"] >= previous["text"]["right"]  # on the right
    assert following["arrow"]["right"] <= following["text"]["x"]  # on the left
    assert previous["transform"] == following["transform"] == MIRRORED
    assert browser_errors == []


def test_the_arabic_booking_form_fits_a_phone_and_says_in_arabic_that_the_name_is_missing(
    live_server, page, centres, browser_errors, settings
):
    settings.WAGTAIL_STADTTEIL = {
        **settings.WAGTAIL_STADTTEIL,
        "BOOKING": {**settings.WAGTAIL_STADTTEIL.get("BOOKING", {}), "MIN_FILL_SECONDS": 0},
    }
    centre = centres["ar"]
    day = workday(10, weekday=2).isoformat()
    url = f"{live_server.url}{centre.url}rooms/{centre.room.slug}/book/?date={day}"
    width = open_on_a_phone(page, url)
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Labels start at the right, as the text does; email and phone number are
    # typed left to right.
    label = box(page.locator('label[for="id_contact_name"]'))
    assert width - label["right"] <= 48
    for field in ("#id_email", "#id_phone"):
        direction = page.locator(field).evaluate("element => getComputedStyle(element).direction")
        assert direction == "ltr", field
    assert_no_sideways_scrolling(page, width)

    page.locator("a[data-stadtteil-slot]").first.click()
    page.fill("#id_purpose", "اجتماع مبادرة الحي")
    page.fill("#id_attendees", "8")
    page.select_option("#id_requester_kind", "nonprofit")
    page.fill("#id_email", "ayse@example.org")
    page.check("#id_consent")
    page.click("#booking-form [type=submit]")
    page.wait_for_load_state("networkidle")

    summary = page.locator("#booking-errors")
    assert summary.is_visible()
    with translation.override("ar"):
        assert gettext("This field is required.") in summary.inner_text()
        assert gettext("Your name") in summary.inner_text()
    assert_no_sideways_scrolling(page, width)
    assert_no_axe_violations(page)
    assert browser_errors == []


def test_in_german_the_same_page_starts_at_the_left_with_arrows_as_written(
    live_server, page, centres
):
    width = open_on_a_phone(page, live_server.url + centres["de"].url)
    assert page.locator("html").get_attribute("dir") == "ltr"
    brand = box(page.locator(".site-header__brand"))
    assert brand["x"] <= 24
    first, last = main_navigation_items(page, "de")
    assert first["x"] < last["x"]
    assert_no_sideways_scrolling(page, width)

    later = workday(14, weekday=1).isoformat()
    page.set_viewport_size({"width": 768, "height": 812})
    page.goto(f"{live_server.url}{centres['de'].url}calendar/?start={later}")
    previous, following = period_links(page)
    assert previous["link"]["x"] < following["link"]["x"]
    assert previous["arrow"]["right"] <= previous["text"]["x"]
    assert following["arrow"]["x"] >= following["text"]["right"]
    assert previous["transform"] == following["transform"] == "none"
