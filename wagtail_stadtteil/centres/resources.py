"""Spreadsheet columns of offers, consultation hours and closures (see
``core.importing``).

Offers and consultation hours are pages: a row creates a page below its centre
(or below a section of it) with ``parent.add_child``, and changes an existing
one through a new revision of its latest version, so a draft somebody is
working on is kept. With ``publish=True`` the revision is published (which
writes the page's dates to the occurrence store), else it stays a draft. A
row that would publish somebody's unpublished draft is refused. Only the pages
in the site's default language are read and written; translations are made
with wagtail-localize. Texts with structure (the body), images and changes to
single dates stay with the page editor and are kept as they are.

A page's dates are its schedules: every schedule column holds one line per
date or series (line 2 of each cell is the second series). Within the rule
cell, a series' RFC 5545 lines are joined by spaces
(``RRULE:FREQ=WEEKLY;BYDAY=TU EXDATE:20270406T220000Z``).

Closures are rows of the centre page: a row changes the centre's latest
version, which is saved as a revision and published like a page.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export import fields
from wagtail.log_actions import log
from wagtail.models import Page

from wagtail_stadtteil.core.importing import (
    ChoiceWidget,
    DateWidget,
    NumberWidget,
    RuleWidget,
    SlugListWidget,
    SlugWidget,
    StadtteilResource,
    TextWidget,
    TimeWidget,
    YesNoWidget,
    column,
    is_formula,
    text,
)
from wagtail_stadtteil.core.languages import language_choices
from wagtail_stadtteil.core.models import FundingProgramme, Partner, TargetGroup, Theme
from wagtail_stadtteil.core.resources import default_locale_id
from wagtail_stadtteil.schedules.dates import local_today
from wagtail_stadtteil.schedules.store import horizon_end

from .models import (
    CentreClosure,
    CentrePage,
    CentreSectionPage,
    ConsultationHourPage,
    OfferPage,
    OfferSchedule,
)
from .permissions import managed_centres

#: How many clashing dates a room conflict message names.
CONFLICTS_NAMED = 3


def add_error(errors, key, message):
    """Add ``message`` to the problems of column attribute ``key``."""
    errors.setdefault(key, []).append(ValidationError(message))


def cell_lines(value, count=None):
    """The lines of a cell (one per date or series), stripped. An empty cell
    has none; empty lines at the end are dropped down to ``count``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    if not isinstance(value, str):
        return [value]  # a date, time or number from a spreadsheet cell
    lines = [line.strip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1] and (count is None or len(lines) > count):
        lines.pop()
    return lines


def snippets_by_slug(model, not_found):
    """A widget for a column of several shared snippets, by slug (the entries
    in the site's default language)."""
    return SlugListWidget(
        lambda value, row: model.objects.filter(locale_id=default_locale_id(), slug=value),
        not_found,
    )


def partner_by_slug():
    return SlugWidget(
        lambda value, row: Partner.objects.filter(locale_id=default_locale_id(), slug=value),
        _("No partner with the slug “%(value)s”."),
    )


class LanguageCodesWidget(ChoiceWidget):
    """Language codes separated by commas (``de, tr``); a language's name is
    accepted too. The choices are read when a cell is read (a setting)."""

    def __init__(self, **kwargs):
        super().__init__(choices=(), **kwargs)

    def clean(self, value, row=None, **kwargs):
        self.choices = language_choices()
        single = ChoiceWidget(self.choices, blank="")
        parts = [part.strip() for part in text(value).replace(";", ",").split(",")]
        return list(dict.fromkeys(single.clean(part) for part in parts if part))

    def render(self, value, obj=None, **kwargs):
        return ", ".join(value or [])


# ---------------------------------------------------------------------------
# Columns the resource reads and writes itself


class ResourceColumn(fields.Field):
    """A column that is not one model attribute: the resource reads it in
    ``import_instance`` and exports it through ``export``."""

    def __init__(self, key, label, widget=None, attribute=None):
        super().__init__(attribute=attribute or key, column_name=key, widget=widget or TextWidget())
        self.label = label
        self.resource = None  # set by the resource

    def save(self, instance, row, is_m2m=False, **kwargs):
        pass  # see the resource


class CentreColumn(ResourceColumn):
    """The centre a row belongs to, by its page's slug."""

    def export(self, instance, **kwargs):
        return self.resource.centre_slug(self.resource.centre_id_of(instance))


