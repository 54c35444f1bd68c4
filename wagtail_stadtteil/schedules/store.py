"""Writing the occurrence store: the horizon, replacing an owner's rows, and the
registry of owners that ``stadtteil_refresh_occurrences`` walks.

An *owner* is whatever a calendar entry belongs to (an offer page, a room's
regular use, a centre's opening hours, a booking). Its model implements:

* ``refresh_occurrences(self, first=None)``: rewrite its rows from ``first``
  (default: today) to the horizon, inside a transaction;
* ``occurrence_owners(cls)`` (classmethod): the queryset of owners to refresh.
"""

import datetime as dt
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail_stadtteil.core.app_settings import stadtteil_settings

from .dates import local_today
from .models import Occurrence

_owner_models = []


def register_occurrence_owner(model):
    """Make ``stadtteil_refresh_occurrences`` refresh ``model``'s owners."""
    if model not in _owner_models:
        _owner_models.append(model)
    return model


def occurrence_owner_models():
    return list(_owner_models)


def horizon_end(today=None):
    """The last date the store holds (today + OCCURRENCE_HORIZON_MONTHS)."""
    today = today or local_today()
    return today + relativedelta(months=stadtteil_settings.OCCURRENCE_HORIZON_MONTHS)


@dataclass
class Window:
    first: dt.date
    last: dt.date = field(default=None)

    def __post_init__(self):
        if self.last is None:
            self.last = horizon_end()


def window(first=None):
    return Window(first or local_today())


def source_type(model_or_instance):
    return ContentType.objects.get_for_model(model_or_instance, for_concrete_model=True)


@transaction.atomic
def replace_occurrences(owner_rows, new_rows, first):
    """Delete ``owner_rows`` (a queryset of the owner's occurrences) dated from
    ``first`` on, and store ``new_rows`` (unsaved Occurrence instances)."""
    owner_rows.filter(original_date__gte=first).delete()
    Occurrence.objects.bulk_create(new_rows, batch_size=1000)
    return len(new_rows)
