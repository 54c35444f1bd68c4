import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from wagtail_stadtteil.core.importing import RESOURCES, export_file

from .stadtteil_import import centre_by_slug, load_resource_class


class Command(BaseCommand):
    help = (
        "Export a model as a spreadsheet (CSV, XLSX) or JSON, with the same columns the "
        "import reads: e.g. 'stadtteil_export room --centre stadthaus-laatzen --format xlsx "
        "--output rooms.xlsx'. MODEL is one of: " + ", ".join(RESOURCES) + "."
    )

    def add_arguments(self, parser):
        parser.add_argument("model", metavar="MODEL", help="What to export, e.g. 'partner'.")
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        parser.add_argument(
            "--centre", metavar="SLUG", help="Only the records of this centre (its slug)."
        )
        parser.add_argument(
            "--output",
            metavar="FILE",
            help="Write to this file instead of standard output.",
        )
        parser.add_argument(
            "--headers",
            choices=["labels", "keys"],
            default="labels",
            help="Column headers: labels in the site's language (default) or the column "
            "keys. JSON always uses the keys.",
        )
        parser.add_argument(
            "--personal-data",
            action="store_true",
            help="booking only: include requesters' names and contact details.",
        )

    def handle(self, *args, **options):
        name = options["model"]
        resource_class = load_resource_class(name)
        format_name = options["format"]
        output = options["output"]
        if format_name == "xlsx" and not output and self.stdout.isatty():
            raise CommandError(
                gettext(
                    "An XLSX file cannot be shown in a terminal: add --output FILE, "
                    "or redirect the output to a file."
                )
            )
        kwargs = {}
        if options["centre"]:
            kwargs["centre"] = centre_by_slug(options["centre"])
        if name == "booking":
            kwargs["personal_data"] = options["personal_data"]
        elif options["personal_data"]:
            raise CommandError(gettext("--personal-data goes with booking only."))

        data = export_file(resource_class(**kwargs), format_name, headers=options["headers"])

        if output:
            try:
                with open(output, "wb") as file:
                    file.write(data)
            except OSError as error:
                raise CommandError(
                    gettext("Could not write %(file)s: %(reason)s")
                    % {"file": output, "reason": error.strerror or error}
                ) from None
        elif format_name == "xlsx":
            self.write_bytes(data)
        else:
            # Text on standard output: no byte-order mark (files keep it for Excel).
            self.stdout.write(data.decode("utf-8-sig"), ending="")

    def write_bytes(self, data):
        """Bytes to standard output: its binary buffer (or a binary stream
        given to call_command)."""
        stream = getattr(self.stdout, "_out", sys.stdout)
        stream = getattr(stream, "buffer", stream)
        stream.write(data)
        stream.flush()
