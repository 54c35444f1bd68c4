from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .import_views import ExportView, ImportView, ProgressView
from .viewsets import SharedDataViewSetGroup

register_snippet(SharedDataViewSetGroup)


@hooks.register("register_admin_urls")
def register_import_export_urls():
    """Spreadsheets in and out (core.import_views); Wagtail requires admin
    access for every admin URL."""
    return [
        path(
            "stadtteil/import/progress/<str:key>/",
            ProgressView.as_view(),
            name="stadtteil_import_progress",
        ),
        path("stadtteil/import/<str:model>/", ImportView.as_view(), name="stadtteil_import"),
        path("stadtteil/export/<str:model>/", ExportView.as_view(), name="stadtteil_export"),
    ]
