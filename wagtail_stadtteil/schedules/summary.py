"""Schedules in plain language: "every Tuesday, 18:00–20:00, not on public
holidays" ("jeden Dienstag, 18:00–20:00, nicht an Feiertagen" on a German page).

Shown to editors beside the schedule in the admin and reusable in public
templates (``describe(schedule)``). The common patterns of a centre's week are
put into words here; any other rule falls back to django-recurrence's own text.
Dates follow the active language's date format; times are always 24-hour.

How the phrases are built, so that Russian, Ukrainian, Arabic and Turkish
translators can make them grammatical (issue 6):

* Nothing that must agree is put together from pieces. Where an ordinal or
  "every" has to agree with a weekday in gender and case ("каждый первый
  понедельник", "каждую первую среду"), the whole phrase is one message: one
  per weekday ("every Monday", "every other Monday"), one per weekday and
  position in the month ("every first Monday" … "every last Sunday", positions
  1 to 5 and the last three, 8 × 7 messages). No English ordinal suffixes
  ("1st", "15th") are used at all.
* Several weekdays are a list of whole phrases ("on Mondays", "from Monday to
  Friday" for three or more days in a row) joined by "%(items)s and
  %(last)s": "on Mondays and on Thursdays" (German "montags und
  donnerstags", Russian "по понедельникам и по четвергам").
* A frame only wraps whole phrases and never has to agree with them:
  "every other week %(weekdays)s", "every %(count)s weeks %(weekdays)s"
  (ngettext: the count agrees with "weeks" inside the frame), "%(days)s of the
  month" around "every first Wednesday and every third Wednesday" (German
  "jeden ersten Mittwoch und jeden dritten Mittwoch im Monat"). Languages that
  put "of the month" first (Turkish "her ayın …") move it in the frame.
* Days of the month are numbers: "on day %(day)s of every month" (German "am
  %(day)s. jedes Monats"); several days are "on days %(days)s of every month"
  with each number written by its own message "%(day)s" (German "%(day)s."),
  so "am 1. und 15. jedes Monats".
* Every message has a translator comment (``# Translators:``) right above it.

Only unusual rules fall back to django-recurrence's ``Rule.to_text()``: yearly
rules, rules every few months, hours/minutes, BYMONTH/BYYEARDAY/BYWEEKNO, daily
rules on some weekdays every few days, positions like "fourth to last", mixed
positive and negative days of the month. django-recurrence ships catalogs for
German and Arabic (among others) but not for Russian, Ukrainian or Turkish;
there Django would fill its phrases from the default language's catalog and its
weekday and month names from the page's language ("jährlich, jeden Март"), so
for a language django-recurrence does not speak its text is given whole in the
site's default language (``LANGUAGE_CODE``), else in English.
"""

import datetime as dt
from functools import lru_cache
from pathlib import Path

import recurrence as recurrence_package
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy
from recurrence import DAILY, MONTHLY, WEEKLY
from recurrence.base import to_weekday

from .dates import local_date, local_today

#: How many single dates are named before "and N more dates".
MAX_DATES_NAMED = 5
#: How many excluded dates are named before they are only counted.
MAX_EXCLUSIONS_NAMED = 3

_OTHER_BY_PARAMS = ("bymonth", "byyearday", "byweekno", "byhour", "byminute", "bysecond")

# Whole phrases (see the module docstring). Each call is written out so that
# makemessages finds it with its translator comment.

#: "every Monday" … "every Sunday": a weekly rule on one weekday.
EVERY_WEEKDAY = (
    # Translators: meets every week on this day, a whole phrase: let "every" agree with the day
    # (German "jeden Montag", Russian "каждый понедельник", "каждую среду").
    pgettext_lazy("schedule: every week", "every Monday"),
    # Translators: meets every week on this day, a whole phrase: let "every" agree with the day
    # (German "jeden Montag", Russian "каждый понедельник", "каждую среду").
    pgettext_lazy("schedule: every week", "every Tuesday"),
    # Translators: meets every week on this day, a whole phrase: let "every" agree with the day
    # (German "jeden Montag", Russian "каждый понедельник", "каждую среду").
    pgettext_lazy("schedule: every week", "every Wednesday"),
    # Translators: meets every week on this day, a whole phrase: let "every" agree with the day
    # (German "jeden Montag", Russian "каждый понедельник", "каждую среду").
    pgettext_lazy("schedule: every week", "every Thursday"),
    # Translators: meets every week on this day, a whole phrase: let "every" agree with the day
    # (German "jeden Montag", Russian "каждый понедельник", "каждую среду").
    pgettext_lazy("schedule: every week", "every Friday"),
    # Translators: meets every week on this day, a whole phrase: let "every" agree with the day
    # (German "jeden Montag", Russian "каждый понедельник", "каждую среду").
    pgettext_lazy("schedule: every week", "every Saturday"),
    # Translators: meets every week on this day, a whole phrase: let "every" agree with the day
    # (German "jeden Montag", Russian "каждый понедельник", "каждую среду").
    pgettext_lazy("schedule: every week", "every Sunday"),
)

