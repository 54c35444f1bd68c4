"""Model fields shared by several apps."""

from django import forms
from django.db import models

from .languages import language_choices


class LanguageCodesField(models.JSONField):
    """A list of language codes ("de", "tr", "gsg", …), edited as checkboxes.

    Stored as a JSON list so that it needs no join table and survives
    wagtail-localize synchronisation unchanged; filtered with
    ``filter_by_language`` which works on SQLite and PostgreSQL alike.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            label=self.verbose_name,
            help_text=self.help_text,
            required=not self.blank,
            choices=language_choices,
            widget=forms.CheckboxSelectMultiple,
        )


def filter_by_language(queryset, field_name, code):
    """Rows whose ``field_name`` list contains ``code`` (exact code, not a prefix)."""
    return queryset.filter(**{f"{field_name}__icontains": f'"{code}"'})
