"""Reading CSV and ODS files with the line numbers people see in their
spreadsheet program (core.spreadsheets). No database needed."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import LineBreak, P, S, Span, Tab

from wagtail_stadtteil.core.spreadsheets import read_rows


def cell(*paragraphs, repeat=None, **attributes):
    """A table cell; each paragraph a string or a list of strings and elements."""
    if repeat:
        attributes["numbercolumnsrepeated"] = repeat
    element = TableCell(**attributes)
    for paragraph in paragraphs:
        p = P()
        for part in paragraph if isinstance(paragraph, list) else [paragraph]:
            if isinstance(part, str):
                p.addText(part)
            else:
                p.addElement(part)
        element.addElement(p)
    return element


def text(value, **kwargs):
    return cell(value, valuetype="string", **kwargs)


def number(value, **kwargs):
    return cell(str(value), valuetype="float", value=str(value), **kwargs)


def row(*cells, repeat=None):
    element = TableRow(numberrowsrepeated=repeat) if repeat else TableRow()
    for item in cells:
        element.addElement(item)
    return element


def ods(*rows, sheets=1):
    document = OpenDocumentSpreadsheet()
    for index in range(sheets):
        table = Table(name=f"Tabelle{index + 1}")
        for item in rows if index == 0 else [row(text("other sheet"))]:
            table.addElement(item)
        document.spreadsheet.addElement(table)
    stream = io.BytesIO()
    document.write(stream)
    return stream.getvalue()


def libreoffice_tail():
    """What LibreOffice writes after the last used row: the rest of the sheet
    as empty rows of empty cells, each run written once with a repeat count."""
    return row(cell(repeat=16384), repeat=1048570)


# -- ODS ---------------------------------------------------------------------


def test_a_room_list_from_libreoffice_reads_repeated_cells_once_per_column():
    content = ods(
        row(text("Name"), text("Plätze"), text("Stühle"), text("Fläche"), cell(repeat=16380)),
        row(text("Saal"), number(15, repeat=2), number(60), cell(repeat=16380)),
        row(text("Küche"), text("15", repeat=2), text("12,5 m²"), cell(repeat=16380)),
        libreoffice_tail(),
    )

    headers, rows, lines = read_rows(content, "ods")

    assert headers == ["Name", "Plätze", "Stühle", "Fläche"]
    assert rows == [("Saal", 15, 15, 60), ("Küche", "15", "15", "12,5 m²")]
    assert lines == [2, 3]


def test_a_blank_row_in_the_middle_of_a_sheet_keeps_the_next_rows_real_line_number():
    content = ods(
        row(text("Name"), text("Ort")),
        row(text("Chor"), text("Saal")),
        row(cell(repeat=2)),
        row(cell(" "), cell(repeat=5), repeat=3),  # three rows with only a blank
        row(text("Theater"), text("Bühne")),
        libreoffice_tail(),
    )

    _headers, rows, lines = read_rows(content, "ods")

    assert rows == [("Chor", "Saal"), ("Theater", "Bühne")]
    assert lines == [2, 7]


def test_identical_rows_libreoffice_wrote_once_count_as_separate_rows():
    content = ods(
        row(text("Name"), text("Ort")),
        row(text("Kurs"), text("Saal"), repeat=3),
        row(text("Chor"), text("Saal")),
    )

    _headers, rows, lines = read_rows(content, "ods")

    assert rows == [("Kurs", "Saal")] * 3 + [("Chor", "Saal")]
    assert lines == [2, 3, 4, 5]


def test_a_cell_with_several_paragraphs_reads_as_lines_and_keeps_its_spaces():
    content = ods(
        row(text("Name"), text("Beschreibung")),
        row(
            text("Chor"),
            cell(
                "a",
                ["b", S(c=2), "c"],
                ["Zeile", LineBreak(), "neu", Tab(), "Tab"],
                [Span(text="fett"), " und ", S(), "mehr"],
                valuetype="string",
            ),
        ),
    )

    _headers, rows, _lines = read_rows(content, "ods")

    assert rows == [("Chor", "a\nb  c\nZeile\nneu\tTab\nfett und  mehr")]


def test_numbers_dates_times_and_yes_no_come_as_values_not_as_their_display():
    content = ods(
        row(*(text(name) for name in ("Gebühr", "Anteil", "Tag", "Beginn", "Ab", "Frei"))),
        row(
            cell("12,50 €", valuetype="currency", currency="EUR", value="12.5"),
            cell("15 %", valuetype="percentage", value="0.15"),
            cell("01.05.24", valuetype="date", datevalue="2024-05-01"),
            cell("14:30", valuetype="time", timevalue="PT14H30M00S"),
            cell("01.05.24 10:00", valuetype="date", datevalue="2024-05-01T10:00:00"),
            cell("WAHR", valuetype="boolean", booleanvalue="true"),
        ),
        row(
            number("1234"),
            cell("0,1", valuetype="float", value="0.1"),
            cell("", valuetype="date", datevalue="2024-13-45"),  # broken: its text
            cell("30:00", valuetype="time", timevalue="PT30H00M00S"),  # a duration
            cell(),
            cell("FALSCH", valuetype="boolean", booleanvalue="false"),
        ),
    )

    _headers, rows, _lines = read_rows(content, "ods")

    assert rows == [
        (
            Decimal("12.5"),
            Decimal("0.15"),
            dt.date(2024, 5, 1),
            dt.time(14, 30),
            dt.datetime(2024, 5, 1, 10, 0),
            "true",
        ),
        (1234, Decimal("0.1"), "", "30:00", "", "false"),
    ]


def test_merged_cells_keep_the_columns_in_place_and_short_rows_are_padded():
    content = ods(
        row(text("Name"), text("Ort"), text("Zeit"), text("Notiz")),
        row(
            cell("Saal", valuetype="string", numbercolumnsspanned=2), CoveredTableCell(), text("9")
        ),
        row(text("Küche")),
    )

    _headers, rows, _lines = read_rows(content, "ods")

    assert rows == [("Saal", "", "9", ""), ("Küche", "", "", "")]


def test_a_row_longer_than_the_header_keeps_its_extra_cells_for_the_report():
    content = ods(
        row(text("Name"), text("Ort"), cell(repeat=100)),
        row(text("Chor"), text("Saal"), cell(repeat=3), text("übrig"), cell(repeat=16000)),
        row(text("Kurs"), text("Saal"), text("x", repeat=100000)),
    )

    headers, rows, _lines = read_rows(content, "ods")

    assert headers == ["Name", "Ort"]
    assert rows[0] == ("Chor", "Saal", "", "", "", "übrig")
    assert len(rows[1]) == 1024  # a value copied along the whole row is not built in full
    assert rows[1][:3] == ("Kurs", "Saal", "x")


def test_only_the_first_sheet_is_read_and_an_empty_sheet_has_no_rows():
    assert read_rows(ods(row(text("Name")), row(text("Chor")), sheets=2), "ods") == (
        ["Name"],
        [("Chor",)],
        [2],
    )
    assert read_rows(ods(libreoffice_tail()), "ods") == ([], [], [])


@pytest.mark.parametrize(
    "content",
    [b"", b"not a zip file", b"PK\x03\x04broken", "text document"],
)
def test_a_file_that_is_no_spreadsheet_is_refused(content):
    if content == "text document":
        stream = io.BytesIO()
        OpenDocumentText().write(stream)
        content = stream.getvalue()
    with pytest.raises(ValueError):
        read_rows(content, "ods")


# -- CSV ---------------------------------------------------------------------


def test_a_german_excel_csv_with_semicolons_and_umlauts_reads_as_windows_1252():
    content = "Name;Straße;Plätze\r\nBürgerhaus;Hauptstraße 1;40\r\n".encode("cp1252")

    headers, rows, lines = read_rows(content, "csv")

    assert headers == ["Name", "Straße", "Plätze"]
    assert rows == [("Bürgerhaus", "Hauptstraße 1", "40")]
    assert lines == [2]


def test_a_utf8_csv_with_a_bom_and_commas_reads_without_the_bom():
    content = "\ufeffName,Ort\nChor,Saal; Bühne\n".encode()

    assert read_rows(content, "csv") == (["Name", "Ort"], [("Chor", "Saal; Bühne")], [2])


def test_a_quoted_cell_with_line_breaks_does_not_shift_the_line_numbers_after_it():
    content = (
        "Name;Beschreibung;Ort\r\n"
        'Chor;"Wir singen\r\njeden Montag\r\n\r\nim Saal";Saal\r\n'
        "Kurs;Nähen;Küche\r\n"
        "\r\n"
        ";  ;\r\n"
        "Theater;;Bühne\r\n"
    ).encode()

    _headers, rows, lines = read_rows(content, "csv")

    assert rows == [
        ("Chor", "Wir singen\r\njeden Montag\r\n\r\nim Saal", "Saal"),
        ("Kurs", "Nähen", "Küche"),
        ("Theater", "", "Bühne"),
    ]
    assert lines == [2, 6, 9]


def test_short_csv_rows_are_padded_and_long_ones_keep_what_is_in_them():
    content = b"Name,Ort,,\nChor\nKurs,Saal,,,\nTheater,Saal,,,x,\n"

    headers, rows, lines = read_rows(content, "csv")

    assert headers == ["Name", "Ort"]
    assert rows == [("Chor", ""), ("Kurs", "Saal"), ("Theater", "Saal", "", "", "x")]
    assert lines == [2, 3, 4]


def test_an_empty_csv_has_no_rows_and_an_unreadable_one_is_refused():
    assert read_rows(b"", "csv") == ([], [], [])
    assert read_rows(b"\n\n", "csv") == ([], [], [])
    with pytest.raises(ValueError):
        read_rows(b"Name\n\x81\x8d", "csv")  # neither UTF-8 nor Windows-1252
    with pytest.raises(ValueError):
        read_rows(b"Name\nChor", "xls")
