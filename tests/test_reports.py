"""A city and its funders read a centre's year in figures (seeds 001–002):
opening and consultation hours against the profile, offers at the weekend and
by theme, room utilisation per room and month, room requests by outcome and
response time, fees. The figures below are worked out by hand for a small
centre over two weeks."""

import datetime as dt
import io
import json

import holidays
import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests import factories
from tests.booking_helpers import bookable_room, request_room, slot, workday
from tests.calendar_helpers import (
    consultation_schedule,
    make_consultation_hour,
    make_offer,
    make_use,
    schedule,
    set_opening_hours,
)
from wagtail_stadtteil.booking import services
from wagtail_stadtteil.booking.models import BookingRequest
from wagtail_stadtteil.centres.creation import create_centre, create_city_group
from wagtail_stadtteil.centres.models import OfferPage
from wagtail_stadtteil.core.models import TargetGroup, Theme
from wagtail_stadtteil.reports.figures import Period, report
from wagtail_stadtteil.reports.models import SurveyResult, VisitorCount
from wagtail_stadtteil.reports.output import to_csv, to_json, to_xlsx
from wagtail_stadtteil.schedules.dates import aware, local_today

TUESDAY, WEDNESDAY, THURSDAY, SATURDAY = 1, 2, 3, 5


def quiet_fortnight():
    """Two weeks (Monday to Sunday) inside one month, some weeks ahead,
    without a public holiday in Lower Saxony: the figures below assume it."""
    monday = local_today() + dt.timedelta(weeks=3, days=7 - local_today().weekday())
    while True:
        sunday = monday + dt.timedelta(days=13)
        free = not any(
            day in holidays.Germany(subdiv="NI", years=monday.year)
            for day in (monday + dt.timedelta(days=n) for n in range(14))
        )
        if free and monday.month == sunday.month:
            return Period(monday, sunday)
        monday += dt.timedelta(weeks=1)


@pytest.fixture
def period():
    return quiet_fortnight()


@pytest.fixture
def stadthaus(centre, section, period):
    """Open Monday to Friday 09:00–17:00 (40 hours a week). In the hall: a
    parents' café on Tuesdays 10–12, a family breakfast on Saturdays 10–12
    (at the weekend), a choir on Thursdays 18–20 (regular room use). A
    citizens' consultation hour on Wednesdays 14–19 (5 hours a week)."""
    centre = set_opening_hours(
        centre, {day: [("09:00", "17:00")] for day in range(5)}, first=period.first
    )
    hall = bookable_room(centre, "Saal", capacity=60)
    family = Theme.objects.create(name="Familienarbeit", slug="familienarbeit")
    parents = TargetGroup.objects.create(name="Familien", slug="familien")
    cafe = make_offer(
        section,
        "Elterncafé",
        schedules=[
            schedule(
                weekdays=(TUESDAY,), start="10:00", end="12:00", room=hall, starts_on=period.first
            )
        ],
    )
    breakfast = make_offer(
        section,
        "Familienfrühstück",
        schedules=[
            schedule(
                weekdays=(SATURDAY,), start="10:00", end="12:00", room=hall, starts_on=period.first
            )
        ],
    )
    for offer in (cafe, breakfast):
        offer.themes.add(family)
        offer.save_revision().publish()
    breakfast.target_groups.add(parents)
    breakfast.save_revision().publish()
    make_use(hall, "Chor", weekdays=(THURSDAY,), start="18:00", end="20:00", starts_on=period.first)
    make_consultation_hour(
        section,
        "Bürgersprechstunde",
        consultation_kind="citizens",
        schedules=[
            consultation_schedule(
                weekdays=(WEDNESDAY,), start="14:00", end="19:00", starts_on=period.first
            )
        ],
    )
    return centre, hall


def at(day, hour):
    return aware(day, dt.time(hour))


