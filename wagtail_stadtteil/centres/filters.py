"""GET filters of the public listings (django-filter). Plain forms: they work
without JavaScript, and a bad value shows an error on its field instead of a 500."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail_stadtteil.core.fields import filter_by_language
from wagtail_stadtteil.core.languages import language_choices
from wagtail_stadtteil.core.models import District, Partner, TargetGroup, Theme

from .localizing import in_reader_language
from .models import CentrePage, OfferPage


def district_and_parts(district):
    """The translation keys of the district and of every district inside it
    (in any language: a translated district keeps its parent)."""
    keys, frontier = {district.translation_key}, {district.translation_key}
    while frontier:
        frontier = set(
            District.objects.filter(parent__translation_key__in=frontier).values_list(
                "translation_key", flat=True
            )
        )
        frontier -= keys
        keys |= frontier
    return keys


class SnippetChoiceField(django_filters.fields.ModelChoiceField):
    """A choice of a shared snippet by its slug (or a page by its id) among
    rows of two locales: should two different things share a slug, the row
    in the listing's language wins (instead of an error)."""

    preferred_locale_id = None

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        try:
            rows = list(self.queryset.filter(**{key: value})[:2])
        except (ValueError, TypeError, ValidationError):
            rows = []
        rows.sort(key=lambda row: row.locale_id != self.preferred_locale_id)
        if not rows:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return rows[0]


class TranslatedChoiceFilter(django_filters.ModelChoiceFilter):
    """Filters by the chosen thing in any language: a page in English that
    points at the German theme is found by the English theme, and the other
    way round (``field_name__translation_key``)."""

    field_class = SnippetChoiceField

    def filter(self, queryset, value):
        if value in (None, ""):
            return queryset
        return queryset.filter(**{self.field_name + "__translation_key": value.translation_key})


class LocaleFilterSet(django_filters.FilterSet):
    """A filter set whose choices are in the listing's language: the rows of
    its locale, and the default locale's rows not translated into it yet.
    GET values are slugs, shared by all translations of a snippet."""

    def __init__(self, *args, reading=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and reading is not None:
                field.queryset = in_reader_language(queryset, reading)
                field.preferred_locale_id = reading.locale.pk

    def describe_errors(self):
        """Point each invalid field at its error message (aria-describedby)."""
        for name in self.form.errors:
            if name in self.form.fields:
                bound = self.form[name]
                bound.field.widget.attrs["aria-describedby"] = f"{bound.auto_id}-error"

    def filter_district(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(**{name + "__translation_key__in": district_and_parts(value)})


class CentreFilter(LocaleFilterSet):
    district = TranslatedChoiceFilter(
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
    theme = TranslatedChoiceFilter(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        field_name="themes",
        to_field_name="slug",
        empty_label=_("All themes"),
    )
    target_group = TranslatedChoiceFilter(
        label=_("For whom"),
        queryset=TargetGroup.objects.all(),
        field_name="target_groups",
        to_field_name="slug",
        empty_label=_("Everybody"),
    )
    centre = TranslatedChoiceFilter(
        label=_("Centre"),
        queryset=CentrePage.objects.live().public().order_by("title"),
        field_name="centre",
        empty_label=_("All centres"),
    )
    district = TranslatedChoiceFilter(
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
        # A provider is found by its name in any language.
        providers = Partner.objects.filter(name__icontains=value).values("translation_key")
        return queryset.filter(
            Q(title__icontains=value)
            | Q(intro__icontains=value)
            | Q(provider__translation_key__in=providers)
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
