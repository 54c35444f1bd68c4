"""Room requests leave as spreadsheets for accounting and evaluation (issue 7):
each centre's staff export only their own centre's requests, the requester's
personal data only when asked for, formulas defused, never imported back."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests import factories
from tests.booking_helpers import (
    bookable_room,
    open_centre,
    request_room,
    requester,
    slot,
    workday,
)
from wagtail_stadtteil.booking import services
from wagtail_stadtteil.booking.resources import BookingRequestResource
from wagtail_stadtteil.centres.creation import create_centre
from wagtail_stadtteil.core.importing import export_file, read_dataset, run_import
from wagtail_stadtteil.schedules.dates import local_zone

PERSONAL = ["contact_name", "email", "phone", "message"]


@pytest.fixture
def laatzen(home):
    created = create_centre("Stadthaus Laatzen", parent=home, slug="stadthaus")
    created.room = bookable_room(open_centre(created.centre), name="Werkraum")
    return created


@pytest.fixture
def huette(home):
    created = create_centre("Mittelpunkt Hüttenstraße", parent=home, slug="mittelpunkt")
    created.room = bookable_room(open_centre(created.centre), name="Saal")
    return created


@pytest.fixture
def editor_laatzen(laatzen):
    return factories.make_user("redaktion-laatzen", groups=[laatzen.group])


def rows(resource):
    """The export as dicts by column key."""
    dataset = resource.export_dataset(headers="keys")
    return [dict(zip(dataset.headers, row, strict=True)) for row in dataset]


def csv_rows(content):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_a_centre_editors_export_holds_only_their_centres_requests(laatzen, huette, editor_laatzen):
    own = request_room(laatzen.room, slot(workday()), purpose="Vereinssitzung")
    request_room(huette.room, slot(workday()), purpose="Hochzeitsfeier von Berta")

    exported = rows(BookingRequestResource(user=editor_laatzen))

    assert [row["reference"] for row in exported] == [own.reference]
    assert (exported[0]["centre"], exported[0]["room"]) == ("stadthaus", "werkraum")
    with translation.override("de"):  # the headers are in the reader's language
        content = export_file(BookingRequestResource(user=editor_laatzen), "xlsx")
    assert read_dataset(content, "xlsx")["Zweck"] == ["Vereinssitzung"]


def test_the_command_line_exports_every_centre_or_the_one_asked_for(laatzen, huette):
    request_room(laatzen.room, slot(workday()))
    other = request_room(huette.room, slot(workday()))

    assert len(rows(BookingRequestResource())) == 2
    only = rows(BookingRequestResource(centre=huette.centre))
    assert [row["reference"] for row in only] == [other.reference]


def test_staff_who_manage_no_centre_export_no_requests(laatzen):
    request_room(laatzen.room, slot(workday()))

    assert rows(BookingRequestResource(user=factories.make_user("praktikant"))) == []


def test_personal_data_is_exported_only_when_asked_for(laatzen, editor_laatzen):
    services.submit(
        laatzen.room,
        [slot(workday())],
        requester(contact_name="Ayşe Demir", email="ayse@example.org", phone="0511 123456"),
        purpose="Vereinssitzung",
        attendees=12,
        message="Wir bringen Kuchen mit.",
    )

    plain = export_file(BookingRequestResource(user=editor_laatzen), "csv", headers="keys")
    full = export_file(
        BookingRequestResource(user=editor_laatzen, personal_data=True), "csv", headers="keys"
    )

    assert not set(PERSONAL) & set(csv_rows(plain)[0])
    for secret in ("Ayşe", "ayse@example.org", "123456", "Kuchen"):
        assert secret.encode() not in plain
    row = csv_rows(full)[0]
    assert [row[key] for key in PERSONAL] == [
        "Ayşe Demir",
        "ayse@example.org",
        "0511 123456",
        "Wir bringen Kuchen mit.",
    ]


def test_each_date_is_a_line_in_local_time_and_choices_are_labels(laatzen):
    first, second = workday(14), workday(21)
    booking = request_room(
        laatzen.room,
        [slot(first, "18:00", "20:00"), slot(second, "09:30", "11:00")],
        attendees=12,
    )
    booking = services.confirm(booking)

    with translation.override("en"):
        (row,) = rows(BookingRequestResource())

    assert row["dates"] == f"{first} 18:00–20:00\n{second} 09:30–11:00"
    assert (row["status"], row["requester_kind"]) == (
        "Confirmed",
        "Non-profit local club or initiative",
    )
    assert row["attendees"] == "12" and Decimal(row["fee"]) == booking.fee
    received = booking.created_at.astimezone(local_zone()).replace(microsecond=0)
    assert row["received_at"] == received.isoformat()
    assert row["decided_at"] == booking.decided_at.astimezone(local_zone()).isoformat(
        timespec="seconds"
    )


def test_a_purpose_that_looks_like_a_formula_is_escaped_in_csv(laatzen):
    request_room(laatzen.room, slot(workday()), purpose='=HYPERLINK("http://evil.example","Hi")')

    (row,) = csv_rows(export_file(BookingRequestResource(), "csv", headers="keys"))

    assert row["purpose"] == '\'=HYPERLINK("http://evil.example","Hi")'


def test_requests_cannot_be_imported_from_a_spreadsheet(laatzen):
    booking = request_room(laatzen.room, slot(workday()), purpose="Vereinssitzung")
    content = export_file(BookingRequestResource(), "csv", headers="keys")
    changed = content.replace(b"Vereinssitzung", b"Flohmarkt")

    resource = BookingRequestResource()
    report = run_import(resource, read_dataset(changed, "csv"), dry_run=False)

    assert not resource.may_import()
    assert report.problems and not report.saved
    booking.refresh_from_db()
    assert booking.purpose == "Vereinssitzung"


def test_the_export_reads_a_fixed_number_of_queries_however_many_requests(laatzen):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            export_file(BookingRequestResource(personal_data=True), "csv")
        return len(captured)

    request_room(laatzen.room, [slot(workday(14)), slot(workday(21))])
    few = queries()
    for days in (15, 16, 17, 22, 23):
        request_room(laatzen.room, [slot(workday(days), "10:00", "11:00")])

    assert queries() == few
