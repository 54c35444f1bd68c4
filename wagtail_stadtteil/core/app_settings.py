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
    # Room booking (the booking app). Nested dicts are merged key by key.
    "BOOKING": {
        # Fees for a requester kind that a room's fee table does not name
        # (seed 000): "allowed" (may request at all), "hourly" (per started
        # hour) and "daily" (flat per day, caps the hourly sum), in euros.
        "FEES": {
            "nonprofit": {"allowed": True, "hourly": "0", "daily": None},
            "public_body": {"allowed": True, "hourly": "0", "daily": None},
            "volunteer": {"allowed": True, "hourly": "0", "daily": None},
            "private": {"allowed": False, "hourly": None, "daily": None},
            "commercial": {"allowed": True, "hourly": "25.00", "daily": "150.00"},
        },
        # Undecided requests expire after this many days (or when their first
        # date has begun).
        "EXPIRE_AFTER_DAYS": 14,
        # The reminder goes out this many days before the first booked date.
        "REMINDER_DAYS_BEFORE": 2,
        # Requesters' personal data is removed this many days after the last
        # booked date ended, or after the request was declined, cancelled or
        # expired (stadtteil_purge_personal_data).
        "RETENTION_DAYS": 90,
        # How long the link in the mails (status, cancel) stays valid.
        "LINK_MAX_AGE_DAYS": 400,
        # Spam and abuse: a form sent faster than this is refused; requests
        # per client address per hour and per email address per day; open
        # (undecided or upcoming) requests per email address.
        "MIN_FILL_SECONDS": 3,
        "MAX_REQUESTS_PER_IP_PER_HOUR": 10,
        "MAX_REQUESTS_PER_EMAIL_PER_DAY": 5,
        "MAX_OPEN_REQUESTS_PER_EMAIL": 5,
        # Dates one recurring request may hold.
        "MAX_SERIES_DATES": 52,
        # Attempts to send a mail before it counts as failed.
        "MAIL_MAX_ATTEMPTS": 5,
        # The cache (CACHES alias) that counts requests; use a shared cache
        # such as Redis when several processes serve the site.
        "CACHE": "default",
    },
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
            # Nested dicts (PROFILE, BOOKING) are merged key by key, so a site can
            # override one threshold and keep the others.
            if isinstance(default, dict) and isinstance(configured.get(key), dict):
                merged[key] = {**default, **configured[key]}
        return merged

    def unknown_keys(self):
        configured = getattr(settings, "WAGTAIL_STADTTEIL", None) or {}
        return sorted(set(configured) - set(DEFAULTS))


stadtteil_settings = StadtteilSettings()
