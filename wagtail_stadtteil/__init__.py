"""wagtail-stadtteil: district centres (Stadtteilzentren) for Wagtail.

A city adds ``wagtail_stadtteil.INSTALLED_APPS`` to its settings; this module
must stay importable from a settings file, so it imports nothing from Django.
"""

__version__ = "0.1.0"

#: The package's apps in dependency order, followed by the third-party apps they
#: need that a site made with ``wagtail start`` does not already list. *Contract.*
INSTALLED_APPS = [
    "wagtail_stadtteil.core",
    "wagtail_stadtteil.schedules",
    "wagtail_stadtteil.centres",
    "wagtail_stadtteil.rooms",
    "wagtail_stadtteil.booking",
    "wagtail_stadtteil.reports",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales (same app label)
    "django_filters",
    "import_export",  # django-import-export: its `export`/`import` commands see our resources
    "wagtail_stadtteil.schedules.recurrence_app.RecurrenceConfig",  # django-recurrence
]


def installed_apps(existing):
    """Return ``existing`` plus the package's apps, leaving out any already listed.

    ``INSTALLED_APPS = installed_apps(INSTALLED_APPS)`` is the one-line install;
    Django refuses an app listed twice, and a site made with ``wagtail start``
    already lists some of the third-party apps.
    """
    # wagtail-localize's locale admin replaces Wagtail's own (same app label).
    existing = [app for app in existing if app != "wagtail.locales"]
    present = set(existing)
    if "recurrence" in present:  # the site lists django-recurrence itself
        present.add("wagtail_stadtteil.schedules.recurrence_app.RecurrenceConfig")
    return existing + [app for app in INSTALLED_APPS if app not in present]
