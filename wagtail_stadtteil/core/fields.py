"""Model fields shared by several apps."""

from django import forms
from django.db import models

from .languages import language_choices


class ChoiceListField(models.JSONField):
    """A list of codes from a fixed set of choices, edited as checkboxes.

    Stored as a JSON list: no join table, synchronised unchanged by
    wagtail-localize, and filtered with ``filter_by_code`` on SQLite and
    PostgreSQL alike. ``choices`` may be a callable (read at form time).
    """

    def __init__(self, *args, list_choices=None, **kwargs):
        self.list_choices = list_choices
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            label=self.verbose_name,
            help_text=self.help_text,
            required=not self.blank,
            choices=self.list_choices or [],
            widget=forms.CheckboxSelectMultiple,
        )


class LanguageCodesField(ChoiceListField):
    """A list of language codes ("de", "tr", "gsg", …), edited as checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("list_choices", language_choices)
        super().__init__(*args, **kwargs)


def filter_by_code(queryset, field_name, code):
    """Rows whose ``field_name`` list contains ``code`` (exact code, not a prefix)."""
    return queryset.filter(**{f"{field_name}__icontains": f'"{code}"'})


filter_by_language = filter_by_code
