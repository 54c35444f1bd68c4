"""How centre pages write the occurrence store."""

from django.db import models, transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField

from wagtail_stadtteil.core.panels import ChildFormInlinePanel
from wagtail_stadtteil.schedules.building import expand_schedules
from wagtail_stadtteil.schedules.dates import local_today
from wagtail_stadtteil.schedules.models import Occurrence
from wagtail_stadtteil.schedules.panels import ScheduleSummaryPanel
from wagtail_stadtteil.schedules.store import horizon_end, replace_occurrences, source_type


def occurrence_writer(page):
    """The pk of the page of ``page``'s translation group that writes the
    group's occurrences, or None when no page of the group is live.

    Schedules are synchronised between translations (wagtail-localize), but a
    room must be occupied once, not once per language: the live page in the
    default locale writes, otherwise the oldest live translation. Exactly one.
    """
    default_first = Case(
        When(locale_id=Locale.get_default().pk, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    group = type(page)._default_manager.filter(translation_key=page.translation_key, live=True)
    return group.order_by(default_first, "pk").values_list("pk", flat=True).first()


def writes_occurrences(page):
    """Whether ``page`` writes its translation group's occurrences."""
    return bool(page.live) and occurrence_writer(page) == page.pk


def refresh_other_translations(page):
    """After ``page`` was published, unpublished or deleted the group's writer
    may have changed: the new writer writes its rows, a former one drops them.
    The other pages are left alone."""
    writer = occurrence_writer(page)
    others = type(page)._default_manager.filter(translation_key=page.translation_key)
    for other in others.exclude(pk=page.pk):
        if (other.pk == writer) != other.owned_occurrences().exists():
            other.refresh_occurrences()


def saves_live_state(update_fields):
    """Whether a ``save(update_fields=…)`` can change what is published.

    Saving a draft revision only touches revision fields; publishing,
    unpublishing and plain saves touch the page and its child rows.
    """
    return update_fields is None or "live" in update_fields


class ScheduledPageBehaviour(models.Model):
    """A page whose dates (``schedules``, ``date_changes``) are written to the
    occurrence store whenever it is published, unpublished or saved; deleting
    the page deletes its rows (foreign key cascade)."""

    occurrence_kind = None  # set by the concrete page type

    schedule_panels = [
        ScheduleSummaryPanel("schedules"),
        # Rows use the child models' forms: rooms of the centre, "skip these dates".
        ChildFormInlinePanel("schedules", heading=_("Dates"), label=_("Date or series")),
        ChildFormInlinePanel(
            "date_changes",
            heading=_("Changes to single dates"),
            label=pgettext_lazy("date change", "Change"),
            help_text=_("Cancel or move one date of a series; residents see the reason."),
        ),
    ]

    # Dates and rooms are facts: a translation shows the source's dates, and
    # only one page of the group writes them (writes_occurrences).
    schedule_translatable_fields = [
        SynchronizedField("schedules", overridable=False),
        SynchronizedField("date_changes", overridable=False),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with transaction.atomic():
            result = super().save(*args, **kwargs)
            if saves_live_state(kwargs.get("update_fields")):
                self.refresh_occurrences()
                refresh_other_translations(self)
        return result

    @classmethod
    def occurrence_owners(cls, centre=None):
        owners = cls._default_manager.select_related("centre")
        return owners.filter(centre=centre) if centre is not None else owners

    def refresh_occurrences(self, first=None):
        """Rewrite this page's rows from ``first`` (default: today) to the
        horizon. A page that is not live (or whose translation in the default
        locale writes for it) keeps no rows at all, not even past ones."""
        first = first or local_today()
        rows = []
        writes = bool(self.live and self.centre_id and writes_occurrences(self))
        if writes:
            last = horizon_end()
            changes = {change.original_date: change for change in self.date_changes.all()}
            paused = self.centre.paused_dates(first, last)
            schedule_type = source_type(self.schedules.model)
            rows = [
                Occurrence(
                    kind=self.occurrence_kind,
                    source_type=schedule_type,
                    source_id=slot.schedule.pk,
                    page_id=self.pk,
                    centre_id=self.centre_id,
                    room_id=slot.room_id,
                    original_date=slot.original_date,
                    start=slot.start,
                    end=slot.end,
                    status=slot.status,
                    title=self.title,
                    note=slot.note,
                )
                for slot in expand_schedules(self.schedules.all(), first, last, changes, paused)
            ]
        return replace_occurrences(self.owned_occurrences(), rows, first if writes else None)

    def owned_occurrences(self):
        """The rows this page wrote (none unless it writes its group's)."""
        return Occurrence.objects.filter(page_id=self.pk)

    def upcoming_occurrences(self, limit=10):
        """The next dates (including cancelled ones, which residents should see)."""
        from django.utils import timezone

        return Occurrence.objects.filter(
            page__translation_key=self.translation_key, end__gte=timezone.now()
        ).order_by("start")[:limit]
