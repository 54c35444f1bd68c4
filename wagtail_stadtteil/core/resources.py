"""Spreadsheet columns of the shared snippets (see ``core.importing``).

Each row is the entry in the site's default language, identified by its
slug; translations are made with wagtail-localize, not by import. Logos and
a district's indicators stay with the admin.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .importing import (
    ChoiceWidget,
    DateWidget,
    NumberWidget,
    SlugWidget,
    StadtteilResource,
    YesNoWidget,
    column,
)
from .models import District, FundingProgramme, Partner, TargetGroup, Theme


def default_locale_id():
    return Locale.get_default().pk


def snippet_by_slug(model, not_found):
    """A widget for a snippet column: the default-language entry by slug."""
    return SlugWidget(
        lambda value, row: model.objects.filter(locale_id=default_locale_id(), slug=value),
        not_found,
    )


class SnippetResource(StadtteilResource):
    """Shared data: anybody with the model's add and change permissions
    imports it (city staff); the entries of the default language."""

    title_columns = ("name",)
    derived_identifiers = {"slug": "name"}

    name = column("name")
    slug = column("slug")

    class Meta(StadtteilResource.Meta):
        import_id_fields = ["slug"]

    def scope(self, queryset):
        return queryset.filter(locale_id=default_locale_id())

    def may_import(self):
        if self.user is None:
            return True
        meta = self._meta.model._meta
        return all(
            self.user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}")
            for action in ("add", "change")
        )

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        instance.locale_id = default_locale_id()
        return instance


class PartnerResource(SnippetResource):
    kind = column("kind", ChoiceWidget(Partner.Kind.choices, blank=Partner.Kind.CLUB))
    non_profit = column("non_profit", YesNoWidget())
    description = column("description")
    contact_person = column("contact_person")
    street = column("street")
    postcode = column("postcode")
    city = column("city")
    phone = column("phone")
    email = column("email")
    website = column("website")

    class Meta(SnippetResource.Meta):
        model = Partner
        fields = (
            "name",
            "slug",
            "kind",
            "non_profit",
            "description",
            "contact_person",
            "street",
            "postcode",
            "city",
            "phone",
            "email",
            "website",
        )


class FundingProgrammeResource(SnippetResource):
    funder = column("funder")
    funder_level = column("funder_level", ChoiceWidget(FundingProgramme.FunderLevel.choices))
    starts_on = column("starts_on", DateWidget())
    ends_on = column("ends_on", DateWidget())
    description = column("description")
    funding_notice = column("funding_notice")
    website = column("website")

    class Meta(SnippetResource.Meta):
        model = FundingProgramme
        fields = (
            "name",
            "slug",
            "funder",
            "funder_level",
            "starts_on",
            "ends_on",
            "description",
            "funding_notice",
            "website",
        )


class DistrictResource(SnippetResource):
    level = column("level", ChoiceWidget(District.Level.choices))
    parent = column(
        "parent", snippet_by_slug(District, _("No district with the slug “%(value)s”."))
    )
    population = column("population", NumberWidget())
    population_as_of = column("population_as_of", DateWidget())
    area_km2 = column("area_km2", NumberWidget(decimal=True))
    description = column("description")

    class Meta(SnippetResource.Meta):
        model = District
        fields = (
            "name",
            "slug",
            "level",
            "parent",
            "population",
            "population_as_of",
            "area_km2",
            "description",
        )

    def get_queryset(self):
        return super().get_queryset().select_related("parent")


class ThemeResource(SnippetResource):
    description = column("description")

    class Meta(SnippetResource.Meta):
        model = Theme
        fields = ("name", "slug", "description")


class TargetGroupResource(SnippetResource):
    description = column("description")

    class Meta(SnippetResource.Meta):
        model = TargetGroup
        fields = ("name", "slug", "description")
