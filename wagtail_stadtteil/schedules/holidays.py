"""Public holidays per German state (the `holidays` library)."""

import functools

import holidays
from django.utils.translation import gettext_lazy as _

from wagtail_stadtteil.core.app_settings import stadtteil_settings


@functools.lru_cache(maxsize=64)
def _holidays_for(state, year):
    return dict(holidays.country_holidays("DE", subdiv=state or None, years=year, language="de"))


def public_holidays(state, first, last):
    """{date: name} of the public holidays from ``first`` to ``last`` in ``state``
    (e.g. "NI"); ``None`` uses WAGTAIL_STADTTEIL["HOLIDAY_STATE"]."""
    state = state or stadtteil_settings.HOLIDAY_STATE
    found = {}
    for year in range(first.year, last.year + 1):
        found.update(
            (day, name) for day, name in _holidays_for(state, year).items() if first <= day <= last
        )
    return found


GERMAN_STATES = [
    ("BW", _("Baden-Württemberg")),
    ("BY", _("Bavaria")),
    ("BE", _("Berlin")),
    ("BB", _("Brandenburg")),
    ("HB", _("Bremen")),
    ("HH", _("Hamburg")),
    ("HE", _("Hesse")),
    ("MV", _("Mecklenburg-Western Pomerania")),
    ("NI", _("Lower Saxony")),
    ("NW", _("North Rhine-Westphalia")),
    ("RP", _("Rhineland-Palatinate")),
    ("SL", _("Saarland")),
    ("SN", _("Saxony")),
    ("ST", _("Saxony-Anhalt")),
    ("SH", _("Schleswig-Holstein")),
    ("TH", _("Thuringia")),
]
