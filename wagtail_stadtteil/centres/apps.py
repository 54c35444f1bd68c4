from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StadtteilCentresConfig(AppConfig):
    name = "wagtail_stadtteil.centres"
    label = "stadtteil_centres"
    verbose_name = _("District centres: pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signal_handlers  # noqa: F401
