from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StadtteilCentresConfig(AppConfig):
    name = "wagtail_stadtteil.centres"
    label = "stadtteil_centres"
    verbose_name = _("District centres: pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail_stadtteil.schedules.store import register_occurrence_owner

        from . import signal_handlers
        from .models import CentrePage, ConsultationHourPage, OfferPage

        for model in (CentrePage, OfferPage, ConsultationHourPage):
            register_occurrence_owner(model)
        signal_handlers.connect_schedule_signals()
