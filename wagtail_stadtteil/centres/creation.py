"""Creating a centre with its standard sub-pages, its editors' group and,
if wanted, a Wagtail Site of its own; and the city-level group.

Used by ``stadtteil_create_centre``, ``stadtteil_setup``, the example site's
demo and tests. Who manages a centre follows from the page permissions given
here (:mod:`.permissions`): there is nothing else to keep in sync.
"""

import re
from dataclasses import dataclass

import swapper
from django.apps import apps
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Site,
)

from .models import CentrePage, CentreSectionPage

#: The sections every new centre gets: (title, introduction).
STANDARD_SECTIONS = [
    (_("Offers"), _("Groups, courses, open offers and events in our house.")),
    (_("Counselling"), _("Consultation hours and counselling offices in our house.")),
]

#: Page permissions the editors' group gets on its centre's subtree.
EDITOR_PAGE_ACTIONS = ["add", "change", "publish", "lock", "unlock"]

#: The group of city-level staff (``stadtteil_setup``).
CITY_GROUP_NAME = "Stadt – Stadtteilzentren"

#: The shared snippets the city group manages: (app label, model name).
SHARED_MODELS = [
    ("stadtteil_core", "partner"),
    ("stadtteil_core", "fundingprogramme"),
    ("stadtteil_core", "district"),
    ("stadtteil_core", "theme"),
    ("stadtteil_core", "targetgroup"),
]

#: What city staff see, not change, of every centre: (app label, model name).
CITY_VIEWS = [("stadtteil_rooms", "room"), ("stadtteil_rooms", "roomuse")]
#: With the reports app: city staff read every centre's visitor counts and surveys.
REPORT_VIEWS = [("stadtteil_reports", "visitorcount"), ("stadtteil_reports", "surveyresult")]


@dataclass
class CreatedCentre:
    centre: CentrePage
    sections: list
    group: Group
    collection: Collection
    site: Site | None = None


def default_parent():
    """The root page of the default Wagtail Site."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise ValidationError(gettext("There is no default site. Create a Wagtail Site first."))
    return site.root_page.specific


@transaction.atomic
def create_centre(
    title,
    parent=None,
    kind=CentrePage.Kind.DISTRICT_CENTRE,
    slug=None,
    publish=True,
    hostname=None,
    port=80,
    **fields,
):
    """Create and publish a centre below ``parent`` with its standard sections,
    an editors' group with page permissions on it and an image collection;
    with ``hostname``, also a Wagtail Site (``hostname``:``port``) whose root
    is the centre, with its own site settings."""
    title = title.strip()
    if not title:
        raise ValidationError(gettext("A centre needs a title."))
    parent = (parent or default_parent()).specific
    if not CentrePage.can_create_at(parent):
        raise ValidationError(
            gettext("A centre cannot be created below “%(parent)s”.") % {"parent": parent.title}
        )
    slug = slug or slugify(title)
    if not slug:
        raise ValidationError(
            gettext("Could not make a web address from “%(title)s”.") % {"title": title}
        )
    if parent.get_children().filter(slug=slug).exists():
        raise ValidationError(
            gettext("“%(parent)s” already has a page with the address “%(slug)s”.")
            % {"parent": parent.title, "slug": slug}
        )

    if hostname is not None:
        hostname = site_address(hostname, port)

    centre = CentrePage(title=title, slug=slug, kind=kind, live=publish, **fields)
    parent.add_child(instance=centre)
    _save(centre, publish)

    sections = []
    with translation.override(centre.locale.language_code):
        for section_title, intro in STANDARD_SECTIONS:
            section = CentreSectionPage(
                title=str(section_title),
                slug=slugify(str(section_title)),
                intro=str(intro),
                live=publish,
            )
            centre.add_child(instance=section)
            _save(section, publish)
            sections.append(section)

    group, collection = create_editors_group(centre)
    site = None
    if hostname is not None:
        site = Site.objects.create(hostname=hostname, port=port, root_page=centre, site_name=title)
    return CreatedCentre(
        centre=centre, sections=sections, group=group, collection=collection, site=site
    )


#: A host name browsers can send: dot-separated labels of letters, digits and
#: hyphens (not at either end of a label), e.g. ``mittelpunkt.stadt.example``.
HOSTNAME = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$")


def site_address(hostname, port):
    """``hostname`` as Wagtail matches it (lower case), if it and ``port``
    make a free, valid address for a new Site; else ValidationError."""
    hostname = hostname.strip().lower()
    if "://" in hostname or "/" in hostname:
        raise ValidationError(
            gettext("Give the host name only, without “http://” or a path: e.g. %(example)s.")
            % {"example": "mittelpunkt.stadt.example"}
        )
    if len(hostname) > 255 or not HOSTNAME.match(hostname):
        raise ValidationError(
            gettext("“%(hostname)s” is not a valid host name.") % {"hostname": hostname}
        )
    if not 0 < port < 65536:
        raise ValidationError(gettext("“%(port)s” is not a port number.") % {"port": port})
    if Site.objects.filter(hostname=hostname, port=port).exists():
        raise ValidationError(
            gettext("There already is a site at %(hostname)s:%(port)s.")
            % {"hostname": hostname, "port": port}
        )
    return hostname


def _save(page, publish):
    revision = page.save_revision()
    if publish:
        revision.publish()


def _editors_label(centre):
    """The centre's title, plus its page ID if another centre of the same title
    already has the group: sharing it would let each edit the other's pages."""
    taken = GroupPagePermission.objects.filter(group__name=f"{centre.title} – Redaktion")
    if taken.exclude(page=centre).exists():
        return f"{centre.title} (ID {centre.pk})"
    return centre.title


