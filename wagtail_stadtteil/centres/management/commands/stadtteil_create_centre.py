import swapper
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from wagtail_stadtteil.centres.creation import create_centre
from wagtail_stadtteil.centres.models import CentrePage


class Command(BaseCommand):
    help = (
        "Create a district centre with its standard sections (offers, counselling) and "
        "its editors' group. Default parent: the root page of the default site."
    )

    def add_arguments(self, parser):
        parser.add_argument("title", help="Name of the centre, e.g. 'Stadthaus Laatzen'.")
        parser.add_argument(
            "--parent",
            type=int,
            metavar="PAGE_ID",
            help="ID of the page to create the centre below.",
        )
        parser.add_argument(
            "--kind", choices=CentrePage.Kind.values, default=CentrePage.Kind.DISTRICT_CENTRE
        )
        parser.add_argument("--slug", help="Web address part; made from the title by default.")
        parser.add_argument("--draft", action="store_true", help="Create it unpublished.")
        parser.add_argument(
            "--site",
            metavar="HOSTNAME[:PORT]",
            help="Also make the centre a Wagtail Site of its own at this host name "
            "(e.g. mittelpunkt.stadt.example), with its own site settings.",
        )

    def handle(self, *args, **options):
        Page = swapper.load_model("wagtailcore", "Page")
        parent = None
        if options["parent"] is not None:
            try:
                parent = Page.objects.get(pk=options["parent"])
            except Page.DoesNotExist:
                raise CommandError(f"There is no page with ID {options['parent']}.") from None
        hostname, port = options["site"], 80
        if hostname and "/" not in hostname:  # "http://…" is refused with its own message
            host, colon, port_text = hostname.rpartition(":")
            if colon:
                if not port_text.isdigit():
                    raise CommandError(
                        gettext("“%(port)s” is not a port number.") % {"port": port_text}
                    )
                hostname, port = host, int(port_text)
        try:
            created = create_centre(
                options["title"],
                parent=parent,
                kind=options["kind"],
                slug=options["slug"],
                publish=not options["draft"],
                hostname=hostname,
                port=port,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        centre = created.centre
        self.stdout.write(
            self.style.SUCCESS(
                f"Created centre “{centre.title}” (page ID {centre.pk}) at {centre.url_path}"
            )
        )
        for section in created.sections:
            self.stdout.write(f"  section “{section.title}” (page ID {section.pk})")
        self.stdout.write(
            f"  editors' group “{created.group.name}” (pages, rooms, calendar and room "
            f"requests of this centre; collection “{created.collection.name}”)"
        )
        if created.site is not None:
            self.stdout.write(
                f"  site “{created.site.site_name}” at {created.site.hostname}:{created.site.port}"
            )
        url = centre.get_full_url()
        if url:
            self.stdout.write(f"  {url}")
