"""Admin for rooms and their regular use: one menu "Rooms" with filters by
centre and kind, search, and spreadsheet export (formulas escaped). Each user
sees and changes only the rooms of the centres they manage
(:mod:`wagtail_stadtteil.centres.scoped_admin`)."""

import django_filters
from django.template.defaultfilters import yesno
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from wagtail_stadtteil.centres.models import CentrePage
from wagtail_stadtteil.centres.scoped_admin import (
    CentreScopedSnippetViewSet,
    ScopedChooserViewSet,
    scoped,
)
from wagtail_stadtteil.core.exports import ImportExportViewSetMixin

from .forms import RoomChoiceField
from .models import Room, RoomUse


def centres(request):
    """The centres whose rooms the user sees, for the listings' filters."""
    if request is None:
        return CentrePage.objects.none()
    return CentrePage.objects.filter(
        pk__in=scoped(Room, request.user).values("centre_id")
    ).order_by("title")


class RoomFilterSet(WagtailFilterSet):
    centre = django_filters.ModelChoiceFilter(queryset=centres, label=_("centre"))

    class Meta:
        model = Room
        fields = ["centre", "kind", "publicly_bookable"]


def rooms(request):
    """The rooms of the centres the user manages (all for city staff)."""
    if request is None:
        return Room.objects.none()
    return scoped(Room, request.user).select_related("centre").order_by("centre__title", "name")


class RoomFilter(django_filters.ModelChoiceFilter):
    field_class = RoomChoiceField


class RoomUseFilterSet(WagtailFilterSet):
    centre = django_filters.ModelChoiceFilter(
        field_name="room__centre", queryset=centres, label=_("centre")
    )
    room = RoomFilter(queryset=rooms, label=_("room"))
    room_kind = django_filters.ChoiceFilter(
        field_name="room__kind", choices=Room.Kind.choices, label=_("kind of room")
    )

    class Meta:
        model = RoomUse
        fields = ["centre", "room", "room_kind", "self_managed", "public"]


class YesNoColumn(Column):
    """A yes/no field as a word in the editor's language ("ja", not "True";
    Wagtail's BooleanColumn titles its icons "True" and "False")."""

    def get_value(self, instance):
        return yesno(super().get_value(instance))


class RoomChooserViewSet(ScopedChooserViewSet):
    # A centre has a handful of rooms: forms keep a plain select (limited to
    # the centre's rooms) instead of a chooser modal listing every room.
    register_widget = False


class RoomViewSet(ImportExportViewSetMixin, CentreScopedSnippetViewSet):
    model = Room
    import_export_name = "room"
    icon = "home"
    menu_order = 100
    chooser_viewset_class = RoomChooserViewSet
    filterset_class = RoomFilterSet
    list_display = [
        "name",
        "centre",
        "kind",
        "capacity",
        YesNoColumn(
            "publicly_bookable",
            label=capfirst(Room._meta.get_field("publicly_bookable").verbose_name),
            sort_key="publicly_bookable",
        ),
    ]
    list_export = [
        "name",
        "slug",
        "centre",
        "kind",
        "location_in_building",
        "capacity",
        "area_m2",
        "step_free",
        "accessible_wc",
        "hearing_loop",
        "publicly_bookable",
        "buffer_before",
        "buffer_after",
        "min_duration",
        "max_duration",
        "min_notice_hours",
        "max_advance_days",
        "start_interval",
    ]
    export_filename = "rooms"
    search_fields = ["name", "description", "location_in_building"]
    # Search with the ORM: the SQLite search backend cannot restrict a search to fields.
    search_backend_name = None
    ordering = ["centre__title", "name"]


class RoomUseViewSet(ImportExportViewSetMixin, CentreScopedSnippetViewSet):
    model = RoomUse
    import_export_name = "room-use"
    icon = "calendar-alt"
    menu_order = 200
    filterset_class = RoomUseFilterSet
    list_display = [
        "title",
        "room",
        Column("centre", label=_("centre"), accessor="room.centre"),
        Column("describe", label=_("when"), accessor="describe"),
    ]
    list_export = [
        "title",
        "room",
        "room.centre",
        "group",
        "describe",
        "start_time",
        "end_time",
        "starts_on",
        "ends_on",
        "pauses_on_closures",
        "self_managed",
        "public",
        "note",
    ]
    export_headings = {"room.centre": _("centre"), "describe": _("when")}
    export_filename = "regular-room-uses"
    search_fields = ["title", "note"]
    search_backend_name = None
    ordering = ["room__centre__title", "room__name", "start_time"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("room__centre", "group")


class RoomsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Rooms")
    menu_icon = "home"
    menu_name = "stadtteil-rooms"
    menu_order = 310
    items = [RoomViewSet, RoomUseViewSet]
