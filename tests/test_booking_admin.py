"""Centre staff handle room requests in the Wagtail admin: an inbox with
filters, search and an accounting export; each request's page with what
speaks against it, the room's week, the fee and the mails; decisions with a
message, one by one or in bulk, always through the booking workflow; the
internal note; the export of one requester's data (Art. 15 GDPR); and staff
of one centre never see another centre's requests."""

import csv
import datetime as dt
import html
import io
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.utils import translation
from django.utils.text import capfirst
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests import factories
from tests.booking_helpers import bookable_room, open_centre, request_room, slot, workday
from tests.calendar_helpers import make_use
from wagtail_stadtteil.booking import services
from wagtail_stadtteil.booking.models import BookingRequest, Notification, RoomFee
from wagtail_stadtteil.booking.notifications import admin_url
from wagtail_stadtteil.centres.creation import create_editors_group
from wagtail_stadtteil.schedules.models import Occurrence

pytestmark = pytest.mark.django_db

Status = BookingRequest.Status
ADMIN = "/admin/snippets/stadtteil_booking/bookingrequest/"
REQUESTER_DATA = "/admin/stadtteil/booking/requester-data/"


def url(view, booking=None):
    return f"{ADMIN}{view}/{booking.pk}/" if booking else f"{ADMIN}{view}/"


def bulk_url(action, *bookings):
    ids = "&".join(f"id={booking.pk}" for booking in bookings)
    return f"/admin/bulk/stadtteil_booking/bookingrequest/{action}/?{ids}&next={ADMIN}"


def de(text):
    """``text`` as the (German) admin shows it."""
    with translation.override("de"):
        return translation.gettext(text)


def shown_messages(response):
    return [html.unescape(str(message)) for message in get_messages(response.wsgi_request)]


