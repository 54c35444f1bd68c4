"""django-recurrence's widget, made to work inside the Wagtail admin (DESIGN §7).

The stock ``RecurrenceWidget`` loads Django admin's own jQuery (which breaks
Wagtail's date pickers), initialises only below ``#container`` (which Wagtail
lacks, so InlinePanel rows stay raw textareas) and never finds a translation
catalog. This subclass loads instead:

* a ``JavaScriptCatalog`` for the ``recurrence`` package, served by an admin URL
  (``schedules/wagtail_hooks.py``), so its labels follow the editor's language;
* a one-line shim that points ``django.jQuery`` at the jQuery Wagtail ships;
* django-recurrence's two scripts and its stylesheet;
* an init script that turns each ``textarea.recurrence-widget`` into a widget
  exactly once, skips ``__prefix__`` templates and watches ``document.body`` for
  rows that InlinePanel adds later.

``SchedulesConfig.ready()`` makes it the widget of every ``RecurrenceField`` in
Wagtail admin forms.
"""

from django import forms
from django.urls import reverse
from recurrence.forms import RecurrenceWidget

CATALOG_URL_NAME = "stadtteil_recurrence_js_catalog"


class AdminRecurrenceWidget(RecurrenceWidget):
    """The recurrence widget for Wagtail admin forms."""

    def get_media(self):
        return forms.Media(
            js=[
                reverse(CATALOG_URL_NAME),
                "wagtail_stadtteil/schedules/jquery-shim.js",
                "recurrence/js/recurrence.js",
                "recurrence/js/recurrence-widget.js",
                "wagtail_stadtteil/schedules/recurrence-widget-init.js",
            ],
            css={
                "all": [
                    "recurrence/css/recurrence.css",
                    "wagtail_stadtteil/schedules/recurrence-widget.css",
                ]
            },
        )

    media = property(get_media)
