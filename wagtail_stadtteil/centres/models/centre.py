"""The centre page (Stadtteilzentrum, Stadthaus, Stadtteilbüro, …) and its sections."""

import datetime as dt

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from wagtail_stadtteil.schedules.dates import aware, local_today
from wagtail_stadtteil.schedules.holidays import GERMAN_STATES, public_holidays
from wagtail_stadtteil.schedules.models import Occurrence
from wagtail_stadtteil.schedules.store import (
    horizon_end,
    occurrence_owner_models,
    replace_occurrences,
    source_type,
)

from ..behaviours import (
    AccessibilityBehaviour,
    AddressBehaviour,
    ContactBehaviour,
    FundingBehaviour,
)
from ..blocks import BodyBlock
from ..panels import ProfileCheckPanel
from .base import PAGE_TRANSLATABLE_FIELDS, ContactPerson, StadtteilPageMixin, page_tabs
from .scheduling import refresh_other_translations, saves_live_state, writes_occurrences


class CentrePage(
    RoutablePageMixin,
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
    holiday_state = models.CharField(
        _("public holidays of"),
        max_length=2,
        choices=GERMAN_STATES,
        blank=True,
        help_text=_("The state whose public holidays apply. Empty: the site's default."),
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
    ]
    opening_panels = [
        ProfileCheckPanel(),
        InlinePanel("opening_hours", heading=_("Opening hours"), label=_("Opening range")),
        FieldPanel("opening_hours_note"),
        InlinePanel("special_opening_hours", heading=_("Special opening hours"), label=_("Date")),
        InlinePanel("closures", heading=_("Closures"), label=_("Closure")),
        FieldPanel("holiday_state"),
    ]
    contact_panels = [
        *AddressBehaviour.address_panels,
        *ContactBehaviour.contact_panels,
        InlinePanel("social_links", heading=_("Social media"), label=_("Link")),
        *AccessibilityBehaviour.accessibility_panels,
    ]
    team_panels = [InlinePanel("team_members", heading=_("Team"), label=_("Person"))]

    edit_handler = page_tabs(
        content_panels,
        (details_panels, _("Details")),
        (opening_panels, _("Opening hours")),
        (contact_panels, _("Address and contact")),
        (team_panels, _("Team")),
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
        "stadtteil_centres.ProjectPage",
    ]
    template = "wagtail_stadtteil/centres/centre_page.html"

    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        SynchronizedField("kind"),
        TranslatableField("intro"),
        SynchronizedField("image"),
        SynchronizedField("district"),
        SynchronizedField("operator"),
        SynchronizedField("holiday_state"),
        TranslatableField("opening_hours_note"),
        TranslatableField("body"),
        *ContactBehaviour.contact_translatable_fields,
        *AddressBehaviour.address_translatable_fields,
        *AccessibilityBehaviour.accessibility_translatable_fields,
        *FundingBehaviour.funding_translatable_fields,
        # People, partners, links and hours are the centre's facts.
        SynchronizedField("partner_roles"),
        SynchronizedField("team_members"),
        SynchronizedField("social_links"),
        SynchronizedField("opening_hours", overridable=False),
        SynchronizedField("special_opening_hours", overridable=False),
        SynchronizedField("closures", overridable=False),
    ]

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    # Dates -------------------------------------------------------------

    def paused_dates(self, first, last):
        """{local date: reason} on which schedules that pause do not take place:
        public holidays of the centre's state and its closures."""
        paused = public_holidays(self.holiday_state or None, first, last)
        for closure in self.closures.all():
            for day in closure.days():
                if first <= day <= last:
                    paused[day] = closure.reason
        return paused

    def _pause_signature(self):
        """What paused_dates depends on, as stored in the database."""
        if self.pk is None:
            return None
        state = (
            type(self)._default_manager.filter(pk=self.pk).values_list("holiday_state", flat=True)
        )
        closures = self.closures.model._default_manager.filter(page_id=self.pk).values_list(
            "starts_on", "ends_on", "reason"
        )
        return list(state), sorted(closures)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            before = self._pause_signature()
            result = super().save(*args, **kwargs)
            if saves_live_state(kwargs.get("update_fields")):
                self.refresh_occurrences()
                refresh_other_translations(self)
                if before is not None and before != self._pause_signature():
                    self.refresh_dependent_occurrences()
        return result

    @classmethod
    def occurrence_owners(cls, centre=None):
        owners = cls._default_manager.all()
        return owners.filter(pk=centre.pk) if centre is not None else owners

    def refresh_occurrences(self, first=None):
        """Rewrite the centre's opening hours in the store from ``first``."""
        first = first or local_today()
        rows = []
        writes = bool(self.live and writes_occurrences(self))
        if writes:
            rows = self._opening_rows(first, horizon_end())
        return replace_occurrences(self.owned_occurrences(), rows, first if writes else None)

    def owned_occurrences(self):
        """The opening hours this page wrote (none unless it writes its group's)."""
        return Occurrence.objects.filter(centre_id=self.pk, kind=Occurrence.Kind.OPENING)

    def refresh_dependent_occurrences(self, first=None):
        """Rewrite everything that pauses on this centre's closures and holidays."""
        for model in occurrence_owner_models():
            if model is not type(self):
                for owner in model.occurrence_owners(centre=self):
                    owner.refresh_occurrences(first)

    def _opening_rows(self, first, last):
        regular = list(self.opening_hours.all())
        special = {}
        for row in self.special_opening_hours.all():
            special.setdefault(row.date, []).append(row)
        paused = self.paused_dates(first, last)
        regular_type = source_type(self.opening_hours.model)
        special_type = source_type(self.special_opening_hours.model)
        rows, day = [], first
        while day <= last:
            if day in special:
                ranges = [(special_type, r) for r in special[day] if not r.is_closed]
            elif day in paused:
                ranges = []
            else:
                ranges = [(regular_type, r) for r in regular if r.weekday == day.weekday()]
            for kind, row in ranges:
                rows.append(
                    Occurrence(
                        kind=Occurrence.Kind.OPENING,
                        source_type=kind,
                        source_id=row.pk,
                        centre_id=self.pk,
                        original_date=day,
                        start=aware(day, row.opens),
                        end=aware(day, row.closes),
                        title=self.title,
                    )
                )
            day += dt.timedelta(days=1)
        return rows

    def opening_status(self, now=None):
        """("open", closes_at) while open, ("opens", opens_at) before the next
        opening, or (None, None) when no opening hours are known."""
        now = now or timezone.now()
        opening = Occurrence.objects.filter(
            centre__translation_key=self.translation_key, kind=Occurrence.Kind.OPENING
        )
        current = opening.filter(start__lte=now, end__gt=now).order_by("end").last()
        if current is not None:
            return "open", current.end
        upcoming = opening.filter(start__gt=now).order_by("start").first()
        if upcoming is not None:
            return "opens", upcoming.start
        return None, None

    def weekly_opening_hours(self):
        """[(weekday label, [rows])] for Monday to Sunday (see weekly_totals())."""
        from .schedules import Weekday

        rows = sorted(self.opening_hours.all(), key=lambda row: (row.weekday, row.opens))
        return [
            (label, [row for row in rows if row.weekday == value])
            for value, label in Weekday.choices
        ]

    def weekly_totals(self):
        """(days open per week, hours open per week) from the regular hours."""
        rows = list(self.opening_hours.all())
        return len({row.weekday for row in rows}), sum(row.hours for row in rows)

    def _listed(self, model, reading=None):
        """Live, public pages of ``model`` that belong to this centre, in the
        reader's language: this page's locale, plus the default locale's
        pages not translated into it yet (see ``localizing``)."""
        from ..localizing import in_reader_language

        if self.pk is None:  # a new centre in the editor's preview has nothing below it yet
            return model.objects.none()
        reading = reading or self.reading()
        pages = model.objects.live().public()
        if reading.in_default_locale:
            pages = pages.filter(centre=self)
        else:
            pages = pages.filter(centre_id__in=self.get_translations(inclusive=True).values("pk"))
        return in_reader_language(pages, reading).order_by("title", "pk")

    def get_offers(self, reading=None):
        from .pages import OfferPage

        return self._listed(OfferPage, reading)

    def get_offices(self, reading=None):
        from .pages import OfficePage

        return self._listed(OfficePage, reading)

    def get_consultation_hours(self, reading=None):
        from .pages import ConsultationHourPage

        return self._listed(ConsultationHourPage, reading)

    def get_projects(self, reading=None):
        from .projects import ProjectPage

        return self._listed(ProjectPage, reading)

    def get_context(self, request, *args, **kwargs):
        from ..localizing import localize
        from ..views import centre_page_context

        context = super().get_context(request, *args, **kwargs)
        reading = self.reading(request)
        context.update(centre_page_context(self, request))
        context["offers"] = reading.mark(self.get_offers(reading).select_related("provider"))
        context["offices"] = reading.mark(self.get_offices(reading))
        context["consultation_hours"] = reading.mark(self.get_consultation_hours(reading))
        context["projects"] = reading.mark(self.get_projects(reading))
        # Shared snippets in the reader's language where the city translated them.
        partner_roles = list(self.partner_roles.select_related("partner", "partner__logo"))
        operator, *partners = localize(
            [self.operator, *(role.partner for role in partner_roles)], reading
        )
        for role, partner in zip(partner_roles, partners, strict=True):
            role.partner_shown = partner
        context["operator"] = operator
        context["partner_roles"] = partner_roles
        district = context["district"] = localize([self.district], reading)[0]
        context["team_members"] = self.team_members.select_related("photo")
        context["funding_programmes"] = localize(
            self.funding_programmes.select_related("logo"), reading, select_related=["logo"]
        )
        if district is not None:
            # The shown district's own rows: a translated district's labels.
            context["district_indicators"] = district.indicators.all()
        return context

    # Routes (*contract*, DESIGN §5) ---------------------------------------
    # The views live in ``centres.views``, ``rooms.views`` and
    # ``booking.public_views`` and are imported when called: models must not
    # import views, and centres must not import the rooms or booking apps at
    # module level (core <- schedules <- centres <- rooms <- booking).
    # Routes ending in a file name are declared with a trailing slash, because
    # Wagtail resolves routes as "<path>/"; they are linked, and served by
    # ``wagtail_stadtteil.urls``, without it.

    @path("calendar/", name="calendar")
    def calendar_view(self, request):
        """The programme by week, month or list (``?view=``, ``?start=``)."""
        from ..views import centre_calendar

        return centre_calendar(request, self)

    @path("calendar.ics/", name="calendar_ics")
    def calendar_feed(self, request):
        """The programme as an iCal feed."""
        from ..views import centre_ical

        return centre_ical(request, self)

    @path("rooms/<slug:room_slug>/", name="room")
    def room_timetable(self, request, room_slug):
        """A room's facts and its week timetable (Raumnutzungsstundenplan)."""
        from wagtail_stadtteil.rooms.views import room_timetable

        return room_timetable(request, self, room_slug)

    @path("rooms/<slug:room_slug>/availability.json/", name="room_availability")
    def room_availability(self, request, room_slug):
        """When a room is busy, as JSON (``?start=``, ``?end=``)."""
        from wagtail_stadtteil.rooms.views import room_availability

        return room_availability(request, self, room_slug)

    @path("rooms/<slug:room_slug>/calendar.ics/", name="room_ics")
    def room_feed(self, request, room_slug):
        """A room's use as an iCal feed."""
        from wagtail_stadtteil.rooms.views import room_ical

        return room_ical(request, self, room_slug)

    @path("book/", name="book")
    def booking_rooms(self, request):
        """The rooms of the centre that residents may request online."""
        return self._booking_views().bookable_rooms(request, self)

    @path("rooms/<slug:room_slug>/book/", name="room_book")
    def room_booking_form(self, request, room_slug):
        """The form to request a room (Raumanfrage)."""
        return self._booking_views().room_booking_form(request, self, room_slug)

    def _booking_views(self):
        """The booking app's public views; a site without the app has no
        booking routes (404)."""
        from django.apps import apps
        from django.http import Http404

        if not apps.is_installed("wagtail_stadtteil.booking"):
            raise Http404
        from wagtail_stadtteil.booking import public_views

        return public_views

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
            operator = self.in_page_language(self.operator, request)
            data["parentOrganization"] = {"@type": "Organization", "name": operator.name}
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

    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        TranslatableField("body"),
    ]

    class Meta:
        verbose_name = _("centre section")
        verbose_name_plural = _("centre sections")

    def get_context(self, request, *args, **kwargs):
        from ..localizing import children_q, in_reader_language, reader_first

        context = super().get_context(request, *args, **kwargs)
        reading = self.reading(request)
        # Its pages in the reader's language, and those not translated yet.
        children = Page.objects.live().public().filter(children_q(self, reading))
        children = in_reader_language(children, reading).order_by(reader_first(reading), "path")
        context["children"] = reading.mark(children.specific())
        return context