class ParentColumn(ResourceColumn):
    """The section (or office) a page is below; empty: the centre itself."""

    def export(self, instance, **kwargs):
        return self.resource.parent_slug(instance)


class ScheduleColumn(ResourceColumn):
    """One field of a page's schedules, a line per schedule."""

    def __init__(self, key, name, widget):
        label = OfferSchedule._meta.get_field(name).verbose_name
        super().__init__(key, label, widget)
        self.name = name

    def render(self, schedule):
        if self.name == "room":
            return schedule.room.slug if schedule.room_id else ""
        return self.widget.render(getattr(schedule, self.name))

    def export(self, instance, **kwargs):
        lines = [self.render(schedule) for schedule in instance.schedules.all()]
        return "\n".join(lines) if any(lines) else ""


def schedule_columns():
    """The schedule columns, keyed by their attribute names on the resource."""
    return {
        "rule": ScheduleColumn("rule", "recurrence", RuleWidget(one_line=True)),
        "start_time": ScheduleColumn("start_time", "start_time", TimeWidget()),
        "end_time": ScheduleColumn("end_time", "end_time", TimeWidget()),
        "room": ScheduleColumn("room", "room", TextWidget()),
        "first_day": ScheduleColumn("first_day", "starts_on", DateWidget()),
        "last_day": ScheduleColumn("last_day", "ends_on", DateWidget()),
        "pauses_on_closures": ScheduleColumn(
            "pauses_on_closures", "pauses_on_closures", YesNoWidget(blank=True)
        ),
        "schedule_note": ScheduleColumn("schedule_note", "note", TextWidget()),
    }


SCHEDULE_KEYS = list(schedule_columns())


class NoDiff:
    """run_import shows no field-by-field diff: do not export every row twice
    more to build one (pages make that costly)."""

    def __init__(self, resource, instance, new):
        pass

    def compare_with(self, resource, instance):
        pass

    def as_html(self):
        return []


# ---------------------------------------------------------------------------
# Rows that belong to a centre


