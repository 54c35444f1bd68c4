"""Schedules in plain language: "every Tuesday, 18:00–20:00, not on public
holidays" ("jeden Dienstag, 18:00–20:00, nicht an Feiertagen" on a German page).

Shown to editors beside the schedule in the admin and reusable in public
templates (``describe(schedule)``). The common patterns of a centre's week are
put into words here; any other rule falls back to django-recurrence's own text.
Dates follow the active language's date format; times are always 24-hour.
"""

import datetime as dt

from django.utils import formats
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy
from recurrence import DAILY, MONTHLY, WEEKLY
from recurrence.base import to_weekday

from .dates import local_date, local_today

#: Weekdays as in "on Mondays" (German "montags"), Monday first.
WEEKDAYS_PLURAL = {
    0: pgettext_lazy("on every", "Mondays"),
    1: pgettext_lazy("on every", "Tuesdays"),
    2: pgettext_lazy("on every", "Wednesdays"),
    3: pgettext_lazy("on every", "Thursdays"),
    4: pgettext_lazy("on every", "Fridays"),
    5: pgettext_lazy("on every", "Saturdays"),
    6: pgettext_lazy("on every", "Sundays"),
}

#: How many single dates are named before "and N more dates".
MAX_DATES_NAMED = 5
#: How many excluded dates are named before they are only counted.
MAX_EXCLUSIONS_NAMED = 3

_OTHER_BY_PARAMS = ("bymonth", "byyearday", "byweekno", "byhour", "byminute", "bysecond")


def describe(schedule, today=None):
    """A schedule (ScheduleBase) in words, in the active language."""
    today = today or local_today()
    recurrence = schedule.recurrence
    rules = list(recurrence.rrules) if recurrence else []
    rdates = sorted({local_date(value) for value in recurrence.rdates}) if recurrence else []

    parts = []
    if rules:
        parts.append(describe_rules(rules, schedule.starts_on))
    elif rdates:
        parts.append(_single_dates(_upcoming_or_all(rdates, today)))
    else:
        return gettext("no dates yet")

    if schedule.start_time and schedule.end_time:
        parts.append(time_range(schedule.start_time, schedule.end_time))
    if rules and schedule.starts_on and schedule.starts_on > today:
        parts.append(gettext("from %(date)s") % {"date": format_date(schedule.starts_on)})
    until = _until(rules, schedule.ends_on)
    if until:
        parts.append(gettext("until %(date)s") % {"date": format_date(until)})
    counts = [rule.count for rule in rules if rule.count]
    if counts:
        count = sum(counts)
        parts.append(ngettext("%(count)s time", "%(count)s times", count) % {"count": count})

    if rules:
        extra = [day for day in rdates if day >= today]
        if extra:
            parts.append(gettext("also on %(dates)s") % {"dates": date_list(extra)})
        for rule in recurrence.exrules:
            parts.append(gettext("except %(rule)s") % {"rule": rule.to_text()})
    excluded = _exclusions(schedule, today)
    if excluded:
        parts.append(excluded)
    if rules and schedule.pauses_on_closures:
        parts.append(gettext("not on public holidays"))
    return ", ".join(parts)


def describe_rules(rules, anchor):
    """The rules (django-recurrence ``Rule``) joined into one phrase."""
    texts, monthly = [], {}
    for rule in rules:
        shape = _monthly_positions(rule)
        if shape is not None:
            weekday, positions = shape
            if weekday not in monthly:
                monthly[weekday] = []
                texts.append(weekday)  # a placeholder, keeps the editor's order
            monthly[weekday].extend(positions)
            continue
        texts.append(_describe_rule(rule, anchor) or rule.to_text())
    return join_words(
        [_monthly_text(text, monthly[text]) if isinstance(text, int) else text for text in texts]
    )


def _describe_rule(rule, anchor):
    """One rule in words, or None when it is not a pattern covered here."""
    if any(getattr(rule, param) for param in _OTHER_BY_PARAMS) or rule.bysetpos:
        return None
    days = [to_weekday(day) for day in rule.byday]
    if any(day.index for day in days):
        return None
    weekdays = sorted({day.number for day in days})

    if rule.freq == DAILY and not rule.bymonthday:
        if weekdays and rule.interval == 1:
            return _weekly(weekdays, 1)
        if weekdays:
            return None
        if rule.interval == 1:
            return gettext("daily")
        return ngettext("every day", "every %(count)s days", rule.interval) % {
            "count": rule.interval
        }
    if rule.freq == WEEKLY and not rule.bymonthday:
        return _weekly(weekdays or [anchor.weekday()], rule.interval)
    if rule.freq == MONTHLY and not weekdays and rule.interval == 1:
        monthdays = rule.bymonthday or [anchor.day]
        if any(day < 1 for day in monthdays):
            return None
        return gettext("on the %(days)s of every month") % {
            "days": join_words([ordinal(day) for day in sorted(monthdays)])
        }
    return None


