"""Offers, offices and consultation hours: the pages that live below a centre."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from wagtail_stadtteil.core.app_settings import stadtteil_settings
from wagtail_stadtteil.schedules.models import Occurrence

from ..behaviours import (
    AudienceBehaviour,
    ContactBehaviour,
    FundingBehaviour,
    LanguagesBehaviour,
)
from ..blocks import BodyBlock, ReferralBlock, TaskBlock
from .base import (
    PAGE_TRANSLATABLE_FIELDS,
    CentreMemberBehaviour,
    ContactPerson,
    StadtteilPageMixin,
    page_tabs,
)
from .centre import postal_address
from .scheduling import ScheduledPageBehaviour

CENTRE_CHILD_PARENTS = ["stadtteil_centres.CentrePage", "stadtteil_centres.CentreSectionPage"]


class OfferPage(
    RoutablePageMixin,
    StadtteilPageMixin,
    ScheduledPageBehaviour,
    CentreMemberBehaviour,
    AudienceBehaviour,
    LanguagesBehaviour,
    ContactBehaviour,
    FundingBehaviour,
    Page,
):
    """An offer or event of a centre (Angebot/Veranstaltung): a regular group,
    a course, an open café or a one-off event.

    Its dates (with their room) are schedules written to the occurrence store;
    everything residents need to decide whether to come is here: for whom, in
    which language, what it costs, how to sign up.
    """

    occurrence_kind = Occurrence.Kind.OFFER

    class Kind(models.TextChoices):
        GROUP = "group", _("Regular group")
        COURSE = "course", _("Course")
        OPEN = "open", _("Open offer")
        EVENT = "event", _("Event")

    class Cost(models.TextChoices):
        FREE = "free", _("Free of charge")
        AMOUNT = "amount", _("Fee")
        DONATION = "donation", _("By donation")

    offer_kind = models.CharField(
        _("kind of offer"), max_length=16, choices=Kind.choices, default=Kind.GROUP
    )
    intro = models.TextField(_("short description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    age_min = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    age_max = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    cost = models.CharField(_("cost"), max_length=16, choices=Cost.choices, default=Cost.FREE)
    cost_amount = models.DecimalField(
        _("fee in euros"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    cost_note = models.CharField(
        _("note on cost"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “reduced fee with the Laatzen pass”."),
    )
    registration_required = models.BooleanField(_("registration required"), default=False)
    registration_how = models.TextField(
        _("how to register"),
        blank=True,
        help_text=_("Phone, email or where to sign up, and until when."),
    )
    provider = models.ForeignKey(
        "stadtteil_core.Partner",
        verbose_name=_("provider"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The club or organisation that runs the offer."),
    )
    step_free = models.BooleanField(
        _("step-free"),
        null=True,
        blank=True,
        default=None,
        help_text=_("Leave unknown to use the centre's entrance."),
    )
    accessibility_notes = models.TextField(_("notes on accessibility"), blank=True)
    external_uid = models.CharField(
        _("calendar UID"),
        max_length=255,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("The UID of the event in an external calendar this offer was imported from."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("offer_kind"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    details_panels = [
        *AudienceBehaviour.audience_panels,
        *LanguagesBehaviour.languages_panels,
        FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")], heading=_("Age")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("cost"), FieldPanel("cost_amount")]),
                FieldPanel("cost_note"),
            ],
            heading=_("Cost"),
        ),
        MultiFieldPanel(
            [FieldPanel("registration_required"), FieldPanel("registration_how")],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("step_free"), FieldPanel("accessibility_notes")],
            heading=_("Accessibility"),
        ),
        FieldPanel("provider"),
        *FundingBehaviour.funding_panels,
        *ContactBehaviour.contact_panels,
    ]
    edit_handler = page_tabs(
        content_panels,
        (ScheduledPageBehaviour.schedule_panels, _("Dates")),
        (details_panels, _("Details")),
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        *ContactBehaviour.contact_search_fields,
        index.FilterField("centre"),
        index.FilterField("cost"),
        index.FilterField("offer_kind"),
    ]

    parent_page_types = CENTRE_CHILD_PARENTS
    subpage_types = []
    template = "wagtail_stadtteil/centres/offer_page.html"

    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        SynchronizedField("offer_kind"),
        TranslatableField("intro"),
        SynchronizedField("image"),
        TranslatableField("body"),
        SynchronizedField("age_min"),
        SynchronizedField("age_max"),
        SynchronizedField("cost"),
        SynchronizedField("cost_amount"),
        TranslatableField("cost_note"),
        SynchronizedField("registration_required"),
        TranslatableField("registration_how"),
        SynchronizedField("provider"),
        SynchronizedField("step_free"),
        TranslatableField("accessibility_notes"),
        SynchronizedField("external_uid"),
        *AudienceBehaviour.audience_translatable_fields,
        *LanguagesBehaviour.languages_translatable_fields,
        *ContactBehaviour.contact_translatable_fields,
        *FundingBehaviour.funding_translatable_fields,
        *ScheduledPageBehaviour.schedule_translatable_fields,
    ]

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def clean(self):
        super().clean()
        errors = {}
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = _("The maximum age cannot be lower than the minimum age.")
        if self.cost == self.Cost.AMOUNT and self.cost_amount is None:
            errors["cost_amount"] = _("Enter the fee, or choose “free of charge”.")
        if self.cost != self.Cost.AMOUNT and self.cost_amount is not None:
            errors["cost_amount"] = _("A fee only goes with the cost “fee”.")
        if self.registration_required and not self.registration_how.strip():
            errors["registration_how"] = _("Tell residents how to register.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_free(self):
        return self.cost == self.Cost.FREE

    @property
    def is_step_free(self):
        """Step-free as entered, else as the centre's entrance; None when unknown."""
        if self.step_free is not None:
            return self.step_free
        return self.centre.step_free_entrance if self.centre_id else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(shared_snippets_context(self, request))
        context.update(dates_context(self, request))
        return context

    @path("calendar.ics/", name="calendar_ics")
    def calendar_feed(self, request):
        """The offer's dates as an iCal feed (``…/calendar.ics``)."""
        from ..views import page_ical

        return page_ical(request, self)

    def get_json_ld(self, request):
        """schema.org Events, one per upcoming date (cancelled and moved ones
        with their status), or None while no date is planned."""
        from ..calendar import local

        events = []
        provider = self.in_page_language(self.provider, request) if self.provider_id else None
        for occurrence in self.upcoming_occurrences():
            event = {
                "@type": "Event",
                "name": self.title,
                "url": self.get_full_url(request),
                "startDate": local(occurrence.start).isoformat(),
                "endDate": local(occurrence.end).isoformat(),
                "eventStatus": EVENT_STATUS[occurrence.status],
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            }
            if occurrence.status == Occurrence.Status.MOVED:
                event["previousStartDate"] = occurrence.original_date.isoformat()
            if self.intro:
                event["description"] = self.intro
            if self.centre_id:
                place = {"@type": "Place", "name": self.centre.title}
                if self.centre.has_address:
                    place["address"] = postal_address(self.centre)
                event["location"] = place
            if provider is not None:
                organizer = {"@type": "Organization", "name": provider.name}
                if provider.website:
                    organizer["url"] = provider.website
                event["organizer"] = organizer
            if self.cost == self.Cost.FREE:
                event["isAccessibleForFree"] = True
            elif self.cost == self.Cost.AMOUNT and self.cost_amount is not None:
                event["isAccessibleForFree"] = False
                event["offers"] = {
                    "@type": "Offer",
                    "price": f"{self.cost_amount:.2f}",
                    "priceCurrency": "EUR",
                }
            events.append(event)
        if not events:
            return None
        return {"@context": "https://schema.org", "@graph": events}


