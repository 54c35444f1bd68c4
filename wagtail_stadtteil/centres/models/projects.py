"""A funded project's public profile (seed 003, Mittelpunkt Hüttenstraße):
carrier, contact, fields of action, yearly goals with measures, the project
area compared with the whole city, and the funding programme."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..behaviours import AudienceBehaviour, ContactBehaviour, FundingBehaviour
from ..blocks import RICH_TEXT_FEATURES
from .base import PAGE_TRANSLATABLE_FIELDS, CentreMemberBehaviour, StadtteilPageMixin, page_tabs
from .pages import shared_snippets_context


class QualityStandardBlock(blocks.StructBlock):
    """A quality standard and when the project counts it as reached, e.g.
    "Zusammenleben gestalten – Nachbarschaft fördern": reached when the
    meeting point is accepted and used (seed 003)."""

    standard = blocks.CharBlock(label=_("standard"))
    achieved_when = blocks.TextBlock(
        label=_("achieved when"),
        required=False,
        help_text=_("How the project knows it has reached the standard."),
    )

    class Meta:
        icon = "tick"
        label = _("Quality standard")


class ProjectPage(
    StadtteilPageMixin,
    CentreMemberBehaviour,
    AudienceBehaviour,
    ContactBehaviour,
    FundingBehaviour,
    Page,
):
    """A funded project of a centre (Projektsteckbrief): who carries it, what
    it wants to change in its project area, its yearly goals and measures, and
    the programme that funds it (seed 003)."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences, e.g. the project's motto."),
    )
    description = RichTextField(
        _("short description"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What the project does and how (Kurzbeschreibung)."),
    )
    starting_situation = RichTextField(
        _("starting situation"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("The situation or problem the project responds to."),
    )
    approach = RichTextField(
        _("approach"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("The working approach, e.g. community work or quarter management."),
    )
    fields_of_action = StreamField(
        [("field", blocks.CharBlock(label=_("field of action"), icon="tag"))],
        verbose_name=_("fields of action"),
        blank=True,
        help_text=_(
            "The fields of action of the funding programme the project works in, "
            "one per entry, e.g. “Social activities and social infrastructure”."
        ),
    )
    methods = StreamField(
        [("method", blocks.CharBlock(label=_("method"), icon="list-ul"))],
        verbose_name=_("methods"),
        blank=True,
        help_text=_("One method per entry, e.g. “Outreach social work”."),
    )
    quality_standards = StreamField(
        [("standard", QualityStandardBlock())],
        verbose_name=_("quality standards"),
        blank=True,
    )
    carrier = models.ForeignKey(
        "stadtteil_core.Partner",
        verbose_name=_("carrier organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The organisation that carries out the project (Träger)."),
    )
    project_area = models.ForeignKey(
        "stadtteil_core.District",
        verbose_name=_("project area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its population and indicators are shown compared with the whole city."),
    )
    starts_on = models.DateField(_("project starts"), null=True, blank=True)
    ends_on = models.DateField(_("project ends"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("description"),
        FieldPanel("starting_situation"),
        FieldPanel("approach"),
        FieldPanel("fields_of_action"),
        FieldPanel("methods"),
        FieldPanel("quality_standards"),
    ]
    goals_panels = [
        InlinePanel("yearly_goals", heading=_("Yearly goals"), label=_("Goal")),
    ]
    details_panels = [
        FieldPanel("carrier"),
        FieldRowPanel(
            [FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Project period")
        ),
        FieldPanel("project_area"),
        *AudienceBehaviour.audience_panels,
        *FundingBehaviour.funding_panels,
        *ContactBehaviour.contact_panels,
    ]
    edit_handler = page_tabs(
        content_panels,
        (goals_panels, _("Goals")),
        (details_panels, _("Details")),
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("description"),
        index.SearchField("starting_situation"),
        index.SearchField("approach"),
        index.SearchField("fields_of_action"),
        index.SearchField("methods"),
        *ContactBehaviour.contact_search_fields,
        index.FilterField("centre"),
    ]

    parent_page_types = ["stadtteil_centres.CentrePage"]
    subpage_types = []
    template = "wagtail_stadtteil/centres/project_page.html"

    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        TranslatableField("description"),
        TranslatableField("starting_situation"),
        TranslatableField("approach"),
        TranslatableField("fields_of_action"),
        TranslatableField("methods"),
        TranslatableField("quality_standards"),
        # Each goal is translated (its texts); its year and status are facts.
        TranslatableField("yearly_goals"),
        SynchronizedField("carrier"),
        SynchronizedField("project_area"),
        SynchronizedField("starts_on"),
        SynchronizedField("ends_on"),
        *AudienceBehaviour.audience_translatable_fields,
        *ContactBehaviour.contact_translatable_fields,
        *FundingBehaviour.funding_translatable_fields,
    ]

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The project cannot end before it starts.")})

    def get_context(self, request, *args, **kwargs):
        from ..localizing import localize

        context = super().get_context(request, *args, **kwargs)
        reading = self.reading(request)
        context.update(shared_snippets_context(self, request))
        carrier, area = localize([self.carrier, self.project_area], reading)
        context["carrier"] = carrier
        context["project_area"] = area
        # The shown district's own rows: a translated district's labels.
        context["area_indicators"] = list(area.indicators.all()) if area is not None else []
        context["yearly_goals"] = list(self.yearly_goals.all())
        return context

    def get_json_ld(self, request):
        """schema.org Project: the carrier, the funders and the area served."""
        from ..localizing import Reading, localize

        data = {
            "@context": "https://schema.org",
            "@type": "Project",
            "name": self.title,
            "url": self.get_full_url(request),
        }
        if self.intro:
            data["description"] = self.intro
        if self.starts_on:
            data["foundingDate"] = self.starts_on.isoformat()
        if self.ends_on:
            data["dissolutionDate"] = self.ends_on.isoformat()
        if self.email:
            data["email"] = self.email
        if self.phone:
            data["telephone"] = self.phone
        reading = Reading.of(self, request)
        carrier, area = localize([self.carrier, self.project_area], reading)
        if carrier is not None:
            organisation = {"@type": "Organization", "name": carrier.name}
            if carrier.website:
                organisation["url"] = carrier.website
            data["parentOrganization"] = organisation
        if area is not None:
            data["areaServed"] = {"@type": "Place", "name": area.name}
        funders = [
            {"@type": "Organization", "name": programme.funder or programme.name}
            for programme in localize(self.funding_programmes.all(), reading)
        ]
        if funders:
            data["funder"] = funders
        return data


class YearlyGoal(TranslatableMixin, Orderable):
    """A goal of a project for a year (Jahresziel), with its measures and how
    far it has got. The texts are translated per language; the year and the
    status are the same in every language."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        ACHIEVED = "achieved", _("Achieved")
        NOT_ACHIEVED = "not_achieved", _("Not achieved")

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="yearly_goals")
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("Leave empty for a goal of the whole project period."),
    )
    goal = models.CharField(_("goal"), max_length=255)
    measures = models.TextField(
        _("measures"),
        blank=True,
        help_text=_("What the project does to reach the goal, one measure per line."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("status")]),
        FieldPanel("goal"),
        FieldPanel("measures"),
    ]

    translatable_fields = [
        # The page it belongs to: set by wagtail-localize when it copies the goals.
        SynchronizedField("page"),
        SynchronizedField("year"),
        TranslatableField("goal"),
        TranslatableField("measures"),
        SynchronizedField("status"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("yearly goal")
        verbose_name_plural = _("yearly goals")

    def __str__(self):
        return self.goal

    def measure_list(self):
        """The measures, one per non-empty line."""
        return [line.strip() for line in self.measures.splitlines() if line.strip()]
