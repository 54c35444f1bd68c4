"""Steps of the journeys through the live example site, shared by the
residents' and the editors' browser tests. The demo's content is German; the
steps find things by their visible German names, as a resident would."""

import re
import time

#: The demo offer the residents look for: a parent-and-child group of
#: Stadthaus Laatzen meeting in Gruppenraum 1.
OFFER = "Eltern-Kind-Gruppe „Marktplatzzwerge“"
THEME = "Familienarbeit"
CENTRE = "Stadthaus Laatzen"
ROOM = "Gruppenraum 1"
ROOM_PATH = "/stadtteilzentren/stadthaus-laatzen/rooms/gruppenraum-1/"

#: The booking form refuses a form sent faster than this (BOOKING["MIN_FILL_SECONDS"]
#: is 3 in the example site): people take longer, robots do not.
MIN_FILL_SECONDS = 3.5

REFERENCE = re.compile(r"\b[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}\b")


def wait_out_the_fill_time(opened_at):
    """Let the form be open as long as a person would need at least."""
    remaining = MIN_FILL_SECONDS - (time.monotonic() - opened_at)
    if remaining > 0:
        time.sleep(remaining)


def free_slot_links(page):
    """The "request" links of the free times in the timetable shown."""
    return page.locator("a.stadtteil-timetable__request")


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