#: schema.org eventStatus of an occurrence's status.
EVENT_STATUS = {
    Occurrence.Status.SCHEDULED: "https://schema.org/EventScheduled",
    Occurrence.Status.CANCELLED: "https://schema.org/EventCancelled",
    Occurrence.Status.MOVED: "https://schema.org/EventRescheduled",
}


def shared_snippets_context(page, request):
    """The shared snippets ``page`` refers to, in the reader's language where
    the city translated them (else in German, marked): themes, target
    groups, funding programmes and the organisations named on the page."""
    from ..localizing import localize

    reading = page.reading(request)
    context = {}
    if isinstance(page, AudienceBehaviour):
        context["themes"] = localize(page.themes.all(), reading)
        context["target_groups"] = localize(page.target_groups.all(), reading)
    if isinstance(page, FundingBehaviour):
        context["funding_programmes"] = localize(
            page.funding_programmes.select_related("logo"), reading, select_related=["logo"]
        )
    for name in ("provider", "organisation", "responsible_organisation"):
        if hasattr(page, name + "_id"):
            context[name] = localize([getattr(page, name)], reading)[0]
    return context


def children_in_reader_language(page, model, request):
    """Live, public ``model`` pages below ``page`` (or below its translation
    in the default locale, when not translated yet), marked by language."""
    from ..localizing import children_q, in_reader_language

    reading = page.reading(request)
    children = model.objects.live().public().filter(children_q(page, reading))
    return reading.mark(in_reader_language(children, reading).order_by("title", "pk"))


