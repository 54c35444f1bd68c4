from django.core.management.base import BaseCommand

from wagtail_stadtteil.core.defaults import ensure_defaults


class Command(BaseCommand):
    help = (
        "Create the default themes and target groups of wagtail-stadtteil in the "
        "site's default language. Safe to run again: nothing present is changed."
    )

    def handle(self, *args, **options):
        result = ensure_defaults()
        self.stdout.write(
            self.style.SUCCESS(
                f"wagtail-stadtteil set up: {result.created} created, "
                f"{result.existing} already present."
            )
        )
