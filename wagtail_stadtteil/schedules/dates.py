"""Recurrences as patterns of local dates (DESIGN §7).

django-recurrence stores DTSTART, RDATE and EXDATE as UTC instants; read back,
a weekly 18:00 drifts to 19:00 after the DST change, and the admin widget writes
dates as browser-local midnight in UTC. So the package never uses the stored
times: a recurrence only says *on which local dates* something happens, expanded
from a naive local-midnight anchor; the schedule's local start and end times are
combined with each date afterwards, in the centre's time zone.
"""

import copy
import datetime as dt
import zoneinfo

from django.utils import timezone

from wagtail_stadtteil.core.app_settings import stadtteil_settings


def local_zone():
    return zoneinfo.ZoneInfo(stadtteil_settings.TIME_ZONE)


def local_today():
    return timezone.localdate(timezone=local_zone())


def local_date(value, zone=None):
    """The local calendar date of a date, naive datetime or aware datetime."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            return value.astimezone(zone or local_zone()).date()
        return value.date()
    return value


def expand_dates(recurrence, anchor, first, last):
    """The sorted local dates on which ``recurrence`` occurs from ``first`` to
    ``last`` (inclusive). ``anchor`` is the date the rules count from (their
    DTSTART); it is never added as an occurrence of its own. Always bounded."""
    if recurrence is None or last < first:
        return []
    zone = local_zone()
    dtstart = dt.datetime.combine(anchor, dt.time.min)
    after = dt.datetime.combine(first, dt.time.min)
    before = dt.datetime.combine(last, dt.time.min)

    dates = set()
    for rule in recurrence.rrules:
        dates.update(_between(rule, dtstart, after, before, zone))
    dates.update(
        d for d in (local_date(value, zone) for value in recurrence.rdates) if first <= d <= last
    )

    excluded = {local_date(value, zone) for value in recurrence.exdates}
    for rule in recurrence.exrules:
        excluded.update(_between(rule, dtstart, after, before, zone))
    return sorted(dates - excluded)


def _between(rule, dtstart, after, before, zone):
    rule = copy.copy(rule)
    if rule.until:
        # UNTIL counts to the end of its local day, compared naively like DTSTART.
        rule.until = dt.datetime.combine(local_date(rule.until, zone), dt.time.max)
    rrule = rule.to_dateutil_rrule(dtstart=dtstart)
    return {occurrence.date() for occurrence in rrule.between(after, before, inc=True)}


def aware(day, time, zone=None):
    """The instant at local ``time`` on local ``day`` (DST-correct)."""
    return dt.datetime.combine(day, time, tzinfo=zone or local_zone())
