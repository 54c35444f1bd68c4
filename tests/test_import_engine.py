"""The rules every spreadsheet import and export shares (core.importing), told
with the shared snippets a city team brings first: partners, districts."""

import io

import pytest
import tablib
from django.contrib.auth.models import Permission
from django.utils import translation

from wagtail_stadtteil.core.importing import (
    export_file,
    read_dataset,
    resource_class,
    run_import,
)
from wagtail_stadtteil.core.models import District, Partner

from .factories import make_district, make_locale, make_partner, make_user

pytestmark = pytest.mark.django_db


def partners(*rows, headers=("name", "slug", "kind", "non_profit", "phone")):
    dataset = tablib.Dataset(headers=list(headers))
    for row in rows:
        dataset.append(list(row))
    return dataset


def import_partners(dataset, dry_run=False, **kwargs):
    return run_import(resource_class("partner")(**kwargs), dataset, dry_run=dry_run)


def messages(report):
    with translation.override("en"):
        return [str(problem) for problem in report.problems]


def test_a_city_team_imports_a_partner_list_with_german_headers_and_labels():
    dataset = partners(
        ["Chor Laatzen", "", "Verein oder Verband", "ja", "+49 511 8205-0"],
        ["AWO Region Hannover", "awo", "Wohlfahrtsverband", "nein", ""],
        headers=("Name", "Kurztitel", "Art", "gemeinnützig", "Telefon"),
    )
    report = import_partners(dataset)

    assert report.summary() == "new: 2, updated: 0, unchanged: 0, invalid: 0"
    choir = Partner.objects.get(slug="chor-laatzen")
    assert (choir.kind, choir.non_profit, choir.phone) == ("club", True, "+49 511 8205-0")
    assert Partner.objects.get(slug="awo").kind == Partner.Kind.WELFARE


def test_english_labels_codes_and_yes_no_words_are_understood_too():
    report = import_partners(
        partners(
            ["Tafel Laatzen", "tafel", "Welfare organisation", "yes", ""],
            ["Moschee", "moschee", "religious_community", "x", ""],
            ["Sportverein", "sv", "CLUB", "0", ""],
        )
    )

    assert report.ok, messages(report)
    assert list(Partner.objects.order_by("slug").values_list("slug", "kind", "non_profit")) == [
        ("moschee", "religious_community", True),
        ("sv", "club", False),
        ("tafel", "welfare", True),
    ]


def test_re_importing_an_export_changes_nothing():
    make_partner("Kinderschutzbund Laatzen", kind="welfare", non_profit=True, city="Laatzen")
    make_partner("Nachbarschaftshilfe", phone="0511 123")
    exported = read_dataset(export_file(resource_class("partner")(), "csv"), "csv")

    report = import_partners(exported)

    assert report.summary() == "new: 0, updated: 0, unchanged: 2, invalid: 0"


def test_a_changed_cell_updates_the_partner_instead_of_adding_one():
    make_partner("Nachbarschaftshilfe", slug="nachbarschaftshilfe", phone="0511 123")

    report = import_partners(
        partners(["Nachbarschaftshilfe", "nachbarschaftshilfe", "", "", "0511 999"])
    )

    assert report.summary() == "new: 0, updated: 1, unchanged: 0, invalid: 0"
    assert Partner.objects.get().phone == "0511 999"


def test_one_invalid_row_is_reported_by_line_and_column_and_nothing_is_saved():
    dataset = partners(
        ["Chor Laatzen", "chor", "club", "ja", ""],
        ["Gute Zeiten", "gute-zeiten", "Fußballclub", "vielleicht", ""],
        ["Tafel", "tafel", "club", "nein", ""],
    )
    with translation.override("en"):
        report = import_partners(dataset)

    assert not report.saved
    assert report.invalid == 1
    assert Partner.objects.count() == 0
    problems = messages(report)
    assert any(p.startswith("Line 3, column “kind”: “Fußballclub” is not one of") for p in problems)
    assert "Line 3, column “non_profit”: Enter yes or no." in problems


def test_a_formula_cell_is_refused_but_phone_numbers_and_negative_numbers_are_not():
    dataset = partners(
        ['=HYPERLINK("http://evil.example","Klick")', "evil", "club", "", ""],
        ["Chor", "chor", "club", "", "+49 511 12345"],
        ["Tafel", "tafel", "club", "", "@SUM(A1:A2)"],
        ["Kirche", "kirche", "club", "", "-2+3+cmd|' /C calc'!A0"],
    )
    with translation.override("en"):
        report = import_partners(dataset)

    assert Partner.objects.count() == 0
    lines = sorted((p.line, p.column) for p in report.problems)
    assert lines == [(2, "name"), (4, "phone"), (5, "phone")]
    assert all("formula" in p.message for p in report.problems)