#: "on Mondays" … "on Sundays": one of several weekdays of a weekly rule.
ON_WEEKDAYS = (
    # Translators: one of several days of a weekly rule, a whole phrase; the days are joined by
    # "%(items)s and %(last)s" (German "montags", Russian "по понедельникам").
    pgettext_lazy("schedule: one of several weekdays", "on Mondays"),
    # Translators: one of several days of a weekly rule, a whole phrase; the days are joined by
    # "%(items)s and %(last)s" (German "montags", Russian "по понедельникам").
    pgettext_lazy("schedule: one of several weekdays", "on Tuesdays"),
    # Translators: one of several days of a weekly rule, a whole phrase; the days are joined by
    # "%(items)s and %(last)s" (German "montags", Russian "по понедельникам").
    pgettext_lazy("schedule: one of several weekdays", "on Wednesdays"),
    # Translators: one of several days of a weekly rule, a whole phrase; the days are joined by
    # "%(items)s and %(last)s" (German "montags", Russian "по понедельникам").
    pgettext_lazy("schedule: one of several weekdays", "on Thursdays"),
    # Translators: one of several days of a weekly rule, a whole phrase; the days are joined by
    # "%(items)s and %(last)s" (German "montags", Russian "по понедельникам").
    pgettext_lazy("schedule: one of several weekdays", "on Fridays"),
    # Translators: one of several days of a weekly rule, a whole phrase; the days are joined by
    # "%(items)s and %(last)s" (German "montags", Russian "по понедельникам").
    pgettext_lazy("schedule: one of several weekdays", "on Saturdays"),
    # Translators: one of several days of a weekly rule, a whole phrase; the days are joined by
    # "%(items)s and %(last)s" (German "montags", Russian "по понедельникам").
    pgettext_lazy("schedule: one of several weekdays", "on Sundays"),
)

#: "from Monday to Wednesday" … "from Friday to Sunday": three or more days in a row.
WEEKDAY_RANGES = {
    # Translators: every day of this range of weekdays, a whole phrase that may be joined with
    # others by "%(items)s and %(last)s" (German "montags bis freitags").
    (0, 2): pgettext_lazy("schedule: range of weekdays", "from Monday to Wednesday"),
    # Translators: every day of this range of weekdays, a whole phrase that may be joined with
    # others by "%(items)s and %(last)s" (German "montags bis freitags").
    (0, 3): pgettext_lazy("schedule: range of weekdays", "from Monday to Thursday"),
    # Translators: every day of this range of weekdays, a whole phrase that may be joined with
    # others by "%(items)s and %(last)s" (German "montags bis freitags").
    (0, 4): pgettext_lazy("schedule: range of weekdays", "from Monday to Friday"),
    # Translators: every day of this range of weekdays, a whole phrase that may be joined with
    # others by "%(items)s and %(last)s" (German "montags bis freitags").
    (0, 5): pgettext_lazy("schedule: range of weekdays", "from Monday to Saturday"),
    # Translators: every day of this range of weekdays, a whole phrase that may be joined with
    # others by "%(items)s and %(last)s" (German "montags bis freitags").
    (0, 6): pgettext_lazy("schedule: range of weekdays", "from Monday to Sunday"),
    # Translators: every day of this range of weekdays, a whole phrase that may be joined with
    # others by "%(items)s and %(last)s" (German "montags bis freitags").
    (1, 3): pgettext_lazy("schedule: range of weekdays", "from Tuesday to Thursday"),
    # Translators: every day of this range of weekdays, a whole phrase that may be joined with
    # others by "%(items)s and %(last)s" (German "montags bis freitags").
    (1, 4): pgettext_lazy("schedule: range of weekdays", "from Tuesday to Friday"),
    # Translators: every day of this range of weekdays, a whole phrase that may be joined with
    # others by "%(items)s and %(last)s" (German "montags bis freitags").
    (1, 5): pgettext_lazy("schedule: range of weekdays", "from Tuesday to Saturday"),
    # Translators: every day of this range of weekdays, a whole phrase that may be joined with
    # others by "%(items)s and %(last)s" (German "montags bis freitags").
    (1, 6): pgettext_lazy("schedule: range of weekdays", "from Tuesday to Sunday"),
    # Translators: every day of this range of weekdays, a whole phrase that may be joined with
    # others by "%(items)s and %(last)s" (German "montags bis freitags").
    (2, 4): pgettext_lazy("schedule: range of weekdays", "from Wednesday to Friday"),
    # Translators: every day of this range of weekdays, a whole phrase that may be joined with
    # others by "%(items)s and %(last)s" (German "montags bis freitags").
    (2, 5): pgettext_lazy("schedule: range of weekdays", "from Wednesday to Saturday"),
    # Translators: every day of this range of weekdays, a whole phrase that may be joined with
    # others by "%(items)s and %(last)s" (German "montags bis freitags").
    (2, 6): pgettext_lazy("schedule: range of weekdays", "from Wednesday to Sunday"),
    # Translators: every day of this range of weekdays, a whole phrase that may be joined with
    # others by "%(items)s and %(last)s" (German "montags bis freitags").
    (3, 5): pgettext_lazy("schedule: range of weekdays", "from Thursday to Saturday"),
    # Translators: every day of this range of weekdays, a whole phrase that may be joined with
    # others by "%(items)s and %(last)s" (German "montags bis freitags").
    (3, 6): pgettext_lazy("schedule: range of weekdays", "from Thursday to Sunday"),
    # Translators: every day of this range of weekdays, a whole phrase that may be joined with
    # others by "%(items)s and %(last)s" (German "montags bis freitags").
    (4, 6): pgettext_lazy("schedule: range of weekdays", "from Friday to Sunday"),
}

