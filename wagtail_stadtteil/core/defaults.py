"""Default themes and target groups (seed 002's themes, the seeds' target
groups), created by ``stadtteil_setup`` in the site's default language."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .models import TargetGroup, Theme

DEFAULT_THEMES = {
    "family": _("Family work"),
    "education": _("Education and civic learning"),
    "welcome-culture": _("Welcome culture"),
    "counselling": _("Counselling"),
    "inclusion": _("Inclusion"),
    "sustainability": _("Sustainability"),
    "self-help": _("Self-help"),
    "health": _("Health"),
    "sport": _("Sport"),
    "art-culture": _("Art and culture"),
    "encounter": _("Meeting people"),
    "volunteering": _("Volunteering"),
    "participation": _("Participation"),
}

DEFAULT_TARGET_GROUPS = {
    "all-residents": _("All residents"),
    "children": _("Children"),
    "young-people": _("Young people"),
    "families": _("Families"),
    "single-parents": _("Single parents"),
    "seniors": _("Senior citizens"),
    "migrants": _("People with a migration history"),
    "refugees": _("Refugees"),
    "women": _("Women"),
    "people-with-disabilities": _("People with disabilities"),
    "volunteers": _("Volunteers"),
    "clubs-initiatives": _("Clubs and initiatives"),
}


@dataclass
class SetupResult:
    created: int = 0
    existing: int = 0


def ensure_defaults(locale=None):
    """Create the default themes and target groups that are missing; idempotent.

    An entry counts as present when its slug exists in ``locale`` (default:
    the site's default locale), even if an editor renamed it.
    """
    locale = locale or Locale.get_default()
    result = SetupResult()
    with transaction.atomic(), translation.override(locale.language_code):
        for model, defaults in [(Theme, DEFAULT_THEMES), (TargetGroup, DEFAULT_TARGET_GROUPS)]:
            present = set(
                model.objects.filter(locale=locale, slug__in=defaults).values_list(
                    "slug", flat=True
                )
            )
            for slug, name in defaults.items():
                if slug in present:
                    result.existing += 1
                    continue
                model.objects.create(locale=locale, slug=slug, name=str(name))
                result.created += 1
    return result
