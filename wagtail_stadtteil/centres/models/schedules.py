"""Dates of the centre pages: when offers and consultation hours take place,
changes to single dates, the centre's opening hours and closures.

These rows are inline children of their page (edited in the page editor).
Their occurrences are written to the store by the page's
``refresh_occurrences()`` (see ScheduledPageBehaviour, CentrePage).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from wagtail_stadtteil.schedules.models import ClosureBase, DateChangeBase, ScheduleBase
from wagtail_stadtteil.schedules.panels import ConflictPanel

from ..forms import DateChangeForm, ScheduleForm

SCHEDULE_PANELS = [
    ConflictPanel(),
    FieldPanel("recurrence"),
    FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time"), FieldPanel("room")]),
    FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    FieldPanel("pauses_on_closures"),
    FieldPanel("note"),
]

DATE_CHANGE_PANELS = [
    FieldRowPanel([FieldPanel("original_date"), FieldPanel("action")]),
    FieldPanel("reason"),
    FieldRowPanel(
        [FieldPanel("new_date"), FieldPanel("new_start_time"), FieldPanel("new_end_time")]
    ),
    FieldPanel("new_room"),
]


def room_field(label):
    return models.ForeignKey(
        "stadtteil_rooms.Room",
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class PageSchedule(ScheduleBase, Orderable):
    """A schedule of a page, optionally in one of the centre's rooms."""

    room = room_field(_("room"))

    panels = SCHEDULE_PANELS
    base_form_class = ScheduleForm  # rooms of the centre only; "skip these dates"

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("date or series")
        verbose_name_plural = _("dates")


class PageDateChange(DateChangeBase, Orderable):
    new_room = room_field(_("new room"))

    panels = DATE_CHANGE_PANELS
    base_form_class = DateChangeForm  # rooms of the centre only

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("change to a single date")
        verbose_name_plural = _("changes to single dates")


class OfferSchedule(PageSchedule):
    page = ParentalKey(
        "stadtteil_centres.OfferPage", on_delete=models.CASCADE, related_name="schedules"
    )


class OfferDateChange(PageDateChange):
    page = ParentalKey(
        "stadtteil_centres.OfferPage", on_delete=models.CASCADE, related_name="date_changes"
    )


class ConsultationHourSchedule(PageSchedule):
    page = ParentalKey(
        "stadtteil_centres.ConsultationHourPage", on_delete=models.CASCADE, related_name="schedules"
    )


class ConsultationHourDateChange(PageDateChange):
    page = ParentalKey(
        "stadtteil_centres.ConsultationHourPage",
        on_delete=models.CASCADE,
        related_name="date_changes",
    )


class CentreClosure(ClosureBase, Orderable):
    """The centre is closed: summer break, staff training (Schließtage)."""

    page = ParentalKey(
        "stadtteil_centres.CentrePage", on_delete=models.CASCADE, related_name="closures"
    )

    panels = [FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = _("closure")
        verbose_name_plural = _("closures")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class CentreOpeningHours(Orderable):
    """One opening range on a weekday; a day may have several (9–13, 14–18)."""

    page = ParentalKey(
        "stadtteil_centres.CentrePage", on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing must be after opening (same day).")})

    @property
    def hours(self):
        minutes = (self.closes.hour * 60 + self.closes.minute) - (
            self.opens.hour * 60 + self.opens.minute
        )
        return minutes / 60


class CentreSpecialOpeningHours(Orderable):
    """Different opening hours on one date (e.g. Christmas Eve 9–12), or closed."""

    page = ParentalKey(
        "stadtteil_centres.CentrePage",
        on_delete=models.CASCADE,
        related_name="special_opening_hours",
    )
    date = models.DateField(_("date"))
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("special opening hours")
        verbose_name_plural = _("special opening hours")

    def clean(self):
        super().clean()
        if bool(self.opens) != bool(self.closes):
            raise ValidationError(
                {"closes": _("Enter both opening and closing time, or neither (closed).")}
            )
        if self.opens and self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing must be after opening (same day).")})

    @property
    def is_closed(self):
        return self.opens is None
