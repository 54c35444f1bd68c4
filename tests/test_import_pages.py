"""Offers, consultation hours and closures from spreadsheets (``offer``,
``consultation-hour``, ``closure``): pages are created below their centre,
changed through revisions, published or left as drafts, their dates appear in
the calendar, and a file with any invalid row changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
import tablib
from django.utils import translation
from wagtail.models import Page

from tests import factories
from tests.calendar_helpers import make_room, make_use
from wagtail_stadtteil.centres.creation import create_editors_group
from wagtail_stadtteil.centres.models import (
    CentreClosure,
    CentrePage,
    ConsultationHourPage,
    OfferPage,
)
from wagtail_stadtteil.centres.resources import (
    CentreClosureResource,
    ConsultationHourPageResource,
    OfferPageResource,
)
from wagtail_stadtteil.core.importing import (
    YesNoWidget,
    export_file,
    read_dataset,
    resource_class,
    run_import,
)
from wagtail_stadtteil.schedules.dates import local_date, local_today, local_zone
from wagtail_stadtteil.schedules.models import Occurrence

pytestmark = pytest.mark.django_db

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def coming(weekday, weeks=1):
    """The date of ``weekday`` (0 = Monday) at least ``weeks`` weeks ahead."""
    day = local_today() + dt.timedelta(weeks=weeks)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def weekly(weekday):
    return f"RRULE:FREQ=WEEKLY;BYDAY={DAYS[weekday]}"


def dataset(*rows, headers=None):
    headers = headers or list(dict.fromkeys(key for row in rows for key in row))
    return tablib.Dataset(*[[row.get(key, "") for key in headers] for row in rows], headers=headers)


def offer_row(**cells):
    row = {
        "centre": "stadthaus-laatzen",
        "slug": "",
        "title": "Offenes Elterncafé",
        "rule": weekly(1),
        "start_time": "09:30",
        "end_time": "11:30",
    }
    row.update(cells)
    return row


def offers():
    return OfferPage.objects.filter(locale__language_code="de")


def local_times(page):
    zone = local_zone()
    return sorted(
        {
            (occurrence.start.astimezone(zone).time(), occurrence.end.astimezone(zone).time())
            for occurrence in Occurrence.objects.filter(page_id=page.pk)
        }
    )


def staff_of(centre, username):
    group, _collection = create_editors_group(centre)
    return factories.make_user(username, groups=[group])


def problems(report):
    return [(problem.line, problem.column, problem.message) for problem in report.problems]


@pytest.fixture
def laatzen(home):
    return factories.make_centre(home, "Stadthaus Laatzen")


@pytest.fixture
def mittelpunkt(home):
    return factories.make_centre(home, "Mittelpunkt Hüttenstraße", slug="mittelpunkt")


@pytest.fixture
def english():
    with translation.override("en"):
        yield


# Creating offers ---------------------------------------------------------------------------


def test_an_imported_offer_is_a_draft_below_its_centre_unless_publishing_is_chosen(laatzen):
    report = run_import(OfferPageResource(), dataset(offer_row()), dry_run=False)

    assert report.ok and report.saved and report.new == 1
    page = offers().get()
    assert page.get_parent().pk == laatzen.pk
    assert page.centre_id == laatzen.pk
    assert page.slug == "offenes-elterncafe"
    assert not page.live and page.has_unpublished_changes
    assert page.revisions.count() == 1
    assert page.schedules.get().start_time == dt.time(9, 30)
    assert not Occurrence.objects.filter(page_id=page.pk).exists()  # a draft has no dates yet


def test_a_published_import_puts_the_offers_dates_into_the_calendar(client, laatzen):
    section = factories.make_section(laatzen, "Angebote")
    tuesday = coming(1)
    row = offer_row(
        section="angebote",
        rule="RRULE:FREQ=DAILY",
        first_day=tuesday.isoformat(),
        last_day=(tuesday + dt.timedelta(days=6)).isoformat(),
    )

    report = run_import(OfferPageResource(publish=True), dataset(row), dry_run=False)

    assert report.ok, problems(report)
    page = offers().get()
    assert page.live and not page.has_unpublished_changes
    assert page.get_parent().pk == section.pk and page.centre_id == laatzen.pk
    dates = [
        local_date(occurrence.start) for occurrence in Occurrence.objects.filter(page_id=page.pk)
    ]
    assert dates == [tuesday + dt.timedelta(days=number) for number in range(7)]
    assert local_times(page) == [(dt.time(9, 30), dt.time(11, 30))]
    response = client.get(laatzen.url + "calendar/", {"start": tuesday.isoformat()})
    assert "Offenes Elterncafé" in response.content.decode()


def test_a_dry_run_reports_new_offers_and_saves_nothing(laatzen):
    report = run_import(OfferPageResource(publish=True), dataset(offer_row()), dry_run=True)

    assert report.ok and report.new == 1 and not report.saved
    assert not offers().exists()
    assert not Occurrence.objects.exists()


def test_every_column_of_an_offer_is_read(laatzen):
    factories.make_theme("familie", "Familie")
    factories.make_theme("bildung", "Bildung")
    factories.make_target_group("eltern", "Eltern")
    factories.make_partner("Kinderschutzbund Laatzen", slug="kinderschutzbund")
    factories.make_funding_programme("Sozialer Zusammenhalt", slug="sozialer-zusammenhalt")
    make_room(laatzen, "Saal")
    make_room(laatzen, "Café")
    row = offer_row(
        slug="elterncafe",
        uid="elterncafe@kalender.example",
        offer_kind="Offenes Angebot",
        intro="Kaffee, Kuchen und Austausch.",
        rule=f"{weekly(1)}\n{weekly(3)} EXDATE:20300101T000000Z",
        start_time="09:30\n15:00",
        end_time="11:30\n17:00",
        room="saal\ncafe",
        first_day="2030-01-01\n01.02.2030",
        last_day="\n2030-12-31",
        pauses_on_closures="ja\nnein",
        schedule_note="\nnicht in den Ferien",
        themes="familie, bildung",
        target_groups="eltern",
        funding_programmes="sozialer-zusammenhalt",
        languages="de, Türkisch",
        age_min="18",
        cost="amount",
        cost_amount="2,50",
        cost_note="ermäßigt mit dem Laatzen-Pass",
        registration_required="ja",
        registration_how="Im Büro",
        provider="kinderschutzbund",
        step_free="nein",
        contact_name="Frau Schmidt",
        email="cafe@laatzen.example",
    )

    report = run_import(OfferPageResource(), dataset(row), dry_run=False)

    assert report.ok, problems(report)
    page = offers().get().get_latest_revision_as_object()
    assert page.slug == "elterncafe" and page.external_uid == "elterncafe@kalender.example"
    assert page.offer_kind == OfferPage.Kind.OPEN
    assert sorted(theme.slug for theme in page.themes.all()) == ["bildung", "familie"]
    assert [group.slug for group in page.target_groups.all()] == ["eltern"]
    assert [programme.slug for programme in page.funding_programmes.all()] == [
        "sozialer-zusammenhalt"
    ]
    assert page.languages == ["de", "tr"]
    assert (page.age_min, page.age_max) == (18, None)
    assert (page.cost, page.cost_amount) == (OfferPage.Cost.AMOUNT, Decimal("2.50"))
    assert page.registration_required and page.provider.slug == "kinderschutzbund"
    assert page.step_free is False
    first, second = page.schedules.all()
    assert (first.room.slug, second.room.slug) == ("saal", "cafe")
    assert (first.start_time, second.end_time) == (dt.time(9, 30), dt.time(17))
    assert (first.starts_on, second.starts_on) == (dt.date(2030, 1, 1), dt.date(2030, 2, 1))
    assert (first.ends_on, second.ends_on) == (None, dt.date(2030, 12, 31))
    assert first.pauses_on_closures and not second.pauses_on_closures
    assert (first.note, second.note) == ("", "nicht in den Ferien")
    assert len(second.recurrence.exdates) == 1


# Round trips -------------------------------------------------------------------------------


@pytest.fixture
def programme(laatzen):
    """Offers made by import (one with two series, a room, snippets and a fee)
    and one made in the page editor that has a draft waiting."""
    factories.make_theme("familie", "Familie")
    factories.make_partner("Kinderschutzbund Laatzen", slug="kinderschutzbund")
    make_room(laatzen, "Saal")
    factories.make_section(laatzen, "Angebote")
    rows = [
        offer_row(
            section="angebote",
            rule=f"{weekly(1)}\n{weekly(3)}",
            start_time="09:30\n15:00",
            end_time="11:30\n17:00",
            room="saal\n",
            themes="familie",
            languages="de, tr",
            cost="amount",
            cost_amount="12.50",
            provider="kinderschutzbund",
            step_free="ja",
        ),
        offer_row(title="Spieletreff", rule=weekly(4), start_time="16:00", end_time="18:00"),
    ]
    report = run_import(OfferPageResource(publish=True), dataset(*rows), dry_run=False)
    assert report.ok, problems(report)
    edited = factories.make_offer(laatzen, "Nähcafé", slug="naehcafe")
    edited.intro = "Noch nicht fertig"
    edited.save_revision()
    return laatzen


def revision_count():
    return sum(page.revisions.count() for page in offers())


@pytest.mark.parametrize("format_name", ["csv", "xlsx"])
def test_re_importing_an_export_of_offers_changes_nothing(programme, format_name):
    resource = OfferPageResource(publish=False)
    content = export_file(resource, format_name)
    revisions = revision_count()

    report = run_import(OfferPageResource(), read_dataset(content, format_name), dry_run=False)

    assert report.ok, problems(report)
    assert (report.unchanged, report.new, report.updated) == (3, 0, 0)
    assert revision_count() == revisions
    draft = offers().get(slug="naehcafe").get_latest_revision_as_object()
    assert draft.intro == "Noch nicht fertig"


def test_the_export_has_german_headers_and_one_line_per_series(programme):
    exported = OfferPageResource().export_dataset()

    assert exported.headers[:2] == ["Stadtteilzentrum", "Bereich des Stadtteilzentrums"]
    assert {"Termine", "von", "bis", "Raum", "erster Tag", "letzter Tag"} <= set(exported.headers)
    row = dict(zip(OfferPageResource().export_headers("keys"), exported[0], strict=True))
    assert row["centre"] == "stadthaus-laatzen" and row["section"] == "angebote"
    assert row["rule"] == f"{weekly(1)}\n{weekly(3)}"
    assert row["start_time"] == "09:30\n15:00"
    assert row["room"] == "saal\n"
    assert row["themes"] == "familie" and row["languages"] == "de, tr"
    assert row["cost_amount"] == "12.5"
    assert row["live"] == YesNoWidget.label(True)  # "ja" once translated


def test_changing_a_time_makes_a_new_revision_and_moves_the_dates(programme):
    keys = OfferPageResource().export_dataset(headers="keys")
    page = offers().get(slug="spieletreff")
    schedule_id = page.schedules.get().pk
    revisions = page.revisions.count()
    rows = [dict(zip(keys.headers, values, strict=True)) for values in keys]
    for row in rows:
        if row["slug"] == "spieletreff":
            row["start_time"], row["end_time"] = "17:00", "19:30"

    report = run_import(
        OfferPageResource(publish=True), dataset(*rows, headers=keys.headers), dry_run=False
    )

    assert report.ok, problems(report)
    assert (report.updated, report.unchanged) == (1, 2)
    page = offers().get(slug="spieletreff")
    assert page.revisions.count() == revisions + 1
    assert not page.has_unpublished_changes
    assert page.schedules.get().pk == schedule_id  # the dates keep their calendar UIDs
    assert local_times(page) == [(dt.time(17), dt.time(19, 30))]


def test_german_headers_are_read(laatzen):
    with translation.override("de"):
        resource = OfferPageResource()
        headers = [resource.header_label(key) for key in offer_row()]
    assert headers[0] == "Stadtteilzentrum"

    german = tablib.Dataset(list(offer_row().values()), headers=headers)
    report = run_import(OfferPageResource(), german, dry_run=False)

    assert report.ok, problems(report)
    assert offers().get().schedules.get().end_time == dt.time(11, 30)


def test_a_calendar_uid_finds_the_offer_even_under_a_new_title(laatzen):
    factories.make_offer(laatzen, "Yoga", slug="yoga", external_uid="yoga-1@ical.example")

    report = run_import(
        OfferPageResource(publish=True),
        dataset(offer_row(title="Yoga am Morgen", uid="yoga-1@ical.example")),
        dry_run=False,
    )

    assert report.ok and report.updated == 1, problems(report)
    page = offers().get()
    assert (page.title, page.slug) == ("Yoga am Morgen", "yoga-am-morgen")


# Drafts ------------------------------------------------------------------------------------


@pytest.fixture
def draft_waiting(laatzen):
    page = factories.make_offer(laatzen, "Yoga", slug="yoga")
    page.intro = "Halb fertig"
    page.save_revision()
    return page


def test_publishing_is_refused_while_someone_s_draft_waits(draft_waiting, english):
    row = {"centre": "stadthaus-laatzen", "slug": "yoga", "title": "Yoga", "cost_note": "5 €"}
    revisions = draft_waiting.revisions.count()

    report = run_import(OfferPageResource(publish=True), dataset(row), dry_run=False)

    assert not report.ok and not report.saved
    [(line, column, message)] = problems(report)
    assert line == 2 and column is None
    assert "unpublished changes" in message
    assert draft_waiting.revisions.count() == revisions
    assert not OfferPage.objects.get(pk=draft_waiting.pk).cost_note


def test_an_import_without_publishing_keeps_the_waiting_draft(draft_waiting):
    row = {"centre": "stadthaus-laatzen", "slug": "yoga", "title": "Yoga", "cost_note": "5 €"}

    report = run_import(OfferPageResource(), dataset(row), dry_run=False)

    assert report.ok and report.updated == 1
    page = OfferPage.objects.get(pk=draft_waiting.pk)
    latest = page.get_latest_revision_as_object()
    assert (latest.intro, latest.cost_note) == ("Halb fertig", "5 €")
    assert page.cost_note == ""  # the live page is unchanged


# Invalid rows ------------------------------------------------------------------------------


INVALID = [
    ({"centre": "nirgendwo"}, "centre", "No centre with the slug “nirgendwo”."),
    ({"rule": "jeden Dienstag"}, "rule", "is not a rule in RFC 5545 form"),
    ({"start_time": "11:00", "end_time": "10:00"}, "end_time", "The end must be after the start"),
    (
        {"first_day": "2030-02-01", "last_day": "2030-01-01"},
        "last_day",
        "The last day cannot be before the first day.",
    ),
    ({"start_time": "09:30\n10:00"}, "start_time", "one line per date or series"),
    ({"room": "keller"}, "room", "No room with the slug “keller” at this centre."),
    ({"intro": '=HYPERLINK("http://example.org")'}, "intro", "formula"),
    ({"themes": "sport"}, "themes", "No theme with the slug “sport”."),
    ({"section": "kurse"}, "section", "No section with the slug “kurse” at this centre."),
    ({"cost": "amount", "cost_amount": ""}, "cost_amount", "Enter the fee"),
]


@pytest.mark.parametrize(("cells", "column", "message"), INVALID)
def test_an_invalid_row_is_reported_by_line_and_column_and_nothing_is_saved(
    laatzen, english, cells, column, message
):
    defaults = {"section": "", "room": "", "themes": ""}
    rows = [offer_row(title="Spieletreff", **defaults), offer_row(**{**defaults, **cells})]

    report = run_import(OfferPageResource(publish=True), dataset(*rows), dry_run=False)

    assert not report.saved
    assert [row.status for row in report.rows] == ["new", "invalid"]
    assert any(
        line == 3 and where == column and message in text for line, where, text in problems(report)
    ), problems(report)
    assert not offers().exists()
    assert not Occurrence.objects.exists()


def test_an_import_does_not_move_pages_between_sections(laatzen, english):
    factories.make_section(laatzen, "Angebote")
    factories.make_offer(laatzen, "Yoga", slug="yoga")

    report = run_import(
        OfferPageResource(), dataset(offer_row(title="Yoga", section="angebote")), dry_run=False
    )

    [(line, column, message)] = problems(report)
    assert (line, column) == (2, "section") and "does not move pages" in message
    assert offers().get().get_parent().pk == laatzen.pk


def test_two_rows_for_the_same_offer_are_refused(laatzen, english):
    rows = [offer_row(), offer_row(start_time="10:00")]

    report = run_import(OfferPageResource(), dataset(*rows), dry_run=False)

    assert (3, "slug", "Line 2 already has this identifier.") in problems(report)
    assert not offers().exists()


def test_a_centre_editor_imports_only_into_their_own_centre(laatzen, mittelpunkt, english):
    editor = staff_of(laatzen, "laatzen")
    rows = [offer_row(), offer_row(centre="mittelpunkt", title="Nähcafé")]

    report = run_import(OfferPageResource(user=editor), dataset(*rows), dry_run=False)

    refusal = "No centre with the slug “mittelpunkt” that you manage."
    assert (3, "centre", refusal) in problems(report)
    assert not offers().exists()

    report = run_import(OfferPageResource(user=editor), dataset(rows[0]), dry_run=False)
    assert report.ok and offers().get().owner == editor


def test_an_import_for_one_centre_refuses_rows_of_another(laatzen, mittelpunkt, english):
    rows = [offer_row(centre=""), offer_row(centre="mittelpunkt", title="Nähcafé")]

    report = run_import(OfferPageResource(centre=laatzen), dataset(*rows), dry_run=False)

    [(line, column, message)] = problems(report)
    assert (line, column) == (3, "centre")
    assert "for the centre “Stadthaus Laatzen” only" in message


def test_centre_editors_export_only_their_centres_offers(laatzen, mittelpunkt):
    factories.make_offer(laatzen, "Elterncafé")
    factories.make_offer(mittelpunkt, "Nähcafé")
    editor = staff_of(laatzen, "laatzen")

    exported = OfferPageResource(user=editor).export_dataset(headers="keys")

    assert [row[exported.headers.index("title")] for row in exported] == ["Elterncafé"]
    assert OfferPageResource(user=editor).may_import()
    assert not OfferPageResource(user=factories.make_user("gast")).may_import()
    assert OfferPageResource(user=None).may_import()


# Rooms -------------------------------------------------------------------------------------


def test_publishing_dates_that_clash_with_other_use_of_the_room_is_refused(laatzen, english):
    room = make_room(laatzen, "Saal")
    make_use(room, "Chorprobe", weekdays=(1,), start="18:00", end="20:00")
    row = offer_row(room="saal", start_time="18:30", end_time="19:30")

    report = run_import(OfferPageResource(publish=True), dataset(row), dry_run=False)

    [(line, column, message)] = problems(report)
    assert (line, column) == (2, "room")
    assert "The room is already in use" in message and "Chorprobe" in message
    assert not offers().exists()

    # A draft occupies no room, as in the page editor.
    report = run_import(OfferPageResource(), dataset(row), dry_run=False)
    assert report.ok and report.new == 1


# Consultation hours ------------------------------------------------------------------------


def test_consultation_hours_round_trip_below_an_office(laatzen, english):
    factories.make_office(laatzen, "Familienservicebüro", slug="familienservicebuero")
    factories.make_partner("Rentenversicherung", slug="drv")
    make_room(laatzen, "Beratungsraum")
    row = {
        "centre": "stadthaus-laatzen",
        "section": "familienservicebuero",
        "slug": "",
        "title": "Rentenberatung",
        "consultation_kind": "counselling",
        "topic": "Rente, Pflege",
        "rule": weekly(2),
        "start_time": "10:00",
        "end_time": "12:00",
        "room": "beratungsraum",
        "organisation": "drv",
        "access": "appointment",
        "appointment_how": "Termin unter 0511 123",
        "confidential": "yes",
        "languages": "de",
    }
    resource = resource_class("consultation-hour")
    assert resource is ConsultationHourPageResource

    report = run_import(resource(publish=True), dataset(row), dry_run=False)

    assert report.ok, problems(report)
    page = ConsultationHourPage.objects.get()
    assert page.live and page.get_parent().slug == "familienservicebuero"
    assert page.organisation.slug == "drv" and page.confidential and page.free_of_charge
    assert Occurrence.objects.filter(page_id=page.pk, kind=Occurrence.Kind.CONSULTATION).exists()

    exported = resource().export_dataset()
    report = run_import(resource(publish=True), exported, dry_run=False)
    assert report.ok and report.unchanged == 1, problems(report)
    assert page.revisions.count() == 1

    changed = resource().export_dataset(headers="keys")
    changed[0] = tuple(
        "nein" if key == "confidential" else value
        for key, value in zip(changed.headers, changed[0], strict=True)
    )
    report = run_import(resource(publish=True), changed, dry_run=False)
    assert report.ok and report.updated == 1, problems(report)
    assert not ConsultationHourPage.objects.get().confidential


def test_a_consultation_hour_without_a_way_to_get_an_appointment_is_refused(laatzen, english):
    row = {
        "centre": "stadthaus-laatzen",
        "title": "Schuldnerberatung",
        "slug": "",
        "access": "appointment",
        "appointment_how": "",
        "rule": weekly(2),
        "start_time": "10:00",
        "end_time": "12:00",
    }

    report = run_import(ConsultationHourPageResource(), dataset(row), dry_run=False)

    [(line, column, message)] = problems(report)
    assert (line, column) == (2, "appointment_how")
    assert "appointment" in message
    assert not ConsultationHourPage.objects.exists()


# Closures ----------------------------------------------------------------------------------


def test_an_imported_closure_pauses_the_centre_s_offers(laatzen):
    tuesday = coming(1, weeks=2)
    report = run_import(
        OfferPageResource(publish=True), dataset(offer_row(rule=weekly(1))), dry_run=False
    )
    assert report.ok
    offer = offers().get()
    closure = {
        "centre": "stadthaus-laatzen",
        "starts_on": (tuesday - dt.timedelta(days=1)).isoformat(),
        "ends_on": (tuesday + dt.timedelta(days=4)).strftime("%d.%m.%Y"),
        "reason": "Sommerpause",
    }

    report = run_import(CentreClosureResource(publish=True), dataset(closure), dry_run=False)

    assert report.ok and report.new == 1, problems(report)
    centre = CentrePage.objects.get(pk=laatzen.pk)
    assert not centre.has_unpublished_changes
    assert [(c.starts_on, c.reason) for c in centre.closures.all()] == [
        (tuesday - dt.timedelta(days=1), "Sommerpause")
    ]
    paused = Occurrence.objects.get(page_id=offer.pk, original_date=tuesday)
    assert paused.status == Occurrence.Status.CANCELLED and paused.note == "Sommerpause"


def test_closures_round_trip_and_change_through_the_centre_s_revisions(laatzen):
    laatzen.closures = [
        CentreClosure(
            starts_on=dt.date(2030, 7, 1), ends_on=dt.date(2030, 7, 19), reason="Sommerpause"
        ),
        CentreClosure(
            starts_on=dt.date(2030, 12, 23), ends_on=dt.date(2030, 12, 31), reason="Weihnachten"
        ),
    ]
    laatzen.save_revision().publish()
    revisions = laatzen.revisions.count()

    exported = CentreClosureResource().export_dataset()
    assert list(exported[0]) == ["stadthaus-laatzen", "2030-07-01", "2030-07-19", "Sommerpause"]
    report = run_import(CentreClosureResource(publish=True), exported, dry_run=False)
    assert report.ok and report.unchanged == 2, problems(report)
    assert laatzen.revisions.count() == revisions

    rows = [
        {"centre": "stadthaus-laatzen", "starts_on": "23.12.2030", "ends_on": "2031-01-02"},
        {"centre": "stadthaus-laatzen", "starts_on": "2030-10-14", "ends_on": "2030-10-18"},
    ]
    rows[0]["reason"] = "Weihnachten"
    rows[1]["reason"] = "Herbstferien"
    report = run_import(CentreClosureResource(), dataset(*rows), dry_run=False)

    assert report.ok and (report.updated, report.new) == (1, 1), problems(report)
    centre = CentrePage.objects.get(pk=laatzen.pk)
    assert centre.has_unpublished_changes  # not published: a draft of the centre page
    assert [c.ends_on for c in centre.closures.all()] == [
        dt.date(2030, 7, 19),
        dt.date(2030, 12, 31),
    ]
    latest = centre.get_latest_revision_as_object()
    assert sorted((c.starts_on, c.ends_on) for c in latest.closures.all()) == [
        (dt.date(2030, 7, 1), dt.date(2030, 7, 19)),
        (dt.date(2030, 10, 14), dt.date(2030, 10, 18)),
        (dt.date(2030, 12, 23), dt.date(2031, 1, 2)),
    ]

    # The centre now has a draft: publishing more closures would publish it too.
    with translation.override("en"):
        report = run_import(CentreClosureResource(publish=True), dataset(*rows), dry_run=False)
        assert report.unchanged == 2  # nothing to do, nothing refused
        rows[1]["reason"] = "Herbstpause"
        report = run_import(CentreClosureResource(publish=True), dataset(*rows), dry_run=False)
    [(line, _column, message)] = problems(report)
    assert line == 3 and "unpublished changes" in message


def test_a_closure_that_ends_before_it_starts_is_refused(laatzen, english):
    row = {
        "centre": "stadthaus-laatzen",
        "starts_on": "2030-07-19",
        "ends_on": "2030-07-01",
        "reason": "Sommerpause",
    }

    report = run_import(CentreClosureResource(publish=True), dataset(row), dry_run=False)

    assert (2, "ends_on", "The closure cannot end before it starts.") in problems(report)
    assert not CentreClosure.objects.exists()


def test_closures_are_imported_only_into_managed_centres(laatzen, mittelpunkt, english):
    editor = staff_of(mittelpunkt, "mittelpunkt")
    row = {
        "centre": "stadthaus-laatzen",
        "starts_on": "2030-07-01",
        "ends_on": "2030-07-19",
        "reason": "Sommerpause",
    }

    report = run_import(CentreClosureResource(user=editor), dataset(row), dry_run=False)

    refusal = "No centre with the slug “stadthaus-laatzen” that you manage."
    assert (2, "centre", refusal) in problems(report)
    assert not Page.objects.get(pk=laatzen.pk).specific.closures.exists()
