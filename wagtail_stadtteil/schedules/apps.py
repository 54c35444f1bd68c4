from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StadtteilSchedulesConfig(AppConfig):
    name = "wagtail_stadtteil.schedules"
    label = "stadtteil_schedules"
    verbose_name = _("District centres: schedules")
    default_auto_field = "django.db.models.BigAutoField"
