"""Rooms and their regular use in and out of spreadsheets (issue 7): a room
list and a weekly room plan imported all or nothing, every problem named by
line and column, each centre's staff only in their own centre, and a regular
use that clashes with the room's other use refused as in the admin."""

import csv
import datetime as dt
import io

import pytest
from django.utils import translation

from tests import factories
from tests.booking_helpers import bookable_room, open_centre, request_room, slot, workday
from tests.calendar_helpers import make_room, make_use
from wagtail_stadtteil.booking import services
from wagtail_stadtteil.centres.creation import create_centre
from wagtail_stadtteil.core.importing import export_file, read_dataset, run_import
from wagtail_stadtteil.rooms.models import Room, RoomUse
from wagtail_stadtteil.rooms.resources import RoomResource, RoomUseResource
from wagtail_stadtteil.schedules.dates import local_date, local_today, local_zone
from wagtail_stadtteil.schedules.models import Occurrence

# A room list and a room plan as a city sends them --------------------------------

ROOM_HEADERS = [
    "centre",
    "slug",
    "name",
    "kind",
    "capacity",
    "area_m2",
    "step_free",
    "equipment",
    "publicly_bookable",
    "min_duration",
    "bookable_from",
    "bookable_until",
]

USE_HEADERS = ["centre", "room", "title", "group", "rule", "start_time", "end_time"]


