"""Admin for visitor counts and survey results: one menu "Evaluation" with
filters by centre and date, and spreadsheet export (formulas escaped). Each
user sees and changes only the rows of the centres they manage; city staff
with the models' "view" permission see every centre's rows, read-only
(:mod:`wagtail_stadtteil.centres.scoped_admin`)."""

import django_filters
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from wagtail_stadtteil.centres.models import CentrePage
from wagtail_stadtteil.centres.scoped_admin import CentreScopedSnippetViewSet, scoped

from .forms import OfferChoiceField
from .models import SurveyResult, VisitorCount


def centres_of(model):
    """A filter's choices: the centres of the ``model`` rows the user sees."""

    def choices(request):
        if request is None:
            return CentrePage.objects.none()
        return CentrePage.objects.filter(
            pk__in=scoped(model, request.user).values("centre_id")
        ).order_by("title")

    return choices


def counted_offers(request):
    """The offers of the visitor counts the user sees."""
    from wagtail_stadtteil.centres.models import OfferPage

    if request is None:
        return OfferPage.objects.none()
    return (
        OfferPage.objects.filter(pk__in=scoped(VisitorCount, request.user).values("offer_id"))
        .select_related("centre")
        .order_by("title")
    )


class OfferFilter(django_filters.ModelChoiceFilter):
    field_class = OfferChoiceField


class VisitorCountFilterSet(WagtailFilterSet):
    centre = django_filters.ModelChoiceFilter(
        queryset=centres_of(VisitorCount), label=capfirst(_("centre"))
    )
    date = django_filters.DateFromToRangeFilter(
        label=capfirst(_("date")), widget=DateRangePickerWidget
    )
    offer = OfferFilter(queryset=counted_offers, label=capfirst(_("offer")))
    whole_house = django_filters.BooleanFilter(
        field_name="offer", lookup_expr="isnull", label=capfirst(_("whole house"))
    )

    class Meta:
        model = VisitorCount
        fields = ["centre", "date", "offer", "whole_house"]


class SurveyResultFilterSet(WagtailFilterSet):
    centre = django_filters.ModelChoiceFilter(
        queryset=centres_of(SurveyResult), label=capfirst(_("centre"))
    )
    period = django_filters.DateFromToRangeFilter(
        label=capfirst(_("period")), widget=DateRangePickerWidget, method="filter_period"
    )

    class Meta:
        model = SurveyResult
        fields = ["centre", "period"]

    def filter_period(self, queryset, name, value):
        """Surveys whose period overlaps from … to."""
        if value.start:
            queryset = queryset.filter(period_end__gte=value.start.date())
        if value.stop:
            queryset = queryset.filter(period_start__lte=value.stop.date())
        return queryset


class OfferColumn(Column):
    """The offer, or "whole house" for a day's count of the centre."""

    def get_value(self, instance):
        return instance.offer.title if instance.offer_id else _("whole house")


class VisitorCountViewSet(CentreScopedSnippetViewSet):
    model = VisitorCount
    icon = "group"
    menu_order = 100
    filterset_class = VisitorCountFilterSet
    list_display = [
        "date",
        "start_time",
        OfferColumn("offer", label=capfirst(_("offer"))),
        "count",
        "centre",
    ]
    list_export = ["centre", "date", "start_time", "offer", "count", "note"]
    export_headings = {"offer": _("offer (empty: whole house)")}
    export_filename = "visitor-counts"
    search_fields = ["note", "offer__title"]
    # Search with the ORM: the SQLite search backend cannot restrict a search to fields.
    search_backend_name = None
    ordering = ["-date", "start_time", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("centre", "offer")


class SurveyResultViewSet(CentreScopedSnippetViewSet):
    model = SurveyResult
    icon = "clipboard-list"
    menu_order = 200
    filterset_class = SurveyResultFilterSet
    list_display = [
        "title",
        "centre",
        "period_start",
        "period_end",
        "respondents",
        "satisfied_percent",
    ]
    list_export = [
        "title",
        "centre",
        "period_start",
        "period_end",
        "respondents",
        "satisfied_percent",
        "summary",
        "document",
    ]
    export_filename = "survey-results"
    search_fields = ["title", "summary"]
    search_backend_name = None
    ordering = ["-period_end", "title"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("centre", "document")


class EvaluationViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Evaluation")
    menu_icon = "clipboard-list"
    menu_name = "stadtteil-evaluation"
    menu_order = 320  # after "Rooms" (310) and "Room requests" (315)
    items = [VisitorCountViewSet, SurveyResultViewSet]
