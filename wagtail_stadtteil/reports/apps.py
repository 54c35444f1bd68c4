from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StadtteilReportsConfig(AppConfig):
    """Evaluation and reporting (seeds 001–003): visitor counts, survey
    results, and the reports a city and its funders ask for, computed from
    the data the other apps hold."""

    name = "wagtail_stadtteil.reports"
    label = "stadtteil_reports"
    verbose_name = _("District centres: reports")
    default_auto_field = "django.db.models.BigAutoField"
