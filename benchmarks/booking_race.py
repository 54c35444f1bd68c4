"""No double booking under load, and how fast availability is checked.

Run from the repository root, against PostgreSQL (the production database)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/stadtteil \
        .venv/bin/python benchmarks/booking_race.py

(Without DATABASE_URL it runs on a temporary SQLite file.) It works on a
throwaway test database of its own, dropped afterwards, and prints
``name: value`` lines:

* The race: 50 residents send a request for the same slot of a room that
  confirms instantly, at the same moment, from 10 OS processes with 5 threads
  each, through ``booking.services.submit`` (what the form calls).
  ``confirmed``, ``conflicts`` (clean refusals), ``errors`` (anything else)
  and ``double_bookings`` (overlapping confirmed dates in the database).
  Goal: 1, 49, 0, 0.
* Availability: ``availability_checks_per_s_{10k,1m}``: ``rules.is_free`` for
  a random two-hour slot of a random room, one process, with 10,000 and then
  1,000,000 occurrences stored (200 rooms); ``full_rule_checks_per_s_1m``: all
  booking rules (``rules.check_request``) per second at 1,000,000;
  ``availability_ratio_1m_vs_10k`` (1.0 = the store's size costs nothing).
  Goal: ≥ 1,000 checks per second at 1,000,000.
"""

