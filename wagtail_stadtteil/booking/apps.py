from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StadtteilBookingConfig(AppConfig):
    name = "wagtail_stadtteil.booking"
    label = "stadtteil_booking"
    verbose_name = _("District centres: room booking")
    default_auto_field = "django.db.models.BigAutoField"
