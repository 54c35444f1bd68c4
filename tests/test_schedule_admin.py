"""Editors plan dates in the Wagtail admin: the recurrence widget, a summary
of each schedule with its next dates, rooms of the own centre only, clashes
with other use of a room (buffers included) and skipping exactly those dates,
the rooms menu, the centre profile check and the centre's admin calendar."""

import csv
import datetime as dt
import html
import io
import re

import pytest
import recurrence
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django.utils.text import capfirst
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests import factories
from tests.factories import (
    admin_add_url,
    consultation_hour_form_data,
    offer_form_data,
    page_form_data,
)
from wagtail_stadtteil.centres.models import CentreOpeningHours, ConsultationHourPage, OfferPage
from wagtail_stadtteil.centres.profile import check_profile, next_full_weeks
from wagtail_stadtteil.rooms.conflicts import find_conflicts
from wagtail_stadtteil.rooms.models import Room, RoomUse
from wagtail_stadtteil.schedules.building import Slot
from wagtail_stadtteil.schedules.dates import aware, local_date, local_today, local_zone
from wagtail_stadtteil.schedules.models import Occurrence
from wagtail_stadtteil.schedules.summary import describe

pytestmark = pytest.mark.django_db

WEEKLY_TUESDAY = "RRULE:FREQ=WEEKLY;BYDAY=TU"


# Helpers -------------------------------------------------------------------


def tuesdays_from(first, count):
    """``count`` Tuesdays from ``first`` on."""
    day = first + dt.timedelta(days=(1 - first.weekday()) % 7)
    return [day + dt.timedelta(weeks=n) for n in range(count)]


@pytest.fixture
def period_start():
    """A Monday three weeks ahead: far enough that every test date is in the future."""
    today = local_today()
    return today + dt.timedelta(days=21 - today.weekday())


def make_room(centre, name="Saal", **fields):
    return Room.objects.create(centre=centre, name=name, **fields)


def make_room_use(room, title="Chorprobe", rule=WEEKLY_TUESDAY, **fields):
    fields.setdefault("start_time", dt.time(18, 30))
    fields.setdefault("end_time", dt.time(20, 30))
    fields.setdefault("pauses_on_closures", False)
    return RoomUse.objects.create(
        room=room, title=title, recurrence=recurrence.deserialize(rule), **fields
    )


def schedule_row(room=None, rule=WEEKLY_TUESDAY, start="18:00", end="20:00", **fields):
    """One "date or series" row as the page editor posts it."""
    row = {
        "recurrence": rule,
        "start_time": start,
        "end_time": end,
        "room": str(room.pk) if room else "",
        "starts_on": str(local_today()),
        "ends_on": "",
        "pauses_on_closures": "",
        "note": "",
    }
    row.update({key: str(value) for key, value in fields.items()})
    return row


def post_offer(client, parent, schedules, changes=(), **overrides):
    data = offer_form_data(
        schedules=inline_formset(schedules), date_changes=inline_formset(list(changes)), **overrides
    )
    return client.post(admin_add_url(OfferPage, parent), page_form_data(data))


def schedule_form(response, index=0):
    return response.context["form"].formsets["schedules"].forms[index]


def hidden_skipped_dates(response, prefix="schedules-0-"):
    """The dates the page offers to skip, as the browser would send them back."""
    match = re.search(
        rf'name="{re.escape(prefix)}skipped_dates" value="([^"]*)"', response.content.decode()
    )
    assert match, "no skip checkbox shown"
    return match.group(1)


def offer_dates(offer):
    return {
        local_date(start)
        for start in Occurrence.objects.filter(page=offer).values_list("start", flat=True)
    }


@pytest.fixture
def hall(centre):
    """The hall of the centre, kept free 15 minutes before and after each use."""
    return make_room(centre, "Saal", buffer_before=15, buffer_after=15)


# The recurrence widget -----------------------------------------------------------