def csv_file(headers, rows, delimiter=","):
    """A CSV upload as read by the admin view and the command."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return read_dataset(out.getvalue().encode("utf-8"), "csv")


def import_rooms(rows, headers=ROOM_HEADERS, dry_run=False, **resource):
    return run_import(RoomResource(**resource), csv_file(headers, rows), dry_run=dry_run)


def import_uses(rows, headers=USE_HEADERS, dry_run=False, **resource):
    return run_import(RoomUseResource(**resource), csv_file(headers, rows), dry_run=dry_run)


def reimport(resource_class, format_name="csv", **resource):
    """Export with ``resource_class`` and import the file again."""
    content = export_file(resource_class(**resource), format_name)
    return run_import(resource_class(**resource), read_dataset(content, format_name), dry_run=False)


def where(report):
    return [(problem.line, problem.column) for problem in report.problems]


@pytest.fixture
def laatzen(home):
    return create_centre("Stadthaus Laatzen", parent=home, slug="stadthaus")


@pytest.fixture
def huette(home):
    return create_centre("Mittelpunkt Hüttenstraße", parent=home, slug="mittelpunkt")


@pytest.fixture
def editor_laatzen(laatzen):
    return factories.make_user("redaktion-laatzen", groups=[laatzen.group])


# Rooms ---------------------------------------------------------------------------


def test_a_room_list_creates_rooms_and_importing_its_export_again_changes_nothing(laatzen):
    report = import_rooms(
        [
            [
                "stadthaus",
                "",
                "Saal im Erdgeschoss",
                "hall",
                "120",
                "140,5",
                "yes",
                "projector, wifi",
                "yes",
                "90",
                "08:00",
                "22:00",
            ],
            ["stadthaus", "gruppenraum-1", "Gruppenraum 1", "", "12", "", "", "", "no", "", "", ""],
        ]
    )

    assert report.saved and report.summary() == "new: 2, updated: 0, unchanged: 0, invalid: 0"
    hall = Room.objects.get(centre=laatzen.centre, slug="saal-im-erdgeschoss")  # from the name
    assert (hall.kind, hall.capacity, hall.step_free) == ("hall", 120, True)
    assert str(hall.area_m2) == "140.5"
    assert hall.equipment == ["projector", "wifi"]
    assert (hall.min_duration, hall.bookable_from) == (90, dt.time(8))
    small = Room.objects.get(slug="gruppenraum-1")
    assert small.kind == Room.Kind.GROUP_ROOM and small.step_free is None
    assert (small.min_duration, small.buffer_before) == (60, 0)  # empty cells: the defaults

    for format_name in ("csv", "xlsx", "ods"):
        again = reimport(RoomResource, format_name)
        assert again.summary() == "new: 0, updated: 0, unchanged: 2, invalid: 0", format_name
    assert Room.objects.count() == 2


def test_a_changed_row_updates_the_room_instead_of_adding_one(laatzen):
    make_room(laatzen.centre, "Saal", capacity=80)

    report = import_rooms(
        [["stadthaus", "saal", "Saal", "hall", "100", "", "", "", "", "", "", ""]]
    )

    assert report.summary() == "new: 0, updated: 1, unchanged: 0, invalid: 0"
    assert Room.objects.get().capacity == 100


def test_german_headers_and_labels_are_accepted(laatzen):
    # The slug column must be there (it says which row is which), empty or not.
    headers = [
        "Stadtteilzentrum",
        "Slug",
        "Name",
        "Art",
        "Kapazität (Personen)",
        "stufenlos zugänglich",
        "Ausstattung",
    ]

    report = run_import(
        RoomResource(),
        csv_file(
            headers,
            [["stadthaus", "", "Saal", "Saal", "80", "ja", "Beamer und Leinwand, WLAN"]],
            delimiter=";",
        ),
        dry_run=False,
    )

    assert report.saved, [str(problem) for problem in report.problems]
    room = Room.objects.get()
    assert (room.kind, room.capacity, room.step_free) == ("hall", 80, True)
    assert room.equipment == ["projector", "wifi"]


def test_an_export_has_german_headers_and_labels_for_a_german_site(laatzen):
    make_room(laatzen.centre, "Saal", kind=Room.Kind.HALL, step_free=False)

    dataset = read_dataset(export_file(RoomResource(), "csv"), "csv")

    assert dataset.headers[0] == "Stadtteilzentrum"
    assert dataset.headers[2:4] == ["Name", "Art"]
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["Art"] == "Saal"


def test_a_centre_editor_imports_rooms_only_into_their_own_centre(laatzen, huette, editor_laatzen):
    report = import_rooms(
        [
            ["stadthaus", "", "Saal", "", "", "", "", "", "", "", "", ""],
            ["mittelpunkt", "", "Werkraum", "", "", "", "", "", "", "", "", ""],
        ],
        user=editor_laatzen,
    )

    assert not report.saved and report.invalid == 1
    assert where(report) == [(3, "centre")]
    assert not Room.objects.exists()  # not even the room of their own centre


def test_a_centre_editor_exports_only_their_own_centres_rooms(laatzen, huette, editor_laatzen):
    make_room(laatzen.centre, "Saal")
    make_room(huette.centre, "Werkraum")

    dataset = RoomResource(user=editor_laatzen).export_dataset(headers="keys")

    assert [row[dataset.headers.index("name")] for row in dataset] == ["Saal"]


def test_an_import_for_one_centre_refuses_rows_of_another(laatzen, huette):
    report = import_rooms(
        [["mittelpunkt", "", "Werkraum", "", "", "", "", "", "", "", "", ""]],
        centre=laatzen.centre,
    )

    assert where(report) == [(2, "centre")] and not Room.objects.exists()


def test_only_staff_who_manage_a_centre_may_import_rooms(laatzen, editor_laatzen):
    nobody = factories.make_user("praktikant")

    assert RoomResource(user=editor_laatzen).may_import()
    assert RoomResource().may_import()  # the command line
    assert not RoomResource(user=nobody).may_import()
    report = import_rooms(
        [["stadthaus", "", "Saal", "", "", "", "", "", "", "", "", ""]], user=nobody
    )
    assert report.problems and not Room.objects.exists()


def test_an_unknown_centre_is_reported_by_line_and_column(laatzen):
    with translation.override("en"):
        report = import_rooms(
            [["stadthaus-gibts-nicht", "", "Saal", "", "", "", "", "", "", "", "", ""]]
        )

    assert where(report) == [(2, "centre")]
    assert "No centre with the slug “stadthaus-gibts-nicht”" in report.problems[0].message


def test_two_rows_for_the_same_room_are_refused(laatzen):
    report = import_rooms(
        [
            ["stadthaus", "", "Saal", "", "", "", "", "", "", "", "", ""],
            ["stadthaus", "saal", "Saal (neu)", "", "", "", "", "", "", "", "", ""],
        ]
    )

    assert where(report) == [(3, "slug")] and not Room.objects.exists()


def test_a_formula_cell_is_reported_by_line_and_column_and_nothing_is_saved(laatzen):
    report = import_rooms(
        [
            ["stadthaus", "", "Saal", "", "", "", "", "", "", "", "", ""],
            [
                "stadthaus",
                "",
                '=HYPERLINK("http://evil.example","Klick")',
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
        ]
    )

    assert where(report) == [(3, "name")]
    assert report.summary() == "new: 1, updated: 0, unchanged: 0, invalid: 1"
    assert not Room.objects.exists()


def test_nonsense_cells_are_reported_in_their_columns(laatzen):
    report = import_rooms(
        [
            [
                "stadthaus",
                "",
                "Saal",
                "Schwimmbad",
                "viele",
                "",
                "vielleicht",
                "Sauna",
                "",
                "",
                "25:00",
                "",
            ]
        ]
    )

    assert sorted(where(report)) == sorted(
        [(2, "kind"), (2, "capacity"), (2, "step_free"), (2, "equipment"), (2, "bookable_from")]
    )


# Regular room use ----------------------------------------------------------------


@pytest.fixture
def saal(laatzen):
    return make_room(laatzen.centre, "Saal")


def future_weekday(weekday, weeks=2):
    """A date of ``weekday`` (0 = Monday) at least ``weeks`` weeks ahead."""
    day = local_today() + dt.timedelta(weeks=weeks)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def exdate(day):
    """An EXDATE as the admin's widget writes it: local midnight in UTC."""
    midnight = dt.datetime.combine(day, dt.time.min, tzinfo=local_zone())
    return f"EXDATE:{midnight.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


