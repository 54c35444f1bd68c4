"""Write ``programme.xlsx`` from ``programme.csv`` (the same offers as a
spreadsheet, as an office would keep them in Excel or LibreOffice).

Run from the repository root after changing the CSV::

    .venv/bin/python example_site/examples/make_programme.py
"""

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
#: Columns written as real dates and numbers, as a spreadsheet holds them.
DATES = {"erster Tag", "letzter Tag"}
NUMBERS = {"Mindestalter", "Höchstalter", "Gebühr in Euro"}


def cell(header, value):
    if header in DATES and value and "\n" not in value:
        return dt.date.fromisoformat(value)
    if header in NUMBERS and value:
        return float(value) if "." in value else int(value)
    return value


def main():
    with open(HERE / "programme.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    headers = rows[0]
    book = Workbook()
    sheet = book.active
    sheet.title = "Programm"
    sheet.append(headers)
    for row in rows[1:]:
        sheet.append([cell(header, value) for header, value in zip(headers, row, strict=True)])
    for column in sheet.columns:
        column[0].font = Font(bold=True)
        longest = max(len(line) for item in column for line in str(item.value or "").split("\n"))
        sheet.column_dimensions[column[0].column_letter].width = min(max(longest, 8) + 2, 60)
        for item in column[1:]:
            item.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(item.value, dt.date):
                item.number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "E2"
    book.properties.creator = "wagtail-stadtteil"
    # A fixed timestamp keeps the file the same from run to run.
    book.properties.created = book.properties.modified = dt.datetime(2026, 11, 1)
    book.save(HERE / "programme.xlsx")


if __name__ == "__main__":
    main()