def test_offer_editor_loads_the_wagtail_ready_recurrence_widget(editor, centre):
    response = editor.get(admin_add_url(OfferPage, centre))
    assert response.status_code == 200
    page = response.content.decode()
    assert "/admin/stadtteil/recurrence/jsi18n/" in page
    assert "wagtail_stadtteil/schedules/jquery-shim.js" in page
    assert "recurrence/js/recurrence-widget.js" in page
    assert "wagtail_stadtteil/schedules/recurrence-widget-init.js" in page
    # Never Django admin's second jQuery, nor the stock init that watches #container.
    assert "/static/admin/js/vendor/jquery" not in page
    assert "admin/js/jquery.init.js" not in page
    assert "recurrence-widget.init.js" not in page
    assert 'class="recurrence-widget"' in page


def test_widget_labels_come_in_the_editors_language(editor):
    response = editor.get("/admin/stadtteil/recurrence/jsi18n/")
    assert response.status_code == 200
    assert "Regel hinzuf\\u00fcgen" in response.content.decode()  # "Add rule"


def test_recurrence_catalog_is_only_for_admin_users(client):
    response = client.get("/admin/stadtteil/recurrence/jsi18n/")
    assert response.status_code == 302


def test_every_recurrence_field_in_admin_forms_uses_the_admin_widget():
    from wagtail_stadtteil.schedules.widgets import AdminRecurrenceWidget

    offer_form = OfferPage.get_edit_handler().get_form_class()
    row_form = offer_form.formsets["schedules"].form
    assert isinstance(row_form.base_fields["recurrence"].widget, AdminRecurrenceWidget)
    room_use_form = RoomUse.snippet_viewset.get_edit_handler().get_form_class()
    assert isinstance(room_use_form.base_fields["recurrence"].widget, AdminRecurrenceWidget)


# Creating an offer with dates ------------------------------------------------------


def test_editor_creates_an_offer_that_meets_every_tuesday_in_the_hall(editor, centre, hall):
    response = post_offer(editor, centre, [schedule_row(hall)])
    assert response.status_code == 302, response.context and response.context["form"].errors

    offer = OfferPage.objects.get()
    schedule = offer.schedules.get()
    assert schedule.room == hall
    rows = Occurrence.objects.filter(page=offer)
    assert rows.exists()
    assert {row.room_id for row in rows} == {hall.pk}
    assert {local_date(row.start).weekday() for row in rows} == {1}
    first = rows.order_by("start").first()
    assert first.start == aware(local_date(first.start), dt.time(18))


def test_editor_sees_the_schedule_in_words_and_its_next_dates(editor, centre, hall):
    post_offer(editor, centre, [schedule_row(hall, note="nicht in den Ferien")])
    offer = OfferPage.objects.get()
    schedule = offer.schedules.get()
    offer.date_changes.create(
        original_date=Occurrence.objects.filter(page=offer).order_by("start")[1].original_date,
        action="cancel",
        reason="Krankheit",
    )
    offer.save_revision().publish()

    response = editor.get(f"/admin/pages/{offer.pk}/edit/")
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    with translation.override("de"):
        assert capfirst(describe(schedule)) in page
        assert describe(schedule) == "jeden Dienstag, 18:00–20:00"
    for occurrence in Occurrence.objects.filter(page=offer).order_by("start")[:5]:
        assert f'datetime="{occurrence.start.astimezone(local_zone()).isoformat()}"' in page
    assert "Krankheit" in page  # the cancelled date is shown with its reason


def test_the_summary_says_where_dates_will_appear_on_a_new_offer(editor, centre):
    response = editor.get(admin_add_url(OfferPage, centre))
    assert "stadtteil-schedule-summary" in response.content.decode()


# Rooms of the own centre only -------------------------------------------------------


def test_date_rows_offer_only_the_rooms_of_the_pages_centre(editor, centre, hall, home):
    elsewhere = factories.make_centre(home, "Mittelpunkt Hüttenstraße", slug="mittelpunkt")
    foreign = make_room(elsewhere, "Fremder Raum")

    page = editor.get(admin_add_url(OfferPage, centre)).content.decode()
    assert f'<option value="{hall.pk}"' in page
    assert f'<option value="{foreign.pk}"' not in page

    response = post_offer(editor, centre, [schedule_row(foreign)])
    assert response.status_code == 200
    assert "room" in schedule_form(response).errors
    assert not OfferPage.objects.exists()


