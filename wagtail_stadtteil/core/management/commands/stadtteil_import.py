from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext, ngettext

from wagtail_stadtteil.core.importing import (
    RESOURCES,
    UnreadableFile,
    format_of,
    line_of,
    read_dataset,
    resource_class,
    run_import,
)

#: Files with at least this many rows show a progress bar (on a terminal).
PROGRESS_FROM = 200


def load_resource_class(name):
    """The resource class for the short name MODEL, or a CommandError that
    lists the names."""
    if name not in RESOURCES:
        raise CommandError(
            gettext("Unknown model “%(name)s”. Choose one of: %(names)s.")
            % {"name": name, "names": ", ".join(RESOURCES)}
        )
    try:
        return resource_class(name)
    except ImportError:
        raise CommandError(
            gettext("“%(name)s” cannot be imported or exported yet.") % {"name": name}
        ) from None


def centre_by_slug(slug):
    """The centre (in the site's default language) with this slug."""
    from wagtail.models import Locale

    from wagtail_stadtteil.centres.models import CentrePage

    centre = CentrePage.objects.filter(slug=slug, locale=Locale.get_default()).first()
    if centre is None:
        raise CommandError(gettext("There is no centre with the slug “%(slug)s”.") % {"slug": slug})
    return centre


class ProgressBar:
    """``[#####     ] 1234/10000`` on one terminal line, rewritten in place."""

    WIDTH = 30

    def __init__(self, stream, total):
        self.stream = stream
        self.total = total
        self.shown = None

    def __call__(self, row_number):
        filled = self.WIDTH * row_number // self.total if self.total else self.WIDTH
        step = (filled, row_number * 100 // self.total if self.total else 100)
        if step == self.shown and row_number != self.total:
            return
        self.shown = step
        bar = "#" * filled + " " * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {row_number}/{self.total}", style_func=str, ending="")
        self.stream.flush()

    def finish(self):
        if self.shown is not None:
            self.stream.write("", style_func=str, ending="\n")


class Command(BaseCommand):
    help = (
        "Import a spreadsheet (CSV, XLSX, ODS) with the columns 'stadtteil_export' writes: "
        "all or nothing. Every row is checked first; any problem is listed by line and "
        "column, nothing is saved and the command exits with status 1. Rows with a known "
        "identifier update their record. For 'offer', a centre's calendar file (.ics) can be "
        "imported too (with --centre). MODEL is one of: "
        + ", ".join(name for name in RESOURCES if name != "booking")
        + "."
    )

    def add_arguments(self, parser):
        parser.add_argument("model", metavar="MODEL", help="What to import, e.g. 'partner'.")
        parser.add_argument(
            "file", metavar="FILE", help="A .csv, .xlsx, .ods or .json file (offer: also .ics)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only check the file and report what would change; save nothing.",
        )
        parser.add_argument(
            "--centre",
            metavar="SLUG",
            help="Import into this centre only (its slug); rows of other centres are refused.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="offer, consultation-hour: publish the pages (default: save them as drafts).",
        )

    def handle(self, *args, **options):
        name = options["model"]
        if name == "booking":
            raise CommandError(gettext("Booking requests can be exported, not imported."))
        self.path = options["file"]
        self.is_calendar = self.path.lower().endswith(".ics")
        if self.is_calendar and name != "offer":
            raise CommandError(gettext("Calendar files (.ics) can only be imported as offers."))
        if self.is_calendar and not options["centre"]:
            raise CommandError(gettext("Say with --centre which centre's calendar this is."))
        self.resource_class = load_resource_class(name)
        self.centre = centre_by_slug(options["centre"]) if options["centre"] else None
        self.publish = options["publish"]
        if not self.is_calendar and format_of(self.path) is None:
            raise CommandError(
                gettext("“%(file)s” is not a CSV, XLSX, ODS or JSON file.") % {"file": self.path}
            )

        try:
            with open(self.path, "rb") as file:
                self.content = file.read()
        except OSError as error:
            raise CommandError(
                gettext("Could not read %(file)s: %(reason)s")
                % {"file": self.path, "reason": error.strerror or error}
            ) from None

        dataset = self.dataset(warn=True)
        report = self.run(dataset, dry_run=True)
        if report.ok and not options["dry_run"]:
            report = self.run(self.dataset(), dry_run=False)
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(self.describe(problem, dataset))
            self.stdout.write(report.summary())
            count = len(report.problems)
            raise CommandError(
                ngettext(
                    "Nothing was imported: %(count)s problem.",
                    "Nothing was imported: %(count)s problems.",
                    count,
                )
                % {"count": count},
                returncode=1,
            )
        if options["dry_run"]:
            self.stdout.write(gettext("Dry run: nothing was saved."))
        self.stdout.write(report.summary())

    def dataset(self, warn=False):
        """The file's rows (read afresh for each run: an import renames the
        headers and may change the dataset)."""
        try:
            if self.is_calendar:
                from wagtail_stadtteil.centres.ical_import import ical_dataset

                dataset = ical_dataset(self.content, self.centre)
            else:
                dataset = read_dataset(self.content, format_of(self.path))
        except UnreadableFile as error:
            raise CommandError(f"{self.path}: {error}") from None
        if warn:
            for uid, reason in getattr(dataset, "skipped", ()):
                self.stderr.write(
                    self.style.WARNING(
                        gettext("Not imported (UID %(uid)s): %(reason)s")
                        % {"uid": uid, "reason": reason}
                    )
                )
        return dataset

    def run(self, dataset, dry_run):
        progress = None
        if len(dataset) >= PROGRESS_FROM and self.stderr.isatty():
            progress = ProgressBar(self.stderr, len(dataset))
        resource = self.resource_class(centre=self.centre, publish=self.publish, progress=progress)
        try:
            return run_import(resource, dataset, dry_run=dry_run)
        finally:
            if progress:
                progress.finish()

    def describe(self, problem, dataset):
        """A problem as text; in a calendar file, with the event it is about."""
        if not (self.is_calendar and problem.line and problem.line > 1):
            return str(problem)
        try:
            row = dict(zip(dataset.headers, dataset[problem.line - line_of(1)], strict=False))
        except IndexError:
            return str(problem)
        return gettext("%(problem)s (event “%(title)s”, UID %(uid)s)") % {
            "problem": problem,
            "title": row.get("title", ""),
            "uid": row.get("uid", ""),
        }
