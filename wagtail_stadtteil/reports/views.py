"""The report in the Wagtail admin: a centre (or, for city staff, the whole
city) and a year; tables with simple bar charts drawn on the server, and the
same report as XLSX, CSV or JSON. Editors see only the centres they manage."""

from django import forms
from django.http import HttpResponse
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from wagtail_stadtteil.centres.models import CentrePage
from wagtail_stadtteil.rooms.admin_views import calendar_centres, sees_every_calendar
from wagtail_stadtteil.schedules.dates import local_today

from .figures import report, scope_filter, year
from .output import to_csv, to_json, to_xlsx

#: The years the form offers: the demo's history and the store's horizon.
YEARS_BACK = 10


def report_centres(user):
    """The centres ``user`` may read reports of (default language only)."""
    return scope_filter(calendar_centres(user)).order_by("title")


class ReportForm(forms.Form):
    centre = forms.ModelChoiceField(
        queryset=CentrePage.objects.none(),
        required=False,
        label=gettext_lazy("Centre"),
    )
    year = forms.TypedChoiceField(coerce=int, label=gettext_lazy("Year"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.whole_city = sees_every_calendar(user)
        field = self.fields["centre"]
        field.queryset = report_centres(user)
        field.empty_label = gettext_lazy("All centres") if self.whole_city else None
        field.required = not self.whole_city
        this_year = local_today().year
        self.fields["year"].choices = [
            (value, str(value)) for value in range(this_year + 1, this_year - YEARS_BACK, -1)
        ]
        self.fields["year"].initial = this_year

    def full_clean(self):
        super().full_clean()
        # A field in error says so and names its message to screen readers.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {
                        "aria-invalid": "true",
                        "aria-describedby": f"{self[name].id_for_label}-errors",
                    }
                )


class ReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_stadtteil/reports/admin/report.html"
    page_title = gettext_lazy("Figures of the district centres")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        data = request.GET if "year" in request.GET else None
        self.form = ReportForm(data, user=request.user)
        self.result = None
        if not self.form.is_bound:
            only = report_centres(request.user)
            if not self.form.whole_city and only.count() == 1:
                self.form = ReportForm(
                    {"centre": only.first().pk, "year": local_today().year}, user=request.user
                )
        if self.form.is_bound and self.form.is_valid():
            centre = self.form.cleaned_data["centre"]
            centres = [centre] if centre else list(report_centres(request.user))
            self.result = report(centres, year(self.form.cleaned_data["year"]))
            download = request.GET.get("format")
            if download in ("xlsx", "csv", "json"):
                return self.download(download)
        return super().get(request, *args, **kwargs)

    def download(self, kind):
        name = f"report-{self.form.cleaned_data['year']}"
        if self.form.cleaned_data["centre"]:
            name += f"-{self.form.cleaned_data['centre'].pk}"
        content, mime = {
            "xlsx": (
                lambda: to_xlsx(self.result),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            "csv": (lambda: to_csv(self.result), "text/csv; charset=utf-8"),
            "json": (lambda: to_json(self.result), "application/json"),
        }[kind]
        response = HttpResponse(content(), content_type=mime)
        response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["result"] = self.result
        if self.result:
            for table in self.result.tables:
                table.chart_data = bar_chart(table) if table.chart else None
            query = self.request.GET.copy()
            query.pop("format", None)
            context["query"] = query.urlencode()
        return context


def bar_chart(table, width=560, bar=22, gap=8, label_width=200):
    """Horizontal bars for a table's chart columns, as numbers a template
    draws into an SVG. Rows without a number are left out."""
    label_column, value_column = table.chart
    rows = [
        (str(row[label_column]), float(row[value_column]))
        for row in (table.rows[:-1] if table.total_row else table.rows)
        if isinstance(row[value_column], int | float) or hasattr(row[value_column], "as_tuple")
    ]
    if not rows:
        return None
    largest = max(value for _label, value in rows) or 1
    room = width - label_width - 150  # the value and its unit follow the bar
    bars = [
        {
            "label": label,
            "value": int(value) if value.is_integer() else value,
            "y": index * (bar + gap),
            "width": max(room * value / largest, 0),
            "text_x": label_width + max(room * value / largest, 0) + 6,
        }
        for index, (label, value) in enumerate(rows)
    ]
    return {
        "width": width,
        "height": len(bars) * (bar + gap),
        "bar": bar,
        "label_width": label_width,
        "bars": bars,
        "title": str(table.title),
        "unit": str(table.unit),
        "description": gettext("%(title)s as a bar chart; the table below holds the same numbers.")
        % {"title": table.title},
    }