def test_two_rows_with_the_same_identifier_are_refused():
    with translation.override("en"):
        report = import_partners(
            partners(["Chor", "chor", "club", "", ""], ["Chor (neu)", "Chor", "club", "", ""])
        )

    assert Partner.objects.count() == 0
    assert messages(report) == ["Line 3, column “slug”: Line 2 already has this identifier."]


def test_unknown_and_missing_columns_are_named_before_any_row_is_read():
    dataset = tablib.Dataset(headers=["Art", "Strasse"])
    dataset.append(["Verein oder Verband", "Hauptstr. 1"])
    with translation.override("en"):
        report = import_partners(dataset, dry_run=True)

    problems = messages(report)
    assert problems[0].startswith("Line 1, column “Strasse”: Unknown column “Strasse”.")
    assert "street and number" in problems[0]  # the known columns are listed
    assert "The column “slug” is missing" in problems[1]
    assert Partner.objects.count() == 0


def test_a_dry_run_reports_what_would_happen_and_saves_nothing():
    make_partner("Chor", slug="chor")

    report = import_partners(
        partners(["Chor", "chor", "club", "", "0511 1"], ["Tafel", "tafel", "club", "", ""]),
        dry_run=True,
    )

    assert (report.new, report.updated, report.saved) == (1, 1, False)
    assert [row.status for row in report.rows] == ["update", "new"]
    assert Partner.objects.get().phone == ""


def test_districts_name_their_parent_by_slug():
    city = make_district("Laatzen", level=District.Level.POLITICAL_DISTRICT, slug="laatzen")
    dataset = tablib.Dataset(headers=["name", "slug", "level", "parent", "population"])
    dataset.append(["Laatzen-Mitte", "mitte", "Quartier", "laatzen", "12.500"])
    dataset.append(["Rethen", "rethen", "quarter", "nirgendwo", ""])
    with translation.override("en"):
        report = run_import(resource_class("district")(), dataset)

    assert messages(report) == ["Line 3, column “parent”: No district with the slug “nirgendwo”."]
    del dataset[1]
    report = run_import(resource_class("district")(), dataset, dry_run=False)
    assert report.summary() == "new: 1, updated: 0, unchanged: 0, invalid: 0"
    assert District.objects.get(slug="mitte").parent == city


def test_exports_escape_formulas_that_came_in_through_the_admin():
    make_partner('=HYPERLINK("http://evil.example")', slug="evil", phone="+49 511 1")

    csv = export_file(resource_class("partner")(), "csv").decode()

    assert "'=HYPERLINK" in csv
    assert ",+49 511 1," in csv  # a phone number is not a formula


def test_exports_have_german_headers_for_the_city_and_keys_on_request():
    make_partner("Chor")

    german = read_dataset(export_file(resource_class("partner")(), "csv"), "csv")
    keys = read_dataset(export_file(resource_class("partner")(), "csv", headers="keys"), "csv")

    assert german.headers[:4] == ["Name", "Kurztitel", "Art", "gemeinnützig"]
    assert keys.headers[:4] == ["name", "slug", "kind", "non_profit"]


def test_a_spreadsheet_saved_by_excel_in_germany_is_read():
    content = "Name;Kurztitel;Straße und Hausnummer\r\nMütterzentrum;muetter;Marktstraße 3\r\n"

    dataset = read_dataset(content.encode("cp1252"), "csv")
    report = import_partners(dataset)

    assert report.ok, messages(report)
    assert Partner.objects.get().street == "Marktstraße 3"


def test_xlsx_files_round_trip():
    make_partner("Chor", postcode="30880")

    dataset = read_dataset(export_file(resource_class("partner")(), "xlsx"), "xlsx")

    assert import_partners(dataset).summary() == "new: 0, updated: 0, unchanged: 1, invalid: 0"


def test_translations_of_partners_are_left_to_wagtail_localize():
    partner = make_partner("Chor", slug="chor")
    partner.copy_for_translation(make_locale("en")).save()

    exported = read_dataset(export_file(resource_class("partner")(), "csv"), "csv")

    assert len(exported) == 1
    assert import_partners(exported).unchanged == 1


def test_staff_without_the_permission_to_add_partners_cannot_import_them():
    clerk = make_user("clerk")
    resource = resource_class("partner")(user=clerk)

    report = run_import(resource, partners(["Chor", "chor", "club", "", ""]))

    assert not report.ok and Partner.objects.count() == 0
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_partner", "change_partner"])
    )
    clerk = type(clerk).objects.get(pk=clerk.pk)  # fresh permission cache
    assert run_import(
        resource_class("partner")(user=clerk), partners(["Chor", "chor", "club", "", ""])
    ).ok


