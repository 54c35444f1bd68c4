"""Spreadsheet exports that cannot run code in the spreadsheet that opens them.

A cell starting with ``=``, ``+``, ``-`` or ``@`` is read as a formula by Excel
and LibreOffice (CSV injection). Wagtail's XLSX export already stores such
values as text; its CSV export does not, so values are prefixed with ``'``,
which spreadsheets hide and treat as "this is text".
"""

from wagtail.snippets.views.snippets import IndexView

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For any Wagtail listing view with ``list_export``."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            value = escape_formula(value)
        return value


class SnippetIndexView(FormulaSafeExportMixin, IndexView):
    pass
