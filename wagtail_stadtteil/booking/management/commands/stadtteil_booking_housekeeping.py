from django.core.management.base import BaseCommand
from django.utils import timezone

from wagtail_stadtteil.booking import notifications, services


class Command(BaseCommand):
    help = (
        "Room booking housekeeping: expire requests nobody decided in time "
        "(WAGTAIL_STADTTEIL['BOOKING']['EXPIRE_AFTER_DAYS'], or whose first date has begun), "
        "queue reminders of upcoming bookings (REMINDER_DAYS_BEFORE) and send again the "
        "mails a mail server refused (up to MAIL_MAX_ATTEMPTS). Every step is safe to repeat: "
        "run it every few minutes or hourly from cron, e.g. "
        "'*/10 * * * * manage.py stadtteil_booking_housekeeping -v0'."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what would be done; change nothing and send no mail.",
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        now = timezone.now()
        if options["dry_run"]:
            self.say(f"Would expire {services.overdue_requests(now).count()} overdue requests.")
            self.say(f"Would queue {notifications.due_reminders(now).count()} reminders.")
            self.say(
                f"Would try {notifications.retry_candidates(now).count()} waiting mails again."
            )
            return
        expired = services.expire_overdue(now)
        self.say(f"Expired {expired} overdue requests.")
        reminded = notifications.send_due_reminders(now)
        self.say(f"Queued {reminded} reminders.")
        sent, failing = notifications.retry_pending(now)
        self.say(f"Sent {sent} waiting mails; {failing} still failing.")

    def say(self, line):
        if self.verbosity:
            self.stdout.write(line)
