"""Reading CSV and ODS files row by row, with the line number a person sees in
their spreadsheet program for every row (the header is line 1).

tablib loses that number (it drops empty rows and counts a quoted cell with a
line break as one row), so "line 7" in an import report would point at the
wrong row. XLSX and JSON still go through tablib (core.importing).
"""

import csv
import datetime as dt
import io
import re
from decimal import Decimal, InvalidOperation

from odf.namespaces import OFFICENS, TABLENS, TEXTNS

#: No row is widened beyond this many columns (or the header's width, if that
#: is wider): LibreOffice writes a row's unused tail as one cell repeated
#: 16384 times, and a value copied along a whole row would do the same.
MAX_COLUMNS = 1024


def read_rows(content: bytes, format_name: str) -> tuple[list[str], list[tuple], list[int]]:
    """(headers, data rows, line number of each data row) of a "csv" or "ods"
    file's bytes; ``ValueError`` (without a message meant for people) when the
    content cannot be read.

    The header is the first row with anything in it; trailing empty header
    cells are dropped. Rows whose cells are all empty or blank are left out,
    but still counted, so a line number is the real line of the file. Rows
    shorter than the header are padded with ""; empty cells past the header's
    width are dropped, cells with something in them are kept.
    """
    if format_name == "csv":
        numbered = _csv_rows(content)
    elif format_name == "ods":
        numbered = _ods_rows(content)
    else:
        raise ValueError(f"unsupported format {format_name!r}")
    try:
        return _table(numbered)
    except ValueError:
        raise
    except Exception as error:  # csv.Error, odfpy's zip and XML errors, …
        raise ValueError(f"unreadable {format_name}") from error


def _is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _trim(cells):
    """``cells`` without its trailing empty cells."""
    end = len(cells)
    while end and _is_empty(cells[end - 1]):
        end -= 1
    return cells[:end]


def _table(numbered):
    headers = None
    rows, lines = [], []
    for line, cells in numbered:
        if all(_is_empty(cell) for cell in cells):
            continue
        if headers is None:
            headers = ["" if cell is None else str(cell) for cell in _trim(cells)]
            continue
        width = len(headers)
        if len(cells) > width:
            cells = cells[:width] + _trim(cells[width:])
        elif len(cells) < width:
            cells = list(cells) + [""] * (width - len(cells))
        rows.append(tuple(cells))
        lines.append(line)
    return headers or [], rows, lines


# ---------------------------------------------------------------------------
# CSV


def _csv_rows(content):
    """(line, cells) for every record, blank lines included. A record's line
    is the one it starts on: a quoted cell may hold line breaks."""
    try:
        data = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        data = content.decode("cp1252")  # raises for bytes cp1252 has no character for
    first_line = data.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(data, newline=""), delimiter=delimiter)
    previous_end = 0
    for cells in reader:
        yield previous_end + 1, cells
        previous_end = reader.line_num


# ---------------------------------------------------------------------------
# ODS

_TABLE = (TABLENS, "table")
_ROW = (TABLENS, "table-row")
_ROW_GROUPS = {(TABLENS, name) for name in ("table-header-rows", "table-rows", "table-row-group")}
_CELLS = {(TABLENS, "table-cell"), (TABLENS, "covered-table-cell")}
_PARAGRAPHS = {(TEXTNS, "p"), (TEXTNS, "h")}
_ROWS_REPEATED = (TABLENS, "number-rows-repeated")
_COLUMNS_REPEATED = (TABLENS, "number-columns-repeated")
_DURATION = re.compile(r"PT(\d+)H(\d+)M(\d+)(?:\.(\d+))?S")


def _ods_rows(content):
    """(line, cells) for every row of the first sheet; runs of repeated empty
    rows are counted but never built."""
    from odf import opendocument

    try:
        document = opendocument.load(io.BytesIO(content))
    except Exception as error:  # not a zip, no content.xml, broken XML, …
        raise ValueError("unreadable ods") from error
    body = document.spreadsheet
    table = next((node for node in _children(body) if node.qname == _TABLE), None)
    if table is None:
        raise ValueError("no sheet")
    line = 1
    width = None  # the header's width, once the header is read
    for row in _table_rows(table):
        repeat = _repeat(row, _ROWS_REPEATED)
        runs = _trim_runs(_cell_runs(row))
        if not runs:
            line += repeat
            continue
        cells = _expand(runs, max(width or 0, MAX_COLUMNS))
        if width is None:
            width = len(cells)
        for _ in range(repeat):  # identical rows LibreOffice wrote once
            yield line, cells
            line += 1


def _children(node):
    return [child for child in node.childNodes if child.nodeType == child.ELEMENT_NODE]


def _table_rows(node):
    for child in _children(node):
        if child.qname == _ROW:
            yield child
        elif child.qname in _ROW_GROUPS:
            yield from _table_rows(child)


def _repeat(node, attribute):
    try:
        return max(int(node.attributes.get(attribute, 1)), 1)
    except ValueError:
        return 1


def _cell_runs(row):
    return [
        (_cell_value(cell), _repeat(cell, _COLUMNS_REPEATED))
        for cell in _children(row)
        if cell.qname in _CELLS
    ]


def _trim_runs(runs):
    end = len(runs)
    while end and _is_empty(runs[end - 1][0]):
        end -= 1
    return runs[:end]


def _expand(runs, limit):
    cells = []
    for value, repeat in runs:
        cells.extend([value] * min(repeat, limit - len(cells)))
        if len(cells) >= limit:
            break
    return cells


def _cell_value(cell):
    """A cell's value: int or Decimal for numbers (also currency and
    percentage), date or datetime, time, "true"/"false", else its text."""
    from odf.teletype import extractText

    attributes = cell.attributes
    value_type = attributes.get((OFFICENS, "value-type"))
    if value_type in ("float", "currency", "percentage"):
        number = _number(attributes.get((OFFICENS, "value")))
        if number is not None:
            return number
    elif value_type == "date":
        date = _date(attributes.get((OFFICENS, "date-value")))
        if date is not None:
            return date
    elif value_type == "time":
        time = _time(attributes.get((OFFICENS, "time-value")))
        if time is not None:
            return time
    elif value_type == "boolean":
        boolean = attributes.get((OFFICENS, "boolean-value"))
        if boolean in ("true", "false"):
            return boolean
    elif value_type == "string" and (OFFICENS, "string-value") in attributes:
        return attributes[(OFFICENS, "string-value")]
    return "\n".join(
        extractText(paragraph) for paragraph in _children(cell) if paragraph.qname in _PARAGRAPHS
    )


def _number(value):
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError):
        return None
    if not number.is_finite():
        return None
    if number == number.to_integral_value():
        return int(number)
    return number


def _date(value):
    try:
        if value and "T" in value:
            return dt.datetime.fromisoformat(value)
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _time(value):
    """``PT14H30M00S`` as 14:30 (None for durations of a day or more)."""
    match = _DURATION.fullmatch(value or "")
    if not match:
        return None
    hours, minutes, seconds = int(match[1]), int(match[2]), int(match[3])
    microseconds = int((match[4] or "0")[:6].ljust(6, "0"))
    if hours > 23 or minutes > 59 or seconds > 59:
        return None
    return dt.time(hours, minutes, seconds, microseconds)
