"""Measure spreadsheet imports (issue 7: 10,000 partner rows and 2,000 offer
rows in ≤ 60 s in total; memory not growing with file size beyond the file).

Run from the repository root::

    .venv/bin/python benchmarks/import_bench.py
    .venv/bin/python benchmarks/import_bench.py --partners 2000 --offers 200  # a quick look

It sets up Django with the test settings on a throwaway database (as
``calendar_bench.py`` does), writes the files an office would bring (German
headers, as ``stadtteil_export`` writes them), reads them with
``read_dataset`` and imports them with ``run_import(…, dry_run=False)`` — the
path of the admin view and of ``stadtteil_import`` after its check. It prints
``name: value`` lines:

* ``partners_{1000,10000}_s`` / ``…_peak_mb``: reading and importing a
  partner CSV (all rows new), seconds without tracing and peak memory traced
  by tracemalloc in a second, rolled-back run of the same file;
* ``partners_{1000,10000}_file_kb``, ``…_dataset_kb``: the file, and the
  rows read into memory; ``…_peak_kb_per_row``: peak memory per row (equal
  at both sizes: memory grows with the file and nothing else);
* ``bulk_create_10000_s`` and ``import_vs_bulk_create``: the baseline, a
  plain ``Partner.objects.bulk_create`` of the same rows in the same run,
  and how many times slower the import is (it checks every row, looks each
  identifier up and saves rows one by one so that a problem names its line);
* ``offers_N_s`` / ``offers_N_peak_mb``: importing N offers (default 2,000)
  into a centre created with ``create_centre`` with 20 rooms, published (each
  row a page with a revision, its rooms checked for clashes and its dates
  written to the occurrence store): 360 weekly series and single events. The
  peak memory is traced on the file's first 200 rows (``--traced-offers``):
  tracemalloc makes an import about 3.5 times slower;
* ``total_s``: 10,000 partners and the offers (goal ≤ 60).
"""