def dates_context(page, request):
    """The next dates and the feed link of an offer or consultation hour."""
    from ..views import subpage_url, upcoming_dates

    return {
        "upcoming_dates": upcoming_dates(page, request),
        "ical_url": subpage_url(page, request, "calendar_ics"),
        "stadtteil_time_zone": stadtteil_settings.TIME_ZONE,
    }


class OfficePage(
    StadtteilPageMixin,
    CentreMemberBehaviour,
    ContactBehaviour,
    FundingBehaviour,
    Page,
):
    """An office in a centre: Familienservicebüro, Seniorenbüro,
    Stadtteilbüro/Quartiersmanagement, an initiative or counselling office or
    the volunteer coordination (seeds 000, 001, 004)."""

    class Kind(models.TextChoices):
        FAMILY_SERVICE = "family_service", _("Family service office")
        SENIOR_CITIZENS = "senior_citizens", _("Senior citizens' office")
        NEIGHBOURHOOD_MANAGEMENT = (
            "neighbourhood_management",
            _("Neighbourhood office / quarter management"),
        )
        INITIATIVE = "initiative", _("Initiative office")
        COUNSELLING = "counselling", _("Counselling office")
        VOLUNTEERING = "volunteering", _("Volunteer coordination")
        OTHER = "other", _("Other office")

    office_kind = models.CharField(
        _("kind of office"), max_length=32, choices=Kind.choices, default=Kind.OTHER
    )
    intro = models.TextField(_("introduction"), blank=True)
    tasks = StreamField(
        [("task", TaskBlock())],
        verbose_name=_("tasks"),
        blank=True,
        help_text=_("What the office does, one task per entry."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    responsible_organisation = models.ForeignKey(
        "stadtteil_core.Partner",
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    location_in_building = models.CharField(
        _("where in the building"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “ground floor, room 0.12”."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("office_kind"),
        FieldPanel("intro"),
        FieldPanel("tasks"),
        FieldPanel("body"),
    ]
    details_panels = [
        FieldPanel("responsible_organisation"),
        FieldPanel("location_in_building"),
        *ContactBehaviour.contact_panels,
        InlinePanel("contact_persons", heading=_("Contact persons"), label=_("Person")),
        *FundingBehaviour.funding_panels,
    ]
    edit_handler = page_tabs(
        content_panels,
        (details_panels, _("Details")),
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("tasks"),
        index.SearchField("body"),
        index.FilterField("centre"),
        index.FilterField("office_kind"),
    ]

    parent_page_types = CENTRE_CHILD_PARENTS
    subpage_types = ["stadtteil_centres.ConsultationHourPage"]
    template = "wagtail_stadtteil/centres/office_page.html"

    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        SynchronizedField("office_kind"),
        TranslatableField("intro"),
        TranslatableField("tasks"),
        TranslatableField("body"),
        SynchronizedField("responsible_organisation"),
        TranslatableField("location_in_building"),
        SynchronizedField("contact_persons"),
        *ContactBehaviour.contact_translatable_fields,
        *FundingBehaviour.funding_translatable_fields,
    ]

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contact_persons"] = self.contact_persons.select_related("photo")
        context["consultation_hours"] = children_in_reader_language(
            self, ConsultationHourPage, request
        )
        context.update(shared_snippets_context(self, request))
        return context

    def get_json_ld(self, request):
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentOffice",
            "name": self.title,
            "url": self.get_full_url(request),
        }
        if self.intro:
            data["description"] = self.intro
        if self.phone:
            data["telephone"] = self.phone
        if self.email:
            data["email"] = self.email
        if self.centre_id and self.centre.has_address:
            data["address"] = postal_address(self.centre)
        if self.responsible_organisation_id:
            data["parentOrganization"] = {
                "@type": "Organization",
                "name": self.in_page_language(self.responsible_organisation, request).name,
            }
        return data


class OfficeContactPerson(ContactPerson):
    page = ParentalKey(OfficePage, on_delete=models.CASCADE, related_name="contact_persons")

    class Meta(ContactPerson.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")


class ConsultationHourPage(
    RoutablePageMixin,
    StadtteilPageMixin,
    ScheduledPageBehaviour,
    CentreMemberBehaviour,
    AudienceBehaviour,
    LanguagesBehaviour,
    ContactBehaviour,
    Page,
):
    """A recurring consultation hour (Sprechstunde, Bürgersprechstunde): who
    advises on what, in which languages, with or without appointment, and
    where to go next (Lotsenfunktion, seed 002)."""

    occurrence_kind = Occurrence.Kind.CONSULTATION

    class Kind(models.TextChoices):
        CITIZENS = "citizens", _("Citizens' consultation hour")
        COUNSELLING = "counselling", _("Counselling")
        INFORMATION = "information", _("Information and referral")

    class Access(models.TextChoices):
        OPEN = "open", _("Open, no appointment needed")
        APPOINTMENT = "appointment", _("By appointment only")
        BOTH = "both", _("Open, appointments possible")

    consultation_kind = models.CharField(
        _("kind of consultation hour"),
        max_length=16,
        choices=Kind.choices,
        default=Kind.COUNSELLING,
        help_text=_("Citizens' consultation hours count towards the centre profile."),
    )
    topic = models.CharField(
        _("topics"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “pension, care, housing benefit”."),
    )
    intro = models.TextField(_("short description"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    counsellor = models.CharField(
        _("counsellor"),
        max_length=255,
        blank=True,
        help_text=_("Name of the person who advises, if it may be published."),
    )
    organisation = models.ForeignKey(
        "stadtteil_core.Partner",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    access = models.CharField(
        _("appointment"), max_length=16, choices=Access.choices, default=Access.OPEN
    )
    appointment_how = models.TextField(
        _("how to get an appointment"),
        blank=True,
        help_text=_("Phone, email or online booking, and how far ahead."),
    )
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Held in a separate room; nothing is passed on without consent."),
    )
    free_of_charge = models.BooleanField(_("free of charge"), default=True)
    referrals = StreamField(
        [("referral", ReferralBlock())],
        verbose_name=_("further help"),
        blank=True,
        help_text=_("Where residents can turn next (referral, Lotsenfunktion)."),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("consultation_kind"), FieldPanel("topic")]),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("referrals"),
    ]
    details_panels = [
        FieldRowPanel([FieldPanel("counsellor"), FieldPanel("organisation")]),
        *LanguagesBehaviour.languages_panels,
        MultiFieldPanel(
            [FieldPanel("access"), FieldPanel("appointment_how")],
            heading=_("Appointment"),
        ),
        FieldRowPanel([FieldPanel("confidential"), FieldPanel("free_of_charge")]),
        *AudienceBehaviour.audience_panels,
        *ContactBehaviour.contact_panels,
    ]
    edit_handler = page_tabs(
        content_panels,
        (ScheduledPageBehaviour.schedule_panels, _("Dates")),
        (details_panels, _("Details")),
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("topic"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("centre"),
        index.FilterField("consultation_kind"),
    ]

    parent_page_types = [*CENTRE_CHILD_PARENTS, "stadtteil_centres.OfficePage"]
    subpage_types = []
    template = "wagtail_stadtteil/centres/consultation_hour_page.html"

    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        SynchronizedField("consultation_kind"),
        TranslatableField("topic"),
        TranslatableField("intro"),
        TranslatableField("body"),
        SynchronizedField("counsellor"),  # a person's name
        SynchronizedField("organisation"),
        SynchronizedField("access"),
        TranslatableField("appointment_how"),
        SynchronizedField("confidential"),
        SynchronizedField("free_of_charge"),
        TranslatableField("referrals"),
        *AudienceBehaviour.audience_translatable_fields,
        *LanguagesBehaviour.languages_translatable_fields,
        *ContactBehaviour.contact_translatable_fields,
        *ScheduledPageBehaviour.schedule_translatable_fields,
    ]

    class Meta:
        verbose_name = _("consultation hour")
        verbose_name_plural = _("consultation hours")

    def clean(self):
        super().clean()
        if self.access != self.Access.OPEN and not self.appointment_how.strip():
            raise ValidationError(
                {"appointment_how": _("Tell residents how to get an appointment.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(shared_snippets_context(self, request))
        context.update(dates_context(self, request))
        return context

    @path("calendar.ics/", name="calendar_ics")
    def calendar_feed(self, request):
        """The consultation hour's dates as an iCal feed (``…/calendar.ics``)."""
        from ..views import page_ical

        return page_ical(request, self)
