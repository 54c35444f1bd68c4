"""The occurrence store: every schedule's dates, right in local time, written
whenever its owner changes, and kept up to date by a daily command.

Calendars, feeds, availability and conflict checks read only this table
(DESIGN decision 1), so what a resident sees is exactly what these rows say.
"""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import recurrence
from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.actions.move_page import MovePageAction
from wagtail.models import Locale

from tests import factories
from wagtail_stadtteil.centres.models import (
    CentreClosure,
    CentreOpeningHours,
    CentrePage,
    ConsultationHourPage,
    OfferDateChange,
    OfferPage,
    OfferSchedule,
)
from wagtail_stadtteil.rooms.models import Room, RoomUse, RoomUseDateChange
from wagtail_stadtteil.schedules.dates import local_today
from wagtail_stadtteil.schedules.holidays import public_holidays
from wagtail_stadtteil.schedules.models import Occurrence
from wagtail_stadtteil.schedules.store import horizon_end

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC
TUESDAY, THURSDAY = 1, 3


# --- helpers ------------------------------------------------------------------


def weekly(*days, interval=1, count=None, until=None):
    """A weekly rule on the given django-recurrence weekdays (recurrence.TU, …)."""
    rule = recurrence.Rule(
        recurrence.WEEKLY, interval=interval, byday=list(days), count=count, until=until
    )
    return recurrence.Recurrence(rrules=[rule])


def single_dates(*days):
    return recurrence.Recurrence(rdates=[dt.datetime.combine(day, dt.time.min) for day in days])


def next_weekday(weekday, after=None, weeks=0):
    """The first ``weekday`` (0 = Monday) strictly after ``after`` (default today),
    plus ``weeks`` weeks; a week later again while that is a public holiday (so
    that tests about other things do not depend on the calendar)."""
    day = (after or local_today()) + dt.timedelta(days=1)
    day += dt.timedelta(days=(weekday - day.weekday()) % 7)
    day += dt.timedelta(weeks=weeks)
    while any(public_holidays(state, day, day) for state in ("NI", "NW")):
        day += dt.timedelta(weeks=1)
    return day


def next_date(month, day):
    """The next ``month``/``day`` from tomorrow on."""
    today = local_today()
    candidate = dt.date(today.year, month, day)
    return candidate if candidate > today else dt.date(today.year + 1, month, day)


def next_corpus_christi():
    """Fronleichnam: the Thursday 60 days after Easter Sunday."""
    today = local_today()
    for year in (today.year, today.year + 1):
        day = easter(year) + dt.timedelta(days=60)
        if day > today:
            return day
    raise AssertionError("unreachable")


def months_until(day):
    """A horizon (in months from today) that reaches ``day``."""
    today = local_today()
    return (day.year - today.year) * 12 + (day.month - today.month) + 1


def horizon(months):
    return override_settings(
        WAGTAIL_STADTTEIL={"HOLIDAY_STATE": "NI", "OCCURRENCE_HORIZON_MONTHS": months}
    )


def make_room(centre, name="Gruppenraum 1", **fields):
    return Room.objects.create(centre=centre, name=name, **fields)


def make_use(room, title="Chorprobe", rule=None, start="18:00", end="20:00", **fields):
    fields.setdefault("starts_on", local_today())
    return RoomUse.objects.create(
        room=room,
        title=title,
        recurrence=rule or weekly(recurrence.TU),
        start_time=dt.time.fromisoformat(start),
        end_time=dt.time.fromisoformat(end),
        **fields,
    )


def offer_schedule(rule=None, start="18:00", end="20:00", room=None, **fields):
    fields.setdefault("starts_on", local_today())
    return OfferSchedule(
        recurrence=rule or weekly(recurrence.TU),
        start_time=dt.time.fromisoformat(start),
        end_time=dt.time.fromisoformat(end),
        room=room,
        **fields,
    )


def publish(page, **children):
    """What the page editor does: change the page (and its inline rows), then
    publish a new revision. Returns the page as stored."""
    for name, rows in children.items():
        setattr(page, name, rows)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def rows(**filters):
    return Occurrence.objects.filter(**filters).order_by("start")


def by_date(queryset):
    return {row.original_date: row for row in queryset}


def local(row):
    return row.start.astimezone(BERLIN), row.end.astimezone(BERLIN)


