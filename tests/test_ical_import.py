"""A centre brings its external calendar (.ics) into its offers: each event
becomes a row for the offer import, with its dates as local dates and its
times in the centre's time zone (Europe/Berlin), whatever the calendar wrote."""

import datetime as dt
import zoneinfo
from io import StringIO

import icalendar
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from wagtail_stadtteil.centres.ical_import import ical_dataset
from wagtail_stadtteil.centres.models import OfferPage
from wagtail_stadtteil.core.importing import RuleWidget, UnreadableFile
from wagtail_stadtteil.schedules.dates import expand_dates

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
UTC = dt.UTC


def calendar(*events):
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Stadthaus Laatzen//Kalender//DE")
    cal.add("version", "2.0")
    for fields in events:
        event = icalendar.Event()
        for name, value in fields.items():
            if name == "exdate":
                for day in value:
                    event.add("exdate", day)
            else:
                event.add(name, value)
        cal.add_component(event)
    return cal.to_ical()


def rows(dataset):
    return {row["uid"]: row for row in dataset.dict}


def dates_of(row, first, last):
    """The local dates residents will see for a row's rule."""
    rule = RuleWidget(one_line=True).clean(row["rule"])
    return expand_dates(rule, dt.date.fromisoformat(row["first_day"]), first, last)


WEEKLY_YOGA = {
    "uid": "yoga-2025@stadthaus-laatzen.example",
    "summary": "Yoga für Einsteiger*innen",
    "description": "Bitte eine Matte mitbringen.",
    "dtstart": dt.datetime(2025, 3, 4, 18, 0, tzinfo=BERLIN),
    "dtend": dt.datetime(2025, 3, 4, 19, 30, tzinfo=BERLIN),
    "rrule": {
        "freq": "weekly",
        "byday": "TU",
        "until": dt.datetime(2025, 6, 30, 21, 59, 59, tzinfo=UTC),
    },
}


def test_a_weekly_series_becomes_a_regular_group_with_its_rule_and_local_times(centre):
    row = rows(ical_dataset(calendar(WEEKLY_YOGA), centre))[WEEKLY_YOGA["uid"]]
    assert row == {
        "centre": "stadthaus-laatzen",
        "uid": WEEKLY_YOGA["uid"],
        "title": "Yoga für Einsteiger*innen",
        "slug": "yoga-fuer-einsteigerinnen",
        "offer_kind": "group",
        "intro": "Bitte eine Matte mitbringen.",
        "rule": "RRULE:FREQ=WEEKLY;UNTIL=20250630;BYDAY=TU",
        "start_time": "18:00",
        "end_time": "19:30",
        "first_day": "2025-03-04",
        "last_day": "2025-06-30",
    }
    dates = dates_of(row, dt.date(2025, 3, 1), dt.date(2025, 12, 31))
    assert dates[0] == dt.date(2025, 3, 4)
    assert dates[-1] == dt.date(2025, 6, 24)
    assert {day.weekday() for day in dates} == {1}


def test_a_series_written_in_utc_keeps_its_local_time_across_the_clock_change(centre):
    # 17:00 UTC is 18:00 in winter; the rule says "every Tuesday" in local dates.
    event = {
        **WEEKLY_YOGA,
        "dtstart": dt.datetime(2025, 2, 4, 17, 0, tzinfo=UTC),
        "dtend": dt.datetime(2025, 2, 4, 18, 30, tzinfo=UTC),
        "rrule": {"freq": "weekly", "byday": "TU"},
    }
    row = rows(ical_dataset(calendar(event), centre))[event["uid"]]
    assert (row["start_time"], row["end_time"]) == ("18:00", "19:30")
    assert row["rule"] == "RRULE:FREQ=WEEKLY;BYDAY=TU"
    assert row["last_day"] == ""
    assert dt.date(2025, 4, 1) in dates_of(row, dt.date(2025, 3, 25), dt.date(2025, 4, 5))


def test_single_events_in_utc_get_the_local_time_of_their_season(centre):
    summer = {
        "uid": "sommerfest@laatzen",
        "summary": "Sommerfest am Marktplatz",
        "dtstart": dt.datetime(2025, 7, 10, 13, 0, tzinfo=UTC),
        "dtend": dt.datetime(2025, 7, 10, 18, 0, tzinfo=UTC),
    }
    winter = {
        "uid": "lichterfest@laatzen",
        "summary": "Lichterfest",
        "dtstart": dt.datetime(2025, 1, 15, 16, 0, tzinfo=UTC),
        "dtend": dt.datetime(2025, 1, 15, 19, 0, tzinfo=UTC),
    }
    found = rows(ical_dataset(calendar(summer, winter), centre))
    fest = found["sommerfest@laatzen"]
    assert (fest["rule"], fest["start_time"], fest["end_time"]) == (
        "RDATE:20250710",
        "15:00",
        "20:00",
    )
    assert (fest["offer_kind"], fest["first_day"], fest["last_day"]) == ("event", "2025-07-10", "")
    lights = found["lichterfest@laatzen"]
    assert (lights["rule"], lights["start_time"], lights["end_time"]) == (
        "RDATE:20250115",
        "17:00",
        "20:00",
    )
    assert dates_of(fest, dt.date(2025, 7, 1), dt.date(2025, 7, 31)) == [dt.date(2025, 7, 10)]


