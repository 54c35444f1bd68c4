"""Spreadsheet columns of rooms and their regular use (see ``core.importing``).

A room is identified by its centre and slug; a regular use by its centre,
room and title (a group's regular use of a room is named by its title). A
centre editor reads and writes only the rooms of the centres they manage;
the command line (no user) all of them. A regular use is checked against
the room's other use exactly as the admin form checks it: a clash makes the
row invalid, with the dates and what it clashes with.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export import widgets

from wagtail_stadtteil.centres.models import CentrePage
from wagtail_stadtteil.centres.permissions import (
    in_managed_centres,
    is_active_user,
    managed_centre_ids,
    manages_centre,
)
from wagtail_stadtteil.core.importing import (
    ChoiceListWidget,
    ChoiceWidget,
    DateWidget,
    NumberWidget,
    RuleWidget,
    StadtteilResource,
    TimeWidget,
    YesNoWidget,
    column,
    text,
)
from wagtail_stadtteil.core.models import Partner
from wagtail_stadtteil.core.resources import default_locale_id, snippet_by_slug
from wagtail_stadtteil.schedules.dates import local_today
from wagtail_stadtteil.schedules.forms import ConflictListing
from wagtail_stadtteil.schedules.store import horizon_end, source_type

from .conflicts import excluding_source, find_schedule_conflicts
from .models import Room, RoomUse

# ---------------------------------------------------------------------------
# Centres and rooms by slug, within the resource's scope


class CentreWidget(widgets.Widget):
    """A centre by its page slug (the site's default language). On import it
    must be a centre the resource's user manages and, if the resource is
    limited to one centre, that centre. ``resource`` is set per resource."""

    resource = None

    def clean(self, value, row=None, **kwargs):
        value = text(value)
        if not value:
            raise ValueError(gettext("Enter the centre's slug."))
        return self.resource.centre_by_slug(value)

    def render(self, value, obj=None, **kwargs):
        return getattr(value, "slug", "") or ""


class RoomWidget(widgets.Widget):
    """A room by its slug within the row's centre."""

    resource = None

    def clean(self, value, row=None, **kwargs):
        value = text(value)
        if not value:
            raise ValueError(gettext("Enter the room's slug."))
        return self.resource.room_by_slug(value, row or {})

    def render(self, value, obj=None, **kwargs):
        return getattr(value, "slug", "") or ""


def scope_centre_key(centre):
    """The translation key of a resource's ``centre`` (a page or its id)."""
    if centre is None:
        return None
    if not hasattr(centre, "translation_key"):
        centre = CentrePage.objects.get(pk=centre)
    return centre.translation_key


class CentreScopedResource(StadtteilResource):
    """Rows that belong to a centre (``centre_lookup`` from the model)."""

    centre_lookup = "centre"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._centres = {}  # slug → CentrePage or the message why not
        for field in self.fields.values():
            if isinstance(field.widget, CentreWidget | RoomWidget):
                field.widget.resource = self

    def scope(self, queryset):
        if self.user is not None:
            if not is_active_user(self.user):
                return queryset.none()
            queryset = in_managed_centres(queryset, self.user, f"{self.centre_lookup}_id")
        key = scope_centre_key(self.centre)
        if key is not None:
            queryset = queryset.filter(**{f"{self.centre_lookup}__translation_key": key})
        return queryset

    def may_import(self):
        """Anyone on the command line; in the admin, staff who manage a centre."""
        if self.user is None:
            return True
        return is_active_user(self.user) and (
            self.user.is_superuser or bool(managed_centre_ids(self.user))
        )

    def centre_by_slug(self, slug):
        """The centre page with ``slug`` that this import may write to, or
        ValueError saying why not."""
        key = slug.casefold()
        if key not in self._centres:
            self._centres[key] = self._find_centre(slug)
        found = self._centres[key]
        if isinstance(found, str):
            raise ValueError(found)
        return found

    def _find_centre(self, slug):
        centres = list(
            CentrePage.objects.filter(slug__iexact=slug, locale_id=default_locale_id())[:2]
        )
        if self.user is not None and (
            len(centres) != 1 or not manages_centre(self.user, centres[0])
        ):
            # One answer for "no such centre" and "not yours": nothing about
            # other centres (not even that one exists) leaks through an import.
            return gettext("No centre with the slug “%(value)s” that you manage.") % {"value": slug}
        if len(centres) != 1:
            return gettext("No centre with the slug “%(value)s”.") % {"value": slug}
        centre = centres[0]
        key = scope_centre_key(self.centre)
        if key is not None and centre.translation_key != key:
            return gettext("This import is for one centre only; this row names another.")
        return centre


# ---------------------------------------------------------------------------
# Rooms


def room_default(name):
    return Room._meta.get_field(name).default


class RoomResource(CentreScopedResource):
    """Rooms of the centres in scope, identified by centre and slug. An empty
    slug is made from the name, as the admin does. A room stays with its
    centre: a row naming another centre is another room."""

    title_columns = ("centre", "name")
    derived_identifiers = {"slug": "name"}

    centre = column("centre", CentreWidget())
    slug = column("slug")
    name = column("name")
    kind = column("kind", ChoiceWidget(Room.Kind.choices, blank=room_default("kind")))
    description = column("description")
    location_in_building = column("location_in_building")
    capacity = column("capacity", NumberWidget())
    area_m2 = column("area_m2", NumberWidget(decimal=True))
    step_free = column("step_free", YesNoWidget(nullable=True))
    accessible_wc = column("accessible_wc", YesNoWidget(nullable=True))
    hearing_loop = column("hearing_loop", YesNoWidget(nullable=True))
    equipment = column("equipment", ChoiceListWidget(Room.Equipment.choices))
    publicly_bookable = column("publicly_bookable", YesNoWidget())
    buffer_before = column("buffer_before", NumberWidget(), default=room_default("buffer_before"))
    buffer_after = column("buffer_after", NumberWidget(), default=room_default("buffer_after"))
    min_duration = column("min_duration", NumberWidget(), default=room_default("min_duration"))
    max_duration = column("max_duration", NumberWidget(), default=room_default("max_duration"))
    min_notice_hours = column(
        "min_notice_hours", NumberWidget(), default=room_default("min_notice_hours")
    )
    max_advance_days = column(
        "max_advance_days", NumberWidget(), default=room_default("max_advance_days")
    )
    start_interval = column(
        "start_interval", NumberWidget(), default=room_default("start_interval")
    )
    confirms_instantly = column("confirms_instantly", YesNoWidget())
    bookable_from = column("bookable_from", TimeWidget())
    bookable_until = column("bookable_until", TimeWidget())
    outside_opening_hours = column("outside_opening_hours", YesNoWidget())

    class Meta(StadtteilResource.Meta):
        model = Room
        import_id_fields = ["centre", "slug"]
        fields = (
            "centre",
            "slug",
            "name",
            "kind",
            "description",
            "location_in_building",
            "capacity",
            "area_m2",
            "step_free",
            "accessible_wc",
            "hearing_loop",
            "equipment",
            "publicly_bookable",
            "buffer_before",
            "buffer_after",
            "min_duration",
            "max_duration",
            "min_notice_hours",
            "max_advance_days",
            "start_interval",
            "confirms_instantly",
            "bookable_from",
            "bookable_until",
            "outside_opening_hours",
        )

    def get_queryset(self):
        return super().get_queryset().order_by("centre__title", "name")

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset, **kwargs).select_related("centre")


