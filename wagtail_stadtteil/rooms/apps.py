from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StadtteilRoomsConfig(AppConfig):
    name = "wagtail_stadtteil.rooms"
    label = "stadtteil_rooms"
    verbose_name = _("District centres: rooms")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail_stadtteil.schedules.store import register_occurrence_owner

        from . import signal_handlers  # noqa: F401
        from .models import RoomUse

        register_occurrence_owner(RoomUse)
