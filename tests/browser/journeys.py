"""Steps of the journeys through the live example site, shared by the
residents' and the editors' browser tests and the accessibility checks. The
demo's content is German; the steps find things by their visible German
names, as a resident would."""

import datetime as dt
import re
import time
from zoneinfo import ZoneInfo

from axe_playwright_python.sync_playwright import Axe

from wagtail_stadtteil.core.app_settings import DEFAULTS

#: The demo offer the residents look for: a parent-and-child group of
#: Stadthaus Laatzen meeting in Gruppenraum 1.
OFFER = "Eltern-Kind-Gruppe „Marktplatzzwerge“"
THEME = "Familienarbeit"
CENTRE = "Stadthaus Laatzen"
ROOM = "Gruppenraum 1"
ROOM_PATH = "/stadtteilzentren/stadthaus-laatzen/rooms/gruppenraum-1/"

#: The booking form refuses a form sent faster than BOOKING["MIN_FILL_SECONDS"]
#: (the example site keeps the default): people take longer, robots do not.
MIN_FILL_SECONDS = DEFAULTS["BOOKING"]["MIN_FILL_SECONDS"] + 0.5

#: Weeks a journey looks further ahead for a free time: the demo centres close
#: for up to three weeks in the summer holidays, and a closed week has none.
MAX_WEEKS_TO_LOOK_AHEAD = 6

BERLIN = ZoneInfo("Europe/Berlin")

REFERENCE = re.compile(r"\b[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}\b")


def wait_out_the_fill_time(opened_at):
    """Let the form be open as long as a person would need at least."""
    remaining = MIN_FILL_SECONDS - (time.monotonic() - opened_at)
    if remaining > 0:
        time.sleep(remaining)


def free_slot_links(page):
    """The "request" links of the free times in the timetable shown."""
    return page.locator("a.stadtteil-timetable__request")


def next_week_with_a_free_time(page, click=None):
    """Go on to the next week (with ``click``, a function that follows the
    "next week" link) until the timetable shown offers a free time; return
    the first free-time link."""
    for _ in range(MAX_WEEKS_TO_LOOK_AHEAD):
        if free_slot_links(page).count():
            return free_slot_links(page).first
        if click:
            click()
        else:
            page.get_by_role("link", name="Nächste Woche").first.click()
    raise AssertionError(f"no free time within {MAX_WEEKS_TO_LOOK_AHEAD} weeks: {page.url}")


def berlin_today():
    """Today where the centres are (the machine may run on UTC)."""
    return dt.datetime.now(BERLIN).date()


def slot_of(link):
    """(date, start, end) of a free-time link, read from its address."""
    href = link.get_attribute("href")
    date = re.search(r"date=([\d-]+)", href).group(1)
    start, end = (
        re.search(rf"{name}=(\d\d)%3A(\d\d)", href).groups() for name in ("start_time", "end_time")
    )
    return date, ":".join(start), ":".join(end)


def booked_times(page, date):
    """The times shown as booked on ``date`` in a room's timetable."""
    day = page.locator(f"section[aria-labelledby='day-{date}']")
    return [
        text.split("\n")[0].strip()
        for text in day.locator(
            ".stadtteil-timetable__slot--busy .stadtteil-timetable__time"
        ).all_inner_texts()
    ]


def reference_on(page):
    """The request's reference the confirmation page shows."""
    match = REFERENCE.search(page.locator("main").inner_text())
    assert match, page.locator("main").inner_text()
    return match.group(0)


#: axe-core's rules for WCAG 2.0 and 2.1, levels A and AA.
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def violations(page):
    """axe-core's WCAG 2.1 A/AA violations on the page, readably."""
    results = Axe().run(page, options=WCAG_21_AA)
    return [
        f"{violation['id']}: {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]