def test_consultation_hours_below_an_office_use_the_rooms_of_its_centre(editor, centre, hall):
    office = factories.make_office(centre)
    data = consultation_hour_form_data(schedules=inline_formset([schedule_row(hall)]))
    response = editor.post(admin_add_url(ConsultationHourPage, office), page_form_data(data))
    assert response.status_code == 302
    assert ConsultationHourPage.objects.get().schedules.get().room == hall


# Clashes with other use of a room -----------------------------------------------------


def test_editor_sees_the_dates_on_which_the_room_is_taken(editor, centre, hall, period_start):
    tuesdays = tuesdays_from(period_start, 4)
    make_room_use(hall, starts_on=period_start, ends_on=tuesdays[-1])

    response = post_offer(editor, centre, [schedule_row(hall, starts_on=period_start)])

    assert response.status_code == 200
    assert not OfferPage.objects.exists()
    form = schedule_form(response)
    assert [conflict.date for conflict in form.conflicts] == tuesdays
    assert {conflict.occurrence.title for conflict in form.conflicts} == {"Chorprobe"}
    page = response.content.decode()
    for day in tuesdays:
        assert f'datetime="{day:%Y-%m-%d}"' in page
    assert "Chorprobe" in page
    assert hidden_skipped_dates(response) == ",".join(str(day) for day in tuesdays)


def test_buffers_before_and_after_count_as_taken(editor, centre, hall, period_start):
    # The offer ends at 20:00 and the hall is kept free 15 minutes after it;
    # the choir needs 15 minutes before 20:15 to set up: they clash.
    make_room_use(hall, start_time=dt.time(20, 15), end_time=dt.time(21), starts_on=period_start)
    response = post_offer(editor, centre, [schedule_row(hall, starts_on=period_start)])
    assert response.status_code == 200
    assert schedule_form(response).conflicts


def test_uses_that_keep_both_buffers_free_do_not_clash(editor, centre, hall, period_start):
    make_room_use(hall, start_time=dt.time(20, 30), end_time=dt.time(21), starts_on=period_start)
    response = post_offer(editor, centre, [schedule_row(hall, starts_on=period_start)])
    assert response.status_code == 302


def test_without_buffers_a_use_right_after_the_offer_is_fine(editor, centre, period_start):
    room = make_room(centre, "Gruppenraum")
    make_room_use(room, start_time=dt.time(20), end_time=dt.time(21), starts_on=period_start)
    response = post_offer(editor, centre, [schedule_row(room, starts_on=period_start)])
    assert response.status_code == 302


def test_cancelled_dates_of_the_other_use_leave_the_room_free(editor, centre, hall, period_start):
    tuesdays = tuesdays_from(period_start, 2)
    use = make_room_use(hall, starts_on=period_start, ends_on=tuesdays[-1])
    use.date_changes.create(original_date=tuesdays[0], action="cancel", reason="Ferien")
    use.refresh_occurrences()

    response = post_offer(editor, centre, [schedule_row(hall, starts_on=period_start)])
    assert [conflict.date for conflict in schedule_form(response).conflicts] == [tuesdays[1]]


def test_a_long_clash_lists_ten_dates_and_counts_the_rest(editor, centre, hall, period_start):
    tuesdays = tuesdays_from(period_start, 13)
    make_room_use(hall, starts_on=period_start, ends_on=tuesdays[-1])
    response = post_offer(editor, centre, [schedule_row(hall, starts_on=period_start)])
    page = response.content.decode()
    for day in tuesdays[:10]:
        assert f'datetime="{day:%Y-%m-%d}"' in page
    for day in tuesdays[10:]:
        assert f'datetime="{day:%Y-%m-%d}"' not in page
    with translation.override("de"):
        more = translation.ngettext(
            "and %(counter)s more date", "and %(counter)s more dates", 3
        ) % {"counter": 3}
    assert more in page
    assert len(hidden_skipped_dates(response).split(",")) == 13


