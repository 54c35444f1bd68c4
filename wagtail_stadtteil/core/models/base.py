"""What every shared snippet has: a name, a slug that identifies it in URLs,
filters and spreadsheets, and a locale (TranslatableMixin from the first migration)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


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
        help_text=_(
            "Short identifier used in web addresses and spreadsheets. "
            "Filled in from the name when left empty."
        ),
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("slug"),
        index.FilterField("locale"),
    ]
    #: For wagtail-localize: the name is translated; the slug is shared by all
    #: translations (filters and spreadsheets identify the thing by it).
    named_translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]
    translatable_fields = named_translatable_fields

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:255]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:255]
        if not self.slug:
            if self.name:
                # e.g. a name in Arabic script: an empty slug would clash with
                # the next such entry on the database constraint (a 500).
                raise ValidationError(
                    {"slug": _("Enter a slug: no web address can be made from this name.")}
                )
            return
        # A new entry has no locale yet when the admin runs without i18n; it
        # will be saved in the default locale (TranslatableMixin's pre_save).
        locale_id = self.locale_id or self.get_default_locale().pk
        siblings = type(self)._default_manager.filter(slug=self.slug, locale_id=locale_id)
        if self.pk:
            siblings = siblings.exclude(pk=self.pk)
        if siblings.exists():
            raise ValidationError(
                {"slug": _("Another entry in this language already uses this slug.")}
            )


def slug_unique_per_locale(model_name):
    return models.UniqueConstraint(
        fields=["slug", "locale"], name=f"stadtteil_{model_name}_unique_slug_per_locale"
    )