#: "every other Monday" … "every other Sunday": a rule every second week on one weekday.
EVERY_OTHER_WEEKDAY = (
    # Translators: meets every second week on this day, a whole phrase: let "every other" agree
    # with the day (German "jeden zweiten Montag", Russian "каждый второй понедельник").
    pgettext_lazy("schedule: every two weeks", "every other Monday"),
    # Translators: meets every second week on this day, a whole phrase: let "every other" agree
    # with the day (German "jeden zweiten Montag", Russian "каждый второй понедельник").
    pgettext_lazy("schedule: every two weeks", "every other Tuesday"),
    # Translators: meets every second week on this day, a whole phrase: let "every other" agree
    # with the day (German "jeden zweiten Montag", Russian "каждый второй понедельник").
    pgettext_lazy("schedule: every two weeks", "every other Wednesday"),
    # Translators: meets every second week on this day, a whole phrase: let "every other" agree
    # with the day (German "jeden zweiten Montag", Russian "каждый второй понедельник").
    pgettext_lazy("schedule: every two weeks", "every other Thursday"),
    # Translators: meets every second week on this day, a whole phrase: let "every other" agree
    # with the day (German "jeden zweiten Montag", Russian "каждый второй понедельник").
    pgettext_lazy("schedule: every two weeks", "every other Friday"),
    # Translators: meets every second week on this day, a whole phrase: let "every other" agree
    # with the day (German "jeden zweiten Montag", Russian "каждый второй понедельник").
    pgettext_lazy("schedule: every two weeks", "every other Saturday"),
    # Translators: meets every second week on this day, a whole phrase: let "every other" agree
    # with the day (German "jeden zweiten Montag", Russian "каждый второй понедельник").
    pgettext_lazy("schedule: every two weeks", "every other Sunday"),
)

