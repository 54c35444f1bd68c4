"""Read-only admin panels for schedules: what a schedule means in words with
its next dates, and the dates on which it clashes with other use of a room."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .dates import local_zone
from .models import Occurrence
from .summary import describe


class ScheduleSummaryPanel(Panel):
    """Each saved schedule in plain language ("every Tuesday, 18:00–20:00, not
    on public holidays") and its next dates from the occurrence store,
    cancelled and moved ones marked.

    ``relation_name`` names the schedules of the edited object (``"schedules"``
    of an offer page); without it the edited object is the schedule itself (a
    regular room use).
    """

    def __init__(self, relation_name=None, limit=5, **kwargs):
        kwargs.setdefault("heading", _("Overview of the dates"))
        super().__init__(**kwargs)
        self.relation_name = relation_name
        self.limit = limit

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.update(relation_name=self.relation_name, limit=self.limit)
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_stadtteil/schedules/panels/schedule_summary.html"

        def schedules(self):
            if self.instance is None:
                return []
            if self.panel.relation_name:
                return list(getattr(self.instance, self.panel.relation_name).all())
            return [self.instance] if self.instance.pk else []

        def is_shown(self):
            # A new regular room use has nothing to summarise yet; a page shows
            # where its overview will appear.
            return bool(self.panel.relation_name or self.schedules())

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["items"] = [self._item(schedule) for schedule in self.schedules()]
            context["is_draft"] = getattr(self.instance, "live", True) is False
            return context

        def _item(self, schedule):
            occurrences = []
            if schedule.pk:
                zone = local_zone()
                rows = Occurrence.objects.filter(
                    source_type=ContentType.objects.get_for_model(type(schedule)),
                    source_id=schedule.pk,
                    end__gte=timezone.now(),
                ).order_by("start")[: self.panel.limit]
                occurrences = [
                    {
                        "occurrence": row,
                        # Naive local times: templates would convert aware ones
                        # to the admin user's time zone.
                        "start": row.start.astimezone(zone).replace(tzinfo=None),
                        "end": row.end.astimezone(zone).replace(tzinfo=None),
                        "iso": row.start.astimezone(zone).isoformat(),
                    }
                    for row in rows
                ]
            return {
                "schedule": schedule,
                "description": describe(schedule),
                "occurrences": occurrences,
                "saved": bool(schedule.pk),
            }


class ConflictPanel(Panel):
    """Inside a form that edits a schedule (schedules.forms.SkipConflictsForm):
    the dates on which it clashes with other use of the room, and the choice to
    skip exactly those dates. Shown only when the form found clashes."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Clashes with other use of the room"))
        super().__init__(**kwargs)

    def get_form_options(self):
        # Claim the form's own fields so they are not rendered a second time
        # (raw, unlabelled) as "missing fields" of the row.
        return {"fields": ["skip_conflicts", "skipped_dates"]}

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_stadtteil/schedules/panels/conflicts.html"

        def is_shown(self):
            return bool(self.form is not None and getattr(self.form, "conflicts", None))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            form = self.form
            context["listing"] = form.conflict_listing
            context["skip_field"] = form["skip_conflicts"]
            context["skip_name"] = form.add_prefix("skip_conflicts")
            context["dates_name"] = form.add_prefix("skipped_dates")
            return context
