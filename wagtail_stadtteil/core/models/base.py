"""What every shared snippet has: a name, a slug that identifies it in URLs,
filters and spreadsheets, and a locale (TranslatableMixin from the first migration)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index


class NamedSnippet(TranslatableMixin, index.Indexed, models.Model):
    """Abstract base: name + slug, unique per locale.

    The slug is shared by all translations of a snippet (it identifies the
    thing, not its wording), so GET filters and re-imports work in any language.
    Uniqueness is checked in ``clean()`` so the admin shows a field error
    instead of failing on the database constraint.
    """

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        blank=True,
        allow_unicode=False,
        help_text=_("Short identifier used in web addresses and spreadsheets. "
                    "Filled in from the name when left empty."),
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("slug"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:255]
        if not self.slug:
            return
        siblings = type(self)._default_manager.filter(slug=self.slug)
        if self.locale_id:
            siblings = siblings.filter(locale_id=self.locale_id)
        if self.pk:
            siblings = siblings.exclude(pk=self.pk)
        if siblings.exists():
            raise ValidationError(
                {"slug": _("Another entry in this language already uses this slug.")}
            )

    def save(self, *args, **kwargs):
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:255]
        super().save(*args, **kwargs)


def slug_unique_per_locale(model_name):
    return models.UniqueConstraint(
        fields=["slug", "locale"], name=f"stadtteil_{model_name}_unique_slug_per_locale"
    )
