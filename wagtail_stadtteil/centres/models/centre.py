"""The centre page (Stadtteilzentrum, Stadthaus, Stadtteilbüro, …) and its sections."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..behaviours import (
    AccessibilityBehaviour,
    AddressBehaviour,
    ContactBehaviour,
    FundingBehaviour,
)
from ..blocks import BodyBlock
from .base import ContactPerson, StadtteilPageMixin


class CentrePage(
    StadtteilPageMixin,
    ContactBehaviour,
    AddressBehaviour,
    AccessibilityBehaviour,
    FundingBehaviour,
    Page,
):
    """A district centre: Stadtteilzentrum, Stadthaus, Stadtteilbüro or
    Quartierstreffpunkt. Offers, offices and consultation hours live below it;
    its rooms, calendars and bookings hang off it."""

    class Kind(models.TextChoices):
        DISTRICT_CENTRE = "district_centre", _("District centre")
        CIVIC_CENTRE = "civic_centre", _("Civic centre")
        NEIGHBOURHOOD_OFFICE = "neighbourhood_office", _("Neighbourhood office")
        MEETING_POINT = "meeting_point", _("Neighbourhood meeting point")
        FAMILY_CENTRE = "family_centre", _("Family centre")
        MULTIGENERATIONAL_HOUSE = "multigenerational_house", _("Multi-generational house")

    kind = models.CharField(
        _("kind of centre"), max_length=32, choices=Kind.choices, default=Kind.DISTRICT_CENTRE
    )
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences: who the centre is for and what happens here."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    district = models.ForeignKey(
        "stadtteil_core.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    operator = models.ForeignKey(
        "stadtteil_core.Partner",
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The organisation that runs the centre (Träger)."),
    )
    opening_hours_note = models.TextField(
        _("notes on opening hours"),
        blank=True,
        help_text=_("E.g. “Closed during the summer school holidays.”"),
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    details_panels = [
        FieldPanel("district"),
        FieldPanel("operator"),
        InlinePanel("partner_roles", heading=_("Partners"), label=_("Partner")),
        *FundingBehaviour.funding_panels,
        FieldPanel("opening_hours_note"),
    ]
    contact_panels = [
        *AddressBehaviour.address_panels,
        *ContactBehaviour.contact_panels,
        InlinePanel("social_links", heading=_("Social media"), label=_("Link")),
        *AccessibilityBehaviour.accessibility_panels,
    ]
    team_panels = [InlinePanel("team_members", heading=_("Team"), label=_("Person"))]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(details_panels, heading=_("Details")),
            ObjectList(contact_panels, heading=_("Address and contact")),
            ObjectList(team_panels, heading=_("Team")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        *AddressBehaviour.address_search_fields,
        index.FilterField("kind"),
        index.FilterField("district"),
    ]

    subpage_types = [
        "stadtteil_centres.CentreSectionPage",
        "stadtteil_centres.OfferPage",
        "stadtteil_centres.OfficePage",
        "stadtteil_centres.ConsultationHourPage",
    ]
    template = "wagtail_stadtteil/centres/centre_page.html"

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    def get_offers(self):
        from .pages import OfferPage

        if self.pk is None:  # a new centre in the editor's preview has nothing below it yet
            return OfferPage.objects.none()
        return OfferPage.objects.live().public().filter(centre=self).order_by("title")

    def get_offices(self):
        from .pages import OfficePage

        if self.pk is None:
            return OfficePage.objects.none()
        return OfficePage.objects.live().public().filter(centre=self).order_by("title")

    def get_consultation_hours(self):
        from .pages import ConsultationHourPage

        if self.pk is None:
            return ConsultationHourPage.objects.none()
        return ConsultationHourPage.objects.live().public().filter(centre=self).order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["offers"] = self.get_offers().select_related("provider")
        context["offices"] = self.get_offices()
        context["consultation_hours"] = self.get_consultation_hours()
        context["partner_roles"] = self.partner_roles.select_related("partner", "partner__logo")
        context["team_members"] = self.team_members.select_related("photo")
        context["funding_programmes"] = self.funding_programmes.select_related("logo")
        if self.district_id:
            context["district_indicators"] = self.district.indicators.all()
        return context

    def get_json_ld(self, request):
        data = {
            "@context": "https://schema.org",
            "@type": "CivicStructure",
            "name": self.title,
            "url": self.get_full_url(request),
        }
        if self.intro:
            data["description"] = self.intro
        if self.has_address:
            data["address"] = postal_address(self)
        if self.has_coordinates:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        if self.phone:
            data["telephone"] = self.phone
        if self.email:
            data["email"] = self.email
        features = [
            {"@type": "LocationFeatureSpecification", "name": str(label), "value": value}
            for label, value in self.accessibility_facts()
        ]
        if features:
            data["amenityFeature"] = features
        same_as = [link.url for link in self.social_links.all()]
        if same_as:
            data["sameAs"] = same_as
        if self.operator_id:
            data["parentOrganization"] = {"@type": "Organization", "name": self.operator.name}
        return data


def postal_address(place):
    return {
        "@type": "PostalAddress",
        "streetAddress": place.street,
        "postalCode": place.postcode,
        "addressLocality": place.city,
        "addressCountry": "DE",
    }


class CentrePartner(Orderable):
    """A partner of a centre and the role it plays there."""

    class Role(models.TextChoices):
        COOPERATION = "cooperation", _("Cooperation partner")
        PROVIDER = "provider", _("Provider of offers")
        TENANT = "tenant", _("Office in the house")
        ADVISORY_BOARD = "advisory_board", _("Member of the advisory board")
        NETWORK = "network", _("Network partner")

    page = ParentalKey(CentrePage, on_delete=models.CASCADE, related_name="partner_roles")
    partner = models.ForeignKey(
        "stadtteil_core.Partner",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    role = models.CharField(
        _("role"), max_length=32, choices=Role.choices, default=Role.COOPERATION
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("partner"), FieldPanel("role")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner of the centre")
        verbose_name_plural = _("partners of the centre")


class CentreTeamMember(ContactPerson):
    page = ParentalKey(CentrePage, on_delete=models.CASCADE, related_name="team_members")

    class Meta(ContactPerson.Meta):
        verbose_name = _("team member")
        verbose_name_plural = _("team")


class CentreSocialLink(Orderable):
    class Platform(models.TextChoices):
        INSTAGRAM = "instagram", "Instagram"
        FACEBOOK = "facebook", "Facebook"
        MASTODON = "mastodon", "Mastodon"
        YOUTUBE = "youtube", "YouTube"
        WHATSAPP = "whatsapp", _("WhatsApp channel")
        TELEGRAM = "telegram", "Telegram"
        NEWSLETTER = "newsletter", _("Newsletter")
        OTHER = "other", _("Other")

    page = ParentalKey(CentrePage, on_delete=models.CASCADE, related_name="social_links")
    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    url = models.URLField(_("web address"))

    panels = [FieldRowPanel([FieldPanel("platform"), FieldPanel("url")])]

    class Meta(Orderable.Meta):
        verbose_name = _("social media link")
        verbose_name_plural = _("social media links")


class CentreSectionPage(StadtteilPageMixin, Page):
    """A section of a centre, e.g. "Angebote" or "Beratung", that groups and
    lists the offers, offices and consultation hours below it."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["stadtteil_centres.CentrePage"]
    subpage_types = [
        "stadtteil_centres.OfferPage",
        "stadtteil_centres.OfficePage",
        "stadtteil_centres.ConsultationHourPage",
    ]
    template = "wagtail_stadtteil/centres/centre_section_page.html"

    class Meta:
        verbose_name = _("centre section")
        verbose_name_plural = _("centre sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        return context
