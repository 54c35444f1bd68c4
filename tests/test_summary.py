"""Editors and residents read a schedule in plain German: "jeden Dienstag,
18:00–20:00, nicht an Feiertagen". Every phrase that has to agree in grammar
("every first Tuesday of the month", "every other Thursday") is one message a
translator sees whole, never glued from an ordinal and a weekday name; the
English page shows the source phrases, the German page the catalog's."""

import datetime as dt

import pytest
import recurrence
from django.utils import translation

from wagtail_stadtteil.schedules import summary
from wagtail_stadtteil.schedules.summary import describe

TODAY = dt.date(2027, 1, 4)  # a Monday

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
#: Positions in the month as the widget and RFC 5545 write them, and in words.
POSITIONS = {
    1: "first",
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    -1: "last",
    -2: "second-to-last",
    -3: "third-to-last",
}


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


def english(rule, **fields):
    fields.setdefault("pauses_on_closures", False)
    with translation.override("en"):
        return describe(Schedule(rule, **fields), today=TODAY)


@pytest.fixture(autouse=True)
def german_page():
    translation.activate("de")
    yield
    translation.deactivate()


# German --------------------------------------------------------------------


def test_a_weekly_group_reads_jeden_dienstag_nicht_an_feiertagen():
    assert (
        german("RRULE:FREQ=WEEKLY;BYDAY=TU") == "jeden Dienstag, 18:00–20:00, nicht an Feiertagen"
    )


def test_a_group_that_meets_on_holidays_too_says_nothing_about_them():
    text = german("RRULE:FREQ=WEEKLY;BYDAY=TU", pauses_on_closures=False)
    assert text == "jeden Dienstag, 18:00–20:00"


def test_every_other_thursday_reads_jeden_zweiten_donnerstag():
    text = german("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", pauses_on_closures=False)
    assert text == "jeden zweiten Donnerstag, 18:00–20:00"


def test_every_third_week_reads_alle_3_wochen_dienstags():
    text = german("RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=TU", pauses_on_closures=False)
    assert text == "alle 3 Wochen dienstags, 18:00–20:00"


def test_several_weekdays_every_other_week_read_alle_2_wochen_montags_und_donnerstags():
    text = german("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", pauses_on_closures=False)
    assert text == "alle 2 Wochen montags und donnerstags, 18:00–20:00"


def test_several_weekdays_read_montags_und_mittwochs():
    text = german("RRULE:FREQ=WEEKLY;BYDAY=MO,WE", pauses_on_closures=False)
    assert text == "montags und mittwochs, 18:00–20:00"


def test_a_working_week_reads_montags_bis_freitags():
    text = german("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", pauses_on_closures=False)
    assert text == "montags bis freitags, 18:00–20:00"


def test_every_day_reads_taeglich():
    assert german("RRULE:FREQ=DAILY", pauses_on_closures=False) == "täglich, 18:00–20:00"
    assert german("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU").startswith("täglich")


def test_every_third_day_reads_alle_3_tage():
    text = german("RRULE:FREQ=DAILY;INTERVAL=3", pauses_on_closures=False)
    assert text == "alle 3 Tage, 18:00–20:00"


def test_the_first_tuesday_of_the_month_reads_jeden_ersten_dienstag_im_monat():
    text = german("RRULE:FREQ=MONTHLY;BYDAY=+1TU", pauses_on_closures=False)
    assert text == "jeden ersten Dienstag im Monat, 18:00–20:00"


def test_the_last_friday_of_the_month_reads_jeden_letzten_freitag_im_monat():
    text = german("RRULE:FREQ=MONTHLY;BYDAY=-1FR", pauses_on_closures=False)
    assert text == "jeden letzten Freitag im Monat, 18:00–20:00"


def test_first_and_third_wednesday_of_the_month_however_the_rule_is_written():
    expected = "jeden ersten Mittwoch und jeden dritten Mittwoch im Monat, 18:00–20:00"
    # One rule with two positions, two rules as the widget writes them, or BYSETPOS.
    for rule in (
        "RRULE:FREQ=MONTHLY;BYDAY=+1WE,+3WE",
        "RRULE:FREQ=MONTHLY;BYDAY=+1WE\nRRULE:FREQ=MONTHLY;BYDAY=+3WE",
        "RRULE:FREQ=MONTHLY;BYDAY=WE;BYSETPOS=1,3",
    ):
        assert german(rule, pauses_on_closures=False) == expected


def test_a_day_of_the_month_reads_am_15_jedes_monats():
    text = german("RRULE:FREQ=MONTHLY;BYMONTHDAY=15", pauses_on_closures=False)
    assert text == "am 15. jedes Monats, 18:00–20:00"


