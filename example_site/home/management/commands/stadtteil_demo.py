import os

from django.core.management.base import BaseCommand

from home.demo_content import build_demo


def default_base_url():
    port = os.environ.get("PORT", "8000")
    return f"http://127.0.0.1:{port}/"


class Command(BaseCommand):
    help = (
        "Fill the example site with demo content from the seed documents: Hamm's "
        "districts, partners, funding programmes, four centres with offices, offers and "
        "consultation hours, and demo accounts. Safe to run again: what exists is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            help="Address the site is served at, for the summary "
            "(default: http://127.0.0.1:$PORT/, PORT defaulting to 8000).",
        )

    def handle(self, *args, **options):
        base_url = options["base_url"] or default_base_url()
        if not base_url.endswith("/"):
            base_url += "/"
        result = build_demo(base_url)

        if result.changed:
            summary = ", ".join(
                f"{count} {what}" for what, count in sorted(result.created.items()) if count
            )
            self.stdout.write(self.style.SUCCESS(f"Demo content created: {summary}."))
        else:
            self.stdout.write("Demo content already present; nothing changed.")
        self.stdout.write(f"Site:  {base_url}")
        self.stdout.write(f"Admin: {base_url}admin/")
        for username, password, centre in result.logins:
            scope = f"  ({centre})" if centre else "  (superuser)"
            self.stdout.write(f"  {username} / {password}{scope}")
