"""Admin forms of the rooms app, and the room check that every form editing a
schedule with a room runs (offer and consultation hour pages, regular room use).
"""

from django import forms
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from wagtail_stadtteil.centres.permissions import in_managed_centres
from wagtail_stadtteil.schedules.dates import local_today
from wagtail_stadtteil.schedules.forms import SkipConflictsForm, time_range_text
from wagtail_stadtteil.schedules.models import Occurrence
from wagtail_stadtteil.schedules.store import horizon_end, source_type

from .conflicts import excluding_source, find_schedule_conflicts


def report_room_conflicts(schedule_forms, change_forms=(), *, centre=None, exclude=None):
    """Check the schedules of valid, not deleted ``schedule_forms``
    (SkipConflictsForm with a ScheduleBase ``instance``) for clashes with other
    use of their rooms, with the date changes of ``change_forms`` applied.

    Dates the editor chose to skip are excluded first. Remaining clashes are
    shown as errors: on the schedule's form, or on the change's form when a
    moved date clashes. Returns whether there were any.
    """
    from .models import Room  # models.py imports this module for RoomUse's form

    schedules = []
    for form in schedule_forms:
        form.skip_dates(form.instance)
        schedules.append(form.instance)
    changes = {form.instance.original_date: form for form in change_forms}

    room_ids = {schedule.room_id for schedule in schedules if schedule.room_id}
    room_ids.update(form.instance.new_room_id for form in change_forms if form.instance.new_room_id)
    if not room_ids:
        return False
    rooms = Room.objects.in_bulk(room_ids)
    paused = {}
    if centre is not None:
        paused = centre.paused_dates(local_today(), horizon_end())
    conflicts = find_schedule_conflicts(
        schedules,
        rooms,
        exclude=exclude,
        changes={day: form.instance for day, form in changes.items()},
        paused=paused,
    )
    if not conflicts:
        return False

    room_names = {pk: room.name for pk, room in rooms.items()}
    for form in schedule_forms:
        own = [
            conflict
            for conflict in conflicts
            if conflict.slot.schedule is form.instance
            and conflict.slot.status != Occurrence.Status.MOVED
        ]
        if own:
            form.report_conflicts(own, room_names)
    for day, form in changes.items():
        moved = [
            conflict
            for conflict in conflicts
            if conflict.slot.status == Occurrence.Status.MOVED
            and conflict.slot.original_date == day
        ]
        if moved:
            form.add_error(None, moved_date_conflict_message(moved, room_names))
    return True


def moved_date_conflict_message(conflicts, room_names):
    others = "; ".join(
        f"{conflict.occurrence.title} ({time_range_text(conflict.occurrence)})"
        for conflict in conflicts
    )
    room = room_names.get(conflicts[0].occurrence.room_id, "")
    return gettext("On the new date, %(room)s is already in use: %(uses)s.") % {
        "room": room,
        "uses": others,
    }


def is_live_form(formset, form):
    """A row that is valid and not marked for deletion."""
    return form.is_valid() and not formset._should_delete_form(form)


def managed(queryset, user, centre_field):
    """``queryset`` limited to the user's centres; unlimited for forms built
    without a user (the shell, the demo)."""
    return queryset if user is None else in_managed_centres(queryset, user, centre_field)


class RoomChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.centre.title})"  # many centres have a "Saal"


STAYS_WITH_CENTRE = gettext_lazy(
    "A room stays with its centre. To use it elsewhere, create it at the other centre."
)


class RoomForm(WagtailAdminModelForm):
    """A room of a centre the user manages. Its centre is fixed once it
    exists: bookings and schedules of that centre refer to it. Photos come
    from the image collections the user may choose from."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        photos = self.formsets.get("photos")
        if photos is not None and self.for_user is not None:
            images = policy_registry.get_by_type(get_image_model())
            choosable = images.instances_user_has_any_permission_for(self.for_user, ["choose"])
            photos.form = limit_choices(photos.form, "image", choosable)
        field = self.fields.get("centre")
        if field is None:
            return
        # A plain list of the centres the user manages, not a chooser of the
        # whole page tree (the queryset setters below fill in its choices).
        field.widget = forms.Select()
        if self.instance.pk:
            field.queryset = field.queryset.filter(pk=self.instance.centre_id)
            field.disabled = True  # a forged value is ignored
            field.help_text = STAYS_WITH_CENTRE
        else:
            field.queryset = managed(field.queryset.order_by("title"), self.for_user, "pk")
            if field.queryset.count() == 1:
                field.initial = field.queryset.get().pk


class RoomUseForm(SkipConflictsForm, WagtailAdminModelForm):
    """The admin form of a regular room use, in a room of a centre the user
    manages (once saved: of the same centre). Refuses clashes with other use
    of the room unless the editor skips those dates."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("room")
        if field is None:
            return
        rooms = field.queryset.select_related("centre").order_by("centre__title", "name")
        if self.instance.pk and self.instance.room_id:
            rooms = rooms.filter(centre_id=self.instance.room.centre_id)
        else:
            rooms = managed(rooms, self.for_user, "centre")
        self.fields["room"] = RoomChoiceField(
            queryset=rooms,
            label=field.label,
            help_text=field.help_text,
            widget=field.widget,
            empty_label=field.empty_label,
        )
        formset = self.formsets.get("date_changes")
        if formset is not None:
            # Rows (and the template of new rows) are built lazily, from this class.
            formset.form = limit_choices(formset.form, "new_room", rooms)

    def clean(self):
        cleaned_data = super().clean()
        room = cleaned_data.get("room")
        formset = self.formsets.get("date_changes")
        if room is not None and formset is not None:
            for form in formset.forms:
                new_room = form.cleaned_data.get("new_room") if form.is_valid() else None
                if new_room is not None and new_room.centre_id != room.centre_id:
                    form.add_error("new_room", gettext("Choose a room of the same centre."))
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the submitted values
        if self.errors:
            return
        formset = self.formsets.get("date_changes")
        change_forms = []
        if formset is not None:
            if not formset.is_valid():
                return
            change_forms = [form for form in formset.forms if is_live_form(formset, form)]
        centre = self.instance.room.centre if self.instance.room_id else None
        report_room_conflicts(
            [self],
            change_forms,
            centre=centre,
            exclude=excluding_source(_room_use_type(), self.instance.pk)
            if self.instance.pk
            else None,
        )


def limit_choices(form_class, field_name, queryset):
    """``form_class`` (an inline row) whose ``field_name`` offers only
    ``queryset``. Set on a formset before its rows are built."""

    class LimitedForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if field_name in self.fields:
                self.fields[field_name].queryset = queryset

    return LimitedForm


def _room_use_type():
    from .models import RoomUse

    return source_type(RoomUse)