def page_text(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def reload(booking):
    return BookingRequest.objects.get(pk=booking.pk)


@pytest.fixture
def room(centre):
    return bookable_room(open_centre(centre))


@pytest.fixture
def waiting(room):
    """A request of a local club, waiting for a decision."""
    return request_room(room, slot(workday(), "18:00", "20:00"), purpose="Jahreshauptversammlung")


@pytest.fixture
def elsewhere(home):
    """Another centre with a bookable room and a waiting request."""
    other = factories.make_centre(home, "Mittelpunkt Hüttenstraße", slug="mittelpunkt")
    other_room = bookable_room(open_centre(other), name="Saal")
    request_room(
        other_room,
        slot(workday(), "10:00", "12:00"),
        purpose="Seniorenfrühstück",
        organisation="Seniorenbeirat Stadthagen",
        email="beirat@example.org",
    )
    return other


def centre_staff(centre, username="laatzen"):
    """A member of the centre's editors' group, as ``stadtteil_create_centre`` makes it."""
    group, _collection = create_editors_group(centre)
    return factories.make_user(username, groups=[group])


# Who may open what ------------------------------------------------------------------


def admin_urls(booking):
    return [
        ADMIN,
        f"{ADMIN}?status=requested",
        url("inspect", booking),
        url("edit", booking),
        url("history", booking),
        url("confirm", booking),
        url("decline", booking),
        url("cancel", booking),
        bulk_url("confirm", booking),
        bulk_url("decline", booking),
        bulk_url("cancel", booking),
        REQUESTER_DATA,
    ]


def test_every_booking_admin_page_opens_for_city_staff(editor, waiting):
    for address in admin_urls(waiting):
        assert editor.get(address).status_code == 200, address
    response = editor.get(REQUESTER_DATA, {"request": waiting.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_visitors_who_are_not_logged_in_are_sent_to_the_login(client, waiting):
    for address in admin_urls(waiting):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith("/admin/login/"), address
    response = client.post(url("confirm", waiting), {"message": ""})
    assert response["Location"].startswith("/admin/login/")
    assert reload(waiting).status == Status.REQUESTED


def test_staff_who_manage_no_centre_are_refused(client, waiting):
    group = Group.objects.create(name="Nur Admin")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(factories.make_user("praktikant", groups=[group]))
    for address in [*admin_urls(waiting), f"{REQUESTER_DATA}?request={waiting.pk}"]:
        response = client.get(address)
        assert response.status_code in {302, 403}, address
        if response.status_code == 302:
            assert response["Location"] == "/admin/", address
    client.post(url("confirm", waiting), {"message": ""})
    client.post(bulk_url("confirm", waiting), {"message": ""})
    assert reload(waiting).status == Status.REQUESTED
    assert "stadtteil-room-requests" not in client.get("/admin/").content.decode()


# Deciding one request ------------------------------------------------------------------


def test_staff_confirm_a_request_and_the_room_is_blocked_in_the_calendar(
    editor, admin_user, waiting, centre, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            url("confirm", waiting), {"message": "Der Schlüssel liegt am Empfang."}
        )

    assert response.status_code == 302
    assert response["Location"] == url("inspect", waiting)
    booking = reload(waiting)
    assert booking.status == Status.CONFIRMED
    assert booking.decided_by == admin_user
    assert booking.decision_message == "Der Schlüssel liegt am Empfang."
    assert Occurrence.objects.filter(
        kind=Occurrence.Kind.BOOKING, source_id=booking.pk, room_id=booking.room_id
    ).exists()

    [mail] = mailoutbox
    assert mail.to == ["ayse@example.org"]
    assert "Der Schlüssel liegt am Empfang." in mail.body
    [(filename, calendar, mimetype)] = mail.attachments
    assert filename == f"{booking.reference}.ics"
    assert mimetype == "text/calendar"
    assert "STATUS:CONFIRMED" in calendar

    monday = booking.first_start.date() - dt.timedelta(days=booking.first_start.weekday())
    week = page_text(editor.get(f"/admin/stadtteil/calendars/{centre.pk}/", {"start": monday}))
    assert f"{booking.reference}: Jahreshauptversammlung" in week
    assert ModelLogEntry.objects.filter(
        action="stadtteil_booking.confirm", object_id=str(booking.pk)
    ).exists()


def test_staff_decline_a_request_with_a_message(
    editor, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            url("decline", waiting), {"message": "Der Saal wird an dem Tag renoviert."}, follow=True
        )
    booking = reload(waiting)
    assert booking.status == Status.DECLINED
    assert not booking.dates.filter(active=True).exists()
    [mail] = mailoutbox
    assert "Der Saal wird an dem Tag renoviert." in mail.body
    assert mail.attachments == []
    assert any(booking.reference in message for message in shown_messages(response))


def test_staff_cancel_a_confirmed_booking_and_the_room_is_free_again(
    editor, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    services.confirm(waiting)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(url("cancel", waiting), {"message": ""})
    booking = reload(waiting)
    assert booking.status == Status.CANCELLED
    assert not Occurrence.objects.filter(source_id=booking.pk, kind=Occurrence.Kind.BOOKING)
    [mail] = mailoutbox
    [(_filename, calendar, _mimetype)] = mail.attachments
    assert "STATUS:CANCELLED" in calendar


def test_confirming_a_request_whose_slot_is_taken_shows_why_and_changes_nothing(
    editor, room, waiting, django_capture_on_commit_callbacks
):
    quicker = request_room(room, slot(waiting.first_start.date()), email="schnell@example.org")
    services.confirm(quicker)
    mails_before = Notification.objects.filter(request=waiting).count()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url("confirm", waiting), {"message": "Bis dann!"}, follow=True)

    booking = reload(waiting)
    assert booking.status == Status.REQUESTED
    assert booking.decision_message == ""
    assert not booking.dates.filter(active=True).exists()
    assert Notification.objects.filter(request=waiting).count() == mails_before
    [message] = shown_messages(response)
    assert waiting.reference in message
    with translation.override("de"):
        busy = services.rules.check_request(
            room,
            [services.rules.Slot(date.start, date.end) for date in booking.dates.all()],
            staff=True,
            exclude=services.own_occurrences(booking),
        )
    assert busy and busy[0].code == "busy"
    assert busy[0].message in message


def test_decisions_are_offered_only_where_the_state_allows_them(editor, room, waiting):
    page = page_text(editor.get(url("inspect", waiting)))
    for name in ("confirm", "decline", "cancel"):
        assert f'data-decision="{name}"' in page

    services.confirm(waiting)
    page = page_text(editor.get(url("inspect", waiting)))
    assert 'data-decision="cancel"' in page
    assert 'data-decision="confirm"' not in page and 'data-decision="decline"' not in page

    response = editor.get(url("decline", waiting))
    assert response.status_code == 302
    assert response["Location"] == url("inspect", waiting)

    response = editor.post(url("decline", waiting), {"message": ""}, follow=True)
    assert reload(waiting).status == Status.CONFIRMED
    assert any(waiting.reference in message for message in shown_messages(response))

    services.cancel(waiting)
    page = page_text(editor.get(url("inspect", waiting)))
    assert "data-decision=" not in page


def test_a_decision_needs_the_forms_csrf_token(admin_user, waiting):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert client.post(url("confirm", waiting), {"message": ""}).status_code == 403
    assert client.post(bulk_url("confirm", waiting), {"message": ""}).status_code == 403
    assert reload(waiting).status == Status.REQUESTED


def test_a_decision_message_that_is_too_long_is_refused(editor, waiting):
    response = editor.post(url("decline", waiting), {"message": "x" * 5001})
    assert response.status_code == 200
    assert response.context["form"].errors["message"]
    assert reload(waiting).status == Status.REQUESTED


# A request's page -------------------------------------------------------------------


def test_a_requests_page_shows_its_dates_fee_mails_and_what_clashes(editor, centre, room):
    day = workday(weekday=1)
    RoomFee.objects.create(
        room=room, requester_kind="commercial", hourly_rate="25.00", note="zzgl. Reinigung"
    )
    booking = request_room(
        room,
        [slot(day, "18:00", "20:00"), slot(day + dt.timedelta(days=7), "18:00", "20:00")],
        purpose="Yoga-Kurs",
        requester_kind="commercial",
        organisation="Yoga Studio Om",
        email="om@example.org",
    )
    rival = request_room(
        room, slot(day, "19:00", "21:00"), purpose="Chorprobe extra", email="chor@example.org"
    )
    # After both requests, a regular use takes the second Tuesday.
    make_use(room, "Theatergruppe", weekdays=(1,), start="18:30", end="20:30", starts_on=day)
    Occurrence.objects.filter(title="Theatergruppe", original_date=day).delete()

    page = page_text(editor.get(url("inspect", booking)))

    assert "Yoga Studio Om" in page and "om@example.org" in page
    assert "100,00 €" in page  # two dates of two started hours at 25 €
    assert booking.fee_note in page
    assert "zzgl. Reinigung" in page
    assert 'data-problem="busy"' in page  # the theatre group on the second Tuesday
    assert rival.reference in page  # waiting for the same time
    assert f'href="{url("inspect", rival)}"' in page
    monday = day - dt.timedelta(days=day.weekday())
    assert f"/admin/stadtteil/calendars/{centre.pk}/?start={monday:%Y-%m-%d}" in page
    assert "Chorprobe extra" in page  # the rival in the room's week
    assert 'data-mail="receipt"' in page and 'data-mail="new_request"' in page
    assert f"{REQUESTER_DATA}?request={booking.pk}" in page


def test_the_link_in_the_staff_mail_opens_the_requests_page(editor, waiting):
    link = admin_url(waiting)
    assert link == f"http://testserver{url('inspect', waiting)}"
    assert editor.get(url("inspect", waiting)).status_code == 200


# The inbox ----------------------------------------------------------------------------


@pytest.fixture
def inbox(centre, room):
    """Three requests in two rooms, of different kinds and states."""
    hall = bookable_room(centre, name="Großer Saal", capacity=80)
    first = request_room(
        room,
        slot(workday(14), "10:00", "12:00"),
        purpose="Elterncafé",
        organisation="Familienzentrum Süd",
        email="familie@example.org",
    )
    second = request_room(
        hall,
        slot(workday(30), "18:00", "21:00"),
        purpose="Geburtstagsfeier",
        requester_kind="volunteer",
        volunteer_confirmed=True,
        organisation="",
        contact_name="Jonas Weber",
        email="jonas@example.org",
    )
    third = request_room(
        room,
        slot(workday(7), "14:00", "16:00"),
        purpose="Sprachkurs",
        organisation="Integrationsbeirat",
        email="beirat@example.org",
    )
    services.confirm(third)
    return {"first": first, "second": second, "third": third, "hall": hall}


def listed(client, **params):
    """The references in the inbox, in their order."""
    response = client.get(ADMIN, params)
    page = page_text(response)
    found = [
        (page.index(booking.reference), booking.reference)
        for booking in BookingRequest.objects.all()
        if booking.reference in page
    ]
    return [reference for _position, reference in sorted(found)]


def test_the_inbox_lists_requests_by_their_first_date(editor, inbox):
    assert listed(editor) == [inbox[key].reference for key in ("third", "first", "second")]
    assert listed(editor, ordering="-first_start")[0] == inbox["second"].reference


def test_the_inbox_shows_room_centre_requester_fee_and_status(editor, inbox):
    page = page_text(editor.get(ADMIN))
    assert "Großer Saal" in page and "Stadthaus Laatzen" in page
    assert "Jonas Weber" in page and "Familienzentrum Süd" in page
    with translation.override("de"):
        assert str(Status.CONFIRMED.label) in page
    assert "w-status--primary" in page  # the waiting ones stand out


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "confirmed"}, {"third"}),
        ({"status": "requested"}, {"first", "second"}),
        ({"requester_kind": "volunteer"}, {"second"}),
        ({"q": "Elterncafé"}, {"first"}),
        ({"q": "jonas@"}, {"second"}),
        ({"q": "Integrationsbeirat"}, {"third"}),
    ],
)
def test_staff_filter_and_search_the_inbox(editor, inbox, params, expected):
    assert set(listed(editor, **params)) == {inbox[key].reference for key in expected}