#: "every first Monday" … "every last Sunday", by position in the month and weekday;
#: shown inside "%(days)s of the month".
WEEKDAYS_OF_THE_MONTH = {
    1: (
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every first Monday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every first Tuesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every first Wednesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every first Thursday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every first Friday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every first Saturday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every first Sunday"),
    ),
    2: (
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every second Monday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every second Tuesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every second Wednesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every second Thursday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every second Friday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every second Saturday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every second Sunday"),
    ),
    3: (
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every third Monday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every third Tuesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every third Wednesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every third Thursday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every third Friday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every third Saturday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every third Sunday"),
    ),
    4: (
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every fourth Monday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every fourth Tuesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every fourth Wednesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every fourth Thursday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every fourth Friday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every fourth Saturday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every fourth Sunday"),
    ),
    5: (
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every fifth Monday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every fifth Tuesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every fifth Wednesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every fifth Thursday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every fifth Friday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every fifth Saturday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every fifth Sunday"),
    ),
    -3: (
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every third-to-last Monday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every third-to-last Tuesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every third-to-last Wednesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every third-to-last Thursday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every third-to-last Friday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every third-to-last Saturday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every third-to-last Sunday"),
    ),
    -2: (
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every second-to-last Monday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every second-to-last Tuesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every second-to-last Wednesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every second-to-last Thursday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every second-to-last Friday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every second-to-last Saturday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every second-to-last Sunday"),
    ),
    -1: (
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every last Monday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every last Tuesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every last Wednesday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every last Thursday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every last Friday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every last Saturday"),
        # Translators: a day of the month, a whole phrase: let "every" and the ordinal agree with
        # the day (Russian "каждый первый понедельник", "каждую первую среду"). It is shown
        # inside "%(days)s of the month", alone or with others joined by "and".
        pgettext_lazy("schedule: weekday of the month", "every last Sunday"),
    ),
}

#: The positions in the month put into words, in the order of the month.
POSITIONS = (1, 2, 3, 4, 5, -3, -2, -1)


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
            parts.append(gettext("except %(rule)s") % {"rule": recurrence_text(rule)})
    excluded = _exclusions(schedule, today)
    if excluded:
        parts.append(excluded)
    if rules and schedule.pauses_on_closures:
        parts.append(gettext("not on public holidays"))
    return list_separator().join(parts)


