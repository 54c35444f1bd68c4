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
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def plain(value):
    """A cell as text for CSV, or a number or None for XLSX and JSON."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def escape_formula(value):
    """Text that a spreadsheet would run as a formula starts with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def to_xlsx(report):
    book = Workbook()
    book.remove(book.active)
    overview = book.create_sheet(_("Report")[:31])
    overview.append([_("Report")])
    overview["A1"].font = Font(bold=True)
    overview.append([_("Centres"), report.scope])
    overview.append([_("From"), report.first])
    overview.append([_("To"), report.last])
    for table in report.tables:
        sheet = book.create_sheet(str(table.title).translate(SHEET_NAME_FORBIDDEN)[:31])
        sheet.append([str(column) for column in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([escape_formula(plain(value)) for value in row])
        if table.note:
            sheet.append([])
            sheet.append([str(table.note)])
        sheet.freeze_panes = "A2"
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def to_csv(report):
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow([_("Report"), report.scope, report.first.isoformat(), report.last.isoformat()])
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
