from django.core.management.base import BaseCommand
from django.utils import timezone

from wagtail_stadtteil.booking.retention import purge_personal_data, retention_cutoff
from wagtail_stadtteil.core.app_settings import stadtteil_settings


class Command(BaseCommand):
    help = (
        "Remove requesters' personal data (name, email, phone, organisation, messages, "
        "purpose) from booking requests whose last date ended, or that were declined, "
        "cancelled or expired, more than WAGTAIL_STADTTEIL['BOOKING']['RETENTION_DAYS'] "
        "days ago. Room, centre, dates, requester kind, fee, status and reference number "
        "are kept for accounting. Safe to run daily from cron, e.g. "
        "'30 3 * * * manage.py stadtteil_purge_personal_data -v0'; a request is only "
        "anonymised once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the requests whose personal data would be removed; change nothing.",
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        dry_run = options["dry_run"]
        now = timezone.now()
        days = stadtteil_settings.BOOKING["RETENTION_DAYS"]
        result = purge_personal_data(now=now, dry_run=dry_run)
        if dry_run:
            cutoff = timezone.localtime(retention_cutoff(now))
            self.stdout.write(
                f"Would remove the personal data of {len(result)} requests "
                f"(retention {days} days, before {cutoff:%Y-%m-%d %H:%M})."
            )
        elif verbosity:
            self.stdout.write(
                f"Removed the personal data of {result.anonymised} requests "
                f"(retention {days} days)."
            )
        if dry_run or verbosity > 1:
            for due in result.due:
                what = "closed" if due.reason == "closed" else "last date ended"
                self.stdout.write(
                    f"  {due.reference}  {due.status:<10}  "
                    f"{what} {timezone.localtime(due.since):%Y-%m-%d}"
                )