def describe_rules(rules, anchor):
    """The rules (django-recurrence ``Rule``) joined into one phrase.

    Rules "on the n-th weekday of the month" (the widget writes one rule per
    position) are gathered into one phrase where the first of them stands:
    "every first Wednesday and every third Wednesday of the month"."""
    texts, monthly = [], []
    for rule in rules:
        days = _weekdays_of_the_month(rule)
        if days is not None:
            if not monthly:
                texts.append(None)  # a placeholder, keeps the editor's order
            monthly.extend(day for day in dict.fromkeys(days) if day not in monthly)
            continue
        texts.append(_describe_rule(rule, anchor) or recurrence_text(rule))
    return join_words(
        [_weekdays_of_the_month_text(monthly) if text is None else text for text in texts]
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
        # Translators: a schedule every %(count)s days (2 or more); keep %(count)s in every
        # plural form.
        return ngettext("every day", "every %(count)s days", rule.interval) % {
            "count": rule.interval
        }
    if rule.freq == WEEKLY and not rule.bymonthday:
        return _weekly(weekdays or [anchor.weekday()], rule.interval)
    if rule.freq == MONTHLY and not weekdays and rule.interval == 1:
        return _days_of_the_month(sorted(set(rule.bymonthday or [anchor.day])))
    return None


def _weekly(weekdays, interval):
    if interval == 1:
        if len(weekdays) == 7:
            return gettext("daily")
        if len(weekdays) == 1:
            return str(EVERY_WEEKDAY[weekdays[0]])
        return weekday_list(weekdays)
    if interval == 2:
        if len(weekdays) == 1:
            return str(EVERY_OTHER_WEEKDAY[weekdays[0]])
        # Translators: a schedule every second week. %(weekdays)s is a list of whole phrases
        # such as "on Mondays and on Thursdays" or "from Monday to Friday" (German "alle 2
        # Wochen %(weekdays)s").
        return pgettext("schedule", "every other week %(weekdays)s") % {
            "weekdays": weekday_list(weekdays)
        }
    return ngettext(
        # Translators: a schedule every %(count)s weeks (3 or more); keep %(count)s in every
        # plural form. %(weekdays)s is one or several whole phrases such as "on Mondays", "on
        # Mondays and on Thursdays" or "from Monday to Friday" (German "alle %(count)s Wochen
        # %(weekdays)s").
        "every %(count)s week %(weekdays)s",
        "every %(count)s weeks %(weekdays)s",
        interval,
    ) % {"count": interval, "weekdays": weekday_list(weekdays)}


def _days_of_the_month(days):
    if days == [-1]:
        # Translators: a monthly schedule on the last day of each month.
        return pgettext("schedule: day of the month", "on the last day of every month")
    if any(day < 1 for day in days):
        return None
    if len(days) == 1:
        # Translators: a monthly schedule on one day of the month; %(day)s is a number from 1
        # to 31 (German "am %(day)s. jedes Monats").
        return pgettext("schedule: day of the month", "on day %(day)s of every month") % {
            "day": days[0]
        }
    numbers = [
        # Translators: one day (a number from 1 to 31) in the list of "on days %(days)s of every
        # month"; add what your language writes with a day number there (German "%(day)s.").
        pgettext("schedule: one day of the month in a list", "%(day)s") % {"day": day}
        for day in days
    ]
    # Translators: a monthly schedule on several days of the month; %(days)s is a list such as
    # "1 and 15", each number written by the message "%(day)s" (German "am %(days)s jedes
    # Monats", which reads "am 1. und 15. jedes Monats").
    return pgettext("schedule: day of the month", "on days %(days)s of every month") % {
        "days": join_words(numbers)
    }


def _weekdays_of_the_month(rule):
    """[(weekday, position), …] of a rule like "on the 1st and 3rd Wednesday
    of the month" (BYDAY=+1WE,+3WE or BYDAY=WE;BYSETPOS=1,3), else None."""
    if rule.freq != MONTHLY or rule.interval != 1 or not rule.byday or rule.bymonthday:
        return None
    if any(getattr(rule, param) for param in _OTHER_BY_PARAMS):
        return None
    days = [to_weekday(day) for day in rule.byday]
    if rule.bysetpos:
        # BYSETPOS picks among all the weekdays given: the same as BYDAY
        # positions only for a single weekday.
        if len({day.number for day in days}) != 1 or days[0].index:
            return None
        pairs = [(days[0].number, position) for position in rule.bysetpos]
    else:
        pairs = [(day.number, day.index) for day in days]
    if any(position not in POSITIONS for _, position in pairs):
        return None
    return pairs


def _weekdays_of_the_month_text(pairs):
    """ "every first Wednesday and every third Wednesday of the month": the
    weekdays in the editor's order, each one's positions in the month's."""
    weekdays = list(dict.fromkeys(weekday for weekday, _ in pairs))
    phrases = [
        WEEKDAYS_OF_THE_MONTH[position][weekday]
        for weekday in weekdays
        for position in POSITIONS
        if (weekday, position) in pairs
    ]
    # Translators: %(days)s is one or several whole phrases such as "every first Monday" or
    # "every first Wednesday and every third Wednesday"; put "of the month" where your language
    # needs it (German "%(days)s im Monat").
    return pgettext("schedule", "%(days)s of the month") % {"days": join_words(phrases)}


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
    # Translators: the end of a list: %(items)s are all items but the last, separated by
    # commas. The items are whole phrases ("on Mondays", "every first Monday", dates).
    return gettext("%(items)s and %(last)s") % {
        "items": list_separator().join(items[:-1]),
        "last": items[-1],
    }


def list_separator():
    # Translators: what separates the items of a list ("on Mondays, on Tuesdays"),
    # with its space; Arabic writes "، ".
    return pgettext("list separator", ", ")


def weekday_list(weekdays):
    """ "on Mondays and on Wednesdays"; three or more days in a row as one
    phrase, "from Monday to Friday". Each item is a whole phrase."""
    runs, run = [], []
    for day in sorted(weekdays):
        if run and day != run[-1] + 1:
            runs.append(run)
            run = []
        run.append(day)
    runs.append(run)
    phrases = []
    for run in runs:
        if len(run) >= 3:
            phrases.append(WEEKDAY_RANGES[run[0], run[-1]])
        else:
            phrases.extend(ON_WEEKDAYS[day] for day in run)
    return join_words(phrases)


def recurrence_text(rule):
    """django-recurrence's own words for a rule, for the unusual rules not put
    into words here. In a language django-recurrence has no catalog for, its
    phrases would come from the default language and its weekday and month
    names from the page's ("jährlich, jeden Март"): there the whole text is
    in the site's default language, or English if django-recurrence does not
    speak that either."""
    language = translation.get_language()
    if language is None or _recurrence_speaks(language):
        return rule.to_text()
    fallback = settings.LANGUAGE_CODE if _recurrence_speaks(settings.LANGUAGE_CODE) else "en"
    with translation.override(fallback):
        return rule.to_text()


@lru_cache
def _recurrence_speaks(language):
    """Whether django-recurrence ships a catalog for ``language``."""
    locale_dir = Path(recurrence_package.__file__).resolve().parent / "locale"
    name = translation.to_locale(language)
    return any(
        (locale_dir / candidate / "LC_MESSAGES" / "django.mo").exists()
        for candidate in (name, name.split("_")[0])
    )


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
