"""Admin wiring of the rooms app: the "Rooms" menu, the centres' admin
calendars and a "Calendar" button on centre pages. Registers only; views and
viewsets are imported when Wagtail loads its hooks, after all models."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from wagtail_stadtteil.centres.permissions import CentreScopedPermissionPolicy
from wagtail_stadtteil.centres.scoped_admin import ScopedDeleteBulkAction

from .admin_views import CalendarIndexView, CentreCalendarView, calendar_centres, may_see_calendar
from .models import Room, RoomUse
from .viewsets import RoomsViewSetGroup

# Before the viewsets are registered: Wagtail would otherwise make model
# permission policies for them, and refuse these later.
register_permission_policy(Room, CentreScopedPermissionPolicy(Room, centre_field="centre"))
register_permission_policy(RoomUse, CentreScopedPermissionPolicy(RoomUse, "room__centre"))
register_snippet(RoomsViewSetGroup)


class RoomDeleteBulkAction(ScopedDeleteBulkAction):
    scoped_models = (Room, RoomUse)


# After Wagtail's own delete action (order 0), which it replaces for rooms.
hooks.register("register_bulk_action", RoomDeleteBulkAction, order=100)


@hooks.register("register_admin_urls")
def register_calendar_urls():
    return [
        path("stadtteil/calendars/", CalendarIndexView.as_view(), name="stadtteil_calendars"),
        path(
            "stadtteil/calendars/<int:centre_id>/",
            CentreCalendarView.as_view(),
            name="stadtteil_centre_calendar",
        ),
    ]


class CalendarsMenuItem(MenuItem):
    def is_shown(self, request):
        return calendar_centres(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_calendars_menu_item():
    return CalendarsMenuItem(
        _("Calendars"),
        reverse("stadtteil_calendars"),
        name="stadtteil-calendars",
        icon_name="calendar-alt",
        order=305,
    )


class CentreCalendarButton(PageMenuItem):
    label = _("Calendar")
    icon_name = "calendar-alt"
    url_name = "stadtteil_centre_calendar"

    def is_shown(self, user):
        return may_see_calendar(user, self.page)


def _is_centre(page):
    from wagtail_stadtteil.centres.models import CentrePage

    return issubclass(page.specific_class or type(page), CentrePage)


@hooks.register("register_page_listing_more_buttons")
def centre_calendar_listing_button(page, user, next_url=None):
    if _is_centre(page):
        yield CentreCalendarButton(page=page, priority=45)


@hooks.register("register_page_header_buttons")
def centre_calendar_header_button(page, user, view_name, next_url=None):
    if _is_centre(page):
        yield CentreCalendarButton(page=page, priority=45)
