"""The example files the docs use (``example_site/examples/``) import cleanly
into the demo (``manage.py stadtteil_demo``).

The demo is built once for this module inside a transaction that is rolled
back afterwards (as in ``test_demo.py``); each test runs in a savepoint.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction

from wagtail_stadtteil.centres.models import OfferPage
from wagtail_stadtteil.core.models import Partner
from wagtail_stadtteil.rooms.models import RoomUse

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parent.parent / "example_site" / "examples"
#: (MODEL, file, options): how the docs import each example.
IMPORTS = [
    ("partner", "partners.csv", []),
    ("room-use", "room-plan.csv", ["--centre", "stadthaus-laatzen"]),
    ("offer", "programme.csv", ["--centre", "stadthaus-laatzen", "--publish"]),
    ("offer", "programme.xlsx", ["--centre", "stadthaus-laatzen", "--publish"]),
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Build the demo once for the module; roll it back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("stadtteil_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)
    cache.clear()


def import_example(model, name, *options):
    """``stadtteil_import``; the closing line, or the problems it reported."""
    out, err = StringIO(), StringIO()
    try:
        call_command(
            "stadtteil_import", model, str(EXAMPLES / name), *options, stdout=out, stderr=err
        )
    except CommandError as error:
        pytest.fail(f"{name}: {error}\n{err.getvalue()}")
    return out.getvalue().strip().splitlines()[-1]


def counts():
    return (Partner.objects.count(), RoomUse.objects.count(), OfferPage.objects.count())


@pytest.mark.parametrize(("model", "name", "options"), IMPORTS)
def test_each_example_file_passes_the_check_without_a_problem(demo, model, name, options):
    before = counts()
    summary = import_example(model, name, *options, "--dry-run")
    assert summary.endswith("invalid: 0")
    assert counts() == before


def test_the_example_files_import_one_after_the_other_and_a_second_import_changes_nothing(demo):
    before = counts()
    assert import_example("partner", "partners.csv").startswith("new: 3, ")
    assert import_example("room-use", "room-plan.csv", "--centre", "stadthaus-laatzen") == (
        "new: 7, updated: 0, unchanged: 0, invalid: 0"
    )
    options = ["--centre", "stadthaus-laatzen", "--publish"]
    assert import_example("offer", "programme.csv", *options) == (
        "new: 6, updated: 0, unchanged: 0, invalid: 0"
    )
    assert counts() == (before[0] + 3, before[1] + 7, before[2] + 6)
    course = OfferPage.objects.get(slug="bewegung-60-plus")
    assert course.live
    assert [schedule.room.slug for schedule in course.schedules.all()] == ["saal", "saal"]

    # The same files again, and the programme as a spreadsheet: nothing changes.
    assert import_example("partner", "partners.csv") == (
        "new: 0, updated: 0, unchanged: 8, invalid: 0"
    )
    assert import_example("room-use", "room-plan.csv", "--centre", "stadthaus-laatzen") == (
        "new: 0, updated: 0, unchanged: 7, invalid: 0"
    )
    assert import_example("offer", "programme.xlsx", *options) == (
        "new: 0, updated: 0, unchanged: 6, invalid: 0"
    )