def snapshot():
    """Every stored row with its id and values."""
    return sorted(
        Occurrence.objects.values_list(
            "id",
            "kind",
            "source_type_id",
            "source_id",
            "page_id",
            "centre_id",
            "room_id",
            "original_date",
            "start",
            "end",
            "status",
            "title",
            "note",
            "public",
        )
    )


@pytest.fixture
def room(centre):
    return make_room(centre, "Saal", capacity=120)


@pytest.fixture
def offer(section, room):
    """A published offer every Tuesday 18–20 in the hall."""
    offer = factories.make_offer(section, "Chor „Stimmen am Marktplatz“")
    return publish(offer, schedules=[offer_schedule(room=room)])


def run_refresh(*args):
    out = StringIO()
    call_command("stadtteil_refresh_occurrences", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


# --- correct in local time ---------------------------------------------------------


def last_sunday(year, month):
    day = dt.date(year, month, 1) + relativedelta(day=31)
    return day - dt.timedelta(days=(day.weekday() - 6) % 7)


def test_a_weekly_tuesday_at_six_pm_stays_at_six_pm_across_every_dst_change_for_ten_years(room):
    start = dt.date(2026, 1, 6)
    with horizon(months_until(dt.date(2036, 12, 31))):
        use = make_use(room, starts_on=start, pauses_on_closures=False)
        use.refresh_occurrences(start)
    stored = by_date(rows(source_id=use.pk, kind=Occurrence.Kind.ROOM_USE))

    for year in range(2026, 2037):
        for month, hour_before, hour_after in [(3, 17, 16), (10, 16, 17)]:
            change = last_sunday(year, month)
            before = change - dt.timedelta(days=5)  # the Tuesday before the change
            after = change + dt.timedelta(days=2)  # the Tuesday after it
            for day, utc_hour in [(before, hour_before), (after, hour_after)]:
                row = stored[day]
                assert row.start.astimezone(UTC).hour == utc_hour, day
                assert row.start.astimezone(UTC) == dt.datetime(
                    day.year, day.month, day.day, utc_hour, tzinfo=UTC
                )
                assert local(row)[0].time() == dt.time(18, 0), day
                assert local(row)[1].time() == dt.time(20, 0), day
    assert {row.original_date.weekday() for row in stored.values()} == {TUESDAY}


def test_an_excluded_date_from_the_widget_excludes_the_local_date_not_the_utc_one(room):
    """The widget writes "16 March" as browser-local midnight in UTC: 15 March 23:00Z."""
    rule = recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE:20270315T230000Z")
    with horizon(months_until(dt.date(2027, 4, 30))):
        use = make_use(room, rule=rule, starts_on=dt.date(2027, 3, 1), pauses_on_closures=False)
        use = RoomUse.objects.get(pk=use.pk)  # read back through the field
        use.refresh_occurrences(dt.date(2027, 3, 1))
    dates = set(rows(source_id=use.pk).values_list("original_date", flat=True))
    assert dt.date(2027, 3, 16) not in dates
    assert {dt.date(2027, 3, 9), dt.date(2027, 3, 23)} <= dates


def test_the_first_day_never_adds_a_stray_occurrence(room):
    wednesday = next_weekday(2)
    use = make_use(room, rule=weekly(recurrence.TU), starts_on=wednesday)
    dates = list(rows(source_id=use.pk).values_list("original_date", flat=True))
    assert dates
    assert wednesday not in dates
    assert {day.weekday() for day in dates} == {TUESDAY}
    assert min(dates) == wednesday + dt.timedelta(days=6)


def test_every_other_week_counts_from_the_first_day(room):
    first = next_weekday(TUESDAY)
    use = make_use(room, rule=weekly(recurrence.TU, interval=2), starts_on=first)
    dates = list(rows(source_id=use.pk).values_list("original_date", flat=True))[:3]
    assert dates == [first, first + dt.timedelta(weeks=2), first + dt.timedelta(weeks=4)]


def test_an_open_ended_rule_stops_at_the_horizon(room):
    use = make_use(room, rule=weekly(recurrence.TU))
    dates = list(rows(source_id=use.pk).values_list("original_date", flat=True))
    assert max(dates) <= horizon_end()
    assert max(dates) > horizon_end() - dt.timedelta(days=7)
    assert len(dates) == len(set(dates)) < 90


def test_a_rule_with_a_count_or_an_end_date_stops_there(room):
    first = next_weekday(TUESDAY)
    counted = make_use(room, "Kurs", rule=weekly(recurrence.TU, count=5), starts_on=first)
    assert rows(source_id=counted.pk).count() == 5

    # UNTIL as the widget writes it: the last day as browser-local midnight in UTC.
    last = first + dt.timedelta(weeks=3)
    until = dt.datetime.combine(last, dt.time.min, tzinfo=BERLIN).astimezone(UTC)
    ending = make_use(room, "Workshop", rule=weekly(recurrence.TU, until=until), starts_on=first)
    ending = RoomUse.objects.get(pk=ending.pk)
    ending.refresh_occurrences()
    dates = list(rows(source_id=ending.pk).values_list("original_date", flat=True))
    assert dates == [first + dt.timedelta(weeks=week) for week in range(4)]


def test_the_last_day_of_a_schedule_ends_the_series(room):
    first = next_weekday(TUESDAY)
    use = make_use(room, starts_on=first, ends_on=first + dt.timedelta(days=15))
    dates = list(rows(source_id=use.pk).values_list("original_date", flat=True))
    assert dates == [first, first + dt.timedelta(weeks=1), first + dt.timedelta(weeks=2)]


# --- public holidays and closures ----------------------------------------------------


@pytest.fixture
def holiday_rooms(home):
    """A centre in Lower Saxony and one in North Rhine-Westphalia, each with a
    group that meets on Reformation Day and on Corpus Christi."""
    centres = {
        "NI": factories.make_centre(home, "Stadthaus Laatzen", holiday_state="NI"),
        "NW": factories.make_centre(home, "Stadtteilzentrum Sennestadt", holiday_state="NW"),
    }
    return {state: make_room(centre, "Saal") for state, centre in centres.items()}


def statuses(use):
    return {
        row.original_date: (row.status, row.note) for row in rows(source_id=use.pk, kind="room_use")
    }


def test_public_holidays_pause_schedules_per_state(holiday_rooms):
    reformation, corpus_christi = next_date(10, 31), next_corpus_christi()
    cancelled, scheduled = Occurrence.Status.CANCELLED, Occurrence.Status.SCHEDULED
    uses = {
        state: make_use(room, rule=single_dates(reformation, corpus_christi))
        for state, room in holiday_rooms.items()
    }
    assert statuses(uses["NI"]) == {
        reformation: (cancelled, "Reformationstag"),
        corpus_christi: (scheduled, ""),
    }
    assert statuses(uses["NW"]) == {
        reformation: (scheduled, ""),
        corpus_christi: (cancelled, "Fronleichnam"),
    }


def test_a_centre_without_a_state_uses_the_site_default(centre, room):
    assert centre.holiday_state == ""
    reformation, corpus_christi = next_date(10, 31), next_corpus_christi()
    rule = single_dates(reformation, corpus_christi)
    with override_settings(WAGTAIL_STADTTEIL={"HOLIDAY_STATE": "NW"}):
        use = make_use(room, rule=rule)
    assert statuses(use)[corpus_christi][0] == Occurrence.Status.CANCELLED
    assert statuses(use)[reformation][0] == Occurrence.Status.SCHEDULED


def test_a_closure_cancels_the_dates_in_it_with_its_reason(centre, room):
    tuesday = next_weekday(TUESDAY, weeks=2)
    pausing = make_use(room, "Chorprobe")
    self_managed = make_use(
        room, "Schlüsselgruppe", pauses_on_closures=False, start="20:00", end="22:00"
    )

    publish(
        centre,
        closures=[
            CentreClosure(
                starts_on=tuesday - dt.timedelta(days=1),
                ends_on=tuesday + dt.timedelta(days=3),
                reason="Fortbildung des Teams",
            )
        ],
    )

    paused = by_date(rows(source_id=pausing.pk, kind="room_use"))[tuesday]
    assert paused.status == Occurrence.Status.CANCELLED
    assert paused.note == "Fortbildung des Teams"
    assert not paused.occupies
    kept = by_date(rows(source_id=self_managed.pk, kind="room_use"))[tuesday]
    assert kept.status == Occurrence.Status.SCHEDULED
    assert (
        by_date(rows(source_id=pausing.pk, kind="room_use"))[tuesday + dt.timedelta(weeks=1)].status
        == Occurrence.Status.SCHEDULED
    )


def test_closures_and_public_holidays_also_close_the_house(centre):
    tuesday = next_weekday(TUESDAY, weeks=1)
    centre = publish(
        centre,
        opening_hours=[
            CentreOpeningHours(weekday=TUESDAY, opens=dt.time(9), closes=dt.time(13)),
            CentreOpeningHours(weekday=TUESDAY, opens=dt.time(14), closes=dt.time(18)),
        ],
    )
    opening = rows(centre_id=centre.pk, kind=Occurrence.Kind.OPENING)
    assert [local(row)[0].time() for row in opening.filter(original_date=tuesday)] == [
        dt.time(9),
        dt.time(14),
    ]
    publish(
        centre,
        closures=[CentreClosure(starts_on=tuesday, ends_on=tuesday, reason="Betriebsausflug")],
    )
    assert not opening.filter(original_date=tuesday).exists()
    assert opening.filter(original_date=tuesday + dt.timedelta(weeks=1)).count() == 2

    every_day = [
        CentreOpeningHours(weekday=day, opens=dt.time(10), closes=dt.time(12)) for day in range(7)
    ]
    publish(centre, opening_hours=every_day, closures=[])
    christmas = next_date(12, 25)
    assert not opening.filter(original_date=christmas).exists()
    assert opening.filter(original_date=christmas - dt.timedelta(days=2)).exists()


# --- cancelled, moved and extra dates ------------------------------------------------


def test_a_cancelled_date_says_why_and_frees_the_room(offer, room):
    tuesday = next_weekday(TUESDAY, weeks=2)
    offer = publish(
        offer,
        date_changes=[OfferDateChange(original_date=tuesday, reason="fällt aus: Krankheit")],
    )
    row = by_date(rows(page_id=offer.pk))[tuesday]
    assert row.status == Occurrence.Status.CANCELLED
    assert row.note == "fällt aus: Krankheit"
    assert not row.occupies
    assert row.room_id == room.pk


def test_a_moved_date_is_at_its_new_date_time_and_room(offer, centre):
    tuesday = next_weekday(TUESDAY, weeks=2)
    small = make_room(centre, "Gruppenraum 2")
    offer = publish(
        offer,
        date_changes=[
            OfferDateChange(
                original_date=tuesday,
                action=OfferDateChange.Action.MOVE,
                reason="Saal belegt",
                new_date=tuesday + dt.timedelta(days=1),
                new_start_time=dt.time(17, 30),
                new_end_time=dt.time(19, 0),
                new_room=small,
            )
        ],
    )
    row = by_date(rows(page_id=offer.pk))[tuesday]
    assert row.status == Occurrence.Status.MOVED
    assert local(row) == (
        dt.datetime.combine(tuesday + dt.timedelta(days=1), dt.time(17, 30), tzinfo=BERLIN),
        dt.datetime.combine(tuesday + dt.timedelta(days=1), dt.time(19), tzinfo=BERLIN),
    )
    assert row.room_id == small.pk
    assert row.note == "Saal belegt"


def test_an_extra_date_is_a_schedule_of_its_own(offer, room):
    saturday = next_weekday(5, weeks=3)
    schedules = [
        *offer.schedules.all(),
        offer_schedule(single_dates(saturday), "10:00", "16:00", room),
    ]
    offer = publish(offer, schedules=schedules)
    row = by_date(rows(page_id=offer.pk))[saturday]
    assert local(row)[0].time() == dt.time(10)
    assert row.status == Occurrence.Status.SCHEDULED
    assert rows(page_id=offer.pk, original_date__week_day=3).exists()  # the Tuesdays remain


def test_changes_to_single_dates_survive_a_change_of_the_series_rule(offer, room):
    cancelled = next_weekday(TUESDAY, weeks=2)
    moved = next_weekday(TUESDAY, weeks=3)
    extra = next_weekday(5, weeks=4)
    offer = publish(
        offer,
        schedules=[
            *offer.schedules.all(),
            offer_schedule(single_dates(extra), "10:00", "12:00", room),
        ],
        date_changes=[
            OfferDateChange(original_date=cancelled, reason="fällt aus: Krankheit"),
            OfferDateChange(
                original_date=moved,
                action=OfferDateChange.Action.MOVE,
                new_start_time=dt.time(19),
                new_end_time=dt.time(21),
            ),
        ],
    )

    series = offer.schedules.get(start_time=dt.time(18))
    series.recurrence = weekly(recurrence.TU, recurrence.TH)
    offer = publish(offer, schedules=[*offer.schedules.exclude(pk=series.pk), series])

    stored = by_date(rows(page_id=offer.pk))
    assert stored[cancelled].status == Occurrence.Status.CANCELLED
    assert stored[cancelled].note == "fällt aus: Krankheit"
    assert stored[moved].status == Occurrence.Status.MOVED
    assert local(stored[moved])[0].time() == dt.time(19)
    assert stored[extra].status == Occurrence.Status.SCHEDULED
    assert stored[cancelled + dt.timedelta(days=2)].status == Occurrence.Status.SCHEDULED  # Thu
    assert {day.weekday() for day in stored} == {TUESDAY, THURSDAY, 5}


# --- refreshed whenever the owner changes -------------------------------------------


def test_publishing_an_offer_writes_its_dates(section, room):
    offer = factories.make_offer(section, "Yoga", publish=False)
    offer.schedules = [offer_schedule(room=room)]
    offer.save_revision()
    assert not rows(page_id=offer.pk).exists()

    offer.get_latest_revision().publish()
    stored = rows(page_id=offer.pk)
    assert stored.exists()
    first = stored.first()
    assert (first.kind, first.centre_id, first.room_id, first.title) == (
        Occurrence.Kind.OFFER,
        offer.centre_id,
        room.pk,
        "Yoga",
    )


def test_unpublishing_an_offer_removes_all_its_dates(offer):
    past = rows(page_id=offer.pk).last()
    Occurrence.objects.filter(pk=past.pk).update(original_date=dt.date(2020, 1, 7))
    assert rows(page_id=offer.pk, original_date__year=2020).exists()
    offer.unpublish()
    assert not rows(page_id=offer.pk).exists()


def test_deleting_an_offer_removes_its_dates(offer):
    assert rows(page_id=offer.pk).exists()
    offer.delete()
    assert not rows(page_id=offer.pk).exists()


def test_a_draft_revision_leaves_the_public_dates_as_they_are(offer):
    before = snapshot()
    offer.title = "Chor (neuer Entwurf)"
    offer.schedules = [offer_schedule(weekly(recurrence.FR), "09:00", "10:00")]
    offer.save_revision()
    assert snapshot() == before


def test_an_offer_moved_to_another_centre_takes_its_dates_along(offer, centre, home):
    other = factories.make_centre(home, "Treff Rethen", slug="treff-rethen")
    MovePageAction(offer, other, pos="last-child").execute()
    assert set(rows(page_id=offer.pk).values_list("centre_id", flat=True)) == {other.pk}


def test_a_moved_offer_pauses_on_the_closures_of_its_new_centre(offer, home):
    tuesday = next_weekday(TUESDAY, weeks=1)
    closure = CentreClosure(starts_on=tuesday, ends_on=tuesday, reason="Wasserschaden")
    other = factories.make_centre(home, "Treff Rethen", slug="treff-rethen", closures=[closure])
    MovePageAction(offer, other, pos="last-child").execute()
    row = by_date(rows(page_id=offer.pk))[tuesday]
    assert (row.status, row.note) == (Occurrence.Status.CANCELLED, "Wasserschaden")


def test_removing_a_schedule_removes_its_dates(offer, room):
    keep = offer_schedule(weekly(recurrence.TH), "10:00", "11:00", room)
    offer = publish(offer, schedules=[*offer.schedules.all(), keep])
    tuesday_schedule = offer.schedules.get(start_time=dt.time(18))
    assert rows(page_id=offer.pk, original_date__week_day=3).exists()

    # in the page editor
    offer = publish(offer, schedules=list(offer.schedules.exclude(pk=tuesday_schedule.pk)))
    assert not rows(page_id=offer.pk, original_date__week_day=3).exists()
    assert rows(page_id=offer.pk, original_date__week_day=5).exists()

    # or outside it (a script, an import)
    OfferSchedule.objects.filter(page=offer).get().delete()
    assert not rows(page_id=offer.pk).exists()


def test_new_closures_of_a_centre_pause_its_offers_and_room_uses(centre, offer, room):
    tuesday = next_weekday(TUESDAY, weeks=3)
    use = make_use(room, "Theatergruppe", rule=weekly(recurrence.TU), start="20:00", end="22:00")
    hours = ConsultationHourPage.objects.get(
        pk=factories.make_consultation_hour(centre, "Rentenberatung").pk
    )
    publish(hours, schedules=[offer_schedule_for(ConsultationHourPage, "10:00", "12:00")])

    publish(
        centre,
        closures=[CentreClosure(starts_on=tuesday, ends_on=tuesday, reason="Sommerfest-Aufbau")],
    )

    for owner_rows in [
        rows(page_id=offer.pk),
        rows(page_id=hours.pk),
        rows(source_id=use.pk, kind="room_use"),
    ]:
        row = by_date(owner_rows)[tuesday]
        assert (row.status, row.note) == (Occurrence.Status.CANCELLED, "Sommerfest-Aufbau")

    publish(centre, closures=[])
    assert by_date(rows(page_id=offer.pk))[tuesday].status == Occurrence.Status.SCHEDULED


def offer_schedule_for(page_model, start, end):
    schedule_model = page_model._meta.get_field("schedules").related_model
    return schedule_model(
        recurrence=weekly(recurrence.TU),
        start_time=dt.time.fromisoformat(start),
        end_time=dt.time.fromisoformat(end),
        starts_on=local_today(),
    )


def test_a_consultation_hour_writes_its_own_kind_of_dates(centre):
    hours = factories.make_consultation_hour(centre, "Bürgersprechstunde")
    hours = publish(hours, schedules=[offer_schedule_for(ConsultationHourPage, "10:00", "13:00")])
    assert set(rows(page_id=hours.pk).values_list("kind", flat=True)) == {"consultation"}


def test_regular_room_use_is_written_when_created_changed_and_deleted(room):
    use = make_use(room, "Selbsthilfegruppe", public=False)

    def stored():
        return rows(source_id=use.pk, kind="room_use")

    assert {(row.title, row.public, row.room_id) for row in stored()} == {
        ("Selbsthilfegruppe", False, room.pk)
    }

    use.recurrence = weekly(recurrence.TH)
    use.save()
    assert {row.original_date.weekday() for row in stored()} == {THURSDAY}

    thursday = next_weekday(THURSDAY, weeks=1)
    use.date_changes = [RoomUseDateChange(original_date=thursday, reason="Urlaub")]
    use.save()
    assert by_date(stored())[thursday].status == Occurrence.Status.CANCELLED

    use.delete()
    assert not stored().exists()


def test_a_deleted_room_leaves_dates_without_a_room(offer, room):
    assert set(rows(page_id=offer.pk).values_list("room_id", flat=True)) == {room.pk}
    use = make_use(room, "Chor")
    room_id = room.pk
    room.delete()
    assert not rows(source_id=use.pk, kind="room_use").exists()  # the use went with the room
    assert set(rows(page_id=offer.pk).values_list("room_id", flat=True)) == {None}
    assert not Occurrence.objects.filter(room_id=room_id).exists()


def test_a_translated_offer_does_not_occupy_the_room_twice(offer, room, section):
    english = factories.make_locale("en")
    factories.translate_tree_root(english)
    for page in [offer.centre, section]:
        page.copy_for_translation(english).save_revision().publish()
    translation = offer.copy_for_translation(english)
    translation.save_revision().publish()
    translation = OfferPage.objects.get(pk=translation.pk)
    assert translation.live and translation.locale == english
    assert translation.schedules.count() == 1

    in_room = Occurrence.objects.filter(room_id=room.pk)
    assert set(in_room.values_list("page_id", flat=True)) == {offer.pk}
    assert in_room.count() == rows(page_id=offer.pk).count()

    # Without a live page in the default locale, the translation writes the dates.
    OfferPage.objects.get(pk=offer.pk).unpublish()
    assert set(in_room.values_list("page_id", flat=True)) == {translation.pk}
    OfferPage.objects.get(pk=offer.pk).get_latest_revision().publish()
    assert set(in_room.values_list("page_id", flat=True)) == {offer.pk}
    assert Locale.get_default().language_code == "de"


# --- the daily command ---------------------------------------------------------------


def test_the_daily_command_moves_the_horizon_on_and_a_second_run_changes_nothing(offer, room):
    with horizon(3):
        use = make_use(room, "Chor")
        short = max(rows(source_id=use.pk, kind="room_use").values_list("original_date", flat=True))
    assert short <= local_today() + relativedelta(months=3)

    output = run_refresh()
    extended = max(rows(source_id=use.pk, kind="room_use").values_list("original_date", flat=True))
    assert extended > horizon_end() - dt.timedelta(days=7)
    assert f"{RoomUse._meta.verbose_name_plural}: 1/1" in output
    assert "Refreshed" in output and "dates added" in output

    before = snapshot()
    output = run_refresh()
    assert snapshot() == before
    assert "Nothing changed" in output


def test_the_command_is_quiet_with_verbosity_zero_and_can_rebuild_from_a_past_date(offer, room):
    since = local_today() - dt.timedelta(weeks=4)
    series = offer.schedules.get()
    series.starts_on = local_today() - dt.timedelta(weeks=8)
    offer = publish(offer, schedules=[series])
    assert not rows(page_id=offer.pk, original_date__lt=local_today()).exists()
    out = StringIO()
    call_command(
        "stadtteil_refresh_occurrences",
        "--rebuild",
        f"--since={since}",
        verbosity=0,
        stdout=out,
    )
    assert out.getvalue() == ""
    past = rows(page_id=offer.pk, original_date__lt=local_today())
    assert past.count() == 4
    assert past.first().original_date >= since


def test_the_command_refreshes_one_centre_only(offer, centre, home, room):
    other = factories.make_centre(home, "Treff Rethen", slug="treff-rethen")
    other_use = make_use(make_room(other, "Treffraum"), "Skat")
    Occurrence.objects.all().delete()

    output = run_refresh("--centre", "stadthaus-laatzen")
    assert rows(page_id=offer.pk).exists()
    assert not rows(source_id=other_use.pk, kind="room_use").exists()
    assert f"{OfferPage._meta.verbose_name_plural}: 1/1" in output

    with pytest.raises(CommandError, match="no centre"):
        run_refresh("--centre", "gibt-es-nicht")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run_refresh("--since", "gestern")


def test_the_command_removes_dates_nobody_claims_when_rebuilding(offer):
    """E.g. rows of a schedule deleted by a bulk SQL delete, which sends no signal."""
    orphan = rows(page_id=offer.pk).first()
    orphan.pk, orphan.page_id, orphan.source_id = None, None, 999_999
    orphan.save()
    run_refresh()
    assert Occurrence.objects.filter(source_id=999_999).exists()  # a refresh keeps it
    ids = set(rows(page_id=offer.pk).values_list("id", flat=True))
    run_refresh("--rebuild")
    assert not Occurrence.objects.filter(source_id=999_999).exists()
    assert rows(page_id=offer.pk).count() == len(ids)
    assert not ids & set(rows(page_id=offer.pk).values_list("id", flat=True))  # written afresh


def test_one_broken_schedule_does_not_stop_the_nightly_run(offer, room, monkeypatch):
    broken = make_use(room, "Kaputt")
    Occurrence.objects.all().delete()
    original = RoomUse.refresh_occurrences

    def refresh(self, first=None):
        if self.pk == broken.pk:
            raise ValueError("unreadable rule")
        return original(self, first)

    monkeypatch.setattr(RoomUse, "refresh_occurrences", refresh)
    with pytest.raises(CommandError, match="1 owners could not be refreshed"):
        run_refresh()
    assert rows(page_id=offer.pk).exists()
    assert not rows(source_id=broken.pk, kind="room_use").exists()


def test_every_kind_of_owner_is_registered_for_the_command():
    from wagtail_stadtteil.schedules.store import occurrence_owner_models

    assert set(occurrence_owner_models()) >= {CentrePage, OfferPage, ConsultationHourPage, RoomUse}


def test_an_editor_moves_one_date_to_another_room_without_changing_its_time(offer, room):
    """The choir rehearses in the small room one Tuesday: a move needs a new
    day, new times or a new room, and a new room alone is enough."""
    small = Room.objects.create(centre=room.centre, name="Kleiner Saal")
    tuesday = next_weekday(TUESDAY, weeks=2)
    moved = OfferDateChange(
        page=offer, original_date=tuesday, action=OfferDateChange.Action.MOVE, new_room=small
    )
    moved.full_clean()
    nowhere = OfferDateChange(page=offer, original_date=tuesday, action=OfferDateChange.Action.MOVE)
    with pytest.raises(ValidationError) as refused:
        nowhere.full_clean()
    assert "new_date" in refused.value.message_dict

    offer = publish(offer, date_changes=[moved])
    row = by_date(rows(page_id=offer.pk))[tuesday]
    assert row.status == Occurrence.Status.MOVED
    assert row.room_id == small.pk
    assert local(row)[0].date() == tuesday