def test_floating_times_are_taken_as_the_centres_local_time(centre):
    event = {
        "uid": "elterncafe@laatzen",
        "summary": "Elterncafé",
        "dtstart": dt.datetime(2025, 5, 6, 9, 30),
        "duration": dt.timedelta(hours=2),
    }
    row = rows(ical_dataset(calendar(event), centre))["elterncafe@laatzen"]
    assert (row["start_time"], row["end_time"], row["first_day"]) == (
        "09:30",
        "11:30",
        "2025-05-06",
    )


def test_an_event_that_ends_just_after_midnight_local_time_is_skipped(centre):
    # 20:00–22:30 UTC in summer is 22:00–00:30 in Laatzen.
    event = {
        "uid": "nachtcafe@laatzen",
        "summary": "Nachtcafé",
        "dtstart": dt.datetime(2025, 7, 5, 20, 0, tzinfo=UTC),
        "dtend": dt.datetime(2025, 7, 5, 22, 30, tzinfo=UTC),
    }
    with translation.override("en"):
        dataset = ical_dataset(calendar(event), centre)
    assert len(dataset) == 0
    assert dataset.skipped == [("nachtcafe@laatzen", "“Nachtcafé” goes on past midnight.")]


def test_cancelled_and_all_day_events_are_skipped_and_listed(centre):
    cancelled = {
        "uid": "abgesagt@laatzen",
        "summary": "Lesung",
        "status": "CANCELLED",
        "dtstart": dt.datetime(2025, 5, 6, 19, 0, tzinfo=BERLIN),
        "dtend": dt.datetime(2025, 5, 6, 21, 0, tzinfo=BERLIN),
    }
    all_day = {
        "uid": "flohmarkt@laatzen",
        "summary": "Flohmarkt",
        "dtstart": dt.date(2025, 5, 10),
        "dtend": dt.date(2025, 5, 11),
    }
    with translation.override("en"):
        dataset = ical_dataset(calendar(WEEKLY_YOGA, cancelled, all_day), centre)
    assert set(rows(dataset)) == {WEEKLY_YOGA["uid"]}
    assert dict(dataset.skipped) == {
        "abgesagt@laatzen": "The event is cancelled.",
        "flohmarkt@laatzen": "“Flohmarkt” is an all-day event: offers need times.",
    }


def test_changed_dates_of_a_series_under_the_same_uid_are_left_out_of_the_series(centre):
    uid = WEEKLY_YOGA["uid"]
    cancelled_date = {
        "uid": uid,
        "summary": "Yoga für Einsteiger*innen",
        "recurrence-id": dt.datetime(2025, 4, 15, 18, 0, tzinfo=BERLIN),
        "status": "CANCELLED",
        "dtstart": dt.datetime(2025, 4, 15, 18, 0, tzinfo=BERLIN),
        "dtend": dt.datetime(2025, 4, 15, 19, 30, tzinfo=BERLIN),
    }
    moved_date = {
        "uid": uid,
        "summary": "Yoga für Einsteiger*innen",
        "recurrence-id": dt.datetime(2025, 5, 6, 16, 0, tzinfo=UTC),
        "dtstart": dt.datetime(2025, 5, 7, 18, 0, tzinfo=BERLIN),
        "dtend": dt.datetime(2025, 5, 7, 19, 30, tzinfo=BERLIN),
    }
    retitled_date = {
        "uid": uid,
        "summary": "Yoga für Einsteiger*innen – mit Gastlehrerin",
        "recurrence-id": dt.datetime(2025, 5, 13, 18, 0, tzinfo=BERLIN),
        "dtstart": dt.datetime(2025, 5, 13, 18, 0, tzinfo=BERLIN),
        "dtend": dt.datetime(2025, 5, 13, 19, 30, tzinfo=BERLIN),
    }
    content = calendar(cancelled_date, WEEKLY_YOGA, moved_date, retitled_date)
    with translation.override("en"):
        dataset = ical_dataset(content, centre)
    assert len(dataset) == 1
    row = rows(dataset)[uid]
    assert row["title"] == "Yoga für Einsteiger*innen"
    assert row["rule"] == ("RRULE:FREQ=WEEKLY;UNTIL=20250630;BYDAY=TU EXDATE:20250415,20250506")
    dates = dates_of(row, dt.date(2025, 4, 1), dt.date(2025, 5, 31))
    assert dt.date(2025, 4, 15) not in dates
    assert dt.date(2025, 5, 6) not in dates
    assert dt.date(2025, 5, 7) not in dates
    assert dt.date(2025, 5, 13) in dates
    assert dataset.skipped == [
        (
            uid,
            "“Yoga für Einsteiger*innen” on 06.05.2025 was moved: the date is left out, "
            "the moved date is not imported.",
        )
    ]