import datetime as dt
import multiprocessing
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
_scratch = tempfile.TemporaryDirectory(prefix="stadtteil-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_scratch.name}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from wagtail.models import Site  # noqa: E402

from wagtail_stadtteil.booking import services  # noqa: E402
from wagtail_stadtteil.booking.models import BookingDate, BookingRequest  # noqa: E402
from wagtail_stadtteil.booking.rules import Slot, check_request, is_free, make_slot  # noqa: E402
from wagtail_stadtteil.centres.models import CentrePage  # noqa: E402
from wagtail_stadtteil.rooms.models import Room  # noqa: E402
from wagtail_stadtteil.schedules.dates import aware, local_today  # noqa: E402
from wagtail_stadtteil.schedules.models import Occurrence  # noqa: E402

PROCESSES, THREADS = 10, 5
ROOMS = 200
PER_ROOM_DAY = 7  # 08:00-09:30, 10:00-11:30, … : seven uses a day
CHECK_SECONDS = 3.0


def say(name, value):
    print(f"{name}: {value}", flush=True)


def make_centre():
    home = Site.objects.get(is_default_site=True).root_page
    centre = CentrePage(title="Stadthaus Laatzen", slug="stadthaus-bench")
    home.add_child(instance=centre)
    centre.save_revision().publish()
    return CentrePage.objects.get(pk=centre.pk)


def future_workday(days=10):
    day = local_today() + dt.timedelta(days=days)
    while day.weekday() > 4:
        day += dt.timedelta(days=1)
    return day


# The race -----------------------------------------------------------------


def resident(room_id, start, end, number, barrier, results):
    try:
        barrier.wait(timeout=60)
        requester = services.Requester(
            requester_kind="nonprofit", contact_name=f"Resident {number}", email=f"r{number}@x.org"
        )
        room = Room.objects.get(pk=room_id)
        booking = services.submit(room, [Slot(start, end)], requester, purpose="Race", attendees=5)
        results.put("confirmed" if booking.status == "confirmed" else f"error:{booking.status}")
    except services.BookingRefused:
        results.put("conflict")
    except Exception as error:  # every other outcome is an error
        results.put(f"error:{type(error).__name__}: {error}")
    finally:
        connections.close_all()


def process_main(room_id, start, end, first_number, barrier, results):
    connections.close_all()  # never share the parent's connection
    threads = [
        threading.Thread(
            target=resident, args=(room_id, start, end, first_number + n, barrier, results)
        )
        for n in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def race(centre):
    room = Room.objects.create(
        centre=centre,
        name="Saal",
        publicly_bookable=True,
        confirms_instantly=True,
        capacity=50,
        min_notice_hours=0,
        buffer_after=15,
    )
    wanted = make_slot(future_workday(), dt.time(10), dt.time(12))
    connections.close_all()
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(PROCESSES * THREADS)
    results = context.Queue()
    processes = [
        context.Process(
            target=process_main,
            args=(room.pk, wanted.start, wanted.end, p * THREADS, barrier, results),
        )
        for p in range(PROCESSES)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in range(PROCESSES * THREADS)]
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - started
    dates = list(BookingDate.objects.filter(room=room, active=True).order_by("blocked_from"))
    overlaps = sum(
        1
        for i, a in enumerate(dates)
        for b in dates[i + 1 :]
        if a.blocked_from < b.blocked_until and b.blocked_from < a.blocked_until
    )
    say("race_requests", len(outcomes))
    say("race_processes", PROCESSES)
    say("confirmed", outcomes.count("confirmed"))
    say("conflicts", outcomes.count("conflict"))
    errors = [outcome for outcome in outcomes if outcome.startswith("error")]
    say("errors", len(errors))
    for error in sorted(set(errors))[:5]:
        print(f"# {error}", file=sys.stderr)
    say("double_bookings", overlaps)
    say("race_seconds", round(elapsed, 2))
    say("saved_requests", BookingRequest.objects.filter(room=room).count())


# Availability ---------------------------------------------------------------


def fill_store(centre, rooms, total):
    """Occurrences for ``rooms`` until ``total`` rows are stored: seven uses a
    day in each room, day after day from today."""
    source = ContentType.objects.get_for_model(Room)
    have = Occurrence.objects.count()
    per_room = (total - have) // len(rooms)
    days = per_room // PER_ROOM_DAY
    first_day = local_today() + dt.timedelta(days=have // (len(rooms) * PER_ROOM_DAY))
    batch, next_id = [], Occurrence.objects.count() + 1
    for room in rooms:
        for offset in range(days):
            day = first_day + dt.timedelta(days=offset)
            for use in range(PER_ROOM_DAY):
                start = aware(day, dt.time(8 + 2 * use))
                batch.append(
                    Occurrence(
                        kind=Occurrence.Kind.ROOM_USE,
                        source_type=source,
                        source_id=next_id,
                        centre_id=centre.pk,
                        room_id=room.pk,
                        original_date=day,
                        start=start,
                        end=start + dt.timedelta(minutes=90),
                        title="Gruppe",
                    )
                )
                next_id += 1
                if len(batch) == 20_000:
                    Occurrence.objects.bulk_create(batch)
                    batch = []
    Occurrence.objects.bulk_create(batch)
    return Occurrence.objects.count(), first_day + dt.timedelta(days=days)


def checks_per_second(rooms, last_day, check):
    rng = random.Random(4)
    span = max((last_day - local_today()).days, 1)
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < CHECK_SECONDS:
        room = rng.choice(rooms)
        day = local_today() + dt.timedelta(days=rng.randrange(1, span))
        hour = rng.randrange(8, 20)
        start = aware(day, dt.time(hour, 30))
        check(room, start, start + dt.timedelta(hours=2))
        count += 1
    return round(count / (time.perf_counter() - started))


def availability(centre):
    rooms = [
        Room(centre=centre, name=f"Raum {n}", slug=f"raum-{n}", publicly_bookable=True)
        for n in range(ROOMS)
    ]
    rooms = Room.objects.bulk_create(rooms)
    rooms = list(Room.objects.filter(pk__in=[room.pk for room in rooms]).select_related("centre"))
    stored, last_day = fill_store(centre, rooms, 10_000)
    say("stored_occurrences_small", stored)
    small = checks_per_second(rooms, last_day, is_free)
    say("availability_checks_per_s_10k", small)
    started = time.perf_counter()
    stored, last_day = fill_store(centre, rooms, 1_000_000)
    say("store_fill_s", round(time.perf_counter() - started, 1))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE stadtteil_schedules_occurrence")
    say("stored_occurrences", stored)
    large = checks_per_second(rooms, last_day, is_free)
    say("availability_checks_per_s_1m", large)
    say("availability_ratio_1m_vs_10k", round(large / small, 2))

    def full(room, start, end):
        check_request(room, [Slot(start, end)], attendees=5, requester_kind="nonprofit")

    say("full_rule_checks_per_s_1m", checks_per_second(rooms, last_day, full))


def main():
    setup_test_environment()
    say("database", connection.vendor)
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        centre = make_centre()
        race(centre)
        availability(centre)
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(test_name, verbosity=0)


if __name__ == "__main__":
    main()
