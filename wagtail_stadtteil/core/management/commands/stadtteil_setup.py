from django.core.management.base import BaseCommand

from wagtail_stadtteil.core.defaults import ensure_defaults


class Command(BaseCommand):
    help = (
        "Create the default themes and target groups of wagtail-stadtteil in the "
        "site's default language, and the city-level group that manages the shared "
        "data and sees every centre. Safe to run again: nothing present is changed."
    )

    def handle(self, *args, **options):
        # The centres app owns groups and permissions; core does not import it at load time.
        from wagtail_stadtteil.centres.creation import create_city_group
        from wagtail_stadtteil.centres.permissions import centres_by_group

        result = ensure_defaults()
        group, created = create_city_group()
        self.stdout.write(
            self.style.SUCCESS(
                f"wagtail-stadtteil set up: {result.created} created, "
                f"{result.existing} already present."
            )
        )
        state = "created" if created else "brought up to date"
        self.stdout.write(
            f"  city group “{group.name}” {state}: shared data, "
            "every centre's rooms and calendar (read-only)"
        )
        for other, centres in sorted(centres_by_group().items(), key=lambda item: item[0].name):
            if len(centres) > 1:
                self.stdout.write(
                    self.style.WARNING(
                        f"  note: members of “{other.name}” may edit the pages of "
                        f"{len(centres)} centres, so they manage all of them, room "
                        "requests and requesters' personal data included"
                    )
                )