import argparse
import csv
import datetime as dt
import gc
import io
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
_scratch = tempfile.TemporaryDirectory(prefix="stadtteil-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_scratch.name}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from wagtail_stadtteil.centres.creation import create_centre  # noqa: E402
from wagtail_stadtteil.core.importing import (  # noqa: E402
    read_dataset,
    resource_class,
    run_import,
)
from wagtail_stadtteil.core.models import Partner  # noqa: E402
from wagtail_stadtteil.rooms.models import Room  # noqa: E402

KINDS = [
    ("club", "Verein {n} Laatzen e.V."),
    ("welfare", "Wohlfahrtsverband {n} Region Hannover"),
    ("initiative", "Nachbarschaftsinitiative {n}"),
    ("migrant_organisation", "Kulturverein {n} Laatzen e.V."),
]
ROOMS = 20
WEEKLY_ROOMS = 10
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA"]
SLOTS = [(8 + 2 * slot, 0) for slot in range(6)]  # 08:00, 10:00, … 18:00, 90 minutes each
FIRST_DAY = dt.date(2027, 1, 4)


def say(name, value):
    print(f"{name}: {value}", flush=True)


# ---------------------------------------------------------------------------
# Files


def partner_rows(count, offset=0):
    for number in range(offset, offset + count):
        kind, name = KINDS[number % len(KINDS)]
        yield {
            "name": name.format(n=number),
            "slug": f"partner-{number}",
            "kind": kind,
            "non_profit": "ja",
            "description": "Treffen, Beratung und Freizeitangebote im Stadtteil.",
            "contact_person": f"Vorname{number} Nachname",
            "street": f"Marktplatz {number % 100 + 1}",
            "postcode": "30880",
            "city": "Laatzen",
            "phone": f"0511 {100000 + number}",
            "email": f"partner-{number}@example.org",
            "website": f"https://partner-{number}.example.org",
        }


def offer_rows(count, centre):
    """Weekly series in rooms 1–10 (one per room, weekday and slot), then single
    events in rooms 11–20 on following days: no two rows share a room's time."""
    weekly = [
        (room, day, slot)
        for room in range(1, WEEKLY_ROOMS + 1)
        for day in WEEKDAYS
        for slot in SLOTS
    ]
    single_rooms = range(WEEKLY_ROOMS + 1, ROOMS + 1)
    for number in range(count):
        if number < len(weekly):
            room, day, (hour, minute) = weekly[number]
            rule, kind = f"RRULE:FREQ=WEEKLY;BYDAY={day}", "Regelmäßige Gruppe"
        else:
            index = number - len(weekly)
            per_day = len(single_rooms) * len(SLOTS)
            date = FIRST_DAY + dt.timedelta(days=index // per_day)
            room = single_rooms[index % len(single_rooms)]
            hour, minute = SLOTS[index // len(single_rooms) % len(SLOTS)]
            rule, kind = f"RDATE:{date:%Y%m%d}", "Veranstaltung"
        yield {
            "centre": centre.slug,
            "slug": f"angebot-{number}",
            "title": f"Angebot {number}",
            "offer_kind": kind,
            "intro": "Für alle aus dem Stadtteil; keine Anmeldung nötig.",
            "rule": rule,
            "start_time": f"{hour:02d}:{minute:02d}",
            "end_time": f"{hour + 1:02d}:{minute + 30:02d}",
            "room": f"raum-{room}",
            "first_day": FIRST_DAY.isoformat(),
            "cost": "Kostenlos",
        }


def csv_file(name, rows):
    """A CSV with the German headers the export writes, as bytes."""
    resource = resource_class(name)()
    with translation.override("de"):
        labels = dict(
            zip(resource.export_headers("keys"), resource.export_headers("labels"), strict=True)
        )
    rows = iter(rows)
    first = next(rows)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([labels[key] for key in first])
    writer.writerow(first.values())
    for row in rows:
        writer.writerow(row.values())
    return out.getvalue().encode("utf-8")


# ---------------------------------------------------------------------------
# Measuring


def run(function, trace=False):
    """(seconds, peak bytes traced or None, result)."""
    gc.collect()
    if trace:
        tracemalloc.start()
        tracemalloc.reset_peak()
    started = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - started
    peak = None
    if trace:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return seconds, peak, result


def dataset_size(content):
    """Bytes the rows take in memory once read."""
    gc.collect()
    tracemalloc.start()
    dataset = read_dataset(content, "csv")
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del dataset
    return size


def import_file(name, content, rollback=False, **kwargs):
    def work():
        with transaction.atomic():
            report = run_import(
                resource_class(name)(**kwargs), read_dataset(content, "csv"), dry_run=False
            )
            if rollback:
                transaction.set_rollback(True)
        assert report.ok, [str(problem) for problem in report.problems[:5]]
        return report

    return work


def measure_import(label, name, content, rows, traced=None, **kwargs):
    """Seconds (untraced; the rows are kept) and peak memory traced by
    tracemalloc in a rolled-back run of the same file, or of ``traced``
    (the file's first rows) when tracing the whole file would take too long
    (tracemalloc makes an import about 3.5 times slower)."""
    traced_content, traced_rows = traced or (content, rows)
    _seconds, peak, _report = run(
        import_file(name, traced_content, rollback=True, **kwargs), trace=True
    )
    seconds, _peak, report = run(import_file(name, content, **kwargs))
    assert report.new == rows, report.summary()
    say(f"{label}_s", f"{seconds:.2f}")
    say(f"{label}_ms_per_row", f"{seconds / rows * 1000:.1f}")
    say(f"{label}_file_kb", f"{len(content) / 1024:.0f}")
    say(f"{label}_dataset_kb", f"{dataset_size(content) / 1024:.0f}")
    say(f"{label}_peak_traced_rows", traced_rows)
    say(f"{label}_peak_mb", f"{peak / 2**20:.1f}")
    say(f"{label}_peak_kb_per_row", f"{peak / traced_rows / 1024:.2f}")
    say(
        f"{label}_dataset_kb_per_row",
        f"{dataset_size(traced_content) / traced_rows / 1024:.2f}",
    )
    return seconds


def bulk_create(rows):
    locale = Locale.get_default()

    def work():
        with transaction.atomic():
            Partner.objects.bulk_create(
                [Partner(locale=locale, **{**row, "non_profit": True}) for row in rows],
                batch_size=500,
            )
            transaction.set_rollback(True)

    return work


def make_centre():
    centre = create_centre("Stadthaus Benchmark", slug="stadthaus-benchmark").centre
    for number in range(1, ROOMS + 1):
        Room.objects.create(
            centre=centre, name=f"Raum {number}", slug=f"raum-{number}", capacity=20
        )
    return centre


# ---------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--partners", type=int, default=10_000)
    parser.add_argument("--offers", type=int, default=2_000)
    parser.add_argument(
        "--traced-offers",
        type=int,
        default=200,
        help="Trace the memory of importing this many offers (the file's first rows).",
    )
    options = parser.parse_args()

    setup_test_environment()
    database = connection.settings_dict
    database.setdefault("TEST", {})["NAME"] = f"{_scratch.name}/bench-test.sqlite3"
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        bench(options.partners, options.offers, options.traced_offers)
    finally:
        connection.creation.destroy_test_db(test_name, verbosity=0)
        _scratch.cleanup()


def warm_up(centre):
    """A small import of each kind first, rolled back: the first import in a
    process fills caches (translations, content types, templates) that a
    running site has filled long before, and that would count as its memory."""
    for trace in (True, False):
        content = csv_file("partner", partner_rows(50, 10**7))
        run(import_file("partner", content, rollback=True), trace)
        content = csv_file("offer", offer_rows(5, centre))
        run(import_file("offer", content, rollback=True, publish=True), trace)


def bench(partners, offers, traced_offers):
    say("database", connection.vendor)
    centre = make_centre()
    warm_up(centre)
    small = 1_000
    measure_import(f"partners_{small}", "partner", csv_file("partner", partner_rows(small)), small)

    rows = list(partner_rows(partners, offset=small))
    content = csv_file("partner", rows)
    partner_seconds = measure_import(f"partners_{partners}", "partner", content, partners)
    bulk_seconds, _peak, _none = run(bulk_create(list(partner_rows(partners, offset=10**6))))
    say(f"bulk_create_{partners}_s", f"{bulk_seconds:.2f}")
    say("import_vs_bulk_create", f"{partner_seconds / bulk_seconds:.0f}")

    rows = list(offer_rows(offers, centre))
    content = csv_file("offer", rows)
    traced = None
    if traced_offers < offers:
        traced = (csv_file("offer", rows[:traced_offers]), traced_offers)
    offer_seconds = measure_import(
        f"offers_{offers}", "offer", content, offers, traced=traced, publish=True
    )
    say("total_s", f"{partner_seconds + offer_seconds:.1f}")


if __name__ == "__main__":
    main()
