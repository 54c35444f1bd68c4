"""A report as a file: XLSX (one sheet per table, numbers as numbers), CSV
(the tables one below the other, each under its title) or JSON."""

import csv
import io
import json
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

#: Excel allows at most 31 characters in a sheet name, and none of these.
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "·"))


def plain(value):
    """A cell as text for CSV, or a number or None for XLSX and JSON."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def escape_formula(value):
    """CSV: text that a spreadsheet would run as a formula starts with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def sheet_names(titles):
    """Unique sheet names of at most 31 characters, without Excel's
    forbidden characters."""
    names = []
    for title in titles:
        name = str(title).translate(SHEET_NAME_FORBIDDEN)[:31]
        number = 2
        while name in names:
            suffix = f" ({number})"
            name = str(title).translate(SHEET_NAME_FORBIDDEN)[: 31 - len(suffix)] + suffix
            number += 1
        names.append(name)
    return names


def append_row(sheet, values):
    """A row whose text cells stay text: a title starting with "=" is no
    formula (openpyxl would store it as one)."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def to_xlsx(report):
    book = Workbook()
    book.remove(book.active)
    names = sheet_names([_("Report"), *(table.title for table in report.tables)])
    overview = book.create_sheet(names[0])
    append_row(overview, [_("Report")])
    overview["A1"].font = Font(bold=True)
    append_row(overview, [_("Centres"), report.scope])
    append_row(overview, [_("From"), report.first])
    append_row(overview, [_("To"), report.last])
    for name, table in zip(names[1:], report.tables, strict=True):
        sheet = book.create_sheet(name)
        append_row(sheet, [str(column) for column in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            append_row(sheet, [plain(value) for value in row])
        if table.note:
            sheet.append([])
            append_row(sheet, [str(table.note)])
        sheet.freeze_panes = "A2"
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def to_csv(report):
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(
        [
            _("Report"),
            escape_formula(report.scope),
            report.first.isoformat(),
            report.last.isoformat(),
        ]
    )
    for table in report.tables:
        writer.writerow([])
        writer.writerow([str(table.title)])
        writer.writerow([str(column) for column in table.columns])
        for row in table.rows:
            writer.writerow(["" if value is None else escape_formula(value) for value in row])
    return "\ufeff" + stream.getvalue()  # a BOM: Excel reads the umlauts


def to_json(report):
    return json.dumps(
        {
            "centres": [centre.title for centre in report.centres],
            "first_day": report.first.isoformat(),
            "last_day": report.last.isoformat(),
            "tables": {
                table.key: {
                    "title": str(table.title),
                    "columns": [str(column) for column in table.columns],
                    "rows": [[plain(value) for value in row] for row in table.rows],
                }
                for table in report.tables
            },
        },
        ensure_ascii=False,
        indent=2,
        default=str,  # dates as YYYY-MM-DD
    )