# ---------------------------------------------------------------------------
# Regular room use


def room_use_conflicts(use):
    """The clashes of regular room use ``use`` (saved or not) with other use
    of its room from today to the store's horizon: the check the admin form
    makes (``rooms.forms.RoomUseForm``), with the use's own dates, its
    changes to single dates and its centre's closures and holidays."""
    changes = {}
    room_ids = {use.room_id}
    if use.pk:
        changes = {change.original_date: change for change in use.date_changes.all()}
        room_ids.update(change.new_room_id for change in changes.values() if change.new_room_id)
    rooms = Room.objects.select_related("centre").in_bulk(room_ids)
    paused = use.room.centre.paused_dates(local_today(), horizon_end())
    return find_schedule_conflicts(
        [use],
        rooms,
        exclude=excluding_source(source_type(RoomUse), use.pk) if use.pk else None,
        changes=changes,
        paused=paused,
    )


def conflict_message(conflicts):
    """The clashes as one message: the first dates with what the room is used
    for then, and how many more."""
    listing = ConflictListing.build(conflicts, {})
    count = len(listing.skippable_dates)
    lines = []
    for day, clashes in listing.dates:
        uses = "; ".join(
            gettext("%(title)s (%(kind)s, %(times)s)")
            % {"title": line.other_title, "kind": line.other_kind, "times": line.other_times}
            for line in clashes
        )
        lines.append(f"{day.isoformat()} {clashes[0].times}: {uses}")
    if listing.more:
        lines.append(
            ngettext("and %(count)s more date", "and %(count)s more dates", listing.more)
            % {"count": listing.more}
        )
    return ngettext(
        "The room is already in use on %(count)s date (including the time kept free "
        "before and after each use): %(dates)s.",
        "The room is already in use on %(count)s dates (including the time kept free "
        "before and after each use): %(dates)s.",
        count,
    ) % {"count": count, "dates": "; ".join(lines)}