def test_staff_filter_the_inbox_by_room_centre_and_dates(editor, inbox, room, centre, elsewhere):
    assert set(listed(editor, room=inbox["hall"].pk)) == {inbox["second"].reference}
    assert set(listed(editor, centre=centre.pk)) == {
        inbox[key].reference for key in ("first", "second", "third")
    }
    assert len(listed(editor, centre=elsewhere.pk)) == 1
    day = inbox["first"].first_start.date()
    assert set(listed(editor, dates_from=day, dates_to=day)) == {inbox["first"].reference}
    later = inbox["second"].first_start.date()
    assert set(listed(editor, dates_from=later)) == {inbox["second"].reference}


def test_the_inbox_menu_says_how_many_requests_wait(editor, inbox):
    page = page_text(editor.get("/admin/"))
    assert "stadtteil-room-requests" in page
    waiting = BookingRequest.objects.filter(status=Status.REQUESTED).count()
    with translation.override("de"):
        label = translation.ngettext(
            "%(label)s (%(count)d waiting)", "%(label)s (%(count)d waiting)", waiting
        ) % {"label": translation.gettext("Room requests"), "count": waiting}
    assert json.dumps(label)[1:-1] in page or label in page


# Exports for the accounts -----------------------------------------------------------------


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_staff_export_the_filtered_inbox_as_csv_for_the_accounts(editor, room, inbox):
    formula = request_room(
        room,
        [slot(workday(21), "09:00", "10:30"), slot(workday(28), "09:00", "10:30")],
        requester_kind="commercial",
        organisation="=HYPERLINK(1)",
        email="firma@example.org",
    )
    services.confirm(formula)
    response = editor.get(ADMIN, {"export": "csv", "status": "confirmed"})
    assert 'filename="room-requests.csv"' in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header[:3] == [capfirst(de(name)) for name in ("reference number", "centre", "room")]
    by_reference = {row[0]: row for row in rows}
    assert set(by_reference) == {inbox["third"].reference, formula.reference}
    row = by_reference[formula.reference]
    assert row[1:3] == ["Stadthaus Laatzen", room.name]
    assert row[5] == "'=HYPERLINK(1)"  # kept as text
    assert row[6] == "2"  # dates
    assert row[7].startswith(f"{workday(21)} 09:00")  # local time
    assert row[8].startswith(f"{workday(28)} 10:30")
    assert row[9] == "3.00"  # hours
    assert row[10] == str(formula.fee)
    assert row[11]  # decided at


