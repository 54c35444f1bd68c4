from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StadtteilBookingConfig(AppConfig):
    name = "wagtail_stadtteil.booking"
    label = "stadtteil_booking"
    verbose_name = _("District centres: room booking")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.admin.panels import InlinePanel

        from wagtail_stadtteil.rooms.models import Room
        from wagtail_stadtteil.schedules.store import register_occurrence_owner

        from .models import BookingRequest

        register_occurrence_owner(BookingRequest)
        # The rooms app knows nothing of fees (core <- … <- rooms <- booking):
        # the booking app adds the fee table to the room's editor. Panels are
        # bound when the admin first builds the form, after all apps are ready.
        if not any(getattr(panel, "relation_name", None) == "fees" for panel in Room.panels):
            Room.panels = [
                *Room.panels,
                InlinePanel(
                    "fees",
                    heading=_("Fees"),
                    label=_("Fee rule"),
                    help_text=_(
                        "What each kind of requester pays. Kinds not listed follow the "
                        "site's defaults: free for local non-profit groups, public bodies "
                        "and volunteers; commercial use pays."
                    ),
                ),
            ]