class RoomUseResource(CentreScopedResource):
    """Regular use of the rooms of the centres in scope (Raumbelegung),
    identified by centre, room and title. The dates are a recurrence in
    RFC 5545 form (``RRULE:FREQ=WEEKLY;BYDAY=TU``, with ``RDATE``/``EXDATE``
    lines) plus local start and end times. A row whose dates clash with
    other use of the room is refused; a saved row writes its occurrences."""

    title_columns = ("room", "title")
    centre_lookup = "room__centre"

    centre = column(
        "room__centre",
        CentreWidget(),
        label=Room._meta.get_field("centre").verbose_name,
        key="centre",
    )
    room = column("room", RoomWidget())
    title = column("title")
    group = column("group", snippet_by_slug(Partner, _("No partner with the slug “%(value)s”.")))
    rule = column("recurrence", RuleWidget(), label=_("rule"), key="rule")
    start_time = column("start_time", TimeWidget())
    end_time = column("end_time", TimeWidget())
    first_day = column("starts_on", DateWidget(), key="first_day", default=local_today)
    last_day = column("ends_on", DateWidget(), key="last_day")
    pauses_on_closures = column("pauses_on_closures", YesNoWidget(blank=True))
    self_managed = column("self_managed", YesNoWidget())
    public = column("public", YesNoWidget(blank=True))
    note = column("note")

    class Meta(StadtteilResource.Meta):
        model = RoomUse
        import_id_fields = ["centre", "room", "title"]
        fields = (
            "centre",
            "room",
            "title",
            "group",
            "rule",
            "start_time",
            "end_time",
            "first_day",
            "last_day",
            "pauses_on_closures",
            "self_managed",
            "public",
            "note",
        )

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .order_by("room__centre__title", "room__name", "start_time", "title")
        )

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset, **kwargs).select_related("room__centre", "group")

    def room_by_slug(self, slug, row):
        try:
            centre = self.centre_by_slug(text(row.get("centre")))
        except ValueError:
            centre = None
        rooms = list(Room.objects.filter(centre=centre, slug__iexact=slug)[:2]) if centre else []
        if len(rooms) != 1:
            raise ValueError(
                gettext("No room with the slug “%(value)s” at the centre “%(centre)s”.")
                % {"value": slug, "centre": text(row.get("centre"))}
            )
        return rooms[0]

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field is self.fields["centre"]:
            # The centre names the room's centre: checked, never written.
            if field.column_name in row:
                field.clean(row)
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if instance.pk is None and instance.room_id and instance.title:
            # The identifier found no single use: two with this title would
            # leave the import guessing which one the row means.
            count = RoomUse.objects.filter(room_id=instance.room_id, title=instance.title).count()
            if count > 1:
                errors.setdefault("title", []).append(
                    ValidationError(
                        gettext(
                            "This title is ambiguous: the room has %(count)s regular uses "
                            "called so. Give each a title of its own in the admin, then "
                            "import again."
                        )
                        % {"count": count},
                        code="ambiguous",
                    )
                )
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        super().validate_instance(instance, import_validation_errors, validate_unique)
        conflicts = room_use_conflicts(instance)
        if conflicts:
            raise ValidationError(
                {NON_FIELD_ERRORS: [ValidationError(conflict_message(conflicts), code="clash")]}
            )