def test_skipping_the_clashing_dates_saves_the_schedule_without_them(
    editor, centre, hall, period_start
):
    tuesdays = tuesdays_from(period_start, 6)
    make_room_use(hall, starts_on=period_start, ends_on=tuesdays[3])
    row = schedule_row(hall, starts_on=period_start, ends_on=tuesdays[-1])
    first = post_offer(editor, centre, [row])
    skipped = hidden_skipped_dates(first)

    response = post_offer(
        editor, centre, [{**row, "skip_conflicts": "on", "skipped_dates": skipped}]
    )

    assert response.status_code == 302
    offer = OfferPage.objects.get()
    assert offer_dates(offer) == set(tuesdays[4:])
    excluded = {local_date(value) for value in offer.schedules.get().recurrence.exdates}
    assert excluded == set(tuesdays[:4])
    # The stored EXDATEs are local midnight.
    for value in offer.schedules.get().recurrence.exdates:
        assert aware(local_date(value), dt.time.min) == value


def test_ticking_skip_without_the_listed_dates_skips_nothing(editor, centre, hall, period_start):
    make_room_use(hall, starts_on=period_start, ends_on=period_start + dt.timedelta(days=14))
    row = schedule_row(hall, starts_on=period_start)
    response = post_offer(editor, centre, [{**row, "skip_conflicts": "on", "skipped_dates": ""}])
    assert response.status_code == 200
    assert not OfferPage.objects.exists()


def test_a_clashing_draft_is_saved_and_occupies_nothing(editor, centre, hall, period_start):
    make_room_use(hall, starts_on=period_start)
    data = offer_form_data(
        schedules=inline_formset([schedule_row(hall, starts_on=period_start)]),
        date_changes=inline_formset([]),
    )
    response = editor.post(admin_add_url(OfferPage, centre), nested_form_data(data))
    assert response.status_code == 302
    offer = OfferPage.objects.get()
    assert not offer.live
    assert not Occurrence.objects.filter(page=offer).exists()


def test_editing_an_offer_does_not_clash_with_its_own_dates(editor, centre, hall):
    post_offer(editor, centre, [schedule_row(hall)])
    offer = OfferPage.objects.get()
    schedule = offer.schedules.get()
    data = offer_form_data(
        schedules=inline_formset(
            [{**schedule_row(hall, starts_on=schedule.starts_on), "id": str(schedule.pk)}],
            initial=1,
        ),
        date_changes=inline_formset([]),
    )
    response = editor.post(f"/admin/pages/{offer.pk}/edit/", page_form_data(data))
    assert response.status_code == 302


def test_a_date_moved_into_a_taken_room_is_refused_on_the_change(
    editor, centre, hall, period_start
):
    other_room = make_room(centre, "Gruppenraum")
    tuesday = tuesdays_from(period_start, 1)[0]
    make_room_use(hall, starts_on=period_start, ends_on=tuesday)
    change = {
        "original_date": str(tuesday),
        "action": "move",
        "reason": "Saal",
        "new_date": "",
        "new_start_time": "18:00",
        "new_end_time": "20:00",
        "new_room": str(hall.pk),
    }
    response = post_offer(
        editor, centre, [schedule_row(other_room, starts_on=period_start)], changes=[change]
    )
    assert response.status_code == 200
    change_form = response.context["form"].formsets["date_changes"].forms[0]
    assert "Chorprobe" in " ".join(change_form.non_field_errors())
    assert not schedule_form(response).conflicts


def test_find_conflicts_keeps_both_buffers_apart(centre, hall, period_start):
    tuesday = tuesdays_from(period_start, 1)[0]
    make_room_use(hall, start_time=dt.time(20, 29), end_time=dt.time(21), starts_on=tuesday)

    def slot(start, end):
        return Slot(None, tuesday, aware(tuesday, start), aware(tuesday, end), "scheduled", "", 0)

    assert find_conflicts(hall, [slot(dt.time(18), dt.time(20))])
    assert not find_conflicts(hall, [slot(dt.time(18), dt.time(19, 59))])
    assert not find_conflicts(hall, [slot(dt.time(21, 30), dt.time(22))])
    [(day, occurrence)] = find_conflicts(hall, [slot(dt.time(21), dt.time(22))])
    assert day == tuesday and occurrence.title == "Chorprobe"


# The rooms menu -------------------------------------------------------------------


ROOM_USE_URL = "/admin/snippets/stadtteil_rooms/roomuse/"
ROOM_URL = "/admin/snippets/stadtteil_rooms/room/"


