"""Editors and residents read a schedule in plain German: "jeden Dienstag,
18:00–20:00, nicht an Feiertagen". Where the package's German catalog does not
have a phrase yet, the German page shows the gettext of the English phrase;
what Django and django-recurrence already know (weekdays, months, "täglich",
"bis …") is asserted in German."""

import datetime as dt

import pytest
import recurrence
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

from wagtail_stadtteil.schedules.summary import describe, ordinal

TODAY = dt.date(2027, 1, 4)  # a Monday


class Schedule:
    """What describe() reads of a schedule (ScheduleBase)."""

    def __init__(
        self,
        rule,
        start=dt.time(18),
        end=dt.time(20),
        starts_on=dt.date(2027, 1, 1),
        ends_on=None,
        pauses_on_closures=True,
    ):
        self.recurrence = recurrence.deserialize(rule)
        self.start_time = start
        self.end_time = end
        self.starts_on = starts_on
        self.ends_on = ends_on
        self.pauses_on_closures = pauses_on_closures


def german(rule, **fields):
    with translation.override("de"):
        return describe(Schedule(rule, **fields), today=TODAY)


@pytest.fixture(autouse=True)
def german_phrases():
    """The German page's phrases, as the catalog currently translates them."""
    translation.activate("de")
    yield
    translation.deactivate()


def test_a_weekly_group_reads_every_tuesday_not_on_public_holidays():
    assert german("RRULE:FREQ=WEEKLY;BYDAY=TU") == ", ".join(
        [
            gettext("every %(weekday)s") % {"weekday": "Dienstag"},
            "18:00–20:00",
            gettext("not on public holidays"),
        ]
    )


def test_a_group_that_meets_on_holidays_too_says_nothing_about_them():
    text = german("RRULE:FREQ=WEEKLY;BYDAY=TU", pauses_on_closures=False)
    assert text == gettext("every %(weekday)s") % {"weekday": "Dienstag"} + ", 18:00–20:00"


def test_every_other_thursday():
    text = german("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", pauses_on_closures=False)
    assert text.startswith(gettext("every other %(weekday)s") % {"weekday": "Donnerstag"})


def test_several_weekdays_read_mondays_and_wednesdays():
    text = german("RRULE:FREQ=WEEKLY;BYDAY=MO,WE", pauses_on_closures=False)
    days = gettext("%(items)s and %(last)s") % {
        "items": pgettext("on every", "Mondays"),
        "last": pgettext("on every", "Wednesdays"),
    }
    assert text == gettext("on %(weekdays)s") % {"weekdays": days} + ", 18:00–20:00"


def test_a_working_week_reads_mondays_to_fridays():
    text = german("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", pauses_on_closures=False)
    days = gettext("%(first)s to %(last)s") % {
        "first": pgettext("on every", "Mondays"),
        "last": pgettext("on every", "Fridays"),
    }
    assert text.startswith(gettext("on %(weekdays)s") % {"weekdays": days})


def test_every_day_reads_taeglich():
    assert german("RRULE:FREQ=DAILY", pauses_on_closures=False) == "täglich, 18:00–20:00"
    assert german("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU").startswith("täglich")


def test_every_third_day():
    text = german("RRULE:FREQ=DAILY;INTERVAL=3", pauses_on_closures=False)
    assert text.startswith(ngettext("every day", "every %(count)s days", 3) % {"count": 3})


def test_first_and_third_wednesday_of_the_month():
    expected = gettext("on the %(positions)s %(weekday)s of the month") % {
        "positions": gettext("%(items)s and %(last)s") % {"items": ordinal(1), "last": ordinal(3)},
        "weekday": "Mittwoch",
    }
    # One rule with two positions, or two rules as the widget writes them.
    assert german("RRULE:FREQ=MONTHLY;BYDAY=+1WE,+3WE", pauses_on_closures=False).startswith(
        expected
    )
    assert german(
        "RRULE:FREQ=MONTHLY;BYDAY=+1WE\nRRULE:FREQ=MONTHLY;BYDAY=+3WE", pauses_on_closures=False
    ).startswith(expected)
    assert german("RRULE:FREQ=MONTHLY;BYDAY=WE;BYSETPOS=1,3", pauses_on_closures=False).startswith(
        expected
    )