def test_staff_export_the_inbox_as_a_spreadsheet(editor, inbox):
    response = editor.get(ADMIN, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('room-requests.xlsx"')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.values)
    assert len(header) == 12
    by_reference = {row[0]: row for row in rows}
    third = inbox["third"]
    row = by_reference[third.reference]
    assert row[6] == 1
    assert row[7] == dt.datetime.combine(third.first_start.date(), dt.time(14))
    assert row[9] == 2  # hours


# Decisions in bulk ----------------------------------------------------------------------


def test_staff_confirm_several_requests_at_once_and_learn_which_failed(
    editor, room, mailoutbox, django_capture_on_commit_callbacks
):
    day = workday()
    first = request_room(room, slot(day, "10:00", "12:00"), email="a@example.org")
    clashing = request_room(room, slot(day, "11:00", "13:00"), email="b@example.org")
    later = request_room(room, slot(day, "16:00", "18:00"), email="c@example.org")
    assert editor.get(bulk_url("confirm", first, clashing, later)).status_code == 200
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            bulk_url("confirm", first, clashing, later), {"message": "Viel Erfolg!"}, follow=True
        )

    assert reload(first).status == Status.CONFIRMED
    assert reload(later).status == Status.CONFIRMED
    assert reload(clashing).status == Status.REQUESTED
    assert sorted(mail.to[0] for mail in mailoutbox) == ["a@example.org", "c@example.org"]
    assert all("Viel Erfolg!" in mail.body for mail in mailoutbox)
    success, failure = shown_messages(response)
    assert "2" in success
    assert clashing.reference in failure
    assert first.reference not in failure and later.reference not in failure


