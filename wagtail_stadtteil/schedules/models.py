"""Schedules, changes to single dates, closures, and the occurrence store.

The abstract models are behaviours that the centres and rooms apps make
concrete (an offer's schedules, a room's regular use, a centre's closures);
``Occurrence`` is the one indexed table that calendars, feeds, availability
and conflict checks read (DESIGN decision 1).
"""

import datetime as dt

import swapper
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from recurrence.fields import RecurrenceField

from .dates import aware, expand_dates, local_today

swapper.set_app_prefix("wagtailcore", "wagtail")
PAGE_MODEL = swapper.get_model_name("wagtailcore", "Page")


class ScheduleBase(models.Model):
    """When something happens: dates from a recurrence (django-recurrence),
    local start and end times, a period of validity, and whether it pauses on
    public holidays and closure days. A single date is a schedule too."""

    recurrence = RecurrenceField(
        verbose_name=_("dates"),
        include_dtstart=False,
        help_text=_("Add a rule such as “weekly on Tuesday”, or single dates."),
    )
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    starts_on = models.DateField(
        _("first day"),
        default=local_today,
        help_text=_("The rule counts from this day; nothing happens before it."),
    )
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    pauses_on_closures = models.BooleanField(
        _("pauses on public holidays and closure days"), default=True
    )
    note = models.CharField(
        _("note"), max_length=255, blank=True, help_text=_("E.g. “not during school holidays”.")
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end must be after the start (on the same day).")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last day cannot be before the first day.")
        recurrence = self.recurrence
        if recurrence is None or not (recurrence.rrules or recurrence.rdates):
            errors["recurrence"] = _("Add a rule or at least one date.")
        if errors:
            raise ValidationError(errors)

    def dates_between(self, first, last):
        """Local dates of this schedule from ``first`` to ``last``."""
        first = max(first, self.starts_on)
        if self.ends_on:
            last = min(last, self.ends_on)
        return expand_dates(self.recurrence, self.starts_on, first, last)

    def instants(self, day):
        """The aware start and end of this schedule on local ``day``."""
        return aware(day, self.start_time), aware(day, self.end_time)

    def describe(self):
        """This schedule in plain language: "every Tuesday, 18:00–20:00, …"."""
        from .summary import describe

        return describe(self)

    describe.short_description = _("when")


