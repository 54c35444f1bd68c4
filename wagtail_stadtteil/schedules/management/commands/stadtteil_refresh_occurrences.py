import contextlib
import datetime as dt
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail_stadtteil.schedules.dates import local_today
from wagtail_stadtteil.schedules.models import Occurrence
from wagtail_stadtteil.schedules.store import StoreChanges, horizon_end, occurrence_owner_models

#: Seconds between two progress lines of one kind of owner.
PROGRESS_EVERY = 5
#: Owners refreshed in one transaction.
OWNERS_PER_TRANSACTION = 100


def parse_date(value):
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from None


class Command(BaseCommand):
    help = (
        "Write the dates of every schedule (offers, consultation hours, regular room use, "
        "opening hours) into the occurrence store up to the rolling horizon "
        "(WAGTAIL_STADTTEIL['OCCURRENCE_HORIZON_MONTHS'], default 18 months from today). "
        "Only differences are written, so a second run changes nothing. Safe to run daily "
        "from cron, e.g. '15 3 * * * manage.py stadtteil_refresh_occurrences -v0'; without "
        "it the store stops at the horizon of the last save."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Delete the stored dates from --since on and write them afresh, in one "
            "transaction (also removes rows no schedule claims any more).",
        )
        parser.add_argument(
            "--since",
            type=parse_date,
            metavar="YYYY-MM-DD",
            help="Rewrite dates from this day on (default: today). Past dates are "
            "otherwise left as they were.",
        )
        parser.add_argument(
            "--centre",
            metavar="SLUG_OR_ID",
            help="Only the schedules of this centre (its page slug or page ID).",
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        since = options["since"] or local_today()
        last = horizon_end()
        centres = self.find_centres(options["centre"]) if options["centre"] else [None]
        if since > last:
            raise CommandError(f"--since {since} lies beyond the horizon ({last}).")

        started = time.monotonic()
        totals, owners, failures = StoreChanges(), 0, []
        # A rebuild empties the store first: one transaction, so calendars never
        # show the gap. A refresh commits owner by owner.
        rebuild = options["rebuild"]
        with transaction.atomic() if rebuild else contextlib.nullcontext():
            if rebuild:
                totals.removed += self.delete_rows(centres, since)
            for model in occurrence_owner_models():
                changes, count, failed = self.refresh_model(model, centres, since)
                totals, owners = totals + changes, owners + count
                failures += failed

        seconds = time.monotonic() - started
        self.say(
            f"Refreshed {owners} owners from {since} to {last} in {seconds:.1f} s: "
            f"{totals.added} dates added, {totals.changed} changed, {totals.removed} removed."
            + (" Nothing changed." if not totals.total else "")
        )
        if failures:
            raise CommandError(
                f"{len(failures)} owners could not be refreshed: " + "; ".join(failures)
            )

    def find_centres(self, value):
        try:
            CentrePage = apps.get_model("stadtteil_centres", "CentrePage")
        except LookupError:
            raise CommandError("--centre needs the wagtail_stadtteil.centres app.") from None
        lookup = {"pk": int(value)} if value.isdigit() else {"slug": value}
        centres = list(CentrePage.objects.filter(**lookup))
        if not centres:
            raise CommandError(f"There is no centre {value!r}.")
        return centres

    def delete_rows(self, centres, since):
        rows = Occurrence.objects.filter(original_date__gte=since)
        if centres != [None]:
            rows = rows.filter(centre__in=centres)
        deleted, _per_model = rows.delete()
        return deleted

    def refresh_model(self, model, centres, since):
        label = str(model._meta.verbose_name_plural)
        owners = [owner for centre in centres for owner in model.occurrence_owners(centre=centre)]
        total, changes, failed = len(owners), StoreChanges(), []
        last_report = time.monotonic()
        for first in range(0, total, OWNERS_PER_TRANSACTION):
            # One commit per batch, not per owner (a commit waits for the disk);
            # a savepoint per owner, so one broken schedule does not stop the run.
            with transaction.atomic():
                for owner in owners[first : first + OWNERS_PER_TRANSACTION]:
                    try:
                        with transaction.atomic():
                            changes += owner.refresh_occurrences(since) or StoreChanges()
                    except Exception as error:
                        failed.append(f"{label} {owner.pk}: {error}")
                        self.stderr.write(f"{label} {owner.pk} ({owner}): {error!r}")
            done = min(first + OWNERS_PER_TRANSACTION, total)
            if time.monotonic() - last_report >= PROGRESS_EVERY and done < total:
                self.say(f"{label}: {done}/{total}")
                last_report = time.monotonic()
        self.say(
            f"{label}: {total}/{total} ({changes.added} added, {changes.changed} changed, "
            f"{changes.removed} removed)"
        )
        return changes, total, failed

    def say(self, line):
        if self.verbosity >= 1:
            self.stdout.write(line)