def test_exdates_of_the_calendar_are_kept_as_local_dates(centre):
    event = {
        **WEEKLY_YOGA,
        "exdate": [
            dt.datetime(2025, 4, 1, 16, 0, tzinfo=UTC),
            dt.datetime(2025, 4, 22, 18, 0, tzinfo=BERLIN),
        ],
    }
    row = rows(ical_dataset(calendar(event), centre))[event["uid"]]
    assert row["rule"].endswith(" EXDATE:20250401,20250422")


def test_the_same_event_twice_counts_once_in_its_latest_version(centre):
    older = {**WEEKLY_YOGA, "sequence": 1}
    newer = {**WEEKLY_YOGA, "sequence": 2, "dtend": dt.datetime(2025, 3, 4, 20, 0, tzinfo=BERLIN)}
    dataset = ical_dataset(calendar(newer, older), centre)
    assert len(dataset) == 1
    assert rows(dataset)[WEEKLY_YOGA["uid"]]["end_time"] == "20:00"


def test_events_with_the_same_title_get_distinct_stable_slugs(centre):
    first = {
        "uid": "vortrag-1@laatzen",
        "summary": "Vortrag",
        "dtstart": dt.datetime(2025, 5, 6, 19, 0, tzinfo=BERLIN),
        "dtend": dt.datetime(2025, 5, 6, 20, 0, tzinfo=BERLIN),
    }
    second = {
        **first,
        "uid": "vortrag-2@laatzen",
        "dtstart": dt.datetime(2025, 6, 3, 19, 0, tzinfo=BERLIN),
        "dtend": dt.datetime(2025, 6, 3, 20, 0, tzinfo=BERLIN),
    }
    slugs = {
        uid: row["slug"] for uid, row in rows(ical_dataset(calendar(first, second), centre)).items()
    }
    assert len(set(slugs.values())) == 2
    assert all(slug.startswith("vortrag-") for slug in slugs.values())
    again = rows(ical_dataset(calendar(second, first), centre))
    assert {uid: row["slug"] for uid, row in again.items()} == slugs


def test_html_descriptions_become_plain_text(centre):
    event = {
        **WEEKLY_YOGA,
        "description": "<p>Bitte mitbringen:</p><ul><li>Matte</li><li>Decke</li></ul>"
        "<p>Kosten: 3&nbsp;€</p>",
    }
    intro = rows(ical_dataset(calendar(event), centre))[event["uid"]]["intro"]
    assert "<" not in intro
    assert "Bitte mitbringen:" in intro and "Matte\nDecke" in intro and "3\xa0€" in intro


def test_a_description_starting_with_a_dash_is_not_taken_for_a_formula(centre):
    event = {**WEEKLY_YOGA, "description": "- für alle ab 16 Jahren"}
    assert rows(ical_dataset(calendar(event), centre))[event["uid"]]["intro"] == (
        "für alle ab 16 Jahren"
    )


def test_a_file_that_is_no_calendar_is_refused_with_a_reason(centre):
    with pytest.raises(UnreadableFile), translation.override("en"):
        ical_dataset(b"Name;Ort\nYoga;Saal\n", centre)


# the command line ------------------------------------------------------------------


def import_calendar(path, centre):
    out, err = StringIO(), StringIO()
    call_command(
        "stadtteil_import",
        "offer",
        str(path),
        "--centre",
        centre.slug,
        "--publish",
        stdout=out,
        stderr=err,
    )
    return out.getvalue().strip().splitlines()[-1], err.getvalue()


