"""System checks: a missing app or a wrong setting is named with a fix, at
``manage.py check`` / ``migrate`` time, instead of surfacing as a 500 later."""

import zoneinfo

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from .app_settings import DEFAULTS, stadtteil_settings
from .languages import KNOWN_LANGUAGES

INSTALL_HINT = (
    "Add it to INSTALLED_APPS, or write "
    "INSTALLED_APPS = wagtail_stadtteil.installed_apps(INSTALLED_APPS) in your settings."
)

#: What each of the package's apps needs besides itself.
REQUIRED_APPS = {
    "wagtail_stadtteil.core": [
        "wagtail",
        "wagtail.admin",
        "wagtail.snippets",
        "wagtail.images",
        "wagtail.contrib.settings",
        "modelcluster",
        "taggit",
    ],
    "wagtail_stadtteil.schedules": ["wagtail_stadtteil.core", "recurrence"],
    "wagtail_stadtteil.centres": [
        "wagtail_stadtteil.core",
        "wagtail_stadtteil.schedules",
        # Offers and consultation hours take place in rooms: the two apps go together.
        "wagtail_stadtteil.rooms",
        "wagtail.contrib.routable_page",
        "django_filters",
    ],
    "wagtail_stadtteil.rooms": ["wagtail_stadtteil.centres"],
    "wagtail_stadtteil.booking": ["wagtail_stadtteil.rooms"],
}


@checks.register()
def check_required_apps(app_configs=None, **kwargs):
    errors = []
    for app, needed in REQUIRED_APPS.items():
        if not apps.is_installed(app):
            continue
        for requirement in needed:
            if not apps.is_installed(requirement):
                errors.append(
                    checks.Error(
                        f"{app} needs {requirement!r} in INSTALLED_APPS.",
                        hint=INSTALL_HINT,
                        id="wagtail_stadtteil.E001",
                    )
                )
    return errors


@checks.register(checks.Tags.urls)
def check_urls(app_configs=None, **kwargs):
    """The calendar feeds (…/calendar.ics, …/availability.json) need the
    package's URLs in front of Wagtail's own page URLs."""
    from django.urls import NoReverseMatch, reverse

    if not apps.is_installed("wagtail_stadtteil.centres"):
        return []
    try:
        reverse("stadtteil_page_file", args=["centre/calendar.ics"])
    except NoReverseMatch:
        return [
            checks.Warning(
                "The URLs of wagtail-stadtteil are not included: calendar feeds "
                "(…/calendar.ics) and room availability (…/availability.json) will be 404.",
                hint=(
                    'Add path("", include("wagtail_stadtteil.urls")) to your urlpatterns '
                    "just before Wagtail's page URLs (include(wagtail_urls))."
                ),
                id="wagtail_stadtteil.W002",
            )
        ]
    return []


@checks.register()
def check_settings(app_configs=None, **kwargs):
    errors = []
    if not settings.USE_TZ:
        errors.append(
            checks.Error(
                "wagtail-stadtteil stores times as aware datetimes and needs USE_TZ = True.",
                hint="Set USE_TZ = True in your settings.",
                id="wagtail_stadtteil.E002",
            )
        )
    configured = getattr(settings, "WAGTAIL_STADTTEIL", {})
    if not isinstance(configured, dict):
        return [
            *errors,
            checks.Error(
                "WAGTAIL_STADTTEIL must be a dict.",
                hint="See the settings reference: WAGTAIL_STADTTEIL = {'HOLIDAY_STATE': 'NI'}.",
                id="wagtail_stadtteil.E003",
            ),
        ]
    for key in stadtteil_settings.unknown_keys():
        errors.append(
            checks.Warning(
                f"WAGTAIL_STADTTEIL has an unknown key {key!r}; it is ignored.",
                hint=f"Known keys: {', '.join(sorted(DEFAULTS))}.",
                id="wagtail_stadtteil.W001",
            )
        )
    errors += _check_time_zone() + _check_holiday_state() + _check_languages()
    errors += _check_page_size() + _check_base_template()
    return errors


def _check_time_zone():
    try:
        zoneinfo.ZoneInfo(stadtteil_settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return [
            checks.Error(
                f"WAGTAIL_STADTTEIL['TIME_ZONE'] = {stadtteil_settings.TIME_ZONE!r} "
                "is not a time zone.",
                hint="Use an IANA time zone name such as 'Europe/Berlin'.",
                id="wagtail_stadtteil.E004",
            )
        ]
    return []


def _check_holiday_state():
    import holidays

    state = stadtteil_settings.HOLIDAY_STATE
    if state is None or state in holidays.Germany.subdivisions:
        return []
    return [
        checks.Error(
            f"WAGTAIL_STADTTEIL['HOLIDAY_STATE'] = {state!r} is not a German state.",
            hint=f"Use one of {', '.join(holidays.Germany.subdivisions)}, or None.",
            id="wagtail_stadtteil.E005",
        )
    ]


def _check_languages():
    codes = stadtteil_settings.LANGUAGES
    if not isinstance(codes, (list, tuple)):
        # A string would be read letter by letter, None would crash the check.
        return [
            checks.Error(
                f"WAGTAIL_STADTTEIL['LANGUAGES'] = {codes!r} must be a list of language codes.",
                hint="E.g. WAGTAIL_STADTTEIL['LANGUAGES'] = ['de', 'en', 'tr'].",
                id="wagtail_stadtteil.E006",
            )
        ]
    unknown = [code for code in codes if code not in KNOWN_LANGUAGES]
    if not unknown:
        return []
    return [
        checks.Error(
            f"WAGTAIL_STADTTEIL['LANGUAGES'] has unknown codes: {', '.join(unknown)}.",
            hint=f"Known codes: {', '.join(KNOWN_LANGUAGES)}.",
            id="wagtail_stadtteil.E006",
        )
    ]


def _check_page_size():
    size = stadtteil_settings.PROGRAMME_PAGE_SIZE
    if isinstance(size, int) and not isinstance(size, bool) and size > 0:
        return []
    return [
        checks.Error(
            f"WAGTAIL_STADTTEIL['PROGRAMME_PAGE_SIZE'] = {size!r} must be a positive integer.",
            id="wagtail_stadtteil.E007",
        )
    ]


def _check_base_template():
    name = stadtteil_settings.BASE_TEMPLATE
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return [
            checks.Error(
                f"The base template {name!r} that the district centre pages extend does not exist.",
                hint=(
                    "Create it (with the blocks 'title' and 'content'), or set "
                    "WAGTAIL_STADTTEIL['BASE_TEMPLATE'] to your site's base template."
                ),
                id="wagtail_stadtteil.E008",
            )
        ]
    return []


@checks.register()
def check_sqlite_booking_transactions(app_configs=None, **kwargs):
    """Booking on SQLite relies on immediate write transactions (DESIGN §7)."""
    if not apps.is_installed("wagtail_stadtteil.booking"):
        return []
    warnings = []
    for alias, database in settings.DATABASES.items():
        if database.get("ENGINE") != "django.db.backends.sqlite3":
            continue
        if (database.get("OPTIONS") or {}).get("transaction_mode") != "IMMEDIATE":
            warnings.append(
                checks.Warning(
                    f"Database {alias!r} is SQLite without immediate write transactions: "
                    "concurrent room bookings may fail with 'database is locked'.",
                    hint='Add "OPTIONS": {"transaction_mode": "IMMEDIATE"} to '
                    f"DATABASES[{alias!r}], or use PostgreSQL.",
                    id="wagtail_stadtteil.W003",
                )
            )
    return warnings