@pytest.fixture
def requests(stadthaus, period):
    """Three requests received on the first Monday: a club's (confirmed after
    two days), a company's (confirmed after one day, 50 € for two hours), a
    private party's (declined after half a day); one still open."""
    _centre, hall = stadthaus
    monday = period.first
    friday = monday + dt.timedelta(days=4)
    club = request_room(hall, slot(friday, "13:00", "15:00"))
    company = request_room(
        hall,
        slot(friday + dt.timedelta(days=7), "13:00", "15:00"),
        requester_kind="commercial",
        email="firma@example.org",
    )
    party = request_room(
        hall, slot(monday + dt.timedelta(days=8), "13:00", "15:00"), email="fest@example.org"
    )
    request_room(
        hall, slot(monday + dt.timedelta(days=9), "13:00", "15:00"), email="offen@example.org"
    )
    services.confirm(club)
    services.confirm(company)
    services.decline(party)
    received = at(monday, 9)
    BookingRequest.objects.update(created_at=received)
    BookingRequest.objects.filter(pk=club.pk).update(decided_at=received + dt.timedelta(days=2))
    BookingRequest.objects.filter(pk=company.pk).update(decided_at=received + dt.timedelta(days=1))
    BookingRequest.objects.filter(pk=party.pk).update(decided_at=received + dt.timedelta(hours=12))
    return club, company, party


def test_the_profile_shows_hours_and_days_open_weekend_offers_and_consultation_per_week(
    stadthaus, period
):
    centre, _hall = stadthaus
    table = report([centre], period).table("profile")
    # Regular hours: 5 days, 40 hours; 80 hours open in 2 weeks; 2 Saturday
    # breakfasts; 2 × 5 hours of consultation, 5 a week where 10 are asked for.
    assert table.rows == [["Stadthaus Laatzen", 5, 40.0, 40.0, 2, 5.0, "nein"]]


def test_offers_count_their_dates_the_weekend_ones_and_by_theme_and_target_group(stadthaus, period):
    centre, _hall = stadthaus
    result = report([centre], period)
    assert result.table("offers").rows == [["Stadthaus Laatzen", 2, 4, 2]]
    assert result.table("themes").rows == [["Familienarbeit", 2, 4]]
    assert result.table("target_groups").rows == [["Familien", 1, 2]]


def test_a_rooms_utilisation_is_its_hours_in_use_against_the_centres_opening_hours(
    stadthaus, requests, period
):
    centre, _hall = stadthaus
    table = report([centre], period).table("rooms")
    # Within the 80 opening hours: café 2 × 2 h and two confirmed bookings 2 × 2 h
    # = 8 h, 10 %. Outside them: the Saturday breakfasts and the Thursday choir, 8 h.
    # Booked: 2 h by a club (non-profit), 2 h by a company.
    kinds = [str(column) for column in table.columns[7:]]
    [row] = table.rows
    assert row[:7] == ["Stadthaus Laatzen", "Saal", f"{period.first:%Y-%m}", 8.0, 80.0, 10.0, 8.0]
    booked = dict(zip(kinds, row[7:], strict=True))
    assert booked["Gebucht von: Gemeinnütziger Verein oder Initiative vor Ort"] == 2.0
    assert booked["Gebucht von: Gewerbliche oder gewinnorientierte Veranstaltung"] == 2.0
    assert sum(row[7:]) == 4.0


def test_room_requests_by_outcome_with_the_days_to_a_decision_and_the_fees(
    stadthaus, requests, period
):
    centre, _hall = stadthaus
    result = report([centre], period)
    outcomes = {row[0]: row[1:] for row in result.table("requests").rows}
    assert outcomes["Angefragt"] == [1, None, None]
    assert outcomes["Bestätigt"] == [2, 1.5, 1.5]  # after 2 days and after 1 day
    assert outcomes["Abgelehnt"] == [1, 0.5, 0.5]
    assert outcomes["Alle"][0] == 4
    fees = {row[0]: row[1:] for row in result.table("fees").rows}
    assert fees["Gewerbliche oder gewinnorientierte Veranstaltung"] == [1, 50]
    assert fees["Gemeinnütziger Verein oder Initiative vor Ort"] == [1, 0]


def test_another_centres_use_and_requests_stay_out_of_the_report(stadthaus, requests, period, home):
    centre, _hall = stadthaus
    other = factories.make_centre(home, "Mittelpunkt Hüttenstraße", slug="mittelpunkt")
    set_opening_hours(other, {0: [("10:00", "12:00")]}, first=period.first)
    elsewhere = bookable_room(other, "Treffraum")
    make_use(
        elsewhere,
        "Sprachcafé",
        weekdays=(0,),  # on Mondays, when it is open
        start="10:00",
        end="12:00",
        starts_on=period.first,
    )

    alone = report([centre], period)
    assert [row[1] for row in alone.table("rooms").rows] == ["Saal"]
    both = report([centre, other], period)
    assert [row[0] for row in both.table("profile").rows] == [
        "Mittelpunkt Hüttenstraße",
        "Stadthaus Laatzen",
    ]
    treffraum = next(row for row in both.table("rooms").rows if row[1] == "Treffraum")
    assert treffraum[3:6] == [4.0, 4.0, 100.0]


