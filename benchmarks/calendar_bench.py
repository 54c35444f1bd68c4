"""Measure the occurrence store against per-request expansion (DESIGN decision 1).

Run from the repository root::

    .venv/bin/python benchmarks/calendar_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/stadtteil \
        .venv/bin/python benchmarks/calendar_bench.py

It sets up Django with the test settings on a throwaway database (a temporary
SQLite file, or a database of its own on the server DATABASE_URL names,
dropped afterwards), builds two centres with 20 rooms each and 10 and 1,000 regular
room uses (weekly rules on varied days and times, a third of them starting ten
years back), and prints ``name: value`` lines:

* ``full_rebuild_1000_s``: ``stadtteil_refresh_occurrences --rebuild`` for the
  centre with 1,000 schedules (every row written afresh);
* ``week_store_{10,1000}_ms``: median server time of one centre week calendar
  read from the store (a real request to the centre's ``calendar/`` route when
  it exists, else the query and grouping a week view needs);
* ``week_naive_{10,1000}_ms``: the same week by expanding every schedule with
  ``Recurrence.between()`` per request;
* ``speedup_vs_naive`` (goal ≥ 20) and ``queries_{10,1000}`` (goal: equal).
"""

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
_scratch = tempfile.TemporaryDirectory(prefix="stadtteil-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_scratch.name}/bench.sqlite3")

import django  # noqa: E402

django.setup()

import recurrence  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from wagtail.models import Site  # noqa: E402

from wagtail_stadtteil.centres.models import CentrePage  # noqa: E402
from wagtail_stadtteil.rooms.models import Room, RoomUse  # noqa: E402
from wagtail_stadtteil.schedules.dates import aware, local_today, local_zone  # noqa: E402
from wagtail_stadtteil.schedules.models import Occurrence  # noqa: E402

SIZES = (10, 1000)
ROOMS = 20
WEEKDAYS = [
    recurrence.MO,
    recurrence.TU,
    recurrence.WE,
    recurrence.TH,
    recurrence.FR,
    recurrence.SA,
]
STORE_RUNS = 21
NAIVE_RUNS = {10: 21, 1000: 5}


def say(name, value):
    print(f"{name}: {value}", flush=True)


def make_centre(title, slug):
    home = Site.objects.get(is_default_site=True).root_page
    centre = CentrePage(title=title, slug=slug)
    home.add_child(instance=centre)
    centre.save_revision().publish()
    return CentrePage.objects.get(pk=centre.pk)


def build(centre, size):
    """``size`` weekly room uses across 20 rooms, without writing the store (a
    bulk insert saves no model, so the rebuild below does all the writing)."""
    rooms = Room.objects.bulk_create(
        Room(centre=centre, name=f"Raum {number}", slug=f"raum-{number}")
        for number in range(1, ROOMS + 1)
    )
    today = local_today()
    uses = []
    for number in range(size):
        hour = 8 + number % 12
        weekday = WEEKDAYS[number % len(WEEKDAYS)]
        rule = recurrence.Rule(recurrence.WEEKLY, byday=[weekday])
        uses.append(
            RoomUse(
                room=rooms[number % ROOMS],
                title=f"Gruppe {number + 1}",
                recurrence=recurrence.Recurrence(rrules=[rule]),
                start_time=dt.time(hour),
                end_time=dt.time(hour + 1, 30),
                starts_on=today - dt.timedelta(days=3652) if number % 3 == 0 else today,
            )
        )
    RoomUse.objects.bulk_create(uses, batch_size=500)


def week_bounds():
    """The Monday of the week four weeks from now, and the Monday after."""
    today = local_today()
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=4)
    return monday, monday + dt.timedelta(days=7)


def week_from_store(centre, monday, next_monday):
    """What a week view needs: the centre's dated rows with their pages and rooms,
    grouped by local day."""
    zone = local_zone()
    occurrences = list(
        Occurrence.objects.filter(
            centre=centre,
            start__lt=aware(next_monday, dt.time.min),
            end__gt=aware(monday, dt.time.min),
        ).select_related("page")
    )
    rooms = Room.objects.in_bulk({row.room_id for row in occurrences if row.room_id})
    days = defaultdict(list)
    for row in occurrences:
        days[row.start.astimezone(zone).date()].append((row, rooms.get(row.room_id)))
    return days


