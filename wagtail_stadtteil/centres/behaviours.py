"""Behaviours: reusable field sets as abstract mixins, each with its panels.

Page types are compositions of behaviours. A city can compose its own page
type from them, e.g.::

    class YouthClubPage(ContactBehaviour, AddressBehaviour, AccessibilityBehaviour, Page):
        content_panels = Page.content_panels + AddressBehaviour.address_panels

Each behaviour names its panels ``<behaviour>_panels``, its search fields
``<behaviour>_search_fields`` and, for wagtail-localize, its
``<behaviour>_translatable_fields``: texts are translated, facts (addresses,
numbers, choices, languages, references to shared snippets) are synchronised
from the source page, so every language shows the same facts.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from wagtail_stadtteil.core.fields import LanguageCodesField
from wagtail_stadtteil.core.languages import get_language


class ContactBehaviour(models.Model):
    """Who to ask: a contact name, phone, email and website."""

    contact_name = models.CharField(_("contact person"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)

    contact_panels = [
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        )
    ]
    contact_search_fields = [index.SearchField("contact_name")]
    contact_translatable_fields = [
        SynchronizedField("contact_name"),  # a person's name is not translated
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("website"),
    ]

    class Meta:
        abstract = True

    @property
    def has_contact(self):
        return any([self.contact_name, self.phone, self.email, self.website])

    @property
    def phone_href(self):
        """The phone number as a ``tel:`` link target (digits and a leading +)."""
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""


class AddressBehaviour(models.Model):
    """Where it is: postal address, coordinates and how to get there."""

    street = models.CharField(_("street and number"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("town or city"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
        help_text=_("Decimal degrees, e.g. 52.313900"),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
        help_text=_("Decimal degrees, e.g. 9.797000"),
    )
    directions = models.TextField(
        _("how to get there"),
        blank=True,
        help_text=_("Bus and tram stops, parking, entrance."),
    )

    address_panels = [
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("directions"),
            ],
            heading=_("Address"),
        )
    ]
    address_search_fields = [index.SearchField("street"), index.SearchField("city")]
    address_translatable_fields = [
        # A postal address is written the same in every language.
        SynchronizedField("street"),
        SynchronizedField("postcode"),
        SynchronizedField("city"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        TranslatableField("directions"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError({missing: _("Enter both latitude and longitude, or neither.")})

    @property
    def has_address(self):
        return bool(self.street or self.city)

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def map_url(self):
        """A link to the place on OpenStreetMap (no tracking, no JavaScript needed)."""
        if not self.has_coordinates:
            return ""
        lat, lon = self.latitude, self.longitude
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"


#: Accessibility facts of a building: (field name, label shown to residents).
ACCESSIBILITY_FACTS = [
    ("step_free_entrance", _("Step-free entrance")),
    ("accessible_wc", _("Accessible toilet")),
    ("lift", _("Lift to all floors")),
    ("hearing_loop", _("Hearing loop")),
    ("disabled_parking", _("Disabled parking")),
]


def _fact_field(label):
    # null means "not known": a missing fact must never read as "no".
    return models.BooleanField(label, null=True, blank=True, default=None)


class AccessibilityBehaviour(models.Model):
    """Accessibility facts of a building; each is yes, no or not known."""

    step_free_entrance = _fact_field(_("step-free entrance"))
    accessible_wc = _fact_field(_("accessible toilet"))
    lift = _fact_field(_("lift"))
    hearing_loop = _fact_field(_("hearing loop"))
    disabled_parking = _fact_field(_("disabled parking"))
    accessibility_notes = models.TextField(
        _("notes on accessibility"),
        blank=True,
        help_text=_("E.g. door widths, a ramp at the side entrance, quiet room."),
    )

    accessibility_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("step_free_entrance"), FieldPanel("accessible_wc")]),
                FieldRowPanel([FieldPanel("lift"), FieldPanel("hearing_loop")]),
                FieldPanel("disabled_parking"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Accessibility"),
        )
    ]
    accessibility_translatable_fields = [
        *(SynchronizedField(name) for name, _label in ACCESSIBILITY_FACTS),
        TranslatableField("accessibility_notes"),
    ]

    class Meta:
        abstract = True

    def accessibility_facts(self):
        """The known facts as (label, True/False) pairs, unknown ones left out."""
        return [
            (label, getattr(self, name))
            for name, label in ACCESSIBILITY_FACTS
            if getattr(self, name) is not None
        ]


class FundingBehaviour(models.Model):
    """Funding programmes whose notice and logo the page must show."""

    funding_programmes = ParentalManyToManyField(
        "stadtteil_core.FundingProgramme",
        verbose_name=_("funding programmes"),
        blank=True,
        related_name="+",
    )

    funding_panels = [FieldPanel("funding_programmes", widget=forms.CheckboxSelectMultiple)]
    # Shared snippets are referred to, not copied per language: templates show
    # their translation in the reader's language where the city made one.
    funding_translatable_fields = [SynchronizedField("funding_programmes")]

    class Meta:
        abstract = True


class AudienceBehaviour(models.Model):
    """Themes and target groups, used by the programme filters."""

    themes = ParentalManyToManyField(
        "stadtteil_core.Theme", verbose_name=_("themes"), blank=True, related_name="+"
    )
    target_groups = ParentalManyToManyField(
        "stadtteil_core.TargetGroup",
        verbose_name=_("target groups"),
        blank=True,
        related_name="+",
    )

    audience_panels = [
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Themes and target groups"),
        )
    ]
    audience_translatable_fields = [
        SynchronizedField("themes"),
        SynchronizedField("target_groups"),
    ]

    class Meta:
        abstract = True


class LanguagesBehaviour(models.Model):
    """The languages something is offered in."""

    languages = LanguageCodesField(
        _("languages"), help_text=_("Languages in which residents can take part.")
    )

    languages_panels = [FieldPanel("languages")]
    languages_translatable_fields = [SynchronizedField("languages")]

    class Meta:
        abstract = True

    def get_languages(self):
        return [get_language(code) for code in self.languages or []]
