"""Spreadsheets in and out (django-import-export), all or nothing.

Every resource of the package (``<app>/resources.py``) derives from
:class:`StadtteilResource`, which gives them the same rules:

* **Human-readable columns**: names and slugs, not numeric ids; choices by
  their label in the reader's language (their code is accepted too); yes/no;
  dates as ``YYYY-MM-DD`` (``DD.MM.YYYY`` and spreadsheet dates accepted);
  times as ``HH:MM``.
* **Headers in any language**: a column is recognised by its key
  (``name``), or its label in any of the site's languages (``Name``).
  Exports write labels in the active language (German for a German site) or,
  with ``headers="keys"``, the keys (JSON always uses keys).
* **A stable identifier** per row (``import_id_fields``, e.g. a partner's
  slug, a room's centre and slug): a re-import updates, never duplicates.
  Two rows with the same identifier are both refused.
* **No formulas**: a text cell that a spreadsheet would run (``=…``, ``@…``,
  ``+``/``-`` followed by anything but a number) is refused on import;
  exports escape them (``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT``).
* **Scope**: given a ``user``, a resource reads and writes only what the
  user may manage (a centre editor: their centres); ``centre`` limits it
  further to one centre.

:func:`run_import` is the one way in, for the admin view and the
``stadtteil_import`` command alike: it checks every row, reports each
problem by line and column, and saves nothing unless every row is valid.
"""

import dataclasses
import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.module_loading import import_string
from django.utils.text import slugify
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from import_export.instance_loaders import ModelInstanceLoader
from import_export.results import RowResult

# ---------------------------------------------------------------------------
# Which resource a short name means (the commands' MODEL argument, the admin URLs)

RESOURCES = {
    "partner": "wagtail_stadtteil.core.resources.PartnerResource",
    "funding-programme": "wagtail_stadtteil.core.resources.FundingProgrammeResource",
    "district": "wagtail_stadtteil.core.resources.DistrictResource",
    "theme": "wagtail_stadtteil.core.resources.ThemeResource",
    "target-group": "wagtail_stadtteil.core.resources.TargetGroupResource",
    "room": "wagtail_stadtteil.rooms.resources.RoomResource",
    "room-use": "wagtail_stadtteil.rooms.resources.RoomUseResource",
    "offer": "wagtail_stadtteil.centres.resources.OfferPageResource",
    "consultation-hour": "wagtail_stadtteil.centres.resources.ConsultationHourPageResource",
    "closure": "wagtail_stadtteil.centres.resources.CentreClosureResource",
    "booking": "wagtail_stadtteil.booking.resources.BookingRequestResource",
}


def resource_class(name):
    """The resource class for a short name such as ``"room-use"``."""
    return import_string(RESOURCES[name])


# ---------------------------------------------------------------------------
# Cells


def labels_in_languages(label):
    """``label`` (lazy) in every language of the site, casefolded."""
    names = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(force_str(label).strip().casefold())
    with translation.override(settings.LANGUAGE_CODE):
        names.add(force_str(label).strip().casefold())
    return names