def test_an_imported_regular_use_writes_its_dates_and_blocks_the_room(saal):
    choir = factories.make_partner("Chor Laatzen", slug="chor-laatzen")
    skipped = future_weekday(1)

    report = import_uses(
        [
            [
                "stadthaus",
                "saal",
                "Chorprobe",
                "chor-laatzen",
                f"RRULE:FREQ=WEEKLY;BYDAY=TU\n{exdate(skipped)}",
                "18:00",
                "20:00",
            ]
        ]
    )

    assert report.saved, [str(problem) for problem in report.problems]
    use = RoomUse.objects.get()
    assert (use.room, use.group, use.start_time) == (saal, choir, dt.time(18))
    dates = Occurrence.objects.filter(room_id=saal.pk, kind=Occurrence.Kind.ROOM_USE)
    assert dates.filter(title="Chorprobe").count() > 10
    assert {local_date(row.start).weekday() for row in dates} == {1}
    assert not dates.filter(original_date=skipped).exists()
    assert dates.filter(original_date=skipped + dt.timedelta(weeks=1)).exists()

    again = reimport(RoomUseResource)
    assert again.summary() == "new: 0, updated: 0, unchanged: 1, invalid: 0"


def test_a_use_that_clashes_with_another_use_of_the_room_is_refused_with_its_dates(saal):
    make_use(saal, "Chorprobe", weekdays=(1,), start="18:00", end="20:00")
    first = Occurrence.objects.filter(room_id=saal.pk, status="scheduled").first()

    with translation.override("en"):
        report = import_uses(
            [["stadthaus", "saal", "Yoga", "", "RRULE:FREQ=WEEKLY;BYDAY=TU", "19:00", "21:00"]]
        )

    assert where(report) == [(2, None)]
    message = report.problems[0].message
    assert "The room is already in use" in message
    assert f"{local_date(first.start).isoformat()} 19:00–21:00: Chorprobe" in message
    assert "18:00–20:00" in message
    assert list(RoomUse.objects.values_list("title", flat=True)) == ["Chorprobe"]


def test_a_use_that_clashes_with_a_confirmed_booking_is_refused(laatzen):
    room = bookable_room(open_centre(laatzen.centre), name="Werkraum")
    day = workday(14)
    booking = services.confirm(request_room(room, slot(day, "10:00", "12:00")))

    with translation.override("en"):
        report = import_uses(
            [
                [
                    "stadthaus",
                    "werkraum",
                    "Nähtreff",
                    "",
                    f"RRULE:FREQ=WEEKLY;BYDAY={['MO', 'TU', 'WE', 'TH', 'FR'][day.weekday()]}",
                    "11:00",
                    "13:00",
                ]
            ]
        )

    assert where(report) == [(2, None)]
    assert booking.reference in report.problems[0].message
    assert not RoomUse.objects.exists()


