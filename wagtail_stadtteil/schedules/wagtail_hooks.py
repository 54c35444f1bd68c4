"""Admin wiring of the schedules app. Registers only; imports views lazily."""

from django.urls import path
from wagtail import hooks


@hooks.register("register_admin_urls")
def register_recurrence_catalog_url():
    from .views import recurrence_js_catalog
    from .widgets import CATALOG_URL_NAME

    return [
        path(
            "stadtteil/recurrence/jsi18n/",
            recurrence_js_catalog,
            name=CATALOG_URL_NAME,
        )
    ]