def text(value):
    """A cell as stripped text ("" for empty cells)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 12345.0 from a spreadsheet's number cell
    return str(value).strip()


#: A cell a spreadsheet would run. ``+`` and ``-`` start phone numbers and
#: negative numbers too, so they are refused only before something else.
FORMULA = re.compile(r"^(?:[=@]|[+-](?![\d\s()./-]*$))")


def is_formula(value):
    """Whether a spreadsheet would run ``value`` (leading blanks and control
    characters are skipped, as spreadsheets do)."""
    return isinstance(value, str) and bool(FORMULA.match(value.lstrip(" \t\r\n\x00\x0b\x0c")))


def unmark_text(value):
    """A leading ``'`` is the spreadsheet's "this is text" marker (exports
    put it before values that look like formulas): the value is the rest."""
    if isinstance(value, str) and value.startswith("'") and is_formula(value[1:]):
        return value[1:]
    return value


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return text(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class ChoiceWidget(widgets.Widget):
    """A choice by its label in the reader's language; its code, or its label
    in any language of the site, is accepted on import."""

    def __init__(self, choices, blank=None, **kwargs):
        self.choices = list(choices)
        self.blank = blank  # the value of an empty cell; None: required
        self._codes = None
        super().__init__(**kwargs)

    def codes(self):
        """Every accepted spelling (casefolded) → its code; built once per
        widget, not per cell (it looks the labels up in every language)."""
        if self._codes is None:
            self._codes = {str(code).casefold(): code for code, _label in self.choices}
            for code, label in self.choices:
                for name in labels_in_languages(label):
                    self._codes.setdefault(name, code)
        return self._codes

    def clean(self, value, row=None, **kwargs):
        value = text(value)
        if not value:
            if self.blank is None:
                raise ValueError(gettext("Choose one of: %(choices)s.") % self.listing())
            return self.blank
        if value.casefold() in self.codes():
            return self.codes()[value.casefold()]
        raise ValueError(
            gettext("“%(value)s” is not one of: %(choices)s.") % {"value": value, **self.listing()}
        )

    def listing(self):
        return {"choices": ", ".join(force_str(label) for _code, label in self.choices)}

    def render(self, value, obj=None, **kwargs):
        return force_str(dict(self.choices).get(value, value or ""))


class ChoiceListWidget(ChoiceWidget):
    """Several choices in one cell, separated by commas (e.g. equipment)."""

    def clean(self, value, row=None, **kwargs):
        parts = [part for part in re.split(r"[,;\n]", text(value)) if part.strip()]
        return [ChoiceWidget.clean(self, part) for part in parts]

    def render(self, value, obj=None, **kwargs):
        labels = dict(self.choices)
        return ", ".join(force_str(labels.get(code, code)) for code in value or [])


class YesNoWidget(widgets.Widget):
    """yes/no in the reader's language (ja/nein); also true/false, 1/0, x.
    Empty is None ("unknown") for fields that allow it, else ``blank``."""

    def __init__(self, nullable=False, blank=False, **kwargs):
        self.nullable = nullable
        self.blank = blank
        self._answers = None
        super().__init__(**kwargs)

    @staticmethod
    def label(value):
        if value:
            return pgettext("spreadsheet cell", "yes")
        return pgettext("spreadsheet cell", "no")

    @classmethod
    def words(cls, value):
        """Every way to write ``value`` (casefolded)."""
        if value:
            names = {"yes", "ja", "true", "1", "x", "y", "j"}
        else:
            names = {"no", "nein", "false", "0", "n"}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names.add(cls.label(value).casefold())
        return names

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        value = text(value).casefold()
        if not value:
            return None if self.nullable else self.blank
        if self._answers is None:  # once per widget, not per cell
            self._answers = {
                word: answer for answer in (False, True) for word in self.words(answer)
            }
        if value in self._answers:
            return self._answers[value]
        raise ValueError(gettext("Enter yes or no."))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.label(bool(value))


class DateWidget(widgets.Widget):
    """``YYYY-MM-DD`` out; ``YYYY-MM-DD``, ``DD.MM.YYYY`` and spreadsheet
    dates in."""

    FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        value = text(value)
        if not value:
            return None
        for date_format in self.FORMATS:
            try:
                return dt.datetime.strptime(value, date_format).date()
            except ValueError:
                continue
        raise ValueError(
            gettext("“%(value)s” is not a date (YYYY-MM-DD or DD.MM.YYYY).") % {"value": value}
        )

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class TimeWidget(widgets.Widget):
    """Local wall-clock times, ``HH:MM``."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            return value.time().replace(second=0, microsecond=0)
        if isinstance(value, dt.time):
            return value.replace(second=0, microsecond=0)
        value = text(value)
        if not value:
            return None
        match = re.fullmatch(r"(\d{1,2})[:.](\d{2})(?::00)?(?:\s*(?:Uhr|h))?", value)
        if match:
            hour, minute = int(match[1]), int(match[2])
            if hour < 24 and minute < 60:
                return dt.time(hour, minute)
        raise ValueError(gettext("“%(value)s” is not a time (HH:MM).") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%H:%M") if value else ""


class NumberWidget(widgets.Widget):
    """Whole or decimal numbers; a decimal comma is accepted."""

    def __init__(self, decimal=False, **kwargs):
        self.decimal = decimal
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            raise ValueError(pgettext("spreadsheet cell", "Enter a number."))
        if isinstance(value, int | float | Decimal):
            number = Decimal(str(value))
        else:
            value = text(value)
            if not value:
                return None
            value = re.sub(r"\s", "", value)
            if not self.decimal and re.fullmatch(r"\d{1,3}([.,]\d{3})+", value):
                value = re.sub(r"[.,]", "", value)  # 12.500 people (thousands)
            elif "," in value and "." in value:  # 1.234,5 or 1,234.5
                decimal_mark = "," if value.rfind(",") > value.rfind(".") else "."
                value = value.replace("." if decimal_mark == "," else ",", "")
            try:
                number = Decimal(value.replace(",", "."))
            except ArithmeticError:
                message = gettext("“%(value)s” is not a number.") % {"value": value}
                raise ValueError(message) from None
        if not number.is_finite() or number.adjusted() > 15:
            raise ValueError(pgettext("spreadsheet cell", "Enter a number."))
        if self.decimal:
            return number
        if number != number.to_integral_value():
            raise ValueError(pgettext("spreadsheet cell", "Enter a whole number."))
        return int(number)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, Decimal):
            return format(value.normalize(), "f")  # 12.50 and 12.5 are the same fee
        return str(value)


