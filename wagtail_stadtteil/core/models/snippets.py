"""Shared snippets: the partners, funding programmes, districts, themes and
target groups that every centre of a city refers to. City-level staff keep
them; centre editors choose from them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .base import NamedSnippet, slug_unique_per_locale


class Partner(NamedSnippet):
    """A cooperation partner, operator (Träger) or provider of offers: a club,
    welfare organisation, initiative, authority, company or the local press."""

    class Kind(models.TextChoices):
        CLUB = "club", _("Club or association")
        WELFARE = "welfare", _("Welfare organisation")
        INITIATIVE = "initiative", _("Initiative")
        MIGRANT_ORGANISATION = "migrant_organisation", _("Migrant organisation")
        RELIGIOUS_COMMUNITY = "religious_community", _("Religious community")
        PUBLIC_AUTHORITY = "public_authority", _("Public authority")
        EDUCATION = "education", _("Education provider")
        COMPANY = "company", _("Company")
        PRESS = "press", _("Press")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.CLUB)
    non_profit = models.BooleanField(
        _("non-profit"),
        default=True,
        help_text=_("Non-profit local groups may use rooms free of charge."),
    )
    description = models.TextField(_("description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_person = models.CharField(_("contact person"), max_length=255, blank=True)
    street = models.CharField(_("street and number"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("town or city"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("non_profit")]),
        FieldPanel("description"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("contact_person"),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        ),
    ]
    search_fields = [
        *NamedSnippet.search_fields,
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("non_profit"),
    ]

    translatable_fields = [
        *NamedSnippet.named_translatable_fields,
        SynchronizedField("kind"),
        SynchronizedField("non_profit"),
        TranslatableField("description"),
        SynchronizedField("logo"),
        # Contact details are the same in every language.
        SynchronizedField("contact_person"),
        SynchronizedField("street"),
        SynchronizedField("postcode"),
        SynchronizedField("city"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("website"),
    ]

    class Meta(NamedSnippet.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [slug_unique_per_locale("partner")]


class FundingProgramme(NamedSnippet):
    """A funding programme (Förderprogramm) such as "Sozialer Zusammenhalt".
    Pages it funds must show its funding notice and logo."""

    class FunderLevel(models.TextChoices):
        EU = "eu", _("European Union")
        FEDERAL = "federal", _("Federal government")
        STATE = "state", _("State (Land)")
        MUNICIPAL = "municipal", _("Municipality or district")
        FOUNDATION = "foundation", _("Foundation")
        OTHER = "other", _("Other")

    funder = models.CharField(
        _("funder"),
        max_length=255,
        blank=True,
        help_text=_("E.g. Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen"),
    )
    funder_level = models.CharField(
        _("funder level"), max_length=16, choices=FunderLevel.choices, default=FunderLevel.FEDERAL
    )
    starts_on = models.DateField(_("funding starts"), null=True, blank=True)
    ends_on = models.DateField(_("funding ends"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    funding_notice = models.TextField(
        _("funding notice"),
        blank=True,
        help_text=_(
            "The notice funded pages must show, e.g. "
            "“Gefördert im Rahmen des Programms Sozialer Zusammenhalt”."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("funder"), FieldPanel("funder_level")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Period")),
        FieldPanel("description"),
        FieldPanel("funding_notice"),
        FieldPanel("logo"),
        FieldPanel("website"),
    ]
    search_fields = [
        *NamedSnippet.search_fields,
        index.SearchField("funder"),
        index.SearchField("description"),
        index.FilterField("funder_level"),
    ]

    translatable_fields = [
        *NamedSnippet.named_translatable_fields,
        TranslatableField("funder"),
        SynchronizedField("funder_level"),
        SynchronizedField("starts_on"),
        SynchronizedField("ends_on"),
        TranslatableField("description"),
        TranslatableField("funding_notice"),
        SynchronizedField("logo"),
        SynchronizedField("website"),
    ]

    class Meta(NamedSnippet.Meta):
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        constraints = [slug_unique_per_locale("fundingprogramme")]

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The funding cannot end before it starts.")})


class District(NamedSnippet, ClusterableModel):
    """A part of the city: political district (Stadtbezirk) → social space
    (Sozialraum) → quarter (Quartier), with population and indicators that
    compare the area with the whole city (seed 003)."""

    class Level(models.IntegerChoices):
        POLITICAL_DISTRICT = 1, _("Political district")
        SOCIAL_SPACE = 2, _("Social space")
        QUARTER = 3, _("Quarter")

    level = models.PositiveSmallIntegerField(
        _("level"), choices=Level.choices, default=Level.QUARTER
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_as_of = models.DateField(_("population as of"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area in km²"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("parent")]),
        FieldRowPanel(
            [FieldPanel("population"), FieldPanel("population_as_of"), FieldPanel("area_km2")]
        ),
        FieldPanel("description"),
        InlinePanel("indicators", heading=_("Indicators"), label=_("Indicator")),
    ]
    search_fields = [
        *NamedSnippet.search_fields,
        index.SearchField("description"),
        index.FilterField("level"),
    ]

    translatable_fields = [
        *NamedSnippet.named_translatable_fields,
        SynchronizedField("level"),
        # The parent is the same district in every language.
        SynchronizedField("parent"),
        SynchronizedField("population"),
        SynchronizedField("population_as_of"),
        SynchronizedField("area_km2"),
        TranslatableField("description"),
        SynchronizedField("indicators"),
    ]

    class Meta(NamedSnippet.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["level", "name"]
        constraints = [slug_unique_per_locale("district")]

    def clean(self):
        super().clean()
        if self.pk and self.children.filter(level__lte=self.level).exists():
            raise ValidationError(
                {
                    "level": _(
                        "A district must be larger than its parts "
                        "(quarter → social space → political district)."
                    )
                }
            )
        if self.parent_id is None:
            return
        if self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A district cannot be part of itself.")})
        if self.parent.level >= self.level:
            raise ValidationError(
                {
                    "parent": _(
                        "A district can only be part of a larger one "
                        "(quarter → social space → political district)."
                    )
                }
            )
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("This would make the district part of itself.")})
            ancestor = ancestor.parent

    def get_ancestors(self):
        """From the largest enclosing district down to the parent."""
        chain, ancestor = [], self.parent
        while ancestor is not None:
            chain.insert(0, ancestor)
            ancestor = ancestor.parent
        return chain


class DistrictIndicator(Orderable):
    """A social indicator of a district compared with the whole city, e.g.
    share of children under 14: 15 % in the area, 12 % in the whole city."""

    district = ParentalKey(District, on_delete=models.CASCADE, related_name="indicators")
    label = models.CharField(_("indicator"), max_length=255)
    value_area = models.DecimalField(
        _("value in the area (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    value_city = models.DecimalField(
        _("value in the whole city (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    note = models.TextField(_("note or source"), blank=True)

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("value_area"), FieldPanel("value_city")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.label


class Theme(NamedSnippet):
    """A theme (Themenschwerpunkt) such as family work, education or health (seed 002)."""

    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    translatable_fields = [
        *NamedSnippet.named_translatable_fields,
        TranslatableField("description"),
    ]

    class Meta(NamedSnippet.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [slug_unique_per_locale("theme")]


class TargetGroup(NamedSnippet):
    """A target group (Zielgruppe) such as families, seniors or newcomers."""

    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    translatable_fields = [
        *NamedSnippet.named_translatable_fields,
        TranslatableField("description"),
    ]

    class Meta(NamedSnippet.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [slug_unique_per_locale("targetgroup")]