def test_the_last_friday_of_the_month_uses_the_known_german_word():
    text = german("RRULE:FREQ=MONTHLY;BYDAY=-1FR", pauses_on_closures=False)
    assert "letzten Freitag" in text


def test_ordinals_follow_the_language():
    with translation.override("en"):
        assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23)] == [
            "1st",
            "2nd",
            "3rd",
            "4th",
            "11th",
            "12th",
            "13th",
            "21st",
            "22nd",
            "23rd",
        ]


def test_a_day_of_the_month():
    text = german("RRULE:FREQ=MONTHLY;BYMONTHDAY=15", pauses_on_closures=False)
    assert text.startswith(gettext("on the %(days)s of every month") % {"days": ordinal(15)})


def test_a_single_date_reads_once_on_12_march_2027():
    text = german("RDATE:20270312T000000Z")
    assert text == gettext("once on %(date)s") % {"date": "12. März 2027"} + ", 18:00–20:00"


def test_several_single_dates_are_listed():
    text = german("RDATE:20270312T000000Z\nRDATE:20270319T000000Z", pauses_on_closures=False)
    dates = gettext("%(items)s and %(last)s") % {"items": "12. März 2027", "last": "19. März 2027"}
    assert text.startswith(gettext("on %(dates)s") % {"dates": dates})


def test_an_end_date_reads_bis_30_juni_2027():
    text = german("RRULE:FREQ=WEEKLY;BYDAY=TU", ends_on=dt.date(2027, 6, 30))
    assert "bis 30. Juni 2027" in text


def test_the_rules_own_end_counts_too():
    # The widget writes UNTIL as local midnight in UTC.
    text = german("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T220000Z")
    assert "bis 30. Juni 2027" in text


def test_a_series_that_starts_later_says_from_when():
    text = german("RRULE:FREQ=WEEKLY;BYDAY=TU", starts_on=dt.date(2027, 3, 2))
    assert gettext("from %(date)s") % {"date": "2. März 2027"} in text


def test_skipped_dates_are_named_by_their_local_date():
    # EXDATE at Berlin midnight = 23:00 UTC the day before.
    text = german("RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE:20270308T230000Z")
    assert gettext("not on %(dates)s") % {"dates": "9. März 2027"} in text


def test_many_skipped_dates_are_counted():
    exdates = ",".join(f"202703{day:02d}T230000Z" for day in (1, 8, 15, 22))
    text = german(f"RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE:{exdates}")
    assert ngettext("not on %(count)s date", "not on %(count)s dates", 4) % {"count": 4} in text


def test_extra_dates_of_a_series_are_added():
    text = german("RRULE:FREQ=WEEKLY;BYDAY=TU\nRDATE:20270313T000000Z", pauses_on_closures=False)
    assert gettext("also on %(dates)s") % {"dates": "13. März 2027"} in text


def test_a_rule_not_covered_falls_back_to_django_recurrences_words():
    text = german("RRULE:FREQ=YEARLY;BYMONTH=3", pauses_on_closures=False)
    assert text.startswith("jährlich, jeden März")


def test_the_same_schedule_reads_in_english_on_an_english_page():
    with translation.override("en"):
        text = describe(Schedule("RRULE:FREQ=WEEKLY;BYDAY=TU"), today=TODAY)
    assert text == "every Tuesday, 18:00–20:00, not on public holidays"
    assert "Dienstag" in german("RRULE:FREQ=WEEKLY;BYDAY=TU")


def test_a_schedule_without_dates_says_so():
    with translation.override("en"):
        assert describe(Schedule("")) == "no dates yet"