def test_the_xlsx_opens_with_a_sheet_per_table_and_the_numbers_as_numbers(
    stadthaus, requests, period
):
    centre, _hall = stadthaus
    book = load_workbook(io.BytesIO(to_xlsx(report([centre], period))))
    assert book.sheetnames[:3] == ["Auswertung", "Profil eines Stadtteilzentrums", "Angebote"]
    rooms = book["Raumauslastung"]
    header = [cell.value for cell in rooms[1]]
    values = [cell.value for cell in rooms[2]]
    assert values[header.index("Auslastung (%)")] == 10.0
    assert values[header.index("Belegte Stunden")] == 8.0


def test_csv_and_json_hold_the_same_figures(stadthaus, period):
    centre, _hall = stadthaus
    result = report([centre], period)
    assert "Stadthaus Laatzen,5,40.0,40.0,2,5.0,nein" in to_csv(result)
    data = json.loads(to_json(result))
    assert data["tables"]["offers"]["rows"] == [["Stadthaus Laatzen", 2, 4, 2]]


def test_the_command_writes_a_centres_year_to_a_file_or_standard_output(
    stadthaus, period, tmp_path
):
    centre, _hall = stadthaus
    year = str(period.first.year)
    target = tmp_path / "bericht.xlsx"
    call_command(
        "stadtteil_report",
        "--centre",
        centre.slug,
        "--year",
        "2027",
        "--output",
        str(target),
        stderr=io.StringIO(),
    )
    assert "Raumauslastung" in load_workbook(target).sheetnames
    out = io.StringIO()
    call_command("stadtteil_report", "--year", year, "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["centres"] == ["Stadthaus Laatzen"]


def test_the_command_names_the_known_centres_when_the_slug_is_wrong(stadthaus):
    with pytest.raises(CommandError, match="stadthaus-laatzen"):
        call_command("stadtteil_report", "--centre", "gibt-es-nicht", "--year", "2027")


# The admin -------------------------------------------------------------------

REPORT_URL = "/admin/stadtteil/reports/"


@pytest.fixture
def two_centres(home):
    """Stadthaus Laatzen and Mittelpunkt Hüttenstraße, each with its editors,
    and city staff who may read every centre."""
    a = create_centre("Stadthaus Laatzen", parent=home)
    b = create_centre("Mittelpunkt Hüttenstraße", parent=home)
    city_group, _created = create_city_group()
    return {
        "a": a.centre,
        "b": b.centre,
        "editor_a": factories.make_user("redaktion-a", groups=[a.group]),
        "city": factories.make_user("stadt", groups=[city_group]),
    }


def test_an_editor_reads_her_own_centres_figures_and_downloads_them(client, two_centres):
    client.force_login(two_centres["editor_a"])
    page = client.get(REPORT_URL).content.decode()
    # Her one centre is chosen for her, this year shown at once.
    assert "Stadthaus Laatzen" in page and "Mittelpunkt Hüttenstraße" not in page
    assert "Raumauslastung" in page and '<svg role="img"' in page
    year = str(local_today().year)
    response = client.get(
        REPORT_URL, {"centre": two_centres["a"].pk, "year": year, "format": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book["Auswertung"]["B2"].value == "Stadthaus Laatzen"


def test_an_editor_cannot_read_another_centres_figures(client, two_centres):
    client.force_login(two_centres["editor_a"])
    year = str(local_today().year)
    response = client.get(REPORT_URL, {"centre": two_centres["b"].pk, "year": year})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mittelpunkt Hüttenstraße" not in page
    assert "Raumauslastung" not in page  # no figures, a form error instead
    download = client.get(
        REPORT_URL, {"centre": two_centres["b"].pk, "year": year, "format": "xlsx"}
    )
    assert not download["Content-Type"].startswith("application/vnd")


def test_city_staff_read_the_whole_city(client, two_centres):
    client.force_login(two_centres["city"])
    year = str(local_today().year)
    page = client.get(REPORT_URL, {"centre": "", "year": year}).content.decode()
    assert "Mittelpunkt Hüttenstraße, Stadthaus Laatzen" in page


def test_a_year_out_of_range_is_a_form_error_not_a_crash(client, two_centres):
    client.force_login(two_centres["city"])
    response = client.get(REPORT_URL, {"year": "99999"})
    assert response.status_code == 200
    assert "Raumauslastung" not in response.content.decode()


def test_visitors_counted_by_staff_and_surveys_are_in_the_report(stadthaus, period):
    centre, _hall = stadthaus
    cafe = OfferPage.objects.get(title="Elterncafé")
    tuesday = period.first + dt.timedelta(days=TUESDAY)
    VisitorCount.objects.create(centre=centre, date=tuesday, offer=cafe, count=14)
    VisitorCount.objects.create(
        centre=centre, date=tuesday + dt.timedelta(days=7), offer=cafe, count=9
    )
    VisitorCount.objects.create(centre=centre, date=period.first, count=120)  # the whole house
    VisitorCount.objects.create(centre=centre, date=period.last + dt.timedelta(days=1), count=99)
    SurveyResult.objects.create(
        centre=centre,
        title="Befragung der Besucher*innen",
        period_start=period.first,
        period_end=period.last,
        respondents=48,
        satisfied_percent=87,
    )
    result = report([centre], period)
    # Offer dates and the whole house apart: the house's count includes the café's.
    month = f"{period.first:%Y-%m}"
    assert result.table("visitors").rows == [["Stadthaus Laatzen", month, 23, 120]]
    assert result.table("visitors_by_offer").rows == [["Stadthaus Laatzen", "Elterncafé", 23]]
    [survey] = result.table("surveys").rows
    assert survey[1] == "Befragung der Besucher*innen" and survey[4:6] == [48, 87]
    assert (
        json.loads(to_json(result))["tables"]["surveys"]["rows"][0][2] == period.first.isoformat()
    )


def test_a_centre_editor_sees_her_centres_day_on_the_dashboard(client, two_centres):
    centre = two_centres["a"]
    today = local_today()
    set_opening_hours(centre, {day: [("08:00", "22:00")] for day in range(7)})
    hall = bookable_room(centre, "Saal")
    make_use(hall, "Frühstückstreff", weekdays=(today.weekday(),), start="20:00", end="21:00")
    request_room(hall, slot(workday(14), "13:00", "15:00"))
    client.force_login(two_centres["editor_a"])
    page = client.get("/admin/").content.decode()
    assert "Stadthaus Laatzen" in page
    assert "1 offene Raumanfrage" in page
    assert "Frühstückstreff" in page  # today's dates
    assert "Profil" in page
    assert "Mittelpunkt Hüttenstraße" not in page


def test_city_staff_get_no_panel_per_centre_on_the_dashboard(client, two_centres):
    client.force_login(two_centres["city"])
    page = client.get("/admin/").content.decode()
    assert "offene Raumanfrage" not in page


def test_a_title_typed_as_a_formula_stays_text_in_the_spreadsheets(stadthaus, period):
    centre, _hall = stadthaus
    Theme.objects.create(name='=HYPERLINK("http://x")', slug="formel")
    cafe = OfferPage.objects.get(title="Elterncafé")
    cafe.themes.add(Theme.objects.get(slug="formel"))
    cafe.save()
    result = report([centre], period)
    sheet = load_workbook(io.BytesIO(to_xlsx(result)))["Angebote nach Thema"]
    cells = [cell for row in sheet.iter_rows() for cell in row if str(cell.value).startswith("=")]
    assert cells and all(cell.data_type == "s" for cell in cells)
    assert "'=HYPERLINK" in to_csv(result)


def test_a_wrong_choice_is_named_and_tied_to_its_field(client, two_centres):
    client.force_login(two_centres["editor_a"])
    page = client.get(REPORT_URL, {"centre": two_centres["b"].pk, "year": "abc"}).content.decode()
    assert 'role="alert"' in page
    assert 'href="#id_centre"' in page and 'href="#id_year"' in page
    assert 'aria-describedby="id_year-errors"' in page and 'aria-invalid="true"' in page
    assert "Mittelpunkt Hüttenstraße" not in page