def room_use_data(room, **overrides):
    data = {
        "room": str(room.pk),
        "title": "Chorprobe",
        "group": "",
        "recurrence": WEEKLY_TUESDAY,
        "start_time": "18:30",
        "end_time": "20:30",
        "starts_on": str(local_today()),
        "ends_on": "",
        "pauses_on_closures": "",
        "self_managed": "",
        "public": "on",
        "note": "",
        "date_changes": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_staff_create_a_regular_room_use_in_the_admin(editor, hall):
    response = editor.post(f"{ROOM_USE_URL}add/", room_use_data(hall))
    assert response.status_code == 302
    use = RoomUse.objects.get()
    assert use.room == hall
    assert Occurrence.objects.filter(kind="room_use", source_id=use.pk, room_id=hall.pk).exists()

    page = editor.get(f"{ROOM_USE_URL}edit/{use.pk}/").content.decode()
    with translation.override("de"):
        assert capfirst(describe(use)) in html.unescape(page)


def test_staff_edit_a_regular_room_use_without_clashing_with_itself(editor, hall):
    use = make_room_use(hall, starts_on=local_today())
    response = editor.post(
        f"{ROOM_USE_URL}edit/{use.pk}/", room_use_data(hall, title="Chorprobe (neu)")
    )
    assert response.status_code == 302
    assert set(
        Occurrence.objects.filter(source_id=use.pk, kind="room_use").values_list("title", flat=True)
    ) == {"Chorprobe (neu)"}


def test_a_room_use_that_clashes_with_an_offer_is_refused_until_skipped(
    editor, centre, hall, period_start
):
    tuesdays = tuesdays_from(period_start, 3)
    post_offer(editor, centre, [schedule_row(hall, starts_on=period_start, ends_on=tuesdays[1])])
    data = room_use_data(hall, starts_on=str(period_start), ends_on=str(tuesdays[-1]))

    response = editor.post(f"{ROOM_USE_URL}add/", data)
    assert response.status_code == 200
    assert [conflict.date for conflict in response.context["form"].conflicts] == tuesdays[:2]
    skipped = hidden_skipped_dates(response, prefix="")

    response = editor.post(
        f"{ROOM_USE_URL}add/", {**data, "skip_conflicts": "on", "skipped_dates": skipped}
    )
    assert response.status_code == 302
    use = RoomUse.objects.get()
    dates = set(
        Occurrence.objects.filter(kind="room_use", source_id=use.pk).values_list(
            "original_date", flat=True
        )
    )
    assert dates == {tuesdays[2]}


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_staff_list_filter_and_export_rooms_and_their_use(editor, centre, hall, home):
    elsewhere = factories.make_centre(home, "Mittelpunkt Hüttenstraße", slug="mittelpunkt")
    cafe = make_room(elsewhere, "Café", kind=Room.Kind.CAFE)
    make_room_use(hall, title="=HYPERLINK(1)")
    make_room_use(cafe, title="Frühstückstreff", rule="RRULE:FREQ=WEEKLY;BYDAY=WE")

    listing = editor.get(ROOM_URL, {"centre": elsewhere.pk}).content.decode()
    assert "Café" in listing and ">Saal<" not in listing
    listing = editor.get(ROOM_URL, {"kind": "cafe"}).content.decode()
    assert "Café" in listing and ">Saal<" not in listing

    uses = editor.get(ROOM_USE_URL, {"centre": centre.pk}).content.decode()
    assert "HYPERLINK" in uses and "Frühstückstreff" not in uses
    found = editor.get(ROOM_USE_URL, {"q": "Frühstück"}).content.decode()
    assert "Frühstückstreff" in found and "HYPERLINK" not in found

    response = editor.get(ROOM_USE_URL, {"export": "csv"})
    assert response.status_code == 200
    rows = csv_rows(response)
    titles = {row[0] for row in rows[1:]}
    assert titles == {"'=HYPERLINK(1)", "Frühstückstreff"}  # formulas escaped
    assert any("Mittelpunkt Hüttenstraße" in row for row in rows)

    names = {row[0] for row in csv_rows(editor.get(ROOM_URL, {"export": "csv"}))}
    assert {"Saal", "Café"} <= names


# The centre profile ------------------------------------------------------------------


def add_opening_hours(centre, weekdays, opens=dt.time(9), closes=dt.time(17)):
    for weekday in weekdays:
        CentreOpeningHours.objects.create(page=centre, weekday=weekday, opens=opens, closes=closes)


def make_citizens_consultation(centre, rule, start, end, kind="citizens"):
    page = factories.make_consultation_hour(
        centre,
        f"Bürgersprechstunde {rule[-2:]}",
        slug=f"sprechstunde-{rule[-2:].lower()}",
        consultation_kind=kind,
    )
    page.schedules.create(
        recurrence=recurrence.deserialize(rule),
        start_time=start,
        end_time=end,
        starts_on=local_today(),
        pauses_on_closures=False,
    )
    page.save_revision().publish()
    return page


def make_weekend_offer(centre):
    offer = factories.make_offer(centre, "Familienfrühstück", slug="fruehstueck")
    offer.schedules.create(
        recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=SA"),
        start_time=dt.time(10),
        end_time=dt.time(12),
        starts_on=local_today(),
        pauses_on_closures=False,
    )
    offer.save_revision().publish()
    return offer


def criteria_by_key(centre):
    return {criterion.key: criterion for criterion in check_profile(centre)}


def test_a_centre_open_five_days_forty_hours_with_weekend_offers_meets_the_profile(centre):
    add_opening_hours(centre, range(5))  # Monday to Friday 9–17: 5 days, 40 hours
    make_weekend_offer(centre)
    # Monday and Wednesday 9–14: 10 hours a week.
    make_citizens_consultation(centre, "RRULE:FREQ=WEEKLY;BYDAY=MO", dt.time(9), dt.time(14))
    make_citizens_consultation(centre, "RRULE:FREQ=WEEKLY;BYDAY=WE", dt.time(9), dt.time(14))

    criteria = criteria_by_key(centre)
    assert (criteria["open_days"].actual, criteria["open_days"].met) == (5, True)
    assert (criteria["open_hours"].actual, criteria["open_hours"].met) == (40, True)
    assert criteria["weekend_offers"].met is True
    consultation = criteria["citizens_consultation_hours"]
    assert (consultation.actual, consultation.required, consultation.met) == (10, 10, True)


def test_a_centre_short_of_the_profile_sees_what_is_missing(centre):
    add_opening_hours(centre, range(4), closes=dt.time(16, 30))  # 4 days × 7.5 h = 30 h
    make_citizens_consultation(centre, "RRULE:FREQ=WEEKLY;BYDAY=MO", dt.time(9), dt.time(13))
    # Counselling is not a citizens' consultation hour and does not count.
    make_citizens_consultation(
        centre, "RRULE:FREQ=WEEKLY;BYDAY=TU", dt.time(9), dt.time(17), kind="counselling"
    )

    criteria = criteria_by_key(centre)
    assert (criteria["open_days"].actual, criteria["open_days"].met) == (4, False)
    assert (criteria["open_hours"].actual, criteria["open_hours"].met) == (30, False)
    assert criteria["weekend_offers"].met is False
    assert criteria["citizens_consultation_hours"].actual == 4
    assert criteria["citizens_consultation_hours"].met is False


def test_cancelled_consultation_dates_do_not_count(centre):
    page = make_citizens_consultation(centre, "RRULE:FREQ=WEEKLY;BYDAY=MO", dt.time(9), dt.time(14))
    first_monday, _ = next_full_weeks()
    page.date_changes.create(original_date=first_monday, action="cancel", reason="Urlaub")
    page.save_revision().publish()
    # 3 of 4 Mondays at 5 hours, averaged over 4 weeks.
    assert criteria_by_key(centre)["citizens_consultation_hours"].actual == 3.75


def test_profile_thresholds_come_from_the_settings(centre, settings):
    add_opening_hours(centre, range(4))
    settings.WAGTAIL_STADTTEIL = {"PROFILE": {"MIN_OPEN_DAYS": 4, "WEEKEND_OFFERS": False}}
    criteria = criteria_by_key(centre)
    assert criteria["open_days"].met is True
    assert criteria["open_hours"].required == 40
    assert "weekend_offers" not in criteria


def test_editors_see_the_profile_check_on_the_opening_hours_tab(editor, centre):
    add_opening_hours(centre, range(5))
    centre.save_revision().publish()
    page = editor.get(f"/admin/pages/{centre.pk}/edit/").content.decode()
    with translation.override("de"):
        assert translation.gettext("The centre does not meet the profile yet.") in page
    assert 'data-criterion="open_hours"' in page
    assert 'data-criterion="citizens_consultation_hours"' in page
    assert f"/admin/stadtteil/calendars/{centre.pk}/" in page


# The admin calendar ------------------------------------------------------------------


def centre_editor(username, centre):
    """Staff of one centre: admin access and page permissions on it only."""
    group = Group.objects.create(name=f"Team {username}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=centre, permission=Permission.objects.get(codename=codename)
        )
    return factories.make_user(username, groups=[group])


def test_centre_staff_see_their_week_in_the_admin_calendar(client, centre, hall):
    use = make_room_use(hall, title="Selbsthilfegruppe", public=False, starts_on=local_today())
    client.force_login(centre_editor("laatzen", centre))

    monday = use.dates_between(local_today(), local_today() + dt.timedelta(days=7))[0]
    response = client.get(f"/admin/stadtteil/calendars/{centre.pk}/", {"start": str(monday)})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Saal" in page
    assert "Selbsthilfegruppe" in page  # not public, but staff see it
    assert f'datetime="{monday:%Y-%m-%d}"' in page
    assert 'data-criterion="open_days"' in page


def test_staff_of_another_centre_may_not_open_the_calendar(client, centre, home):
    elsewhere = factories.make_centre(home, "Mittelpunkt Hüttenstraße", slug="mittelpunkt")
    client.force_login(centre_editor("stadthagen", elsewhere))
    assert client.get(f"/admin/stadtteil/calendars/{centre.pk}/").status_code == 403
    index = client.get("/admin/stadtteil/calendars/").content.decode()
    assert "Mittelpunkt Hüttenstraße" in index and "Stadthaus Laatzen" not in index


@pytest.mark.parametrize("start", ["garbage", "2026-02-30", "9999-12-31", "0001-01-01", "x" * 500])
def test_bad_week_parameters_show_a_week_instead_of_an_error(editor, centre, start):
    response = editor.get(f"/admin/stadtteil/calendars/{centre.pk}/", {"start": start})
    assert response.status_code == 200


def test_the_calendars_menu_lists_the_centres(editor, centre):
    response = editor.get("/admin/stadtteil/calendars/")
    assert response.status_code == 200
    assert f"/admin/stadtteil/calendars/{centre.pk}/" in response.content.decode()
    home = editor.get("/admin/").content.decode()
    assert "/admin/stadtteil/calendars/" in home


def test_a_centres_page_listing_links_to_its_calendar(editor, centre, home):
    response = editor.get(f"/admin/pages/{home.pk}/")
    assert f"/admin/stadtteil/calendars/{centre.pk}/" in response.content.decode()


def test_the_room_list_says_in_words_whether_residents_may_request_a_room(editor, centre, hall):
    make_room(centre, "Büro", publicly_bookable=False)
    Room.objects.filter(pk=hall.pk).update(publicly_bookable=True)
    listing = editor.get(ROOM_URL).content.decode()  # the admin speaks German here
    cells = re.findall(r"<td >\s*(Ja|Nein|True|False)\s*</td>", listing)
    assert sorted(cells) == ["Ja", "Nein"]


def test_a_german_editor_reads_the_date_changes_in_the_packages_own_words(editor, centre):
    """Django's and Wagtail's catalogs win for a bare word: "Cancelled" was
    "Gelöscht" and the add button "Ändern hinzufügen" in the page editor."""
    page = html.unescape(editor.get(admin_add_url(OfferPage, centre)).content.decode())
    assert '<option value="cancel" selected>Fällt aus</option>' in page
    assert '<option value="move">Verlegt</option>' in page
    assert "Änderung hinzufügen" in page
    assert "Gelöscht" not in page and "Ändern hinzufügen" not in page
