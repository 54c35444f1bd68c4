"""Creating a centre with its standard sub-pages and its editors' group.

Used by ``stadtteil_create_centre``, the example site's demo and tests.
"""

from dataclasses import dataclass

import swapper
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


@dataclass
class CreatedCentre:
    centre: CentrePage
    sections: list
    group: Group
    collection: Collection


def default_parent():
    """The root page of the default Wagtail Site."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise ValidationError(gettext("There is no default site. Create a Wagtail Site first."))
    return site.root_page.specific


@transaction.atomic
def create_centre(
    title, parent=None, kind=CentrePage.Kind.DISTRICT_CENTRE, slug=None, publish=True, **fields
):
    """Create and publish a centre below ``parent`` with its standard sections,
    an editors' group with page permissions on it and an image collection."""
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
    return CreatedCentre(centre=centre, sections=sections, group=group, collection=collection)


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