def test_an_unreadable_file_gets_a_reason():
    from wagtail_stadtteil.core.importing import UnreadableFile

    with (
        translation.override("en"),
        pytest.raises(UnreadableFile, match="could not be read as XLSX"),
    ):
        read_dataset(b"not a spreadsheet", "xlsx")


def test_a_list_without_a_slug_column_gets_slugs_from_the_names():
    dataset = tablib.Dataset(headers=["Name", "Ort"])
    dataset.append(["Mütterzentrum Laatzen", "Laatzen"])

    assert import_partners(dataset).new == 1
    dataset = tablib.Dataset(headers=["Name", "Ort"])
    dataset.append(["Mütterzentrum Laatzen", "Hannover"])
    assert import_partners(dataset).updated == 1
    assert Partner.objects.get(slug="mutterzentrum-laatzen").city == "Hannover"


def test_a_decimal_written_the_german_way_is_the_same_number():
    make_district("Rethen", slug="rethen", area_km2="12.50", population=7500)
    dataset = tablib.Dataset(headers=["name", "slug", "level", "population", "area_km2"])
    dataset.append(["Rethen", "rethen", "Quartier", "7.500", "12,5"])

    report = run_import(resource_class("district")(), dataset, dry_run=False)

    assert report.summary() == "new: 0, updated: 0, unchanged: 1, invalid: 0"


@pytest.mark.parametrize(
    "rule",
    [
        "RRULE:FREQ=WEEKLY;INTERVAL=0",
        "RRULE:FREQ=FORTNIGHTLY",
        "RRULE:FREQ=WEEKLY;BYDAY=XX",
        "EXDATE:20270101T000000Z",
        "Jeden Dienstag",
        "RRULE:FREQ=MINUTELY",
        "RRULE:FREQ=WEEKLY;BYMONTH=13",
    ],
)
def test_a_rule_that_cannot_make_dates_is_refused_in_its_column(rule):
    from wagtail_stadtteil.core.importing import RuleWidget

    with translation.override("en"), pytest.raises(ValueError) as refused:
        RuleWidget().clean(rule)

    assert str(refused.value)  # a message to show in the rule's column


@pytest.mark.parametrize("language", ["de", "en", "tr", "ar", "ru", "uk"])
def test_no_two_columns_of_a_spreadsheet_share_a_header_in_any_language(language):
    from wagtail_stadtteil.core.importing import RESOURCES

    with translation.override(language):
        for name in RESOURCES:
            resource = resource_class(name)()
            headers = resource.export_headers()
            assert len(headers) == len(set(headers)), (name, headers)


def test_a_cell_marked_as_text_keeps_its_leading_sign_and_comes_back_unchanged():
    make_partner("Singkreis", slug="singkreis", description="- Singen\n- Kaffee")
    exported = read_dataset(export_file(resource_class("partner")(), "csv"), "csv")
    assert exported["Beschreibung"] == ["'- Singen\n- Kaffee"]

    assert import_partners(exported).unchanged == 1
    assert Partner.objects.get().description == "- Singen\n- Kaffee"


def test_a_formula_behind_blanks_is_still_a_formula_and_brackets_in_phone_numbers_are_fine():
    with translation.override("en"):
        report = import_partners(
            partners(
                ["Chor", "chor", "club", "", ' =HYPERLINK("x")'],
                ["Tafel", "tafel", "", "", "+49 (0)511 12345"],
            )
        )

    assert [(p.line, p.column) for p in report.problems] == [(2, "phone")]


def test_a_huge_number_is_refused_at_once():
    dataset = tablib.Dataset(headers=["name", "slug", "level", "population"])
    dataset.append(["Rethen", "rethen", "Quartier", "1e1000000"])
    with translation.override("en"):
        report = run_import(resource_class("district")(), dataset)

    assert messages(report) == ["Line 2, column “population”: Enter a number."]


def test_line_numbers_count_the_blank_lines_of_the_file():
    content = "Name;Kurztitel;Art\nChor;chor;Verein oder Verband\n\n\nTafel;tafel;Fußballclub\n"

    with translation.override("en"):
        report = import_partners(read_dataset(content.encode(), "csv"))
        assert [(p.line, p.column) for p in report.problems] == [(5, "Art")]


def test_blank_rows_of_an_xlsx_sheet_are_left_out_and_counted():
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Kurztitel", "Art"])
    sheet.append(["Chor", "chor", "Verein oder Verband"])
    sheet.append([None, None, None])
    sheet.append(["Tafel", "tafel", "Fußballclub"])
    content = io.BytesIO()
    book.save(content)

    dataset = read_dataset(content.getvalue(), "xlsx")
    with translation.override("en"):
        report = import_partners(dataset)

    assert len(dataset) == 2
    assert [(p.line, p.column) for p in report.problems] == [(4, "Art")]