class SlugWidget(widgets.Widget):
    """A related object by its slug (a snippet in the site's default language,
    a room of the row's centre …). ``lookup(value, row)`` returns a queryset."""

    def __init__(self, lookup, not_found, **kwargs):
        self.lookup = lookup
        self.not_found = not_found
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        value = text(value)
        if not value:
            return None
        found = list(self.lookup(value, row or {})[:2])
        if len(found) != 1:
            raise ValueError(force_str(self.not_found) % {"value": value})
        return found[0]

    def render(self, value, obj=None, **kwargs):
        return getattr(value, "slug", "") or ""


class SlugListWidget(SlugWidget):
    """Several related objects by slug, separated by commas."""

    def clean(self, value, row=None, **kwargs):
        single = SlugWidget(self.lookup, self.not_found)
        parts = [part.strip() for part in re.split(r"[,;\n]", text(value)) if part.strip()]
        return [single.clean(part, row) for part in dict.fromkeys(parts)]

    def render(self, value, obj=None, **kwargs):
        items = value.all() if hasattr(value, "all") else value or []
        return ", ".join(sorted(item.slug for item in items))


class RuleWidget(widgets.Widget):
    """A recurrence as RFC 5545 text (``RRULE:FREQ=WEEKLY;BYDAY=TU``, with
    ``RDATE``/``EXDATE`` lines). ``one_line`` joins a rule's lines with a
    space, for cells that hold one schedule per line."""

    PROPERTY = re.compile(r"\s+(?=(?:RRULE|EXRULE|RDATE|EXDATE|DTSTART)[:;])", re.IGNORECASE)
    #: Schedules happen on days: finer rules would expand to millions of dates.
    FREQUENCIES = (0, 1, 2, 3)  # YEARLY, MONTHLY, WEEKLY, DAILY (dateutil's numbers)

    def __init__(self, one_line=False, **kwargs):
        self.one_line = one_line
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        import recurrence

        value = self.PROPERTY.sub("\n", text(value))
        if not value:
            return None
        try:
            rule = recurrence.deserialize(value.upper())
        except (recurrence.exceptions.DeserializationError, ValueError) as error:
            raise ValueError(
                gettext("“%(value)s” is not a rule in RFC 5545 form (%(error)s).")
                % {"value": value, "error": "; ".join(str(arg) for arg in error.args if arg)}
            ) from None
        if not (rule.rrules or rule.rdates):
            raise ValueError(gettext("Add a rule (RRULE) or at least one date (RDATE)."))
        parts = [*rule.rrules, *rule.exrules]
        if any(part.freq not in self.FREQUENCIES for part in parts):
            raise ValueError(gettext("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY."))
        if any((part.interval or 0) < 1 for part in parts):
            raise ValueError(gettext("INTERVAL must be a whole number of at least 1."))
        try:  # what dateutil cannot expand or the field cannot store must not get further
            start = dt.datetime(2000, 1, 1)
            rule.between(start, start + dt.timedelta(days=800), dtstart=start, inc=True)
            recurrence.serialize(rule)
        except (ValueError, OverflowError, TypeError, recurrence.exceptions.SerializationError):
            raise ValueError(
                gettext("“%(value)s” cannot be turned into dates.") % {"value": value}
            ) from None
        return rule

    def render(self, value, obj=None, **kwargs):
        import recurrence

        if not value:
            return ""
        serialized = recurrence.serialize(value)
        return serialized.replace("\n", " ") if self.one_line else serialized