def test_staff_decline_several_requests_with_one_message(editor, room, inbox):
    response = editor.post(
        bulk_url("decline", inbox["first"], inbox["second"], inbox["third"]),
        {"message": "Das Haus ist in dieser Zeit geschlossen."},
        follow=True,
    )
    assert reload(inbox["first"]).status == Status.DECLINED
    assert reload(inbox["second"]).status == Status.DECLINED
    assert reload(inbox["first"]).decision_message == "Das Haus ist in dieser Zeit geschlossen."
    assert reload(inbox["third"]).status == Status.CONFIRMED  # confirmed cannot be declined
    assert inbox["third"].reference in shown_messages(response)[-1]


def test_staff_cancel_several_bookings_at_once(editor, inbox):
    editor.post(bulk_url("cancel", inbox["first"], inbox["third"]), {"message": ""})
    assert reload(inbox["first"]).status == Status.CANCELLED
    assert reload(inbox["third"]).status == Status.CANCELLED
    assert not Occurrence.objects.filter(source_id=inbox["third"].pk, kind="booking").exists()


# Editing and deleting -----------------------------------------------------------------


def test_staff_edit_only_the_internal_note_and_contact_details(editor, waiting):
    page = page_text(editor.get(url("edit", waiting)))
    assert 'name="staff_note"' in page and 'name="email"' in page
    assert 'name="status"' not in page and 'name="purpose"' not in page

    response = editor.post(
        url("edit", waiting),
        {
            "staff_note": "Hat schon zweimal abgesagt.",
            "contact_name": "Ayşe Demir",
            "organisation": "Nachbarschaftsverein Laatzen-Mitte",
            "email": "ayse.demir@example.org",
            "phone": "",
            "status": "confirmed",
            "fee": "0",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("inspect", waiting)
    booking = reload(waiting)
    assert booking.staff_note == "Hat schon zweimal abgesagt."
    assert booking.email == "ayse.demir@example.org"
    assert booking.status == Status.REQUESTED
    assert booking.fee == waiting.fee


def test_requests_are_not_added_in_the_admin(editor, waiting):
    response = editor.get(url("add"))
    assert response.status_code == 302
    assert 'href="/admin/snippets/stadtteil_booking/bookingrequest/add/"' not in page_text(
        editor.get(ADMIN)
    )


def test_only_superusers_delete_requests_and_their_dates_leave_the_calendar(
    client, editor, centre, waiting
):
    services.confirm(waiting)
    client.force_login(centre_staff(centre))
    assert client.get(url("delete", waiting)).status_code == 302
    client.post(url("delete", waiting))
    client.post(bulk_url("delete", waiting))
    assert BookingRequest.objects.filter(pk=waiting.pk).exists()

    assert editor.get(url("delete", waiting)).status_code == 200
    editor.post(bulk_url("delete", waiting))
    assert not BookingRequest.objects.filter(pk=waiting.pk).exists()
    assert not Occurrence.objects.filter(kind=Occurrence.Kind.BOOKING).exists()


# Staff of one centre ------------------------------------------------------------------


def test_centre_staff_see_and_decide_only_their_centres_requests(
    client, centre, waiting, elsewhere
):
    other = BookingRequest.objects.get(centre=elsewhere)
    client.force_login(centre_staff(centre))

    page = page_text(client.get(ADMIN))
    assert waiting.reference in page and other.reference not in page
    assert "Mittelpunkt Hüttenstraße" not in page  # not even in the centre filter
    assert listed(client, q="Seniorenbeirat") == []
    assert client.get(url("inspect", waiting)).status_code == 200
    for view in ("inspect", "edit", "history", "history-results", "usage", "confirm", "delete"):
        assert client.get(url(view, other)).status_code == 404, view
    chosen = f"/admin/snippets/choose/stadtteil_booking/bookingrequest/chosen/{other.pk}/"
    assert client.get(chosen).status_code == 404

    client.post(url("confirm", other), {"message": ""})
    client.post(bulk_url("confirm", other), {"message": ""})
    assert reload(other).status == Status.REQUESTED

    rows = csv_rows(client.get(ADMIN, {"export": "csv"}))
    assert [row[0] for row in rows[1:]] == [waiting.reference]
    chooser = page_text(client.get("/admin/snippets/choose/stadtteil_booking/bookingrequest/"))
    assert waiting.reference in chooser and other.reference not in chooser
    data = json.loads(client.get(REQUESTER_DATA, {"email": "beirat@example.org"}).content)
    assert data["requests"] == []

    response = client.post(url("confirm", waiting), {"message": ""})
    assert response.status_code == 302
    assert reload(waiting).status == Status.CONFIRMED


# The requester's data --------------------------------------------------------------------


def test_staff_download_everything_stored_about_a_requester(editor, room, waiting, elsewhere):
    services.confirm(waiting)
    second = request_room(
        room, slot(workday(20)), purpose="Sommerfest-Planung", email="AYSE@example.org"
    )
    waiting.staff_note = "Zahlt bar."
    waiting.save(update_fields=["staff_note"])
    request_room(room, slot(workday(21)), email="someone.else@example.org")

    response = editor.post(REQUESTER_DATA, {"email": "ayse@example.org"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="requester-data-')
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["email"] == "ayse@example.org"
    by_reference = {item["reference"]: item for item in data["requests"]}
    assert set(by_reference) == {waiting.reference, second.reference}
    first = by_reference[waiting.reference]
    assert first["status"] == "confirmed"
    assert first["contact_name"] == "Ayşe Demir"
    assert first["internal_note"] == "Zahlt bar."
    assert first["dates"][0]["booked"] is True
    assert first["dates"][0]["start"].endswith(("+01:00", "+02:00"))
    assert {mail["kind"] for mail in first["mails"]} == {"receipt", "new_request", "decision"}
    assert (
        ModelLogEntry.objects.filter(action="stadtteil_booking.export_requester_data").count() == 2
    )

    from_page = json.loads(editor.get(REQUESTER_DATA, {"request": second.pk}).content)
    assert {item["reference"] for item in from_page["requests"]} == set(by_reference)
    response = editor.get(REQUESTER_DATA, {"email": "not an address"})
    assert response.status_code == 200 and response.context["form"].errors


# The fee table on the room editor ---------------------------------------------------------


def room_form_data(room, fees):
    data = {
        "centre": str(room.centre_id),
        "name": room.name,
        "slug": room.slug,
        "kind": room.kind,
        "location_in_building": "",
        "description": "",
        "capacity": str(room.capacity),
        "area_m2": "",
        "step_free": "",
        "accessible_wc": "",
        "hearing_loop": "",
        "photos": inline_formset([]),
        "publicly_bookable": "on",
        "buffer_before": "0",
        "buffer_after": "0",
        "min_duration": str(room.min_duration),
        "max_duration": str(room.max_duration),
        "start_interval": str(room.start_interval),
        "min_notice_hours": str(room.min_notice_hours),
        "max_advance_days": str(room.max_advance_days),
        "bookable_from": "",
        "bookable_until": "",
        "fees": inline_formset(fees),
    }
    return nested_form_data(data)


def test_staff_keep_a_rooms_fee_table_in_the_room_editor(editor, room):
    edit = f"/admin/snippets/stadtteil_rooms/room/edit/{room.pk}/"
    assert 'name="fees-TOTAL_FORMS"' in page_text(editor.get(edit))

    response = editor.post(
        edit,
        room_form_data(
            room,
            [
                {
                    "requester_kind": "commercial",
                    "allowed": "on",
                    "hourly_rate": "20.00",
                    "daily_rate": "120.00",
                    "note": "zzgl. Reinigungspauschale",
                },
                {"requester_kind": "private", "allowed": "", "hourly_rate": "", "daily_rate": ""},
            ],
        ),
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    fees = {fee.requester_kind: fee for fee in room.fees.all()}
    assert str(fees["commercial"].hourly_rate) == "20.00"
    assert fees["commercial"].note == "zzgl. Reinigungspauschale"
    assert fees["private"].allowed is False

    booking = request_room(room, slot(workday()), requester_kind="commercial")
    page = page_text(editor.get(url("inspect", booking)))
    assert "zzgl. Reinigungspauschale" in page
    assert "120,00 €" in page
