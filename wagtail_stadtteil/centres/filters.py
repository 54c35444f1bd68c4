"""GET filters of the public listings (django-filter). Plain forms: they work
without JavaScript, and a bad value shows an error on its field instead of a 500."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail_stadtteil.core.fields import filter_by_language
from wagtail_stadtteil.core.languages import language_choices
from wagtail_stadtteil.core.models import District, TargetGroup, Theme

from .models import CentrePage, OfferPage


def district_and_parts(district):
    """The district and every district inside it, as a list of ids."""
    ids, frontier = [district.pk], [district.pk]
    while frontier:
        frontier = list(
            District.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        )
        frontier = [pk for pk in frontier if pk not in ids]
        ids += frontier
    return ids


class LocaleFilterSet(django_filters.FilterSet):
    """A filter set whose choices come from one locale (the listing page's)."""

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and locale is not None:
                field.queryset = queryset.filter(locale=locale)

    def describe_errors(self):
        """Point each invalid field at its error message (aria-describedby)."""
        for name in self.form.errors:
            if name in self.form.fields:
                bound = self.form[name]
                bound.field.widget.attrs["aria-describedby"] = f"{bound.auto_id}-error"

    def filter_district(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(**{name + "__in": district_and_parts(value)})


class CentreFilter(LocaleFilterSet):
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=District.objects.all(),
        to_field_name="slug",
        field_name="district",
        method="filter_district",
        empty_label=_("All districts"),
    )

    class Meta:
        model = CentrePage
        fields = ["district"]


class OfferFilter(LocaleFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_text", widget=forms.TextInput(attrs={"type": "search"})
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        field_name="themes",
        to_field_name="slug",
        empty_label=_("All themes"),
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("For whom"),
        queryset=TargetGroup.objects.all(),
        field_name="target_groups",
        to_field_name="slug",
        empty_label=_("Everybody"),
    )
    centre = django_filters.ModelChoiceFilter(
        label=_("Centre"),
        queryset=CentrePage.objects.live().public().order_by("title"),
        field_name="centre",
        empty_label=_("All centres"),
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=District.objects.all(),
        to_field_name="slug",
        field_name="centre__district",
        method="filter_district",
        empty_label=_("All districts"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=language_choices,
        method="filter_language",
        empty_label=_("Any language"),
    )
    free = django_filters.BooleanFilter(
        label=_("Free of charge only"), method="filter_free", widget=forms.CheckboxInput
    )
    step_free = django_filters.BooleanFilter(
        label=_("Step-free only"), method="filter_step_free", widget=forms.CheckboxInput
    )

    class Meta:
        model = OfferPage
        fields = [
            "q",
            "theme",
            "target_group",
            "centre",
            "district",
            "language",
            "free",
            "step_free",
        ]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(intro__icontains=value)
            | Q(provider__name__icontains=value)
        )

    def filter_language(self, queryset, name, value):
        return filter_by_language(queryset, "languages", value) if value else queryset

    def filter_free(self, queryset, name, value):
        return queryset.filter(cost=OfferPage.Cost.FREE) if value else queryset

    def filter_step_free(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Q(step_free=True) | Q(step_free__isnull=True, centre__step_free_entrance=True)
        )

    @property
    def is_filtered(self):
        return self.is_bound and any(
            value not in (None, "", False) for value in self.form.cleaned_data.values()
        )
