"""The one place that reads ``settings.WAGTAIL_STADTTEIL``.

Every key has a documented default; code reads ``stadtteil_settings.KEY``.
Values are read on each access, so ``override_settings`` in tests just works.
"""

from django.conf import settings

#: Documented defaults of ``WAGTAIL_STADTTEIL``. *Contract* for the key names.
DEFAULTS = {
    # Template every public page of the package extends. It must define the
    # blocks ``title`` and ``content``; ``extra_css`` is used when present.
    "BASE_TEMPLATE": "base.html",
    # Time zone in which centres define schedules and opening hours.
    "TIME_ZONE": "Europe/Berlin",
    # German state (ISO 3166-2 subdivision code without "DE-", e.g. "NI", "NW",
    # "BY") whose public holidays apply to a centre that names none. None means
    # nationwide holidays only.
    "HOLIDAY_STATE": None,
    # Language codes editors can choose for offers, consultation hours and
    # team members (see wagtail_stadtteil.core.languages.KNOWN_LANGUAGES).
    "LANGUAGES": [
        "de",
        "de-x-easy",
        "gsg",
        "en",
        "tr",
        "ar",
        "ru",
        "uk",
        "fa",
        "ps",
        "ku",
        "pl",
        "ro",
        "bg",
        "sq",
        "ti",
        "fr",
    ],
    # How far ahead the occurrence store holds dates, in months. The
    # stadtteil_refresh_occurrences command (run daily) moves the horizon on.
    "OCCURRENCE_HORIZON_MONTHS": 18,
    # Thresholds of the centre profile check (seed 002, Bielefeld): days and
    # hours open per week, offers at the weekend, hours of citizens'
    # consultation (Bürgersprechstunde) per week.
    "PROFILE": {
        "MIN_OPEN_DAYS": 5,
        "MIN_OPEN_HOURS": 40,
        "WEEKEND_OFFERS": True,
        "MIN_CITIZENS_CONSULTATION_HOURS": 10,
    },
    # Offers per page in the programme listing.
    "PROGRAMME_PAGE_SIZE": 20,
    # Link the package's small stylesheet from its templates. Sites with their
    # own design set this to False and style the documented class names.
    "INCLUDE_CSS": True,
}


class StadtteilSettings:
    """Attribute access to ``WAGTAIL_STADTTEIL`` with defaults filled in."""

    def __getattr__(self, name):
        if name not in DEFAULTS:
            raise AttributeError(f"WAGTAIL_STADTTEIL has no setting {name!r}")
        return self.as_dict()[name]

    def as_dict(self):
        configured = getattr(settings, "WAGTAIL_STADTTEIL", None) or {}
        merged = {**DEFAULTS, **configured}
        for key, default in DEFAULTS.items():
            # Nested dicts (PROFILE) are merged key by key, so a site can
            # override one threshold and keep the others.
            if isinstance(default, dict) and isinstance(configured.get(key), dict):
                merged[key] = {**default, **configured[key]}
        return merged

    def unknown_keys(self):
        configured = getattr(settings, "WAGTAIL_STADTTEIL", None) or {}
        return sorted(set(configured) - set(DEFAULTS))


stadtteil_settings = StadtteilSettings()