class CentreRowsResource(StadtteilResource):
    """Rows of the centres the user manages (``user`` None: the command
    line, all centres), of ``centre`` only when given. A row names its centre
    by slug in the column ``centre``; empty means ``centre``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, ResourceColumn):
                field.resource = self
        self._found_centres = {}  # casefolded slug → (pk, problem)
        self._places = {}  # centre pk → (slug, path); ("path", path) → slug
        self._row = {}

    def get_diff_class(self):
        return NoDiff

    # -- scope -------------------------------------------------------------

    def centres_in_scope(self, only_chosen=True):
        """The centre pages (default language) rows may belong to."""
        centres = CentrePage.objects.all() if self.user is None else managed_centres(self.user)
        centres = centres.filter(locale_id=default_locale_id())
        if only_chosen and self.centre is not None:
            centres = centres.filter(translation_key=self.chosen_centre().translation_key)
        return centres

    def chosen_centre(self):
        centre = self.centre
        if not isinstance(centre, CentrePage):
            centre = CentrePage.objects.get(pk=getattr(centre, "pk", centre))
        return centre

    def may_import(self):
        return self.user is None or self.centres_in_scope().exists()

    # -- the row's centre ----------------------------------------------------

    def centre_id_of(self, instance):
        return instance.centre_id

    def centre_slug(self, centre_id):
        if centre_id is None:
            return ""
        return self.centre_place(centre_id)[0]

    def centre_place(self, centre_id):
        """(slug, tree path) of a centre page, read once per import."""
        if centre_id not in self._places:
            self._places[centre_id] = CentrePage.objects.filter(pk=centre_id).values_list(
                "slug", "path"
            ).first() or ("", "")
        return self._places[centre_id]

    def find_centre(self, value):
        """(the centre page, None) or (None, the problem) for a centre cell."""
        if is_formula(value):
            return None, None  # reported as a formula
        slug = text(value)
        if not slug:
            centre = self.centres_in_scope().first() if self.centre is not None else None
            if centre is not None:
                return centre, None
            return None, gettext("Enter the slug of the centre.")
        key = slug.casefold()
        if key not in self._found_centres:
            self._found_centres[key] = self._look_up_centre(slug)
        pk, problem = self._found_centres[key]
        if pk is None:
            return None, problem
        return CentrePage.objects.get(pk=pk), None

    def _look_up_centre(self, slug):
        centres = CentrePage.objects.filter(locale_id=default_locale_id(), slug__iexact=slug)
        if self.user is not None:
            # One answer for "no such centre" and "not yours": nothing about
            # other centres (not even that one exists) leaks through an import.
            centres = centres.filter(pk__in=self.centres_in_scope(only_chosen=False))
        if not centres.exists():
            if self.user is not None:
                return None, gettext("No centre with the slug “%(value)s” that you manage.") % {
                    "value": slug
                }
            return None, gettext("No centre with the slug “%(value)s”.") % {"value": slug}
        chosen = list(centres.filter(pk__in=self.centres_in_scope()).values_list("pk", flat=True))
        if len(chosen) == 1:
            return chosen[0], None
        if len(chosen) > 1:
            return None, gettext("Several centres have the slug “%(value)s”.") % {"value": slug}
        if (
            self.centre is not None
            and centres.filter(pk__in=self.centres_in_scope(only_chosen=False)).exists()
        ):
            return None, gettext(
                "This import is for the centre “%(centre)s” only; the row names another centre."
            ) % {"centre": self.chosen_centre().title}
        return None, gettext("No centre with the slug “%(value)s” that you manage.") % {
            "value": slug
        }

    def centre_identifier(self, row):
        slug = text(row.get("centre"))
        if not slug and self.centre is not None:
            slug = self.chosen_centre().slug
        return slug.casefold()

    # -- checks before saving a page -----------------------------------------

    def check_page(self, page, errors, what):
        """Problems with changing ``page`` (the saved page, not a revision):
        a lock, missing permissions, a draft that publishing would publish.
        ``what`` names the page in messages."""
        user = self.user
        if user is None:
            if page.locked:
                add_error(errors, NON_FIELD_ERRORS, gettext("%(page)s is locked.") % what)
        else:
            permissions = page.permissions_for_user(user)
            if permissions.page_locked():
                add_error(errors, NON_FIELD_ERRORS, gettext("%(page)s is locked.") % what)
            elif not permissions.can_edit():
                add_error(errors, NON_FIELD_ERRORS, gettext("You may not edit %(page)s.") % what)
            elif self.publish and not permissions.can_publish():
                add_error(errors, NON_FIELD_ERRORS, gettext("You may not publish %(page)s.") % what)
        if self.publish and page.has_unpublished_changes:
            add_error(
                errors,
                NON_FIELD_ERRORS,
                gettext(
                    "%(page)s has unpublished changes (a draft). Publishing this row would "
                    "publish them too: publish or delete the draft in the admin first, or "
                    "import without publishing."
                )
                % what,
            )

    def save_page_revision(self, page):
        """Save ``page`` (a latest version) as a revision; publish it if asked."""
        # Validated as the row was read (validate_instance): no second full_clean.
        revision = page.save_revision(user=self.user, log_action=True, clean=False)
        if self.publish:
            revision.publish(user=self.user)
        return revision


# ---------------------------------------------------------------------------
# Offers and consultation hours


class ScheduledPageResource(CentreRowsResource):
    """Pages with dates below a centre (offers, consultation hours)."""

    title_columns = ("title",)
    derived_identifiers = {"slug": "title"}

    centre = CentreColumn("centre", CentrePage._meta.verbose_name)
    section = ParentColumn("section", CentreSectionPage._meta.verbose_name)
    slug = column("slug")
    title = column("title")
    rule, start_time, end_time, room, first_day, last_day, pauses_on_closures, schedule_note = (
        schedule_columns().values()
    )
    themes = column("themes", snippets_by_slug(Theme, _("No theme with the slug “%(value)s”.")))
    target_groups = column(
        "target_groups",
        snippets_by_slug(TargetGroup, _("No target group with the slug “%(value)s”.")),
    )
    languages = column("languages", LanguageCodesWidget())
    contact_name = column("contact_name")
    phone = column("phone")
    email = column("email")
    website = column("website")
    live = column("live", YesNoWidget(), readonly=True)

    class Meta(StadtteilResource.Meta):
        import_id_fields = ["centre", "slug"]

    # -- scope and export ----------------------------------------------------

    def scope(self, queryset):
        return queryset.filter(locale_id=default_locale_id(), centre__in=self.centres_in_scope())

    def get_queryset(self):
        snippets = ("themes", "target_groups", "funding_programmes", "provider", "organisation")
        return (
            self.scope(self._meta.model.objects.all())
            .prefetch_related(
                "schedules__room", *[name for name in snippets if name in self.fields]
            )
            .order_by("path")
        )

    def iter_queryset(self, queryset):
        # What the editor shows: the latest version, a draft included (an
        # import changes that version, so a re-import of an export is unchanged).
        for page in super().iter_queryset(queryset):
            yield page.get_latest_revision_as_object() if page.has_unpublished_changes else page

    def parent_slug(self, page):
        """The slug of the section (or office) ``page`` is below; "" below
        its centre."""
        if not page.path or page.centre_id is None:
            return ""
        parent_path = page.path[: -page.steplen]
        if parent_path == self.centre_place(page.centre_id)[1]:
            return ""
        key = ("path", parent_path)
        if key not in self._places:
            self._places[key] = (
                Page.objects.filter(path=parent_path).values_list("slug", flat=True).first() or ""
            )
        return self._places[key]

    # -- finding the row's page ----------------------------------------------

    def identifier(self, row):
        return (self.centre_identifier(row), self.cell(row, "slug").casefold())

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)  # an empty slug from the title
        centre, problem = self.find_centre(row.get("centre"))
        self._row = {"centre": centre, "centre_problem": problem, "page": None, "parent": None}

    def get_instance(self, instance_loader, row):
        centre = self._row["centre"]
        if centre is None:
            return None
        pages = self._meta.model.objects.filter(locale_id=default_locale_id(), centre=centre)
        page = None
        uid = text(row.get("uid")) if "uid" in self.fields else ""
        if uid and not is_formula(row.get("uid")):
            page = pages.filter(external_uid=uid).order_by("path").first()
        slug = text(row.get("slug"))
        if page is None and slug and not is_formula(row.get("slug")):
            page = pages.filter(slug=slug).order_by("path").first()
        if page is None:
            return None
        self._row["page"] = page
        return page.get_latest_revision_as_object()

    def init_instance(self, row=None):
        return self._meta.model(locale_id=default_locale_id(), live=False)

    # -- reading a row -------------------------------------------------------

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        safe_row = {key: ("" if is_formula(value) else value) for key, value in row.items()}
        centre = self._row["centre"]
        if self._row["centre_problem"]:
            add_error(errors, self.fields["centre"].attribute, self._row["centre_problem"])
        if centre is not None:
            self.import_parent(instance, safe_row, centre, errors)
        self.import_schedules(instance, safe_row, centre, errors)
        if errors:
            raise ValidationError(errors)

    def import_parent(self, instance, row, centre, errors):
        current = instance.get_parent() if instance.pk else None
        if "section" not in row:
            parent = current or centre
        elif not text(row["section"]):
            parent = centre
        else:
            parent = self.find_parent(centre, text(row["section"]))
            if parent is None:
                add_error(
                    errors,
                    "section",
                    gettext("No section with the slug “%(value)s” at this centre.")
                    % {"value": text(row["section"])},
                )
                return
        if current is not None and parent.pk != current.pk:
            add_error(
                errors,
                "section",
                gettext(
                    "The page is below “%(current)s”: an import does not move pages. "
                    "Move it in the admin, or keep “%(slug)s” in this column."
                )
                % {"current": current.title, "slug": self.parent_slug(instance)},
            )
            return
        self._row["parent"] = parent

    def find_parent(self, centre, slug):
        """A page of ``centre`` that pages of this type may be below (a section
        or, for consultation hours, an office), by slug."""
        models = [
            model
            for model in self._meta.model.allowed_parent_page_models()
            if not issubclass(model, CentrePage)
        ]
        types = ContentType.objects.get_for_models(*models).values()
        return (
            Page.objects.descendant_of(centre)
            .filter(slug=slug, content_type__in=types, locale_id=default_locale_id())
            .order_by("path")
            .first()
        )

    def import_schedules(self, instance, row, centre, errors):
        """Replace the page's schedules (in memory) with those of the row.

        The n-th line of the schedule cells updates the page's n-th schedule
        (its id stays, and with it the dates' calendar UIDs); extra lines add
        schedules, missing ones remove them. Columns the file lacks keep their
        values."""
        columns = [self.fields[key] for key in SCHEDULE_KEYS if key in row]
        if not columns:
            return
        existing = list(instance.schedules.all())
        count = len(cell_lines(row["rule"])) if "rule" in row else len(existing)
        values = [{} for _number in range(count)]
        failed = False
        for field in columns:
            lines = cell_lines(row[field.column_name], count)
            if not lines:
                lines = [""] * count
            if len(lines) != count:
                failed = True
                add_error(
                    errors,
                    field.attribute,
                    ngettext(
                        "Write one line per date or series: %(count)s line, not %(lines)s.",
                        "Write one line per date or series: %(count)s lines, not %(lines)s.",
                        count,
                    )
                    % {"count": count, "lines": len(lines)},
                )
                continue
            for number, line in enumerate(lines):
                try:
                    values[number][field.name] = self.read_schedule_value(field, line, centre)
                except ValueError as error:
                    failed = True
                    add_error(errors, field.attribute, self.numbered(str(error), number, count))
        if failed:
            return
        model = instance.schedules.model
        by_name = {field.name: field.attribute for field in self.schedule_fields()}
        schedules = []
        for number, row_values in enumerate(values):
            schedule = self.copy_schedule(model, existing, number)
            for name, value in row_values.items():
                if name == "starts_on" and value is None:
                    continue  # keeps the first day (a new schedule's: today)
                setattr(schedule, name, value)
            schedule.sort_order = number
            try:
                schedule.full_clean(exclude=["page", "sort_order"], validate_unique=False)
            except ValidationError as error:
                failed = True
                for name, messages in error.message_dict.items():
                    for message in messages:
                        add_error(
                            errors,
                            by_name.get(name, NON_FIELD_ERRORS),
                            self.numbered(message, number, count),
                        )
            schedules.append(schedule)
        if not failed:
            instance.schedules = schedules

    def schedule_fields(self):
        return [self.fields[key] for key in SCHEDULE_KEYS]

    @staticmethod
    def copy_schedule(model, existing, number):
        """A new schedule object; the page's ``number``-th one's id and values
        when it has one."""
        if number >= len(existing):
            return model()
        old = existing[number]
        return model(
            **{
                field.attname: getattr(old, field.attname)
                for field in model._meta.concrete_fields
                if field.name != "page"
            }
        )

    @staticmethod
    def numbered(message, number, count):
        if count < 2:
            return message
        return gettext("Date or series %(number)s: %(message)s") % {
            "number": number + 1,
            "message": message,
        }

    def read_schedule_value(self, field, line, centre):
        if field.name != "room":
            return field.widget.clean(line)
        slug = text(line)
        if not slug or centre is None:
            return None
        from wagtail_stadtteil.rooms.models import Room

        room = Room.objects.filter(
            centre__translation_key=centre.translation_key, slug=slug
        ).first()
        if room is None:
            raise ValueError(
                gettext("No room with the slug “%(value)s” at this centre.") % {"value": slug}
            )
        return room

    # -- checking and saving -------------------------------------------------

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        # A new page has no place in the tree yet: add_child gives it one.
        exclude = {*errors, "path", "depth", "numchild", "url_path"}
        try:
            instance.full_clean(exclude=exclude, validate_unique=validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not errors:
            if instance.pk is None:
                self.check_new_page(instance, errors)
            else:
                what = {"page": gettext("The page “%(title)s”") % {"title": instance.title}}
                self.check_page(self._row["page"], errors, what)
        if not errors and self.publish:
            self.check_rooms(instance, errors)
        if errors:
            raise ValidationError(errors)

    def check_new_page(self, page, errors):
        parent = self._row["parent"]
        if not Page._slug_is_available(page.slug, parent):
            add_error(
                errors,
                "slug",
                gettext("Another page below “%(parent)s” already has the slug “%(slug)s”.")
                % {"parent": parent.title, "slug": page.slug},
            )
        if self.user is not None:
            permissions = parent.permissions_for_user(self.user)
            if not permissions.can_add_subpage():
                add_error(
                    errors,
                    NON_FIELD_ERRORS,
                    gettext("You may not add pages below “%(parent)s”.") % {"parent": parent.title},
                )
            elif self.publish and not permissions.can_publish_subpage():
                add_error(
                    errors,
                    NON_FIELD_ERRORS,
                    gettext("You may not publish pages below “%(parent)s”.")
                    % {"parent": parent.title},
                )

    def check_rooms(self, page, errors):
        """Refuse dates that clash with other use of their rooms, as the page
        editor does when publishing (a draft occupies no room)."""
        from wagtail_stadtteil.rooms.conflicts import excluding_page, find_schedule_conflicts
        from wagtail_stadtteil.rooms.models import Room
        from wagtail_stadtteil.schedules.forms import time_range_text

        schedules = list(page.schedules.all())
        changes = {change.original_date: change for change in page.date_changes.all()}
        room_ids = {schedule.room_id for schedule in schedules if schedule.room_id}
        room_ids.update(change.new_room_id for change in changes.values() if change.new_room_id)
        if not room_ids:
            return
        centre = self._row["centre"]
        conflicts = find_schedule_conflicts(
            schedules,
            Room.objects.in_bulk(room_ids),
            exclude=excluding_page(page),
            changes=changes,
            paused=centre.paused_dates(local_today(), horizon_end()),
        )
        if not conflicts:
            return
        days = sorted({conflict.date for conflict in conflicts})
        named = "; ".join(
            f"{conflict.date.isoformat()} {conflict.occurrence.title} "
            f"({time_range_text(conflict.occurrence)})"
            for conflict in conflicts[:CONFLICTS_NAMED]
        )
        add_error(
            errors,
            "room",
            ngettext(
                "The room is already in use on %(count)s date (including the time kept free "
                "before and after each use): %(uses)s. Change the time or the room, or leave "
                "the date out with EXDATE in the rule.",
                "The room is already in use on %(count)s dates (including the time kept free "
                "before and after each use), e.g. %(uses)s. Change the time or the room, or "
                "leave the dates out with EXDATE in the rule.",
                len(days),
            )
            % {"count": len(days), "uses": named},
        )

    def save_instance(self, instance, is_create, row, **kwargs):
        self.before_save_instance(instance, row, **kwargs)
        if not self._is_using_transactions(kwargs) and self._is_dry_run(kwargs):
            return  # nothing may be written and nothing could be rolled back
        if is_create:
            parent = Page.objects.get(pk=self._row["parent"].pk)  # its tree state now
            instance.live = False
            instance.owner = self.user
            parent.add_child(instance=instance)
            revision = instance.save_revision(user=self.user, clean=False)
            log(
                instance=instance,
                action="wagtail.create",
                user=self.user,
                revision=revision,
                content_changed=True,
            )
            if self.publish:
                revision.publish(user=self.user)
        else:
            self.save_page_revision(instance)
        self.after_save_instance(instance, row, **kwargs)


class OfferPageResource(ScheduledPageResource):
    """Offers and events of a centre (``offer``)."""

    uid = column("external_uid", key="uid")
    offer_kind = column(
        "offer_kind", ChoiceWidget(OfferPage.Kind.choices, blank=OfferPage.Kind.GROUP)
    )
    intro = column("intro")
    funding_programmes = column(
        "funding_programmes",
        snippets_by_slug(FundingProgramme, _("No funding programme with the slug “%(value)s”.")),
    )
    age_min = column("age_min", NumberWidget())
    age_max = column("age_max", NumberWidget())
    cost = column("cost", ChoiceWidget(OfferPage.Cost.choices, blank=OfferPage.Cost.FREE))
    cost_amount = column("cost_amount", NumberWidget(decimal=True))
    cost_note = column("cost_note")
    registration_required = column("registration_required", YesNoWidget())
    registration_how = column("registration_how")
    provider = column("provider", partner_by_slug())
    step_free = column("step_free", YesNoWidget(nullable=True))
    accessibility_notes = column("accessibility_notes")

    class Meta(ScheduledPageResource.Meta):
        model = OfferPage
        fields = (
            "centre",
            "section",
            "slug",
            "title",
            "uid",
            "offer_kind",
            "intro",
            *SCHEDULE_KEYS,
            "themes",
            "target_groups",
            "funding_programmes",
            "languages",
            "age_min",
            "age_max",
            "cost",
            "cost_amount",
            "cost_note",
            "registration_required",
            "registration_how",
            "provider",
            "step_free",
            "accessibility_notes",
            "contact_name",
            "phone",
            "email",
            "website",
            "live",
        )


class ConsultationHourPageResource(ScheduledPageResource):
    """Consultation hours of a centre (``consultation-hour``)."""

    consultation_kind = column(
        "consultation_kind",
        ChoiceWidget(
            ConsultationHourPage.Kind.choices, blank=ConsultationHourPage.Kind.COUNSELLING
        ),
    )
    topic = column("topic", label=_("consultation topic"))  # "Themen" would clash with themes
    intro = column("intro")
    counsellor = column("counsellor")
    organisation = column("organisation", partner_by_slug())
    access = column(
        "access",
        ChoiceWidget(ConsultationHourPage.Access.choices, blank=ConsultationHourPage.Access.OPEN),
    )
    appointment_how = column("appointment_how")
    confidential = column("confidential", YesNoWidget())
    free_of_charge = column("free_of_charge", YesNoWidget(blank=True))

    class Meta(ScheduledPageResource.Meta):
        model = ConsultationHourPage
        fields = (
            "centre",
            "section",
            "slug",
            "title",
            "consultation_kind",
            "topic",
            "intro",
            *SCHEDULE_KEYS,
            "counsellor",
            "organisation",
            "access",
            "appointment_how",
            "confidential",
            "free_of_charge",
            "languages",
            "themes",
            "target_groups",
            "contact_name",
            "phone",
            "email",
            "website",
            "live",
        )


# ---------------------------------------------------------------------------
# Closures


class CentreClosureResource(CentreRowsResource):
    """Closure days of centres (``closure``), identified by centre and first
    day. A row changes the centre page's latest version."""

    title_columns = ("centre", "starts_on", "reason")

    centre = CentreColumn("centre", CentrePage._meta.verbose_name, attribute="page")
    starts_on = column("starts_on", DateWidget())
    ends_on = column("ends_on", DateWidget())
    reason = column("reason")

    class Meta(StadtteilResource.Meta):
        model = CentreClosure
        fields = ("centre", "starts_on", "ends_on", "reason")
        import_id_fields = ["centre", "starts_on"]

    def centre_id_of(self, instance):
        return instance.page_id

    def scope(self, queryset):
        return queryset.filter(page__in=self.centres_in_scope())

    # -- export: the closures of each centre's latest version ------------------

    def export(self, queryset=None, **kwargs):
        if queryset is None:
            queryset = list(self.latest_closures())
        return super().export(queryset, **kwargs)

    def filter_export(self, queryset, **kwargs):
        return self.scope(queryset) if isinstance(queryset, QuerySet) else queryset

    def latest_closures(self):
        for centre in self.centres_in_scope().order_by("path"):
            latest = centre.get_latest_revision_as_object()
            yield from sorted(latest.closures.all(), key=lambda closure: closure.starts_on)

    # -- rows ----------------------------------------------------------------

    @staticmethod
    def first_day(row):
        try:
            return DateWidget().clean(row.get("starts_on"))
        except ValueError:
            return None

    def identifier(self, row):
        day = self.first_day(row)
        return (self.centre_identifier(row), day.isoformat() if day else text(row.get("starts_on")))

    def before_import_row(self, row, **kwargs):
        centre, problem = self.find_centre(row.get("centre"))
        self._row = {"centre": centre, "centre_problem": problem}
        if centre is not None:
            latest = centre.get_latest_revision_as_object()
            self._row.update(latest=latest, closures=list(latest.closures.all()))

    def get_instance(self, instance_loader, row):
        day = self.first_day(row)
        if self._row["centre"] is None or day is None:
            return None
        return next(
            (closure for closure in self._row["closures"] if closure.starts_on == day), None
        )

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # A closure added in a draft of the centre page has no id yet: it was
        # found all the same, and is unchanged when its columns are.
        if import_validation_errors or original is None or instance not in self._row["closures"]:
            return False
        return all(
            field.export(instance) == field.export(original)
            for field in self.get_import_fields()
            if field.column_name in row
        )

    def init_instance(self, row=None):
        centre = self._row["centre"]
        return CentreClosure(page_id=centre.pk if centre is not None else None)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self._row["centre_problem"]:
            add_error(errors, self.fields["centre"].attribute, self._row["centre_problem"])
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=set(errors), validate_unique=validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not errors:
            centre = self._row["centre"]
            what = {"page": gettext("The centre page “%(title)s”") % {"title": centre.title}}
            self.check_page(centre, errors, what)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        self.before_save_instance(instance, row, **kwargs)
        if not self._is_using_transactions(kwargs) and self._is_dry_run(kwargs):
            return
        latest, closures = self._row["latest"], self._row["closures"]
        if is_create:
            closures.append(instance)
        for number, closure in enumerate(closures):
            closure.sort_order = number
        latest.closures = closures
        self.save_page_revision(latest)
        self.after_save_instance(instance, row, **kwargs)
