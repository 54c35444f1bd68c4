"""The city's web team moves spreadsheets in and out from the command line:
``stadtteil_export`` and ``stadtteil_import`` (all or nothing, like the admin)."""

import csv
import io
import json
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests import factories
from wagtail_stadtteil.core.models import Partner
from wagtail_stadtteil.rooms.models import Room

pytestmark = pytest.mark.django_db


def export(*args, binary=False):
    out = io.BytesIO() if binary else StringIO()
    call_command("stadtteil_export", *args, stdout=out)
    return out.getvalue()


def import_file(*args):
    """Run ``stadtteil_import``; (standard output, standard error)."""
    out, err = StringIO(), StringIO()
    call_command("stadtteil_import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failed_import(*args):
    """Run ``stadtteil_import`` expecting it to fail: (error, output, errors)."""
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("stadtteil_import", *args, stdout=out, stderr=err)
    return failure.value, out.getvalue(), err.getvalue()


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def partners(db):
    return [
        factories.make_partner(
            "AWO Region Hannover e.V.", slug="awo-region-hannover", kind=Partner.Kind.WELFARE
        ),
        factories.make_partner(
            "TSV Leinetal Laatzen e.V.",
            slug="tsv-leinetal-laatzen",
            city="Laatzen",
            phone="+49 511 123456",
        ),
        factories.make_partner(
            "Ökumenischer Arbeitskreis Laatzen-Mitte",
            slug="oekumenischer-arbeitskreis",
            kind=Partner.Kind.INITIATIVE,
            description="Besuchsdienst; Begegnungsnachmittage",
        ),
    ]


# export ------------------------------------------------------------------------


def test_staff_export_the_partner_list_as_csv_with_german_headers(partners):
    rows = list(csv.reader(StringIO(export("partner"))))
    assert rows[0][:4] == ["Name", "Kurztitel", "Art", "gemeinnützig"]
    names = [row[0] for row in rows[1:]]
    assert sorted(names) == sorted(partner.name for partner in partners)


def test_the_csv_export_can_use_column_keys_as_headers(partners):
    rows = list(csv.reader(StringIO(export("partner", "--headers", "keys"))))
    assert rows[0][:2] == ["name", "slug"]


def test_a_json_export_parses_and_names_its_columns_by_key(partners):
    records = json.loads(export("partner", "--format", "json"))
    assert {record["slug"] for record in records} == {partner.slug for partner in partners}
    tsv = next(record for record in records if record["slug"] == "tsv-leinetal-laatzen")
    assert tsv["phone"] == "+49 511 123456"


def test_an_xlsx_export_opens_in_a_spreadsheet_with_german_headers(partners, tmp_path):
    target = tmp_path / "partner.xlsx"
    export("partner", "--format", "xlsx", "--output", str(target))
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Name"
    assert "Art" in rows[0]
    assert {row[0] for row in rows[1:]} == {partner.name for partner in partners}
    kinds = {row[rows[0].index("Art")] for row in rows[1:]}
    assert len(kinds) == 3


def test_an_xlsx_export_to_standard_output_is_written_as_bytes(partners):
    data = export("partner", "--format", "xlsx", binary=True)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.max_row == len(partners) + 1


def test_exporting_an_unknown_model_lists_the_models_there_are():
    with pytest.raises(CommandError) as failure, translation.override("en"):
        export("partners")
    assert "partner, funding-programme, district" in str(failure.value)


def test_exporting_the_records_of_an_unknown_centre_is_refused(db):
    with pytest.raises(CommandError) as failure, translation.override("en"):
        export("room", "--centre", "gibt-es-nicht")
    assert "gibt-es-nicht" in str(failure.value)


class Terminal(StringIO):
    """What a command sees when it writes to a terminal window."""

    def isatty(self):
        return True


def test_an_xlsx_export_is_not_dumped_into_a_terminal(partners):
    with pytest.raises(CommandError) as failure, translation.override("en"):
        call_command("stadtteil_export", "partner", "--format", "xlsx", stdout=Terminal())
    assert "--output" in str(failure.value)


def test_personal_data_is_an_option_of_the_booking_export_only(partners):
    with pytest.raises(CommandError) as failure, translation.override("en"):
        export("partner", "--personal-data")
    assert "booking only" in str(failure.value)


# import ------------------------------------------------------------------------


def test_a_partner_list_exported_and_imported_again_changes_nothing(partners, tmp_path):
    target = tmp_path / "partner.csv"
    export("partner", "--output", str(target))
    before = list(Partner.objects.order_by("pk").values())
    output, errors = import_file("partner", str(target))
    assert output.strip().splitlines()[-1] == "new: 0, updated: 0, unchanged: 3, invalid: 0"
    assert errors == ""
    assert list(Partner.objects.order_by("pk").values()) == before


def test_an_xlsx_export_imported_again_changes_nothing(partners, tmp_path):
    target = tmp_path / "partner.xlsx"
    export("partner", "--format", "xlsx", "--output", str(target))
    output, _errors = import_file("partner", str(target))
    assert output.strip().splitlines()[-1] == "new: 0, updated: 0, unchanged: 3, invalid: 0"


def test_a_partner_list_imports_new_partners_and_updates_known_ones(partners, tmp_path):
    path = write(
        tmp_path / "partner.csv",
        "Name;Kurztitel;Ort\n"
        "TSV Leinetal Laatzen e.V.;tsv-leinetal-laatzen;Laatzen-Rethen\n"
        "Chor „Stimmen am Marktplatz“ e.V.;chor-stimmen-am-marktplatz;Laatzen\n",
    )
    output, _errors = import_file("partner", path)
    assert output.strip().splitlines()[-1] == "new: 1, updated: 1, unchanged: 0, invalid: 0"
    assert Partner.objects.get(slug="tsv-leinetal-laatzen").city == "Laatzen-Rethen"
    assert Partner.objects.get(slug="chor-stimmen-am-marktplatz").city == "Laatzen"


def test_one_invalid_row_among_valid_ones_saves_nothing_and_lists_every_problem(partners, tmp_path):
    path = write(
        tmp_path / "partner.csv",
        "Name,Kurztitel,Art,Telefon\n"
        "Kinderschutzbund Laatzen,kinderschutzbund-laatzen,Verein oder Verband,0511 1234\n"
        "Seniorenbeirat,seniorenbeirat,Sternwarte,=HYPERLINK(1)\n"
        "TSV Leinetal Laatzen e.V.,tsv-leinetal-laatzen,Verein oder Verband,0511 999\n",
    )
    before = list(Partner.objects.order_by("pk").values())
    with translation.override("en"):
        error, output, errors = failed_import("partner", path)
    assert error.returncode == 1
    assert "Nothing was imported: 2 problems." in str(error)
    problems = errors.strip().splitlines()
    assert len(problems) == 2
    assert any(p.startswith("Line 3, column “Art”: “Sternwarte” is not one of") for p in problems)
    assert any(p.startswith("Line 3, column “Telefon”: This cell starts like") for p in problems)
    assert output.strip().splitlines()[-1] == "new: 1, updated: 1, unchanged: 0, invalid: 1"
    assert list(Partner.objects.order_by("pk").values()) == before


def test_a_dry_run_reports_what_would_change_and_saves_nothing(partners, tmp_path):
    path = write(
        tmp_path / "partner.csv",
        "Name,Kurztitel\nKinderschutzbund Laatzen,kinderschutzbund-laatzen\n",
    )
    with translation.override("en"):
        output, _errors = import_file("partner", path, "--dry-run")
    assert "Dry run: nothing was saved." in output
    assert output.strip().splitlines()[-1] == "new: 1, updated: 0, unchanged: 0, invalid: 0"
    assert not Partner.objects.filter(slug="kinderschutzbund-laatzen").exists()


def test_a_missing_identifier_column_is_reported_on_line_one(partners, tmp_path):
    path = write(tmp_path / "partner.csv", "Ort\nLaatzen\n")
    with translation.override("en"):
        error, output, errors = failed_import("partner", path)
    assert error.returncode == 1
    assert errors.startswith("Line 1")
    assert "invalid: 1" in output


def test_importing_booking_requests_is_refused_they_are_export_only(tmp_path):
    path = write(tmp_path / "booking.csv", "Name\nx\n")
    with translation.override("en"):
        error, _output, _errors = failed_import("booking", path)
    assert "exported, not imported" in str(error)


def test_importing_an_unknown_model_lists_the_models_there_are(tmp_path):
    path = write(tmp_path / "x.csv", "Name\nx\n")
    with translation.override("en"):
        error, _output, _errors = failed_import("partners", path)
    assert "Choose one of: partner, funding-programme" in str(error)


def test_a_file_that_does_not_exist_is_reported_with_the_reason(tmp_path):
    with translation.override("en"):
        error, _output, _errors = failed_import("partner", str(tmp_path / "fehlt.csv"))
    assert "No such file or directory" in str(error)


def test_a_file_that_is_no_spreadsheet_is_reported(tmp_path):
    path = tmp_path / "partner.xlsx"
    path.write_bytes(b"this is not a spreadsheet")
    with translation.override("en"):
        error, _output, _errors = failed_import("partner", str(path))
    assert "could not be read as XLSX" in str(error)


def test_a_calendar_file_needs_a_centre_and_goes_into_offers_only(tmp_path, centre):
    path = write(tmp_path / "kalender.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    with translation.override("en"):
        error, _output, _errors = failed_import("partner", path)
        assert "only be imported as offers" in str(error)
        error, _output, _errors = failed_import("offer", path)
        assert "--centre" in str(error)


# one centre's rooms --------------------------------------------------------------


@pytest.fixture
def two_centres(centre):
    other = factories.make_centre(title="Stadtteilbüro Laatzen-Mitte")
    Room.objects.create(centre=centre, name="Saal", slug="saal", capacity=120)
    Room.objects.create(centre=centre, name="Gruppenraum 1", slug="gruppenraum-1")
    Room.objects.create(centre=other, name="Besprechungsraum", slug="besprechungsraum")
    return centre, other


def test_a_centres_rooms_are_exported_without_the_other_centres_rooms(two_centres, tmp_path):
    centre, _other = two_centres
    rows = list(csv.DictReader(StringIO(export("room", "--centre", centre.slug))))
    assert [(row["Stadtteilzentrum"], row["Kurztitel"]) for row in rows] == [
        ("stadthaus-laatzen", "gruppenraum-1"),
        ("stadthaus-laatzen", "saal"),
    ]


def test_a_centres_rooms_exported_and_imported_again_change_nothing(two_centres, tmp_path):
    centre, _other = two_centres
    target = tmp_path / "raeume.xlsx"
    export("room", "--centre", centre.slug, "--format", "xlsx", "--output", str(target))
    output, _errors = import_file("room", str(target), "--centre", centre.slug)
    assert output.strip().splitlines()[-1] == "new: 0, updated: 0, unchanged: 2, invalid: 0"


def test_an_import_for_one_centre_refuses_rows_of_another_and_saves_none(two_centres, tmp_path):
    centre, other = two_centres
    path = write(
        tmp_path / "raeume.csv",
        "centre,slug,name,capacity\n"
        f"{centre.slug},kueche,Küche,10\n"
        f"{other.slug},werkstatt,Werkstattraum,8\n",
    )
    with translation.override("en"):
        error, output, errors = failed_import("room", path, "--centre", centre.slug)
    assert error.returncode == 1
    assert errors.strip().splitlines() == [
        "Line 3, column “centre”: This import is for one centre only; this row names another."
    ]
    assert output.strip().splitlines()[-1] == "new: 1, updated: 0, unchanged: 0, invalid: 1"
    assert not Room.objects.filter(slug__in=["kueche", "werkstatt"]).exists()


def test_rooms_of_the_chosen_centre_are_imported(two_centres, tmp_path):
    centre, _other = two_centres
    path = write(
        tmp_path / "raeume.csv",
        "Stadtteilzentrum;Kurztitel;Name;Kapazität (Personen)\n"
        "stadthaus-laatzen;kueche;Küche;10\n"
        "stadthaus-laatzen;saal;Saal;100\n",
    )
    output, _errors = import_file("room", path, "--centre", centre.slug)
    assert output.strip().splitlines()[-1] == "new: 1, updated: 1, unchanged: 0, invalid: 0"
    assert Room.objects.get(centre=centre, slug="saal").capacity == 100
    assert Room.objects.get(centre=centre, slug="kueche").name == "Küche"


# long files ------------------------------------------------------------------------


def long_partner_list(tmp_path, rows=250):
    lines = ["Name,Kurztitel"] + [f"Verein {n},verein-{n}" for n in range(rows)]
    return write(tmp_path / "partner.csv", "\n".join(lines) + "\n")


def test_a_long_file_shows_its_progress_on_a_terminal(db, tmp_path):
    terminal = Terminal()
    out = StringIO()
    call_command(
        "stadtteil_import", "partner", long_partner_list(tmp_path), stdout=out, stderr=terminal
    )
    shown = terminal.getvalue()
    assert "\r[" in shown and "] 125/250" in shown
    assert shown.count("] 250/250") == 2  # the check, then the import
    assert (
        out.getvalue().strip().splitlines()[-1] == "new: 250, updated: 0, unchanged: 0, invalid: 0"
    )


def test_a_long_file_writes_no_progress_into_a_log(db, tmp_path):
    out, log = StringIO(), StringIO()
    call_command("stadtteil_import", "partner", long_partner_list(tmp_path), stdout=out, stderr=log)
    assert log.getvalue() == ""
    assert Partner.objects.filter(slug__startswith="verein-").count() == 250
