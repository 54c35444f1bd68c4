from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StadtteilCoreConfig(AppConfig):
    name = "wagtail_stadtteil.core"
    label = "stadtteil_core"
    verbose_name = _("District centres: shared data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
