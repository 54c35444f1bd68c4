"""Admin forms of the package's page types and of their inline date rows."""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Locale, TranslatableMixin

from wagtail_stadtteil.schedules.forms import SkipConflictsForm

ROOM_MODEL = "stadtteil_rooms.Room"


class StadtteilPageForm(WagtailAdminPageForm):
    """Offers only snippets in the page's own language, and only the rooms of
    the page's centre in its date rows; refuses dates that clash with other
    use of a room unless the editor skips them.

    Themes, target groups, partners and funding programmes are translatable;
    a German page must not be tied to the English copy of a theme. A page in
    another language may also choose the German entries the city has not
    translated yet, and keeps those it refers to (a translation synchronised
    by wagtail-localize points at the German snippets).
    """

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        self.centre = self._find_centre(parent_page)
        self._limit_rooms()
        locale_id = self.instance.locale_id or getattr(parent_page, "locale_id", None)
        if locale_id is None:
            return
        default_id = Locale.get_default().pk
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is None or not issubclass(queryset.model, TranslatableMixin):
                continue
            if locale_id == default_id:
                field.queryset = queryset.filter(locale_id=locale_id)
                continue
            translated = queryset.filter(locale_id=locale_id).values("translation_key")
            untranslated = Q(locale_id=default_id) & ~Q(translation_key__in=translated)
            field.queryset = queryset.filter(
                Q(locale_id=locale_id) | untranslated | Q(pk__in=self._chosen_ids(name))
            )

    def _chosen_ids(self, name):
        """The ids the saved page refers to in the field ``name``."""
        if not self.instance.pk:
            return []
        value = getattr(self.instance, name, None)
        if hasattr(value, "all"):
            return [chosen.pk for chosen in value.all()]
        return [value.pk] if value is not None else []

    def _find_centre(self, parent_page):
        from .models import CentrePage, find_centre

        if isinstance(self.instance, CentrePage):
            return self.instance
        if self.instance.pk and self.instance.path:
            return find_centre(self.instance)
        if parent_page is None:
            return None
        parent_page = parent_page.specific
        return parent_page if isinstance(parent_page, CentrePage) else find_centre(parent_page)

    def _limit_rooms(self):
        for formset in self.formsets.values():
            if issubclass(formset.form, CentreRoomsForm):
                # Rows (and the template of new rows) are built lazily, with these kwargs.
                formset.form_kwargs = {**formset.form_kwargs, "centre": self.centre}
                if "forms" in formset.__dict__:
                    for form in formset.forms:
                        form.limit_rooms(self.centre)

    def clean(self):
        cleaned_data = super().clean()
        schedules = self.formsets.get("schedules")
        if schedules is not None and issubclass(schedules.form, SkipConflictsForm):
            self._check_rooms(schedules, self.formsets.get("date_changes"))
        return cleaned_data

    def _check_rooms(self, schedules, date_changes):
        # The rooms app owns the room rules; the page's dates may use its rooms.
        from wagtail_stadtteil.rooms.conflicts import excluding_page
        from wagtail_stadtteil.rooms.forms import is_live_form, report_room_conflicts

        if not schedules.is_valid() or (date_changes is not None and not date_changes.is_valid()):
            return  # the rows show their own errors first
        schedule_forms = [form for form in schedules.forms if is_live_form(schedules, form)]
        if self.is_deferred_validation:
            # Saving a draft (or autosaving) occupies no room: only publishing
            # is refused. Dates the editor chose to skip are skipped anyway.
            for form in schedule_forms:
                form.skip_dates(form.instance)
            return
        change_forms = []
        if date_changes is not None:
            change_forms = [form for form in date_changes.forms if is_live_form(date_changes, form)]
        report_room_conflicts(
            schedule_forms,
            change_forms,
            centre=self.centre,
            exclude=excluding_page(self.instance),
        )


class CentreRoomsForm(WagtailAdminModelForm):
    """An inline row of a centre's page whose room choices are limited to the
    rooms of that centre (given by the page form as ``centre``)."""

    def __init__(self, *args, **kwargs):
        limit = "centre" in kwargs
        centre = kwargs.pop("centre", None)
        super().__init__(*args, **kwargs)
        if limit:
            self.limit_rooms(centre)

    def limit_rooms(self, centre):
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model._meta.label == ROOM_MODEL:
                # Rooms are not translated: a translated page uses the rooms of
                # its centre's translation group.
                field.queryset = (
                    queryset.filter(centre__translation_key=centre.translation_key)
                    if centre is not None
                    else queryset.none()
                )


class ScheduleForm(SkipConflictsForm, CentreRoomsForm):
    """A date or series of an offer or consultation hour."""


class DateChangeForm(CentreRoomsForm):
    """A change to one date of an offer or consultation hour."""