def week_naive(centre, monday, next_monday):
    """The same week by expanding every schedule per request (no store)."""
    zone = local_zone()
    after = dt.datetime.combine(monday, dt.time.min)
    before = dt.datetime.combine(next_monday, dt.time.min) - dt.timedelta(seconds=1)
    days = defaultdict(list)
    for use in RoomUse.objects.filter(room__centre=centre).select_related("room"):
        dtstart = dt.datetime.combine(use.starts_on, dt.time.min)
        for moment in use.recurrence.between(after, before, dtstart=dtstart, inc=True):
            start = dt.datetime.combine(moment.date(), use.start_time, tzinfo=zone)
            end = dt.datetime.combine(moment.date(), use.end_time, tzinfo=zone)
            days[moment.date()].append((use.title, start, end, use.room))
    return days


def calendar_request(centre, monday):
    """A real request to the public week calendar, or None while the route is missing."""
    client = Client()
    url = f"{centre.url}calendar/?start={monday.isoformat()}"

    def read():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    try:
        return read if client.get(url).status_code == 200 else None
    except Exception:
        return None


def count_queries(function):
    """SQL statements run by ``function`` (a request resets Django's query log,
    so count at the cursor)."""
    statements = []

    def wrapper(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        function()
    return len(statements)


def timed(function, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main():
    setup_test_environment()
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        # A file, not SQLite's in-memory test database: what a site really reads.
        name = f"{_scratch.name}/bench-test.sqlite3"
    else:
        # Not test_<name>: a test run on the same server may be using that one.
        name = f"stadtteil_bench_{os.getpid()}"
    database.setdefault("TEST", {})["NAME"] = name
    assert connection.creation._get_test_db_name() == name
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(test_name, verbosity=0)
        _scratch.cleanup()


def run():
    say("database", connection.vendor)
    centres = {size: make_centre(f"Zentrum {size}", f"zentrum-{size}") for size in SIZES}
    for size, centre in centres.items():
        build(centre, size)
        started = time.perf_counter()
        call_command(
            "stadtteil_refresh_occurrences", "--rebuild", "--centre", str(centre.pk), verbosity=0
        )
        if size == 1000:
            say("full_rebuild_1000_s", f"{time.perf_counter() - started:.2f}")
            say("rows_1000", Occurrence.objects.filter(centre=centre).count())

    monday, next_monday = week_bounds()
    results = {}
    for size, centre in centres.items():
        request = calendar_request(centre, monday)
        if request is not None:
            read = request
            method = "request"
        else:
            read = lambda centre=centre: week_from_store(centre, monday, next_monday)  # noqa: E731
            method = "store_query"
        read()  # warm caches (content types, templates) as a running site has them
        queries = count_queries(read)
        store = timed(read, STORE_RUNS)
        query_only = timed(
            lambda centre=centre: week_from_store(centre, monday, next_monday), STORE_RUNS
        )
        naive = timed(
            lambda centre=centre: week_naive(centre, monday, next_monday), NAIVE_RUNS[size]
        )
        found = sum(len(day) for day in week_from_store(centre, monday, next_monday).values())
        expected = sum(len(day) for day in week_naive(centre, monday, next_monday).values())
        assert found == expected, (found, expected)
        results[size] = store, naive, query_only
        say(f"week_read_{size}", method)
        say(f"week_occurrences_{size}", found)
        say(f"week_store_{size}_ms", f"{store * 1000:.1f}")
        say(f"week_naive_{size}_ms", f"{naive * 1000:.1f}")
        say(f"week_store_query_{size}_ms", f"{query_only * 1000:.1f}")
        say(f"queries_{size}", queries)
    store, naive, query_only = results[1000]
    say("speedup_vs_naive", f"{naive / store:.1f}")
    say("speedup_query_vs_naive", f"{naive / query_only:.1f}")

    # The daily run when nothing changed: reads, compares, writes nothing.
    started = time.perf_counter()
    call_command("stadtteil_refresh_occurrences", "--centre", str(centres[1000].pk), verbosity=0)
    say("unchanged_refresh_1000_s", f"{time.perf_counter() - started:.2f}")


if __name__ == "__main__":
    main()
