"""Writing the occurrence store: the horizon, replacing an owner's rows, and the
registry of owners that ``stadtteil_refresh_occurrences`` walks.

An *owner* is whatever a calendar entry belongs to (an offer page, a room's
regular use, a centre's opening hours, a booking). Its model implements:

* ``refresh_occurrences(self, first=None)``: rewrite its rows from ``first``
  (default: today) to the horizon, inside a transaction, through
  :func:`replace_occurrences` (returns its :class:`StoreChanges`);
* ``occurrence_owners(cls, centre=None)`` (classmethod): the queryset of owners
  to refresh, all of them or those of one centre.
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


#: The fields a refresh may change on a row with the same source and date.
COMPARED_FIELDS = [
    "kind",
    "page_id",
    "centre_id",
    "room_id",
    "start",
    "end",
    "status",
    "title",
    "note",
    "public",
]


@dataclass
class StoreChanges:
    """What one refresh wrote: rows added, changed in place and removed."""

    added: int = 0
    changed: int = 0
    removed: int = 0

    def __add__(self, other):
        return StoreChanges(
            self.added + other.added, self.changed + other.changed, self.removed + other.removed
        )

    @property
    def total(self):
        return self.added + self.changed + self.removed


_KEY_FIELDS = ["source_type_id", "source_id", "original_date"]


@transaction.atomic(savepoint=False)  # its callers' transaction (or savepoint) is enough
def replace_occurrences(owner_rows, new_rows, first=None):
    """Make the owner's rows dated from ``first`` on (all rows when ``first`` is
    None) equal to ``new_rows`` (unsaved Occurrence instances).

    Only differences are written: a row whose source and original date stay
    keeps its id and is updated in place when something changed, so refreshing
    an unchanged owner writes nothing (the daily command is cheap, and ids that
    others refer to stay stable). Returns a :class:`StoreChanges`.
    """
    if first is not None:
        owner_rows = owner_rows.filter(original_date__gte=first)
    # Plain tuples, not model instances: the daily run compares every stored row.
    existing = {
        tuple(values[1:4]): (values[0], values[4:])
        for values in owner_rows.order_by().values_list("pk", *_KEY_FIELDS, *COMPARED_FIELDS)
    }
    to_create, to_update = [], []
    for row in new_rows:
        key = tuple(getattr(row, name) for name in _KEY_FIELDS)
        found = existing.pop(key, None)
        if found is None:
            to_create.append(row)
        elif found[1] != tuple(getattr(row, name) for name in COMPARED_FIELDS):
            row.pk = found[0]
            to_update.append(row)
    stale = [pk for pk, _values in existing.values()]
    for start in range(0, len(stale), 500):
        Occurrence.objects.filter(pk__in=stale[start : start + 500]).delete()
    if to_update:
        Occurrence.objects.bulk_update(to_update, COMPARED_FIELDS, batch_size=500)
    if to_create:
        Occurrence.objects.bulk_create(to_create, batch_size=1000)
    return StoreChanges(len(to_create), len(to_update), len(stale))
