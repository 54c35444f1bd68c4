"""Booking requests for rooms (Raumanfragen), their dates, fee tables and the
mail outbox.

Nothing here is translatable (DESIGN §7): one row per real request. A request
has one or more dates (a weekly series is one request); each date carries its
room and blocked time (with the room's buffers) so that PostgreSQL can refuse
overlapping confirmed dates by an exclusion constraint (migration 0002).
"""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable
from wagtail.search import index

from wagtail_stadtteil.schedules.dates import local_date
from wagtail_stadtteil.schedules.models import Occurrence
from wagtail_stadtteil.schedules.store import replace_occurrences, source_type


class RequesterKind(models.TextChoices):
    """Who asks for the room (seed 000: the fee depends on it)."""

    NONPROFIT = "nonprofit", _("Non-profit local club or initiative")
    PUBLIC_BODY = "public_body", _("Public body")
    PRIVATE = "private", _("Private person")
    VOLUNTEER = "volunteer", _("Volunteer of the house (private party)")
    COMMERCIAL = "commercial", _("Commercial or profit-making event")


class RoomFee(Orderable):
    """What one kind of requester pays for a room, and whether they may ask
    at all. A kind without a row follows ``WAGTAIL_STADTTEIL["BOOKING"]["FEES"]``."""

    room = ParentalKey("stadtteil_rooms.Room", on_delete=models.CASCADE, related_name="fees")
    requester_kind = models.CharField(_("who books"), max_length=16, choices=RequesterKind.choices)
    allowed = models.BooleanField(_("may request this room"), default=True)
    hourly_rate = models.DecimalField(
        _("per started hour (€)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    daily_rate = models.DecimalField(
        _("flat rate per day (€)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("With an hourly rate too, a day never costs more than this."),
    )
    note = models.CharField(
        _("note shown with the fee"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “plus cleaning flat rate of 30 €”."),
    )

    panels = [
        FieldRowPanel([FieldPanel("requester_kind"), FieldPanel("allowed")]),
        FieldRowPanel([FieldPanel("hourly_rate"), FieldPanel("daily_rate")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
        constraints = [
            models.UniqueConstraint(
                fields=["room", "requester_kind"], name="stadtteil_fee_one_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.room}: {self.get_requester_kind_display()}"


def new_reference():
    """A short reference residents can read out on the phone: no 0/O, 1/I/L."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    code = "".join(secrets.choice(alphabet) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


class BookingRequest(index.Indexed, models.Model):
    """A request for a room on one or more dates, and the staff's decision."""

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("booking status", "Requested")
        CONFIRMED = "confirmed", pgettext_lazy("booking status", "Confirmed")
        DECLINED = "declined", pgettext_lazy("booking status", "Declined")
        CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")
        EXPIRED = "expired", pgettext_lazy("booking status", "Expired")

    class Source(models.TextChoices):
        WEBSITE = "website", _("Website form")
        STAFF = "staff", _("Entered by staff")
        IMPORT = "import", _("Import")

    #: States whose dates may still take place.
    OPEN_STATES = (Status.REQUESTED, Status.CONFIRMED)
    #: Allowed state changes (DESIGN: the workflow of issue 4).
    TRANSITIONS = {
        Status.REQUESTED: {Status.CONFIRMED, Status.DECLINED, Status.CANCELLED, Status.EXPIRED},
        Status.CONFIRMED: {Status.CANCELLED},
    }

    reference = models.CharField(
        _("reference number"), max_length=16, unique=True, default=new_reference, editable=False
    )
    room = models.ForeignKey(
        "stadtteil_rooms.Room",
        verbose_name=_("room"),
        on_delete=models.PROTECT,
        related_name="booking_requests",
    )
    # The room's centre, kept for scoping and filtering by centre.
    centre = models.ForeignKey(
        "stadtteil_centres.CentrePage",
        verbose_name=_("centre"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    source = models.CharField(
        _("received through"), max_length=16, choices=Source.choices, default=Source.WEBSITE
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    first_start = models.DateTimeField(_("first date"), null=True, editable=False)
    last_end = models.DateTimeField(_("last date ends"), null=True, editable=False)

    # What and who
    purpose = models.CharField(_("purpose"), max_length=500)
    attendees = models.PositiveIntegerField(
        _("expected attendees"), validators=[MinValueValidator(1)]
    )
    requester_kind = models.CharField(_("who books"), max_length=16, choices=RequesterKind.choices)
    volunteer_confirmed = models.BooleanField(
        _("volunteers in the house for more than a year"), default=False
    )
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=255)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    message = models.TextField(_("message to the centre"), blank=True)
    language = models.CharField(
        _("language"), max_length=16, default="de", help_text=_("Language for mails.")
    )
    consent_at = models.DateTimeField(
        _("accepted the house rules, read the privacy notice"), null=True
    )

    # Fee, as quoted when the request was made
    fee = models.DecimalField(
        _("expected fee (€)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    fee_note = models.CharField(_("how the fee was calculated"), max_length=500, blank=True)

    # Decision
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_message = models.TextField(_("message to the requester"), blank=True)
    staff_note = models.TextField(
        _("internal note"), blank=True, help_text=_("Only staff see this.")
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    search_fields = [
        index.SearchField("reference"),
        index.AutocompleteField("reference"),  # staff type the start of a reference
        index.SearchField("purpose"),
        index.SearchField("organisation"),
        index.SearchField("contact_name"),
        index.SearchField("email"),
        index.FilterField("centre"),
        index.FilterField("room"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("booking request")
        verbose_name_plural = _("booking requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["centre", "status", "first_start"], name="stadtteil_bkg_inbox"),
            models.Index(fields=["email", "status"], name="stadtteil_bkg_email"),
            models.Index(fields=["status", "last_end"], name="stadtteil_bkg_status_end"),
        ]

    def __str__(self):
        return f"{self.reference} – {self.room}"

    @property
    def is_open(self):
        return self.status in self.OPEN_STATES

    def can_become(self, status):
        return status in self.TRANSITIONS.get(self.status, set())

    @property
    def requester_label(self):
        return self.organisation or self.contact_name

    def update_span(self):
        """Keep ``first_start``/``last_end`` (for listing and retention) right."""
        span = self.dates.aggregate(first=models.Min("start"), last=models.Max("end"))
        self.first_start, self.last_end = span["first"], span["last"]

    # The occurrence store ---------------------------------------------------

    @classmethod
    def occurrence_owners(cls, centre=None):
        owners = cls.objects.filter(status=cls.Status.CONFIRMED)
        return owners.filter(centre=centre) if centre is not None else owners

    def occurrence_title(self):
        return f"{self.reference}: {self.purpose}"[:255]

    def refresh_occurrences(self, first=None):
        """Write the active dates of this request into the store (and remove
        the rest): a confirmed booking occupies its room, a cancelled one
        frees it at once."""
        kind = source_type(self)
        rows = [
            Occurrence(
                kind=Occurrence.Kind.BOOKING,
                source_type=kind,
                source_id=self.pk,
                centre_id=self.centre_id,
                room_id=date.room_id,
                original_date=local_date(date.start),
                start=date.start,
                end=date.end,
                status=Occurrence.Status.SCHEDULED,
                title=self.occurrence_title(),
                note="",
                public=False,  # public calendars say "busy", never who or why
            )
            for date in self.dates.filter(active=True)
            if first is None or local_date(date.start) >= first
        ]
        owned = Occurrence.objects.filter(source_type=kind, source_id=self.pk)
        return replace_occurrences(owned, rows, first)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            Occurrence.objects.filter(source_type=source_type(self), source_id=self.pk).delete()
            return super().delete(*args, **kwargs)


class BookingDate(models.Model):
    """One date of a request. ``blocked_from``/``blocked_until`` include the
    room's buffers; ``active`` is true exactly while the request is confirmed,
    and only active dates are held apart by the database."""

    request = models.ForeignKey(BookingRequest, on_delete=models.CASCADE, related_name="dates")
    room = models.ForeignKey(
        "stadtteil_rooms.Room", on_delete=models.PROTECT, related_name="booking_dates"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    blocked_from = models.DateTimeField()
    blocked_until = models.DateTimeField()
    active = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("booked date")
        verbose_name_plural = _("booked dates")
        ordering = ["start"]
        indexes = [
            models.Index(
                fields=["room", "blocked_from", "blocked_until"], name="stadtteil_bkgdate_room"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="stadtteil_bkgdate_order"
            ),
        ]

    def __str__(self):
        return f"{self.request.reference} {self.start:%Y-%m-%d %H:%M}"

    @property
    def date(self):
        return local_date(self.start)


class Notification(models.Model):
    """A mail to send (the outbox): saved with the request, sent by a task, and
    retried by ``stadtteil_booking_housekeeping`` when the mail server failed."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Receipt to the requester")
        NEW_REQUEST = "new_request", _("New request to the centre's staff")
        DECISION = "decision", _("Decision to the requester")
        CANCELLED = "cancelled", _("Cancellation to the centre's staff")
        REMINDER = "reminder", _("Reminder to the requester")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    request = models.ForeignKey(
        BookingRequest, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    recipient = models.CharField(_("recipient"), max_length=500)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="stadtteil_ntf_outbox")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.request.reference})"
