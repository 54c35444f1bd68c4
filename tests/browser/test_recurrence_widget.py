"""An editor plans dates in a real browser: the recurrence widget appears on
the page editor (also in rows added later), speaks German, and Wagtail's own
date pickers keep working beside it, without a single JavaScript error."""

import datetime as dt

import pytest
import recurrence
from django.contrib.auth import get_user_model

from tests import factories
from wagtail_stadtteil.centres.models import OfferPage
from wagtail_stadtteil.rooms.models import Room

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def offer(settings):
    # The dashboard's release check would fetch from the internet.
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = False
    centre = factories.make_centre()
    room = Room.objects.create(centre=centre, name="Saal")
    offer = factories.make_offer(centre, "Chor für alle", slug="chor")
    offer.schedules.create(
        recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU"),
        start_time=dt.time(18),
        end_time=dt.time(20),
        room=room,
    )
    offer.save_revision().publish()
    return OfferPage.objects.get(pk=offer.pk)


@pytest.fixture
def logged_in(live_server, page, offer):
    get_user_model().objects.create_superuser("redaktion", "redaktion@example.org", "password")
    edit_url = f"/admin/pages/{offer.pk}/edit/"
    page.goto(f"{live_server.url}/admin/login/?next={edit_url}")
    page.fill("#id_username", "redaktion")
    page.fill("#id_password", "password")
    page.click("button[type=submit]")
    page.wait_for_url(f"**{edit_url}")
    page.wait_for_load_state("networkidle")
    return page


def open_tab_containing(page, selector):
    """Click the editor tab whose panel holds ``selector`` (tab labels are translated)."""
    panel_id = page.locator(selector).first.evaluate(
        "element => element.closest('[role=tabpanel]').id"
    )
    page.click(f'[role=tab][href="#{panel_id}"]')


def test_recurrence_widget_works_in_the_page_editor_beside_wagtails_date_pickers(
    logged_in, browser_errors
):
    page = logged_in

    # Dates tab: the saved schedule shows the widget, not a raw textarea.
    open_tab_containing(page, "textarea.recurrence-widget")
    widgets = page.locator("#id_schedules-FORMS div.recurrence-widget")
    assert widgets.count() == 1
    assert widgets.first.is_visible()
    assert not page.locator("#id_schedules-0-recurrence").is_visible()
    assert page.locator("#id_schedules-0-recurrence").get_attribute("data-recurrence-widget")
    # Its labels come from the JavaScript catalog in the editor's language.
    assert "Regel hinzufügen" in widgets.first.inner_text()

    # A row added by InlinePanel gets a widget of its own, and it writes the textarea.
    page.click("#id_schedules-ADD")
    page.wait_for_function(
        "document.querySelectorAll('#id_schedules-FORMS div.recurrence-widget').length === 2"
    )
    new_row = page.locator("#id_schedules-FORMS div.recurrence-widget").nth(1)
    assert not page.locator("#id_schedules-1-recurrence").is_visible()
    new_row.locator(".add-rule").click()
    assert page.locator("#id_schedules-1-recurrence").input_value().startswith("RRULE:")
    # The row template is left alone.
    assert page.locator("[data-recurrence-widget]").count() == 2

    # Wagtail's go-live date picker (status panel → "Set schedule") still works.
    page.click('[data-side-panel-toggle="status"]')
    page.click('[data-a11y-dialog-show="schedule-publishing-dialog"]:visible')
    page.click("#id_go_live_at")
    picker = page.locator(".xdsoft_datetimepicker:visible")
    picker.wait_for()
    picker.locator(".xdsoft_date:not(.xdsoft_disabled)").last.click()
    assert page.locator("#id_go_live_at").input_value()

    assert browser_errors == []
