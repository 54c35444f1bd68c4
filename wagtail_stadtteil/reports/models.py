"""Visitor counts and survey results that staff record per centre.

Both belong to one centre and are scoped like rooms (DESIGN decision 4): staff
record them for the centres whose page they may edit, city staff with the
model's "view" permission read every centre's rows.

Neither is translatable. A visitor count is a number. A survey result is the
record of one survey, written once in the centre's working language for the
city and its funders, not shown to residents; per-language copies
(wagtail-localize would make them on "Translate", DESIGN §7) would count one
survey twice in every report.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.documents import get_document_model_string
from wagtail.search import index

from wagtail_stadtteil.schedules.dates import local_today

from .forms import SurveyResultForm, VisitorCountForm

#: The most visitors one row may count: a street festival, not a typo.
MAX_VISITORS = 10_000

#: The most respondents one survey may have.
MAX_RESPONDENTS = 100_000


def same_centre(page_centre_id, centre):
    """Whether ``page_centre_id`` (an offer's stored centre) is ``centre`` or
    one of its translations: a translated offer lives below the translated
    centre page."""
    if page_centre_id is None:
        return False
    if page_centre_id == centre.pk:
        return True
    return centre.get_translations(inclusive=True).filter(pk=page_centre_id).exists()


class VisitorCount(models.Model):
    """How many people came, counted by staff: to one date of an offer
    (``offer``, and ``start_time`` when the offer meets more than once that
    day), or to the centre as a whole on a day (no offer)."""

    centre = models.ForeignKey(
        "stadtteil_centres.CentrePage",
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="visitor_counts",
    )
    date = models.DateField(_("date"))
    offer = models.ForeignKey(
        "stadtteil_centres.OfferPage",
        verbose_name=_("offer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="visitor_counts",
        help_text=_("Empty: the visitors of the whole house on that day."),
    )
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("Only when the offer takes place more than once that day."),
    )
    count = models.PositiveIntegerField(
        _("visitors"), validators=[MinValueValidator(0), MaxValueValidator(MAX_VISITORS)]
    )
    note = models.TextField(_("note"), blank=True)

    base_form_class = VisitorCountForm  # centres and offers the user manages
    panels = [
        FieldRowPanel([FieldPanel("centre"), FieldPanel("date")]),
        FieldRowPanel([FieldPanel("offer"), FieldPanel("start_time")]),
        FieldPanel("count"),
        FieldPanel("note"),
    ]
    search_fields = [
        index.SearchField("note"),
        index.FilterField("centre"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("visitor count")
        verbose_name_plural = _("visitor counts")
        ordering = ["-date", "start_time", "pk"]
        indexes = [models.Index(fields=["centre", "date"], name="stadtteil_visitors_day")]
        # NULLs are distinct in unique constraints: one constraint per shape.
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "date"],
                condition=Q(offer__isnull=True),
                name="stadtteil_visitors_one_per_day",
                violation_error_message=_(
                    "The visitors of the whole house on this day are already counted. "
                    "Change that count instead."
                ),
            ),
            models.UniqueConstraint(
                fields=["centre", "date", "offer"],
                condition=Q(offer__isnull=False, start_time__isnull=True),
                name="stadtteil_visitors_one_per_offer_day",
                violation_error_message=_(
                    "The visitors of this offer on this day are already counted. "
                    "Change that count instead."
                ),
            ),
            models.UniqueConstraint(
                fields=["centre", "date", "offer", "start_time"],
                condition=Q(offer__isnull=False, start_time__isnull=False),
                name="stadtteil_visitors_one_per_offer_date",
                violation_error_message=_(
                    "The visitors of this offer at this time are already counted. "
                    "Change that count instead."
                ),
            ),
            models.CheckConstraint(
                condition=Q(count__lte=MAX_VISITORS), name="stadtteil_visitors_max"
            ),
            models.CheckConstraint(
                condition=Q(offer__isnull=False) | Q(start_time__isnull=True),
                name="stadtteil_visitors_time_with_offer",
            ),
        ]

    def __str__(self):
        what = self.offer.title if self.offer_id else str(_("whole house"))
        when = f"{self.date:%d.%m.%Y}" if self.date else ""
        if self.start_time:
            when += f" {self.start_time:%H:%M}"
        return f"{what}, {when}: {self.count}"

    def clean(self):
        super().clean()
        errors = {}
        if self.date and self.date > local_today():
            errors["date"] = _("Visitors can only be counted for today or a past day.")
        if self.start_time and not self.offer_id:
            errors["start_time"] = _("A start time belongs to an offer's date. Choose the offer.")
        if self.offer_id and self.centre_id:
            if not same_centre(self.offer.centre_id, self.centre):
                errors["offer"] = _("Choose an offer of this centre.")
            elif self.date:
                self._check_mixed_counts(errors)
        if errors:
            raise ValidationError(errors)

    def _check_mixed_counts(self, errors):
        """One count for all of an offer's dates on a day, or one per start
        time: not both, or the day's visitors would be counted twice."""
        others = VisitorCount.objects.filter(
            centre_id=self.centre_id, date=self.date, offer_id=self.offer_id
        ).exclude(pk=self.pk)
        if self.start_time is None and others.filter(start_time__isnull=False).exists():
            errors["start_time"] = _(
                "This offer is already counted per start time on this day: "
                "give the start time of this date."
            )
        elif self.start_time is not None and others.filter(start_time__isnull=True).exists():
            errors["start_time"] = _(
                "This offer is already counted for the whole day: change that count, "
                "or give it a start time first."
            )


class SurveyResult(models.Model):
    """The results of a survey of a centre's users for a period (seed 002:
    "Die Zielerreichung wird regelmäßig über … Nutzer*innenbefragungen
    überprüft").

    Satisfaction is stored as the share of respondents who were satisfied or
    very satisfied, in percent (0–100): it compares across surveys whatever
    their scale (4 or 5 points, school grades), and surveys combine by
    weighting with their respondents."""

    centre = models.ForeignKey(
        "stadtteil_centres.CentrePage",
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="survey_results",
    )
    title = models.CharField(_("title"), max_length=255)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    respondents = models.PositiveIntegerField(
        _("respondents"), validators=[MinValueValidator(1), MaxValueValidator(MAX_RESPONDENTS)]
    )
    satisfied_percent = models.PositiveSmallIntegerField(
        _("satisfied (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Share of respondents who were satisfied or very satisfied, in percent (0–100)."
        ),
    )
    summary = models.TextField(_("summary"), blank=True)
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("full report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = SurveyResultForm  # centres and documents the user may use
    panels = [
        FieldPanel("centre"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldRowPanel([FieldPanel("respondents"), FieldPanel("satisfied_percent")]),
        FieldPanel("summary"),
        FieldPanel("document"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.FilterField("centre"),
    ]

    class Meta:
        verbose_name = _("survey result")
        verbose_name_plural = _("survey results")
        ordering = ["-period_end", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="stadtteil_survey_period_order",
            ),
            models.CheckConstraint(
                condition=Q(satisfied_percent__isnull=True) | Q(satisfied_percent__lte=100),
                name="stadtteil_survey_percent",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})
