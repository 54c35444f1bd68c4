"""Editors at work in the live example site: Stadthaus Laatzen's editor sees a
resident's room request, confirms it, and the time shows as booked in the
public timetable; she changes an offer's schedule in the page editor with the
recurrence widget and Wagtail's own date picker, publishes, and residents see
the new dates. No JavaScript error on the way."""

import datetime as dt
import io
import time
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from tests.browser.journeys import (
    BERLIN,
    berlin_today,
    booked_times,
    next_week_with_a_free_time,
    reference_on,
    slot_of,
    wait_out_the_fill_time,
)

pytestmark = pytest.mark.browser

EDITOR = ("redaktion-laatzen", "demo")
EXAMPLES = Path(__file__).resolve().parents[2] / "example_site" / "examples"
ROOM_PATH = "/stadtteilzentren/stadthaus-laatzen/rooms/gruppenraum-1/"  # staff decide


@pytest.fixture
def editor(browser, example_site):
    """A second browser window, logged in as Stadthaus Laatzen's editor."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
    page = context.new_page()
    errors = []
    page.on(
        "console",
        lambda m: errors.append(f"{m.text} {m.location['url']}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(example_site("/admin/login/"))
    page.locator("#id_username").fill(EDITOR[0])
    page.locator("#id_password").fill(EDITOR[1])
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.errors = errors
    yield page
    context.close()


def request_a_free_time(page, example_site, weeks_ahead):
    """A resident asks for the first free time ``weeks_ahead`` weeks from now."""
    today = berlin_today()
    monday = today + dt.timedelta(weeks=weeks_ahead, days=-today.weekday())
    page.goto(example_site(f"{ROOM_PATH}book/?week={monday.isoformat()}"))
    opened_at = time.monotonic()
    slot = next_week_with_a_free_time(page)
    date, start, end = slot_of(slot)
    slot.click()  # fills the form in place
    page.get_by_label("Wofür brauchen Sie den Raum?").fill("Jahresversammlung des Fördervereins")
    page.get_by_label("Erwartete Personenzahl").fill("10")
    page.get_by_label("Wer fragt an?").select_option(value="nonprofit")
    page.get_by_label("Verein, Initiative oder Organisation").fill("Förderverein Stadthaus e. V.")
    page.get_by_label("Ihr Name").fill("Heike Lorenz")
    page.get_by_label("E-Mail-Adresse").fill("heike.lorenz@example.org")
    page.locator("#id_consent").check()
    wait_out_the_fill_time(opened_at)
    page.get_by_role("button", name="Anfrage senden").click()
    return reference_on(page), date, f"{start}–{end}"


def test_an_editor_confirms_a_request_and_the_time_shows_as_booked(
    page, editor, example_site, screenshots, browser_errors
):
    reference, date, times = request_a_free_time(page, example_site, weeks_ahead=5)
    monday = dt.date.fromisoformat(date) - dt.timedelta(days=dt.date.fromisoformat(date).weekday())
    timetable = example_site(f"{ROOM_PATH}?start={monday.isoformat()}")
    page.goto(timetable)
    assert times not in booked_times(page, date)

    # The editor finds the request in the admin menu …
    editor.get_by_role("link", name="Raumanfragen").first.click()
    editor.wait_for_load_state("networkidle")
    row = editor.get_by_role("row").filter(has_text=reference)
    assert "Förderverein Stadthaus" in row.inner_text()
    screenshots(editor, "admin-booking-requests")
    # … opens it and confirms it.
    row.get_by_role("link", name=reference).click()
    editor.get_by_label("Nachricht an die anfragende Person").fill(
        "Der Schlüssel liegt am Empfang."
    )
    screenshots(editor, "admin-booking-decide")
    editor.get_by_role("button", name="Bestätigen").click()
    editor.wait_for_load_state("networkidle")
    assert reference in editor.locator(".messages").inner_text()

    # Residents see the time as booked.
    page.goto(timetable)
    assert times in booked_times(page, date)
    assert editor.errors == []
    assert browser_errors == []


def test_an_editor_changes_an_offers_schedule_with_the_recurrence_widget_and_a_date_picker(
    page, editor, example_site, screenshots
):
    # Angebote → "Chorprobe": a weekly rehearsal on Tuesdays.
    editor.get_by_role("link", name="Angebote", exact=True).first.click()
    editor.get_by_role("link", name="Chorprobe").first.click()
    editor.get_by_role("tab", name="Termine").click()

    rule = editor.locator("#id_schedules-FORMS .recurrence-widget").first
    rule.locator(".recurrence-label").first.click()
    # Fridays too (on Thursday evenings a shanty choir has the hall).
    rule.locator(".weekly td", has_text="Fr").click()
    assert "BYDAY=TU,FR" in editor.locator("#id_schedules-0-recurrence").input_value()

    # The last day from Wagtail's date picker: the 15th of the month after
    # next (at least six weeks away, so a summer closure leaves some dates).
    editor.locator("#id_schedules-0-ends_on").click()
    picker = editor.locator(".xdsoft_datetimepicker:visible")
    picker.locator(".xdsoft_next").first.click()
    picker.locator(".xdsoft_next").first.click()
    picker.locator("td.xdsoft_date:not(.xdsoft_other_month)[data-date='15']").click()
    last_day = dt.date.fromisoformat(editor.locator("#id_schedules-0-ends_on").input_value())
    assert last_day.day == 15 and last_day > berlin_today()
    editor.keyboard.press("Escape")
    screenshots(editor, "admin-offer-dates", full_page=False)

    editor.locator("footer.footer [data-w-dropdown-target='toggle']").click()
    editor.get_by_role("button", name="Veröffentlichen").click()
    editor.wait_for_load_state("networkidle")
    problems = editor.locator(".error-message").all_inner_texts()
    assert "veröffentlicht" in editor.locator(".messages").inner_text(), problems
    assert editor.errors == []

    # Residents' calendars list every date up to the new last day, and none after.
    feed = page.request.get(
        example_site("/stadtteilzentren/stadthaus-laatzen/angebote/chorprobe/calendar.ics")
    )
    events = Calendar.from_ical(feed.body()).walk("VEVENT")
    dates = {event.decoded("DTSTART").astimezone(BERLIN).date() for event in events}
    assert dates, "no dates in the offer's calendar"
    assert max(dates) <= last_day  # the feed reaches months ahead: a weekly rule would not stop
    assert {date.weekday() for date in dates if date > berlin_today()} == {1, 4}  # Tue and Fri


def test_an_editor_reads_her_centres_figures_and_downloads_them(editor, example_site, screenshots):
    editor.goto(example_site("/admin/stadtteil/reports/"))
    # Her one centre and this year are chosen for her.
    assert "Stadthaus Laatzen" in editor.locator("main").inner_text()
    assert editor.get_by_role("heading", name="Raumauslastung").is_visible()
    assert editor.locator("svg[role=img]").count() >= 3
    screenshots(editor, "admin-report", full_page=False)
    with editor.expect_download() as download:
        editor.get_by_role("link", name="Als XLSX herunterladen").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert {"Raumauslastung", "Profil eines Stadtteilzentrums"} <= set(book.sheetnames)
    assert editor.errors == []