def _weekly(weekdays, interval):
    if interval == 1:
        if len(weekdays) == 7:
            return gettext("daily")
        if len(weekdays) == 1:
            return gettext("every %(weekday)s") % {"weekday": WEEKDAYS[weekdays[0]]}
        return gettext("on %(weekdays)s") % {"weekdays": weekday_list(weekdays)}
    if interval == 2:
        if len(weekdays) == 1:
            return gettext("every other %(weekday)s") % {"weekday": WEEKDAYS[weekdays[0]]}
        return gettext("every other week on %(weekdays)s") % {"weekdays": weekday_list(weekdays)}
    return ngettext(
        "every %(count)s week on %(weekdays)s", "every %(count)s weeks on %(weekdays)s", interval
    ) % {"count": interval, "weekdays": weekday_list(weekdays)}


def _monthly_positions(rule):
    """(weekday, [positions]) of a rule like "on the 1st and 3rd Wednesday of
    the month" (BYDAY=+1WE,+3WE or BYDAY=WE;BYSETPOS=1,3), else None."""
    if rule.freq != MONTHLY or rule.interval != 1 or not rule.byday:
        return None
    if rule.bymonthday or rule.count or rule.until:
        return None
    if any(getattr(rule, param) for param in _OTHER_BY_PARAMS):
        return None
    days = [to_weekday(day) for day in rule.byday]
    if len({day.number for day in days}) != 1:
        return None
    positions = list(rule.bysetpos) if rule.bysetpos else [day.index for day in days]
    if not positions or any(not position or abs(position) > 5 for position in positions):
        return None
    return days[0].number, positions


def _monthly_text(weekday, positions):
    ordered = sorted(set(positions), key=lambda p: (p < 0, p if p > 0 else -p))
    return gettext("on the %(positions)s %(weekday)s of the month") % {
        "positions": join_words([position_in_month(p) for p in ordered]),
        "weekday": WEEKDAYS[weekday],
    }


def _until(rules, ends_on):
    candidates = [ends_on] if ends_on else []
    if rules and all(rule.until for rule in rules):
        candidates.append(max(local_date(rule.until) for rule in rules))
    return min(candidates) if candidates else None


def _single_dates(days):
    if len(days) == 1:
        return gettext("once on %(date)s") % {"date": format_date(days[0])}
    return gettext("on %(dates)s") % {"dates": date_list(days)}


def _upcoming_or_all(days, today):
    upcoming = [day for day in days if day >= today]
    return upcoming or days


def _exclusions(schedule, today):
    recurrence = schedule.recurrence
    if recurrence is None or not recurrence.exdates:
        return ""
    last = schedule.ends_on or dt.date.max
    days = sorted(
        {
            day
            for day in (local_date(value) for value in recurrence.exdates)
            if max(today, schedule.starts_on or today) <= day <= last
        }
    )
    if not days:
        return ""
    if len(days) > MAX_EXCLUSIONS_NAMED:
        return ngettext("not on %(count)s date", "not on %(count)s dates", len(days)) % {
            "count": len(days)
        }
    return gettext("not on %(dates)s") % {"dates": join_words([format_date(d) for d in days])}


# Words ---------------------------------------------------------------------


def join_words(items):
    """ "A", "A and B", "A, B and C" in the active language."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def weekday_list(weekdays):
    """ "Mondays and Wednesdays", runs of three or more as "Mondays to Fridays"."""
    runs, run = [], []
    for day in sorted(weekdays):
        if run and day != run[-1] + 1:
            runs.append(run)
            run = []
        run.append(day)
    runs.append(run)
    words = []
    for run in runs:
        if len(run) >= 3:
            words.append(
                gettext("%(first)s to %(last)s")
                % {"first": WEEKDAYS_PLURAL[run[0]], "last": WEEKDAYS_PLURAL[run[-1]]}
            )
        else:
            words.extend(str(WEEKDAYS_PLURAL[day]) for day in run)
    return join_words(words)


def ordinal(number):
    """1st, 2nd, 3rd, 4th … (German: 1., 2., 3., 4. …)."""
    if number % 100 in (11, 12, 13):
        template = pgettext("ordinal 11, 12, 13", "%(number)sth")
    elif number % 10 == 1:
        template = pgettext("ordinal 1, 21, 31", "%(number)sst")
    elif number % 10 == 2:
        template = pgettext("ordinal 2, 22", "%(number)snd")
    elif number % 10 == 3:
        template = pgettext("ordinal 3, 23", "%(number)srd")
    else:
        template = pgettext("ordinal 0, 4-9", "%(number)sth")
    return template % {"number": number}


def position_in_month(position):
    """The n-th (1 … 5) or, counted from the end, the last (-1) weekday of a month."""
    if position == -1:
        return gettext("last")
    if position == -2:
        return gettext("second last")
    if position < 0:
        return gettext("%(position)s last") % {"position": ordinal(-position)}
    return ordinal(position)


def format_date(day):
    """12 March 2027 in the active language's date format ("12. März 2027")."""
    return formats.date_format(day, "DATE_FORMAT")


def date_list(days):
    named = [format_date(day) for day in days[:MAX_DATES_NAMED]]
    more = len(days) - len(named)
    if more:
        named.append(
            ngettext("%(count)s more date", "%(count)s more dates", more) % {"count": more}
        )
    return join_words(named)


def time_range(start, end):
    """18:00–20:00."""
    return f"{start:%H:%M}–{end:%H:%M}"
