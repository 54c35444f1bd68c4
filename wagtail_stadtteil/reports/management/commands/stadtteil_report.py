from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from wagtail_stadtteil.centres.models import CentrePage
from wagtail_stadtteil.reports.figures import city_centres, report, year
from wagtail_stadtteil.reports.output import to_csv, to_json, to_xlsx


class Command(BaseCommand):
    help = (
        "A report on one centre (--centre SLUG) or the whole city for a year: profile, "
        "offers, room utilisation, room requests and fees. Written to standard output "
        "unless --output is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--centre", help="Slug of the centre; all centres when left out.")
        parser.add_argument("--year", type=int, required=True, help="Calendar year, e.g. 2026.")
        parser.add_argument("--format", choices=["xlsx", "csv", "json"], default="xlsx")
        parser.add_argument("--output", help="File to write (default: standard output).")

    def handle(self, *args, **options):
        if not 1900 <= options["year"] <= 9998:
            raise CommandError("The year must lie between 1900 and 9998.")
        if options["centre"]:
            default = Locale.get_default()
            found = {
                page.get_translation_or_none(default) or page
                for page in CentrePage.objects.filter(slug=options["centre"])
            }
            if not found:
                known = ", ".join(city_centres().order_by("slug").values_list("slug", flat=True))
                raise CommandError(f"No centre with the slug {options['centre']!r}. Known: {known}")
            if len(found) > 1:
                names = ", ".join(sorted(f"{page.title} ({page.url_path})" for page in found))
                raise CommandError(f"Several centres have the slug {options['centre']!r}: {names}.")
            centres = list(found)
        else:
            centres = list(city_centres())
        result = report(centres, year(options["year"]))
        if options["format"] == "xlsx":
            content = to_xlsx(result)
        elif options["format"] == "csv":
            content = to_csv(result)
        else:
            content = to_json(result) + "\n"
        if options["output"]:
            data = content if isinstance(content, bytes) else content.encode()
            try:
                with open(options["output"], "wb") as file:
                    file.write(data)
            except OSError as error:
                raise CommandError(f"Cannot write {options['output']}: {error.strerror}") from error
            self.stderr.write(f"Report written to {options['output']}.")
        elif isinstance(content, str):
            self.stdout.write(content, ending="")
        else:
            stream = getattr(self.stdout._out, "buffer", None)
            if stream is None or self.stdout.isatty():
                raise CommandError("XLSX is binary: give --output FILE or redirect the output.")
            stream.write(content)
            stream.flush()