def test_two_clashing_rows_in_one_file_are_refused(saal):
    report = import_uses(
        [
            ["stadthaus", "saal", "Chorprobe", "", "RRULE:FREQ=WEEKLY;BYDAY=TU", "18:00", "20:00"],
            ["stadthaus", "saal", "Yoga", "", "RRULE:FREQ=WEEKLY;BYDAY=TU", "19:30", "21:00"],
        ]
    )

    assert where(report) == [(3, None)] and not RoomUse.objects.exists()
    assert not Occurrence.objects.filter(room_id=saal.pk).exists()


def test_a_changed_time_moves_the_uses_dates_without_clashing_with_itself(saal):
    use = make_use(saal, "Chorprobe", weekdays=(1,), start="18:00", end="20:00")

    report = import_uses(
        [["stadthaus", "saal", "Chorprobe", "", "RRULE:FREQ=WEEKLY;BYDAY=TU", "19:00", "21:00"]]
    )

    assert report.summary() == "new: 0, updated: 1, unchanged: 0, invalid: 0"
    starts = {
        row.start.astimezone(local_zone()).time()
        for row in Occurrence.objects.filter(room_id=saal.pk, original_date__gte=local_today())
    }
    assert starts == {dt.time(19)}
    assert RoomUse.objects.get().pk == use.pk


def test_a_bad_rule_is_reported_in_the_rule_column(saal):
    with translation.override("en"):
        report = import_uses(
            [["stadthaus", "saal", "Chorprobe", "", "jeden Dienstag", "18:00", "20:00"]]
        )

    assert where(report) == [(2, "rule")], report.problems
    assert "is not a rule in RFC 5545 form" in report.problems[0].message


def test_an_end_before_the_start_and_a_last_day_before_the_first_are_refused(saal):
    with translation.override("en"):
        report = import_uses(
            [
                [
                    "stadthaus",
                    "saal",
                    "Chorprobe",
                    "",
                    "RRULE:FREQ=WEEKLY;BYDAY=TU",
                    "20:00",
                    "18:00",
                    "2027-06-01",
                    "2027-05-01",
                ]
            ],
            headers=[*USE_HEADERS, "first_day", "last_day"],
        )

    assert sorted(where(report)) == [(2, "end_time"), (2, "last_day")]
    assert "The end must be after the start" in str(report.problems)
    assert not RoomUse.objects.exists()


def test_an_unknown_room_is_reported_in_the_room_column(saal):
    with translation.override("en"):
        report = import_uses(
            [["stadthaus", "turnhalle", "Yoga", "", "RRULE:FREQ=WEEKLY;BYDAY=TU", "18:00", "20:00"]]
        )

    assert where(report) == [(2, "room")]
    assert "No room with the slug “turnhalle”" in report.problems[0].message


def test_a_title_used_twice_in_the_room_makes_the_row_ambiguous(saal):
    make_use(saal, "Chorprobe", weekdays=(1,))
    make_use(saal, "Chorprobe", weekdays=(3,))

    with translation.override("en"):
        report = import_uses(
            [["stadthaus", "saal", "Chorprobe", "", "RRULE:FREQ=WEEKLY;BYDAY=FR", "18:00", "20:00"]]
        )

    assert where(report) == [(2, "title")]
    assert "ambiguous" in report.problems[0].message
    assert RoomUse.objects.count() == 2


def test_a_centre_editor_plans_only_rooms_of_their_own_centre(saal, huette, editor_laatzen):
    make_room(huette.centre, "Werkraum")

    report = import_uses(
        [
            ["stadthaus", "saal", "Chorprobe", "", "RRULE:FREQ=WEEKLY;BYDAY=TU", "18:00", "20:00"],
            [
                "mittelpunkt",
                "werkraum",
                "Nähtreff",
                "",
                "RRULE:FREQ=WEEKLY;BYDAY=MO",
                "09:00",
                "10:00",
            ],
        ],
        user=editor_laatzen,
    )

    assert (3, "centre") in where(report)
    assert not RoomUse.objects.exists()