def column(attribute, widget=None, label=None, key=None, **kwargs):
    """A resource field whose column key is ``key`` (default: the attribute)
    and whose header is ``label`` in the reader's language (default: the
    model field's verbose name)."""
    field = fields.Field(
        attribute=attribute, column_name=key or attribute, widget=widget or TextWidget(), **kwargs
    )
    field.label = label
    return field


# ---------------------------------------------------------------------------
# The base resource


class LenientInstanceLoader(ModelInstanceLoader):
    """Finds the existing object by the row's identifier; an identifier that
    cannot be read (an unknown centre) is reported by its column later."""

    def get_instance(self, row):
        try:
            return super().get_instance(row)
        except (ValueError, ValidationError):
            return None
        except self.resource._meta.model.MultipleObjectsReturned:
            return None


class StadtteilResource(resources.ModelResource):
    """The rules every resource of the package shares (see the module)."""

    #: The columns that name the row's object, shown in the import preview.
    title_columns = ()
    #: Identifier columns a file may leave out, made from another column
    #: (a slug from the name): {identifier key: source key}.
    derived_identifiers = {}

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        skip_html_diff = True
        instance_loader_class = LenientInstanceLoader
        use_transactions = True

    def __init__(self, user=None, centre=None, publish=False, progress=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.centre = centre
        self.publish = publish
        self.progress = progress
        self.identifiers = {}  # line → the line that first used its identifier
        for name, field in self.fields.items():
            if getattr(field, "label", None) is None:
                field.label = self.model_label(field) or name

    def model_label(self, field):
        try:
            return self._meta.model._meta.get_field(field.attribute).verbose_name
        except Exception:  # a computed column, or a path through relations
            return None

    # -- scope -------------------------------------------------------------

    def scope(self, queryset):
        """Only what ``self.user`` may manage (and of ``self.centre``)."""
        return queryset

    def get_queryset(self):
        return self.scope(super().get_queryset())

    def filter_export(self, queryset, **kwargs):
        return self.scope(queryset)

    def may_import(self):
        """Whether ``self.user`` may import into this model at all."""
        return True

    # -- headers -----------------------------------------------------------

    def column_fields(self):
        return {field.column_name: field for field in self.fields.values() if field.column_name}

    def header_names(self):
        """Every accepted header (casefolded) → the column key."""
        names = {}
        for key, field in self.column_fields().items():
            names[key.casefold()] = key
            names[key.replace("_", " ").casefold()] = key
            for label in labels_in_languages(field.label):
                names.setdefault(label, key)
        return names

    def column_defaults(self):
        """Values for columns a file leaves out or empty: the centre chosen
        for the whole import."""
        if self.centre is not None and "centre" in self.column_fields():
            return {"centre": self.centre.slug}
        return {}

    def header_label(self, key):
        return force_str(self.column_fields()[key].label)

    def export_headers(self, headers="labels"):
        keys = [field.column_name for field in self.get_export_fields()]
        if headers == "keys":
            return keys
        return [self.header_label(key) for key in keys]

    # -- rows --------------------------------------------------------------

    def cell(self, row, key):
        """The row's text in column ``key``; an empty identifier made from its
        source column (a slug from the name, as the admin does)."""
        value = text(row.get(key))
        source = self.derived_identifiers.get(key)
        if not value and source:
            value = slugify(text(row.get(source)))[:255]
        return value

    def identifier(self, row):
        """The row's identifier as text, for finding duplicates in a file."""
        return tuple(
            self.cell(row, self.fields[name].column_name).casefold()
            for name in self.get_import_id_fields()
        )

    def before_import_row(self, row, **kwargs):
        # An empty identifier is filled from its source, so that a second
        # import of the same file finds the object again.
        for key in self.derived_identifiers:
            if key in row and not text(row.get(key)):
                row[key] = self.cell(row, key)

    def line_of(self, row_number):
        """The spreadsheet line of data row ``row_number`` (1-based): the
        header is line 1; blank lines a reader skipped still count."""
        lines = getattr(self, "line_numbers", None)
        if lines and row_number <= len(lines):
            return lines[row_number - 1]
        return row_number + 1

    def before_import(self, dataset, **kwargs):
        self.line_numbers = getattr(dataset, "line_numbers", None)
        first_line = {}
        for number, values in enumerate(dataset, 1):
            row = dict(zip(dataset.headers, values, strict=False))
            key = self.identifier(row)
            if not any(key):
                continue
            if key in first_line:
                self.identifiers[number] = first_line[key]
            else:
                first_line[key] = number

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        # A cell the spreadsheet marked as text ('…) is text, whatever it starts with.
        marked = {key for key, value in row.items() if unmark_text(value) is not value}
        row = {key: unmark_text(value) for key, value in row.items()}
        for field in self.get_import_fields():
            key = field.column_name
            if key in row and key not in marked and is_formula(row[key]):
                errors[field.attribute] = ValidationError(
                    gettext(
                        "This cell starts like a spreadsheet formula (%(start)s); "
                        "formulas are not imported. Remove the leading character."
                    )
                    % {"start": row[field.column_name].lstrip(" \t\r\n\x00\x0b\x0c")[:1]},
                    code="formula",
                )
        first = self.identifiers.get(kwargs.get("row_number"))
        if first:
            id_field = self.fields[self.get_import_id_fields()[-1]]
            errors.setdefault(id_field.attribute, []).append(
                ValidationError(
                    gettext("Line %(line)s already has this identifier.")
                    % {"line": self.line_of(first)},
                    code="duplicate",
                )
            )
        safe_row = {
            key: ("" if key not in marked and is_formula(value) else value)
            for key, value in row.items()
        }
        try:
            super().import_instance(instance, safe_row, **kwargs)
        except ValidationError as error:
            for attribute, messages in error.message_dict.items():
                errors.setdefault(attribute, [])
                if not isinstance(errors[attribute], list):
                    errors[attribute] = [errors[attribute]]
                errors[attribute].extend(messages)
        if errors:
            raise ValidationError(errors)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.readonly or field.column_name not in row:
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # A cell that could not be read is reported once, not a second time by
        # the model's clean() that saw it empty ("add a rule"). (The base
        # extends the lists it is given, so it gets copies.)
        unread = {key: list(value) for key, value in (import_validation_errors or {}).items()}
        try:
            super().validate_instance(
                instance, {key: list(value) for key, value in unread.items()}, validate_unique
            )
        except ValidationError as error:
            raise ValidationError(
                {
                    attribute: unread.get(attribute, messages)
                    for attribute, messages in error.error_dict.items()
                }
            ) from None

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or original is None or instance.pk is None:
            return False
        return all(
            field.export(instance) == field.export(original)
            for field in self.get_import_fields()
            if field.column_name in row
        )

    def after_import_row(self, row, row_result, **kwargs):
        if self.progress:
            self.progress(kwargs.get("row_number", 0))

    def describe(self, row):
        """How the preview names a row's object: its title columns' values."""
        return " · ".join(text(row.get(key)) for key in self.title_columns if text(row.get(key)))

    # -- export ------------------------------------------------------------

    def export_dataset(self, queryset=None, headers="labels"):
        dataset = self.export(queryset)
        dataset.headers = self.export_headers(headers)
        return dataset


# ---------------------------------------------------------------------------
# Files

#: The formats a file may have, by name (and file extension).
FORMATS = {
    "csv": base_formats.CSV,
    "xlsx": base_formats.XLSX,
    "ods": base_formats.ODS,
    "json": base_formats.JSON,
}
IMPORT_FORMATS = ("csv", "xlsx", "ods")


def format_of(filename):
    """The format name for a file name's extension, or None."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return extension if extension in FORMATS else None


class UnreadableFile(ValueError):
    pass


def read_dataset(content, format_name):
    """A ``tablib.Dataset`` from a file's bytes; UnreadableFile with a reason
    staff can act on. CSV may be UTF-8 (with or without BOM) or Windows-1252
    (what Excel writes in Germany), comma or semicolon. CSV and ODS are read
    by ``core.spreadsheets`` (blank lines skipped but counted, so "line N" is
    the file's line N; LibreOffice's repeated cells expanded);
    ``dataset.line_numbers`` holds each row's line."""
    import tablib

    from .spreadsheets import read_rows

    try:
        if format_name in ("csv", "ods"):
            headers, rows, lines = read_rows(content, format_name)
            width = max([len(headers), *(len(row) for row in rows)])
            # A cell beyond the named columns belongs to no column: left out.
            dataset = tablib.Dataset(headers=[*headers, *[""] * (width - len(headers))])
            for row in rows:
                dataset.append([*row, *[""] * (width - len(row))])
            dataset.line_numbers = lines
        elif format_name == "json":
            dataset = tablib.Dataset().load(content.decode("utf-8-sig"), format="json")
        elif format_name == "xlsx":
            dataset = tablib.Dataset().load(content, format=format_name)
        else:
            raise UnreadableFile(gettext("Upload a CSV, XLSX or ODS file."))
    except UnreadableFile:
        raise
    except Exception:  # the readers raise whatever their parser raises
        raise UnreadableFile(
            gettext("The file could not be read as %(format)s.") % {"format": format_name.upper()}
        ) from None
    if not hasattr(dataset, "line_numbers"):
        # tablib keeps blank rows (an XLSX sheet often has some): leave them
        # out, but count them, so that "line N" is the sheet's row N.
        rows = [(line, row) for line, row in enumerate(dataset, 2) if any(map(text, row))]
        headers = dataset.headers
        dataset = tablib.Dataset(*[row for _line, row in rows], headers=headers)
        dataset.line_numbers = [line for line, _row in rows]
    return dataset


def export_file(resource, format_name, queryset=None, headers="labels"):
    """The bytes of an export of ``resource`` (its scope) as ``format_name``.
    Cells a spreadsheet would run as formulas are escaped with ``'``."""
    dataset = resource.export_dataset(
        queryset, headers="keys" if format_name == "json" else headers
    )
    if format_name != "json":
        for index in range(len(dataset)):
            dataset[index] = tuple(
                "'" + value if is_formula(value) else value for value in dataset[index]
            )
    data = FORMATS[format_name]().export_data(dataset)
    if format_name == "csv":
        return data.encode("utf-8-sig")  # the BOM: Excel then reads umlauts right
    return data.encode("utf-8") if isinstance(data, str) else data


def line_of(row_number):
    """The spreadsheet line of data row ``row_number`` (the header is line 1)."""
    return row_number + 1


# ---------------------------------------------------------------------------
# Running an import


@dataclasses.dataclass
class Problem:
    message: str
    line: int | None = None
    column: str | None = None

    def __str__(self):
        if self.line and self.column:
            return gettext("Line %(line)s, column “%(column)s”: %(message)s") % vars(self)
        if self.line:
            return gettext("Line %(line)s: %(message)s") % vars(self)
        return self.message


@dataclasses.dataclass
class RowOutcome:
    line: int
    status: str  # new, update, skip (unchanged), invalid
    title: str = ""
    problems: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class ImportReport:
    """What an import found (dry run) or did."""

    total: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0
    rows: list = dataclasses.field(default_factory=list)
    problems: list = dataclasses.field(default_factory=list)  # every problem, in order
    saved: bool = False

    STATUS_LABELS = {
        RowResult.IMPORT_TYPE_NEW: _("new"),
        RowResult.IMPORT_TYPE_UPDATE: _("changed"),
        RowResult.IMPORT_TYPE_SKIP: _("unchanged"),
        RowResult.IMPORT_TYPE_INVALID: _("invalid"),
    }

    @property
    def ok(self):
        return not self.problems

    def summary(self):
        return (
            f"new: {self.new}, updated: {self.updated}, "
            f"unchanged: {self.unchanged}, invalid: {self.invalid}"
        )


def normalise_headers(resource, dataset):
    """Rename the file's headers to column keys; problems for unknown,
    repeated and missing identifier columns. Returns {key: header as written}."""
    names = resource.header_names()
    written = {}
    problems = []
    keys = []
    for header in dataset.headers or []:
        label = text(header)
        key = names.get(label.casefold())
        if key is None:
            if label:
                problems.append(
                    Problem(
                        gettext("Unknown column “%(column)s”. Known columns: %(known)s.")
                        % {
                            "column": label,
                            "known": ", ".join(
                                resource.header_label(known)
                                for known in resource.column_fields()
                                if not resource.column_fields()[known].readonly
                            ),
                        },
                        line=1,
                        column=label,
                    )
                )
            keys.append(label or f"__empty_{len(keys)}")
            continue
        if key in written:
            problems.append(
                Problem(
                    gettext("The column “%(column)s” appears twice.") % {"column": label},
                    line=1,
                    column=label,
                )
            )
        written[key] = label
        keys.append(key)
    if dataset.headers:
        dataset.headers = keys
    for key, value in resource.column_defaults().items():
        if key in written:
            column = dataset.headers.index(key)
            for index in range(len(dataset)):
                if not text(dataset[index][column]):
                    values = list(dataset[index])
                    values[column] = value
                    dataset[index] = tuple(values)
        elif key in resource.column_fields():
            dataset.append_col([value] * len(dataset), header=key)
            written[key] = resource.header_label(key)
    for name in resource.get_import_id_fields():
        key = resource.fields[name].column_name
        source = resource.derived_identifiers.get(key)
        if key not in written and source in written:
            dataset.append_col([""] * len(dataset), header=key)
            written[key] = resource.header_label(key)
            continue
        if key not in written:
            problems.append(
                Problem(
                    gettext("The column “%(column)s” is missing: it says which row is which.")
                    % {"column": resource.header_label(key)},
                    line=1,
                )
            )
    return written, problems


def row_problems(resource, line, error, written):
    """Problems of one invalid row, each with the column it is about."""
    problems = []
    by_attribute = {}
    for field in resource.fields.values():
        by_attribute.setdefault(field.attribute, field.column_name)
    errors = error.update_error_dict({}) if isinstance(error, ValidationError) else {}
    if not isinstance(error, ValidationError):
        errors = {NON_FIELD_ERRORS: [force_str(error)]}
    for attribute, items in errors.items():
        messages = []
        for item in items if isinstance(items, list) else [items]:
            messages.extend(item.messages if isinstance(item, ValidationError) else [item])
        key = by_attribute.get(attribute)
        column = written.get(key) or (resource.header_label(key) if key else None)
        if attribute == NON_FIELD_ERRORS:
            column = None
        for message in messages:
            problems.append(Problem(force_str(message), line=line, column=column))
    return problems


def run_import(resource, dataset, *, dry_run=True):
    """Check (``dry_run``) or import ``dataset`` with ``resource``.

    Nothing is saved unless every row is valid: a real run that meets any
    problem is rolled back as a whole.
    """
    report = ImportReport(total=len(dataset))
    if not resource.may_import():
        report.problems.append(Problem(gettext("You may not import these records.")))
        return report
    written, report.problems = normalise_headers(resource, dataset)
    if report.problems:
        report.invalid = report.total
        return report
    with transaction.atomic():
        result = resource.import_data(
            dataset,
            dry_run=dry_run,
            use_transactions=True,
            rollback_on_validation_errors=True,
            raise_errors=False,
        )
        for error in result.base_errors:
            report.problems.append(Problem(force_str(error.error)))
        for number, row_result in enumerate(result.rows, 1):
            line = resource.line_of(number)
            values = dict(zip(dataset.headers, dataset[number - 1], strict=False))
            outcome = RowOutcome(line=line, status=row_result.import_type)
            outcome.title = resource.describe(values)
            if row_result.import_type == RowResult.IMPORT_TYPE_INVALID:
                outcome.problems = row_problems(
                    resource, line, row_result.validation_error, written
                )
            elif row_result.import_type == RowResult.IMPORT_TYPE_ERROR:
                outcome.status = RowResult.IMPORT_TYPE_INVALID
                outcome.problems = [
                    Problem(force_str(error.error), line=line) for error in row_result.errors
                ]
            report.problems.extend(outcome.problems)
            report.rows.append(outcome)
        counts = dict.fromkeys(ImportReport.STATUS_LABELS, 0)
        for outcome in report.rows:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
        report.new = counts[RowResult.IMPORT_TYPE_NEW]
        report.updated = counts[RowResult.IMPORT_TYPE_UPDATE]
        report.unchanged = counts[RowResult.IMPORT_TYPE_SKIP]
        report.invalid = counts[RowResult.IMPORT_TYPE_INVALID]
        if dry_run or report.problems:
            transaction.set_rollback(True)
        else:
            report.saved = True
    return report
