"""Rooms of a centre and their regular use (Raumbelegung).

Rooms are not translatable: one row per real room, whatever language a page
is shown in (DESIGN §7). Names and descriptions are in the centre's language.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from wagtail_stadtteil.centres.models.schedules import DATE_CHANGE_PANELS
from wagtail_stadtteil.core.fields import ChoiceListField
from wagtail_stadtteil.schedules.building import expand_schedules
from wagtail_stadtteil.schedules.dates import local_today
from wagtail_stadtteil.schedules.models import DateChangeBase, Occurrence, ScheduleBase
from wagtail_stadtteil.schedules.panels import ConflictPanel, ScheduleSummaryPanel
from wagtail_stadtteil.schedules.store import horizon_end, replace_occurrences, source_type

from .forms import RoomForm, RoomUseForm


class Room(index.Indexed, ClusterableModel):
    """A real room of a centre with the facts residents and staff need to
    choose it, and the rules for booking it."""

    class Kind(models.TextChoices):
        GROUP_ROOM = "group_room", _("Group room")
        HALL = "hall", _("Hall")
        COUNSELLING = "counselling", _("Counselling room (confidential)")
        CAFE = "cafe", _("Café")
        KITCHEN = "kitchen", _("Kitchen")
        SPORTS = "sports", _("Sports and movement room")
        OFFICE = "office", _("Office")
        OTHER = "other", _("Other")

    class Equipment(models.TextChoices):
        PROJECTOR = "projector", _("Projector and screen")
        SOUND = "sound", _("Sound system and microphone")
        WIFI = "wifi", _("Wi-Fi")
        KITCHENETTE = "kitchenette", _("Kitchenette")
        DISHES = "dishes", _("Dishes and cutlery")
        PIANO = "piano", _("Piano")
        FLIPCHART = "flipchart", _("Flip chart and pinboards")
        TABLES = "tables", _("Tables and chairs")
        MATS = "mats", _("Exercise mats")
        PLAY = "play", _("Play corner for children")

    centre = models.ForeignKey(
        "stadtteil_centres.CentrePage",
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="rooms",
    )
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        blank=True,
        help_text=_("Part of the room's web address. Filled in from the name when left empty."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.GROUP_ROOM)
    description = models.TextField(_("description"), blank=True)
    location_in_building = models.CharField(_("where in the building"), max_length=255, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("capacity (people)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    area_m2 = models.DecimalField(
        _("area in m²"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    step_free = models.BooleanField(_("step-free"), null=True, blank=True, default=None)
    accessible_wc = models.BooleanField(
        _("accessible toilet nearby"), null=True, blank=True, default=None
    )
    hearing_loop = models.BooleanField(_("hearing loop"), null=True, blank=True, default=None)
    equipment = ChoiceListField(_("equipment"), list_choices=Equipment.choices)
    publicly_bookable = models.BooleanField(
        _("residents may request it"),
        default=False,
        help_text=_("Show a booking form for this room on the website."),
    )
    buffer_before = models.PositiveSmallIntegerField(
        _("buffer before (minutes)"),
        default=0,
        help_text=_("Time kept free before each use, e.g. to set up."),
    )
    buffer_after = models.PositiveSmallIntegerField(
        _("buffer after (minutes)"),
        default=0,
        help_text=_("Time kept free after each use, e.g. to tidy up."),
    )
    min_duration = models.PositiveSmallIntegerField(
        _("shortest booking (minutes)"), default=60, validators=[MinValueValidator(15)]
    )
    max_duration = models.PositiveSmallIntegerField(
        _("longest booking (minutes)"), default=480, validators=[MinValueValidator(15)]
    )
    min_notice_hours = models.PositiveSmallIntegerField(_("minimum notice (hours)"), default=48)
    max_advance_days = models.PositiveSmallIntegerField(
        _("bookable up to (days ahead)"), default=180, validators=[MinValueValidator(1)]
    )
    start_interval = models.PositiveSmallIntegerField(
        _("start times every (minutes)"), default=30, validators=[MinValueValidator(5)]
    )
    confirms_instantly = models.BooleanField(
        _("confirm requests instantly"),
        default=False,
        help_text=_(
            "A request that keeps every booking rule is confirmed at once, without a staff "
            "decision."
        ),
    )
    bookable_from = models.TimeField(
        _("bookable from"),
        null=True,
        blank=True,
        help_text=_("Earliest start on any day. Empty: from the centre's opening."),
    )
    bookable_until = models.TimeField(
        _("bookable until"),
        null=True,
        blank=True,
        help_text=_("Latest end on any day. Empty: until the centre closes."),
    )
    outside_opening_hours = models.BooleanField(
        _("bookable outside the opening hours"),
        default=False,
        help_text=_(
            "For groups that open and close the house themselves (self-managed use). "
            "Bookings must still keep the bookable hours above."
        ),
    )

    base_form_class = RoomForm  # centres the user manages; fixed once saved
    panels = [
        FieldPanel("centre"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("location_in_building")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("area_m2")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("step_free"),
                        FieldPanel("accessible_wc"),
                        FieldPanel("hearing_loop"),
                    ]
                )
            ],
            heading=_("Accessibility"),
        ),
        FieldPanel("equipment"),
        InlinePanel("photos", heading=_("Photos"), label=_("Photo")),
        MultiFieldPanel(
            [
                FieldPanel("publicly_bookable"),
                FieldRowPanel([FieldPanel("buffer_before"), FieldPanel("buffer_after")]),
                FieldRowPanel(
                    [
                        FieldPanel("min_duration"),
                        FieldPanel("max_duration"),
                        FieldPanel("start_interval"),
                    ]
                ),
                FieldRowPanel([FieldPanel("min_notice_hours"), FieldPanel("max_advance_days")]),
                FieldRowPanel([FieldPanel("bookable_from"), FieldPanel("bookable_until")]),
                FieldRowPanel(
                    [FieldPanel("outside_opening_hours"), FieldPanel("confirms_instantly")]
                ),
            ],
            heading=_("Booking rules"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("centre"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "slug"], name="stadtteil_room_unique_slug")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:255]
        errors = {}
        if not self.slug:
            errors["slug"] = _("Enter a slug: no web address can be made from this name.")
        elif self.centre_id and (
            Room.objects.filter(centre_id=self.centre_id, slug=self.slug)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["slug"] = _("Another room of this centre already uses this slug.")
        if self.min_duration and self.max_duration and self.max_duration < self.min_duration:
            errors["max_duration"] = _("The longest booking cannot be shorter than the shortest.")
        if self.bookable_from and self.bookable_until and self.bookable_until <= self.bookable_from:
            errors["bookable_until"] = _("The latest end must be after the earliest start.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:255]
        super().save(*args, **kwargs)

    def get_equipment_display(self):
        labels = dict(self.Equipment.choices)
        return [labels[code] for code in self.equipment or [] if code in labels]

    def occurrences(self):
        """Rows of the occurrence store that take place in this room."""
        return Occurrence.objects.filter(room_id=self.pk)


class RoomPhoto(Orderable):
    room = ParentalKey(Room, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class RoomUse(ScheduleBase, ClusterableModel):
    """Regular use of a room by a group (Raumbelegung), e.g. the choir every
    Tuesday 18–20, which is not an offer page of its own."""

    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.CASCADE, related_name="regular_uses"
    )
    title = models.CharField(_("title"), max_length=255, help_text=_("E.g. “Choir rehearsal”."))
    group = models.ForeignKey(
        "stadtteil_core.Partner",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    self_managed = models.BooleanField(
        _("self-managed"),
        default=False,
        help_text=_("The group opens and closes the house itself."),
    )
    public = models.BooleanField(
        _("show the title publicly"),
        default=True,
        help_text=_(
            "Otherwise public calendars show the time as busy only, e.g. for self-help groups."
        ),
    )

    panels = [
        ScheduleSummaryPanel(),
        FieldRowPanel([FieldPanel("room"), FieldPanel("title")]),
        ConflictPanel(),
        FieldPanel("group"),
        FieldPanel("recurrence"),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("pauses_on_closures"),
        FieldRowPanel([FieldPanel("self_managed"), FieldPanel("public")]),
        FieldPanel("note"),
        InlinePanel(
            "date_changes",
            heading=_("Changes to single dates"),
            label=pgettext_lazy("date change", "Change"),
        ),
    ]
    base_form_class = RoomUseForm  # refuses clashes unless the editor skips those dates

    class Meta:
        verbose_name = _("regular room use")
        verbose_name_plural = _("regular room uses")
        ordering = ["room", "start_time"]

    def __str__(self):
        return f"{self.title} ({self.room})"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.refresh_occurrences()

    @classmethod
    def occurrence_owners(cls, centre=None):
        owners = cls.objects.select_related("room__centre")
        return owners.filter(room__centre=centre) if centre is not None else owners

    def refresh_occurrences(self, first=None):
        """Rewrite this use's rows in the store from ``first`` (default today)."""
        first = first or local_today()
        centre = self.room.centre
        last = horizon_end()
        changes = {change.original_date: change for change in self.date_changes.all()}
        slots = expand_schedules([self], first, last, changes, centre.paused_dates(first, last))
        kind = source_type(self)
        rows = [
            Occurrence(
                kind=Occurrence.Kind.ROOM_USE,
                source_type=kind,
                source_id=self.pk,
                centre_id=centre.pk,
                room_id=slot.room_id,
                original_date=slot.original_date,
                start=slot.start,
                end=slot.end,
                status=slot.status,
                title=self.title,
                note=slot.note,
                public=self.public,
            )
            for slot in slots
        ]
        owned = Occurrence.objects.filter(source_type=kind, source_id=self.pk)
        return replace_occurrences(owned, rows, first)


class RoomUseDateChange(DateChangeBase, Orderable):
    use = ParentalKey(RoomUse, on_delete=models.CASCADE, related_name="date_changes")
    new_room = models.ForeignKey(
        Room,
        verbose_name=_("new room"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = DATE_CHANGE_PANELS

    class Meta(Orderable.Meta):
        verbose_name = _("change to a single date")
        verbose_name_plural = _("changes to single dates")
