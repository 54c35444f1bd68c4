from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StadtteilSchedulesConfig(AppConfig):
    name = "wagtail_stadtteil.schedules"
    label = "stadtteil_schedules"
    verbose_name = _("District centres: schedules")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Here, not in wagtail_hooks: Wagtail builds (and caches) admin form
        # classes as early as its system checks, before hook modules load.
        from recurrence.fields import RecurrenceField
        from wagtail.admin.forms.models import register_form_field_override

        from .widgets import AdminRecurrenceWidget

        register_form_field_override(RecurrenceField, override={"widget": AdminRecurrenceWidget})
