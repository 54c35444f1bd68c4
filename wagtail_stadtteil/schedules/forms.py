"""Form pieces for schedules in the admin: skipping the dates that clash with
other use of a room.

A form that edits a schedule (an inline row of an offer, a regular room use)
mixes in ``SkipConflictsForm``. Whoever checks the room (``rooms.forms``) calls
``report_conflicts()``; the form then shows the clashing dates (through
``schedules.panels.ConflictPanel``) with a "skip these dates" checkbox. Ticked
and saved, exactly the dates that were shown become exclusions (EXDATEs at
local midnight) and the schedule saves without them.
"""

import datetime as dt
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .dates import local_date, local_zone

#: How many clashing dates are listed before "and N more dates".
MAX_CONFLICT_DATES_LISTED = 10


class SkipConflictsForm(forms.Form):
    """Adds "skip these dates" to a form that edits a schedule."""

    skip_conflicts = forms.BooleanField(
        label=_("Skip these dates"),
        required=False,
        help_text=_("The schedule is saved without the dates listed above."),
    )
    skipped_dates = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts = []

    def clean_skipped_dates(self):
        days = []
        for text in self.cleaned_data.get("skipped_dates", "").split(","):
            try:
                days.append(dt.date.fromisoformat(text.strip()))
            except ValueError:
                continue  # a tampered or empty value skips nothing
        return days

    def dates_to_skip(self):
        """The dates the editor chose to skip (those shown with the checkbox)."""
        if not self.cleaned_data.get("skip_conflicts"):
            return []
        return self.cleaned_data.get("skipped_dates") or []

    def skip_dates(self, schedule):
        """Add the dates to skip to ``schedule``'s recurrence as exclusions."""
        days = self.dates_to_skip()
        if days and schedule.recurrence is not None:
            add_exclusions(schedule.recurrence, days)
        return days

    def report_conflicts(self, conflicts, room_names=None):
        """Show ``conflicts`` (rooms.conflicts.Conflict) on this form."""
        self.conflicts = conflicts
        self.conflict_listing = ConflictListing.build(conflicts, room_names or {})
        count = len(self.conflict_listing.skippable_dates)
        self.add_error(
            None,
            ngettext(
                "The room is already in use on %(count)s date (including the time kept "
                "free before and after each use). Change the schedule or skip the date.",
                "The room is already in use on %(count)s dates (including the time kept "
                "free before and after each use). Change the schedule or skip these dates.",
                count,
            )
            % {"count": count},
        )


def add_exclusions(recurrence, days):
    """Exclude ``days`` from ``recurrence`` (EXDATE at local midnight, the
    way the widget writes them; compared by local date, DESIGN §7)."""
    zone = local_zone()
    known = {local_date(value, zone) for value in recurrence.exdates}
    for day in sorted(set(days) - known):
        recurrence.exdates.append(dt.datetime.combine(day, dt.time.min, tzinfo=zone))


def time_range_text(occurrence):
    """Local "18:30–20:30" of an occurrence or slot."""
    zone = local_zone()
    return f"{occurrence.start.astimezone(zone):%H:%M}–{occurrence.end.astimezone(zone):%H:%M}"


@dataclass
class ConflictListing:
    """Conflicts grouped by date for display: the first dates and how many more."""

    dates: list = field(default_factory=list)  # [(date, [ConflictLine])]
    more: int = 0
    skippable_dates: list = field(default_factory=list)

    @classmethod
    def build(cls, conflicts, room_names):
        by_date = {}
        for conflict in conflicts:
            by_date.setdefault(conflict.date, []).append(ConflictLine.build(conflict, room_names))
        ordered = sorted(by_date.items())
        skippable = sorted({conflict.slot.original_date for conflict in conflicts})
        return cls(
            dates=ordered[:MAX_CONFLICT_DATES_LISTED],
            more=max(0, len(ordered) - MAX_CONFLICT_DATES_LISTED),
            skippable_dates=skippable,
        )

    @property
    def skippable_value(self):
        return ",".join(day.isoformat() for day in self.skippable_dates)


@dataclass
class ConflictLine:
    """One clash on a date: this schedule 18:00–20:00 in the hall, and the
    other use (e.g. "Chorprobe", regular room use, 18:30–20:30)."""

    times: str
    room: str
    other_title: str
    other_kind: str
    other_times: str

    @classmethod
    def build(cls, conflict, room_names):
        other = conflict.occurrence
        return cls(
            times=time_range_text(conflict.slot),
            room=room_names.get(other.room_id, ""),
            other_title=other.title,
            other_kind=other.get_kind_display(),
            other_times=time_range_text(other),
        )