SUMMER_FESTIVAL = {
    "uid": "sommerfest-2027@laatzen",
    "summary": "Sommerfest am Marktplatz",
    "dtstart": dt.datetime(2027, 7, 10, 13, 0, tzinfo=UTC),
    "dtend": dt.datetime(2027, 7, 10, 18, 0, tzinfo=UTC),
}
WEEKLY_COFFEE = {
    "uid": "elterncafe-2027@laatzen",
    "summary": "Elterncafé",
    "dtstart": dt.datetime(2027, 1, 12, 9, 30, tzinfo=BERLIN),
    "dtend": dt.datetime(2027, 1, 12, 11, 0, tzinfo=BERLIN),
    "rrule": {"freq": "weekly", "byday": "TU"},
}


def test_a_centre_imports_its_calendar_and_a_changed_calendar_updates_the_same_offers(
    centre, tmp_path
):
    path = tmp_path / "kalender.ics"
    path.write_bytes(calendar(WEEKLY_COFFEE, SUMMER_FESTIVAL))
    assert import_calendar(path, centre)[0] == "new: 2, updated: 0, unchanged: 0, invalid: 0"
    cafe = OfferPage.objects.get(external_uid=WEEKLY_COFFEE["uid"])
    assert (cafe.title, cafe.live, cafe.get_parent().pk) == ("Elterncafé", True, centre.pk)
    assert cafe.offer_kind == OfferPage.Kind.GROUP
    festival = OfferPage.objects.get(external_uid=SUMMER_FESTIVAL["uid"])
    assert festival.offer_kind == OfferPage.Kind.EVENT
    assert festival.schedules.get().start_time == dt.time(15, 0)

    # The same calendar again changes nothing.
    assert import_calendar(path, centre)[0] == "new: 0, updated: 0, unchanged: 2, invalid: 0"

    # The café now starts half an hour later: the same page is updated.
    later = {
        **WEEKLY_COFFEE,
        "dtstart": dt.datetime(2027, 1, 12, 10, 0, tzinfo=BERLIN),
        "dtend": dt.datetime(2027, 1, 12, 11, 30, tzinfo=BERLIN),
    }
    path.write_bytes(calendar(later, SUMMER_FESTIVAL))
    assert import_calendar(path, centre)[0] == "new: 0, updated: 1, unchanged: 1, invalid: 0"
    assert OfferPage.objects.filter(external_uid=WEEKLY_COFFEE["uid"]).count() == 1
    assert OfferPage.objects.count() == 2
    schedule = OfferPage.objects.get(pk=cafe.pk).schedules.get()
    assert (schedule.start_time, schedule.end_time) == (dt.time(10, 0), dt.time(11, 30))


def test_events_left_out_of_a_calendar_import_are_named_as_warnings(centre, tmp_path):
    cancelled = {**SUMMER_FESTIVAL, "uid": "abgesagt@laatzen", "status": "CANCELLED"}
    path = tmp_path / "kalender.ics"
    path.write_bytes(calendar(WEEKLY_COFFEE, cancelled))
    with translation.override("en"):
        summary, warnings = import_calendar(path, centre)
    assert summary == "new: 1, updated: 0, unchanged: 0, invalid: 0"
    assert warnings.strip() == "Not imported (UID abgesagt@laatzen): The event is cancelled."


def test_a_calendar_event_that_cannot_be_imported_is_named_with_its_uid(section, tmp_path):
    # The centre's section "Angebote" already has the address the event would get.
    centre = section.get_parent().specific
    event = {**SUMMER_FESTIVAL, "uid": "angebote@laatzen", "summary": "Angebote"}
    path = tmp_path / "kalender.ics"
    path.write_bytes(calendar(WEEKLY_COFFEE, event))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failure, translation.override("en"):
        call_command(
            "stadtteil_import", "offer", str(path), "--centre", centre.slug, stdout=out, stderr=err
        )
    assert failure.value.returncode == 1
    problems = err.getvalue().strip().splitlines()
    assert len(problems) == 1
    assert problems[0].startswith("Line 3, column “slug”: Another page below")
    assert problems[0].endswith("(event “Angebote”, UID angebote@laatzen)")
    assert not OfferPage.objects.exists()


def test_an_event_with_a_malformed_date_is_skipped_and_named_not_a_crash(centre):
    content = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//\r\n"
        b"BEGIN:VEVENT\r\nUID:broken@example.org\r\nSUMMARY:Kaputt\r\n"
        b"DTSTART:2027XX01T100000\r\nDTEND:20270101T110000\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:fine@example.org\r\nSUMMARY:Heil\r\n"
        b"DTSTART;TZID=Europe/Berlin:20270105T100000\r\n"
        b"DTEND;TZID=Europe/Berlin:20270105T110000\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    dataset = ical_dataset(content, centre)

    assert [row[dataset.headers.index("title")] for row in dataset] == ["Heil"]
    assert [uid for uid, _reason in dataset.skipped] == ["broken@example.org"]