def test_several_days_of_the_month_read_am_1_und_15_jedes_monats():
    text = german("RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15", pauses_on_closures=False)
    assert text == "am 1. und 15. jedes Monats, 18:00–20:00"


def test_a_single_date_reads_einmalig_am_12_maerz_2027():
    text = german("RDATE:20270312T000000Z")
    assert text == "einmalig am 12. März 2027, 18:00–20:00"


def test_several_single_dates_are_listed():
    text = german("RDATE:20270312T000000Z\nRDATE:20270319T000000Z", pauses_on_closures=False)
    assert text == "am 12. März 2027 und 19. März 2027, 18:00–20:00"


def test_an_end_date_reads_bis_30_juni_2027():
    text = german("RRULE:FREQ=WEEKLY;BYDAY=TU", ends_on=dt.date(2027, 6, 30))
    assert "bis 30. Juni 2027" in text


def test_the_rules_own_end_counts_too():
    # The widget writes UNTIL as local midnight in UTC.
    text = german("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T220000Z")
    assert "bis 30. Juni 2027" in text


def test_a_monthly_group_with_an_end_date_is_still_put_into_words():
    text = german("RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270629T220000Z", pauses_on_closures=False)
    assert text == "jeden letzten Freitag im Monat, 18:00–20:00, bis 30. Juni 2027"


def test_a_series_that_starts_later_says_from_when():
    text = german("RRULE:FREQ=WEEKLY;BYDAY=TU", starts_on=dt.date(2027, 3, 2))
    assert "ab 2. März 2027" in text


def test_skipped_dates_are_named_by_their_local_date():
    # EXDATE at Berlin midnight = 23:00 UTC the day before.
    text = german("RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE:20270308T230000Z")
    assert "nicht am 9. März 2027" in text


def test_many_skipped_dates_are_counted():
    exdates = ",".join(f"202703{day:02d}T230000Z" for day in (1, 8, 15, 22))
    text = german(f"RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE:{exdates}")
    assert "4 Termine fallen aus" in text


def test_extra_dates_of_a_series_are_added():
    text = german("RRULE:FREQ=WEEKLY;BYDAY=TU\nRDATE:20270313T000000Z", pauses_on_closures=False)
    assert "zusätzlich am 13. März 2027" in text


def test_a_rule_not_covered_falls_back_to_django_recurrences_words():
    text = german("RRULE:FREQ=YEARLY;BYMONTH=3", pauses_on_closures=False)
    assert text.startswith("jährlich, jeden März")


def test_a_russian_page_gets_django_recurrences_words_whole_not_mixed_with_russian_names():
    """django-recurrence has no Russian catalog: its phrases would come from the
    default language (German) and the month from Django's Russian one."""
    with translation.override("ru"):
        text = describe(Schedule("RRULE:FREQ=YEARLY;BYMONTH=3"), today=TODAY)
    assert text.startswith("jährlich, jeden März")
    assert "Март" not in text


def test_the_same_schedule_reads_in_english_on_an_english_page():
    with translation.override("en"):
        text = describe(Schedule("RRULE:FREQ=WEEKLY;BYDAY=TU"), today=TODAY)
    assert text == "every Tuesday, 18:00–20:00, not on public holidays"
    assert german("RRULE:FREQ=WEEKLY;BYDAY=TU").startswith("jeden Dienstag")


def test_a_schedule_without_dates_says_so():
    with translation.override("en"):
        assert describe(Schedule("")) == "no dates yet"


# English: each phrase whole ------------------------------------------------


@pytest.mark.parametrize("number", range(7), ids=WEEKDAYS)
def test_each_weekday_reads_every_monday_to_every_sunday(number):
    text = english(f"RRULE:FREQ=WEEKLY;BYDAY={RRULE_DAYS[number]}")
    assert text == f"every {WEEKDAYS[number]}, 18:00–20:00"


@pytest.mark.parametrize("number", range(7), ids=WEEKDAYS)
def test_each_weekday_every_other_week_reads_every_other_monday(number):
    text = english(f"RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY={RRULE_DAYS[number]}")
    assert text == f"every other {WEEKDAYS[number]}, 18:00–20:00"


@pytest.mark.parametrize("position", POSITIONS, ids=POSITIONS.values())
@pytest.mark.parametrize("number", range(7), ids=WEEKDAYS)
def test_each_weekday_at_each_position_reads_every_first_tuesday_of_the_month(number, position):
    text = english(f"RRULE:FREQ=MONTHLY;BYDAY={position:+d}{RRULE_DAYS[number]}")
    assert text == f"every {POSITIONS[position]} {WEEKDAYS[number]} of the month, 18:00–20:00"