class DateChangeBase(models.Model):
    """A change to one date of a series: cancelled (with a reason residents
    see) or moved to another date or time. Keyed by the date the series would
    have had, so it survives changes to the series rule."""

    class Action(models.TextChoices):
        # Contexts: Django's and Wagtail's catalogs, which win over the
        # package's, translate the bare words otherwise ("Cancelled" became
        # "Gelöscht" in German).
        CANCEL = "cancel", pgettext_lazy("date change", "Cancelled")
        MOVE = "move", pgettext_lazy("date change", "Moved")

    original_date = models.DateField(_("date in the series"))
    action = models.CharField(
        pgettext_lazy("date change", "change"),
        max_length=8,
        choices=Action.choices,
        default=Action.CANCEL,
    )
    reason = models.CharField(
        _("reason shown to residents"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “illness”, “staff training”."),
    )
    new_date = models.DateField(_("new date"), null=True, blank=True)
    new_start_time = models.TimeField(_("new start"), null=True, blank=True)
    new_end_time = models.TimeField(_("new end"), null=True, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        if self.action == self.Action.MOVE:
            # A date may move to another day, another time or another room
            # (the concrete models add ``new_room``), or any of them together.
            if not (self.new_date or self.new_start_time or getattr(self, "new_room_id", None)):
                errors["new_date"] = _("Enter the new date, the new times or the new room.")
            if bool(self.new_start_time) != bool(self.new_end_time):
                errors["new_end_time"] = _("Enter both the new start and the new end.")
            elif self.new_start_time and self.new_end_time <= self.new_start_time:
                errors["new_end_time"] = _("The end must be after the start (on the same day).")
        if errors:
            raise ValidationError(errors)


class ClosureBase(models.Model):
    """A period in which a centre is closed: summer break, staff training."""

    starts_on = models.DateField(_("closed from"))
    ends_on = models.DateField(_("closed until"))
    reason = models.CharField(
        _("reason"), max_length=255, help_text=_("E.g. “summer break”. Shown to residents.")
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The closure cannot end before it starts.")})

    def days(self):
        day = self.starts_on
        while day <= self.ends_on:
            yield day
            day += dt.timedelta(days=1)


class OccurrenceQuerySet(models.QuerySet):
    def overlapping(self, start, end):
        """Rows that overlap the span [start, end) of aware instants.

        An occurrence never lasts longer than ``Occurrence.LONGEST`` (schedules
        end on the day they start), so the scan of the (…, start) indexes is
        bounded from below too: the cost does not grow with the history kept
        in the store.
        """
        return self.filter(start__lt=end, end__gt=start, start__gt=start - Occurrence.LONGEST)


class Occurrence(models.Model):
    """One dated occurrence of a schedule, stored for range queries.

    Rows are written by the owner's ``refresh_occurrences()`` when the owner is
    saved, published, unpublished or deleted, and extended by the
    ``stadtteil_refresh_occurrences`` command. Cancelled dates stay as rows
    (with their reason) so calendars can say "fällt aus"; they occupy nothing.
    """

    class Kind(models.TextChoices):
        OFFER = "offer", _("Offer")
        CONSULTATION = "consultation", _("Consultation hour")
        ROOM_USE = "room_use", _("Regular room use")
        BOOKING = "booking", _("Booking")
        OPENING = "opening", _("Opening hours")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Takes place")
        CANCELLED = "cancelled", pgettext_lazy("date status", "Cancelled")
        MOVED = "moved", pgettext_lazy("date status", "Moved")

    #: No occurrence lasts longer: every schedule, opening hour and booking
    #: ends on the day it starts.
    LONGEST = dt.timedelta(days=1)

    kind = models.CharField(max_length=16, choices=Kind.choices)
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    source_id = models.PositiveBigIntegerField()
    page = models.ForeignKey(
        PAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The page residents open for it (offer, consultation hour).",
    )
    centre = models.ForeignKey(
        PAGE_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The id of a stadtteil_rooms.Room; a plain id because schedules does not
    # depend on rooms (DESIGN §3). The rooms app deletes rows of deleted rooms.
    room_id = models.PositiveBigIntegerField(null=True, blank=True)
    original_date = models.DateField()
    start = models.DateTimeField()
    end = models.DateTimeField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    title = models.CharField(max_length=255)
    note = models.CharField(max_length=255, blank=True)
    public = models.BooleanField(
        default=True, help_text="False: public calendars show the time as busy, no title."
    )

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["start", "end", "pk"]
        indexes = [
            models.Index(fields=["centre", "start"], name="stadtteil_occ_centre_start"),
            # A centre's opening hours among all its rooms' uses (booking rules).
            models.Index(fields=["centre", "kind", "start"], name="stadtteil_occ_centre_kind"),
            models.Index(fields=["room_id", "start", "end"], name="stadtteil_occ_room_time"),
            models.Index(fields=["page", "start"], name="stadtteil_occ_page_start"),
            models.Index(fields=["start", "end"], name="stadtteil_occ_time"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "original_date"],
                name="stadtteil_occ_one_per_source_and_date",
            )
        ]

    def __str__(self):
        return f"{self.title} {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def occupies(self):
        """Whether it takes up its room (a cancelled date frees it)."""
        return self.status != self.Status.CANCELLED

    @property
    def duration(self):
        return self.end - self.start

    def uid(self, domain):
        """Stable iCal UID: the source row and the date in the series, so a moved
        or cancelled date updates the same event in residents' calendars."""
        model = ContentType.objects.get_for_id(self.source_type_id).model
        return f"{model}-{self.source_id}-{self.original_date:%Y%m%d}@{domain}"
