"""Measure the reports (issue 9) on the example site's demo: a year of dates,
past room requests and visitor counts for four centres.

Run from the repository root::

    .venv/bin/python benchmarks/report_bench.py

It builds the demo on a throwaway SQLite database with the example site's
settings (as ``make demo`` does) and prints ``name: value`` lines:

* ``report_city_year_s`` / ``report_centre_year_s``: the report on every
  centre / on Mittelpunkt Hüttenstraße for this calendar year, the median of
  five runs;
* ``baseline_read_rows_s``: the same year's occurrence rows of every centre
  read into a list, the least any report has to do, in the same run;
  ``report_vs_read_rows``: how many times that the city's report takes;
* ``queries_city`` / ``queries_centre``: database queries of one report (the
  same for one centre and for all: they do not grow with the centres);
* ``xlsx_city_s`` / ``xlsx_city_kb``: writing the city's report as XLSX;
* ``occurrence_rows``: the rows the year holds.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
os.environ["DJANGO_SETTINGS_MODULE"] = "stadtteil_example.settings"
_scratch = tempfile.TemporaryDirectory(prefix="stadtteil-report-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{_scratch.name}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{_scratch.name}/media"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from home.demo_content import build_demo  # noqa: E402

from wagtail_stadtteil.reports.figures import city_centres, report, year  # noqa: E402
from wagtail_stadtteil.reports.output import to_xlsx  # noqa: E402
from wagtail_stadtteil.schedules.dates import local_today  # noqa: E402
from wagtail_stadtteil.schedules.models import Occurrence  # noqa: E402


def median_seconds(function, runs=5):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main():
    call_command("migrate", verbosity=0)
    build_demo("http://127.0.0.1:8000/")
    period = year(local_today().year)
    centres = list(city_centres())
    one = [centre for centre in centres if centre.slug == "mittelpunkt-huettenstrasse"]

    def read_rows():
        return list(
            Occurrence.objects.filter(
                centre__in=centres, start__lt=period.end, end__gt=period.start
            ).values_list("kind", "centre_id", "page_id", "room_id", "start", "end")
        )

    rows = len(read_rows())
    city = median_seconds(lambda: report(centres, period))
    centre = median_seconds(lambda: report(one, period))
    baseline = median_seconds(read_rows)
    connection.queries_log.clear()  # full after the demo: the capture would count 0
    with CaptureQueriesContext(connection) as city_queries:
        result = report(centres, period)
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as centre_queries:
        report(one, period)
    started = time.perf_counter()
    content = to_xlsx(result)
    xlsx = time.perf_counter() - started

    print(f"occurrence_rows: {rows}")
    print(f"report_city_year_s: {city:.3f}")
    print(f"report_centre_year_s: {centre:.3f}")
    print(f"baseline_read_rows_s: {baseline:.3f}")
    print(f"report_vs_read_rows: {city / baseline:.1f}")
    print(f"queries_city: {len(city_queries)}")
    print(f"queries_centre: {len(centre_queries)}")
    print(f"xlsx_city_s: {xlsx:.3f}")
    print(f"xlsx_city_kb: {len(content) / 1024:.0f}")


if __name__ == "__main__":
    main()