def test_the_first_tuesday_and_the_last_friday_of_the_month_in_english():
    assert english("RRULE:FREQ=MONTHLY;BYDAY=+1TU").startswith("every first Tuesday of the month")
    assert english("RRULE:FREQ=MONTHLY;BYDAY=-1FR").startswith("every last Friday of the month")


def test_several_positions_of_one_weekday_are_whole_phrases_in_the_months_frame():
    text = english("RRULE:FREQ=MONTHLY;BYDAY=+4WE,+2WE")
    assert text == "every second Wednesday and every fourth Wednesday of the month, 18:00–20:00"


def test_positions_of_different_weekdays_share_one_frame_in_the_editors_order():
    text = english("RRULE:FREQ=MONTHLY;BYDAY=+3WE\nRRULE:FREQ=MONTHLY;BYDAY=+1MO,-1WE")
    assert text == (
        "every third Wednesday, every last Wednesday and every first Monday of the month, "
        "18:00–20:00"
    )


def test_a_weekly_and_a_monthly_rule_read_one_after_the_other():
    text = english("RRULE:FREQ=WEEKLY;BYDAY=TU\nRRULE:FREQ=MONTHLY;BYDAY=+1SA")
    assert text == "every Tuesday and every first Saturday of the month, 18:00–20:00"


def test_several_weekdays_are_a_list_of_whole_phrases():
    assert english("RRULE:FREQ=WEEKLY;BYDAY=MO,TH") == "on Mondays and on Thursdays, 18:00–20:00"
    assert english("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR") == "from Monday to Friday, 18:00–20:00"
    assert english("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,SA") == (
        "from Monday to Wednesday and on Saturdays, 18:00–20:00"
    )


def test_every_few_weeks_wraps_the_whole_weekday_phrases():
    assert english("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH") == (
        "every other week on Mondays and on Thursdays, 18:00–20:00"
    )
    assert (
        english("RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=TU") == "every 3 weeks on Tuesdays, 18:00–20:00"
    )
    assert english("RRULE:FREQ=WEEKLY;INTERVAL=4;BYDAY=MO,TU,WE,TH,FR") == (
        "every 4 weeks from Monday to Friday, 18:00–20:00"
    )


def test_every_few_days_reads_every_3_days():
    assert english("RRULE:FREQ=DAILY") == "daily, 18:00–20:00"
    assert english("RRULE:FREQ=DAILY;INTERVAL=3") == "every 3 days, 18:00–20:00"


def test_days_of_the_month_are_numbers_without_english_ordinal_suffixes():
    assert english("RRULE:FREQ=MONTHLY;BYMONTHDAY=15") == "on day 15 of every month, 18:00–20:00"
    assert english("RRULE:FREQ=MONTHLY;BYMONTHDAY=15,1") == (
        "on days 1 and 15 of every month, 18:00–20:00"
    )
    assert english("RRULE:FREQ=MONTHLY;BYMONTHDAY=-1") == (
        "on the last day of every month, 18:00–20:00"
    )
    # Without a day the rule counts from the first date of the series.
    assert english("RRULE:FREQ=MONTHLY", starts_on=dt.date(2027, 1, 3)).startswith(
        "on day 3 of every month"
    )


def test_only_unusual_rules_fall_back_to_django_recurrences_words():
    assert english("RRULE:FREQ=YEARLY;BYMONTH=3").startswith("annually, each March")
    assert english("RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=+1TU").startswith(
        "every 2 months, on the first Tuesday"
    )


def test_weekday_and_position_phrases_leave_nothing_for_a_translator_to_glue():
    """Each phrase is a whole message: no placeholder, its weekday named in it."""
    tables = [
        summary.EVERY_WEEKDAY,
        summary.ON_WEEKDAYS,
        summary.EVERY_OTHER_WEEKDAY,
        *summary.WEEKDAYS_OF_THE_MONTH.values(),
    ]
    with translation.override("en"):
        for table in tables:
            assert len(table) == 7
            for number, phrase in enumerate(table):
                assert "%" not in str(phrase)
                assert WEEKDAYS[number] in str(phrase)
        for (first, last), phrase in summary.WEEKDAY_RANGES.items():
            assert str(phrase) == f"from {WEEKDAYS[first]} to {WEEKDAYS[last]}"
    assert set(summary.WEEKDAYS_OF_THE_MONTH) == set(POSITIONS)
    assert len(summary.WEEKDAY_RANGES) == 15
