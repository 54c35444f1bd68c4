"""Admin forms of the rooms app, and the room check that every form editing a
schedule with a room runs (offer and consultation hour pages, regular room use).
"""

from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminModelForm

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


class RoomUseForm(SkipConflictsForm, WagtailAdminModelForm):
    """The admin form of a regular room use: refuses clashes with other use of
    the room unless the editor skips those dates."""

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


def _room_use_type():
    from .models import RoomUse

    return source_type(RoomUse)
