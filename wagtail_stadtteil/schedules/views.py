"""Admin views of the schedules app."""

from django.views.i18n import JavaScriptCatalog
from wagtail.admin.localization import get_localized_response

_recurrence_catalog = JavaScriptCatalog.as_view(packages=["recurrence"])


def recurrence_js_catalog(request):
    """django-recurrence's JavaScript labels in the editor's admin language
    (the catalog view the stock widget looks for was removed in Django 2.0)."""
    return get_localized_response(_recurrence_catalog, request)