def editors_group_name(centre):
    return f"{_editors_label(centre)} – Redaktion"


def create_editors_group(centre):
    """The group "<centre> – Redaktion": may edit and publish the centre's
    pages and use its own image and document collection."""
    group, _created = Group.objects.get_or_create(name=editors_group_name(centre))
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    # The base page model can be swapped (WAGTAIL_PAGE_MODEL); its permissions follow its name.
    Page = swapper.load_model("wagtailcore", "Page")
    page_type = ContentType.objects.get_for_model(Page)
    for action in EDITOR_PAGE_ACTIONS:
        permission = Permission.objects.get(
            content_type=page_type, codename=get_permission_codename(action, Page._meta)
        )
        GroupPagePermission.objects.get_or_create(group=group, page=centre, permission=permission)

    root = Collection.get_first_root_node()
    label = _editors_label(centre)
    collection = root.get_children().filter(name=label).first()
    if collection is None:
        collection = root.add_child(name=label)
    for app_label, model in [("wagtailimages", "image"), ("wagtaildocs", "document")]:
        for action in ["add", "change", "choose"]:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    return group, collection


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_city_group():
    """The group "Stadt – Stadtteilzentren" of city-level staff: manages the
    shared snippets (partners, funding programmes, districts, themes, target
    groups) and sees every centre's rooms, regular room use and calendar
    without changing them. No page permissions, no room requests and no site
    settings: the staff notification address there receives requesters'
    personal data, so it stays with superusers. Idempotent; returns
    (group, created)."""
    group, created = Group.objects.get_or_create(name=CITY_GROUP_NAME)
    permissions = [_permission("wagtailadmin", "access_admin")]
    for app_label, model in SHARED_MODELS:
        for action in ["add", "change", "delete", "view"]:
            permissions.append(_permission(app_label, f"{action}_{model}"))
    views = CITY_VIEWS + (REPORT_VIEWS if apps.is_installed("wagtail_stadtteil.reports") else [])
    for app_label, model in views:
        permissions.append(_permission(app_label, f"view_{model}"))
    missing = set(permissions) - set(group.permissions.all())
    if missing:
        group.permissions.add(*missing)
    return group, created
