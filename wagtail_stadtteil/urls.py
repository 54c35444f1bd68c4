"""URLs of wagtail-stadtteil. *Contract*: a site includes them once, just
before Wagtail's own page URLs (and inside ``i18n_patterns`` when it uses
them)::

    urlpatterns += [
        path("", include("wagtail_stadtteil.urls")),
        path("", include(wagtail_urls)),
    ]
"""

from django.apps import apps
from django.urls import path, re_path
from wagtail import views as wagtail_views

urlpatterns = [
    # Page routes that end in a file name: …/calendar.ics, …/availability.json
    # (DESIGN §5). Wagtail's own pattern only serves path segments made of
    # letters, digits, "_" and "-", so these would be 404s; they are served by
    # the same view, which hands them to the page's routes.
    re_path(
        r"^((?:[\w\-]+/)*[\w\-]+\.(?:ics|json))/?$",
        wagtail_views.serve,
        name="stadtteil_page_file",
    ),
]

if apps.is_installed("wagtail_stadtteil.booking"):
    from wagtail_stadtteil.booking import views as booking_views

    urlpatterns += [
        # The status page behind the signed link in every booking mail.
        path(
            "stadtteil/booking/<str:token>/",
            booking_views.request_status,
            name="stadtteil_booking_status",
        ),
    ]
