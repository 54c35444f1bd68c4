"""Spreadsheet exports that cannot run code in the spreadsheet that opens them.

A cell starting with ``=``, ``+``, ``-`` or ``@`` is read as a formula by Excel
and LibreOffice (CSV injection). Wagtail's XLSX export already stores such
values as text; its CSV export does not, so values are prefixed with ``'``,
which spreadsheets hide and treat as "this is text".
"""

from django.utils.functional import cached_property
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


class ImportExportButtonsMixin:
    """For any Wagtail listing view: an "Import" header button and "Export
    all columns" entries in its "more" menu (core.import_views), for users
    who may. ``import_export_name`` is the short name of the model's resource
    (``"partner"``), set by :class:`ImportExportViewSetMixin`."""

    import_export_name = None

    @cached_property
    def import_export_buttons(self):
        if not self.import_export_name:
            return [], []
        from .import_views import listing_buttons

        return listing_buttons(self.import_export_name, self.request.user)

    @cached_property
    def header_buttons(self):
        return [*super().header_buttons, *self.import_export_buttons[0]]

    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *self.import_export_buttons[1]]


class ImportExportViewSetMixin:
    """For a viewset whose index view has :class:`ImportExportButtonsMixin`."""

    import_export_name = None

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(import_export_name=self.import_export_name, **kwargs)


class SnippetIndexView(ImportExportButtonsMixin, FormulaSafeExportMixin, IndexView):
    pass
