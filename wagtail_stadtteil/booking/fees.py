"""What a booking costs (seed 000, Stadthaus Laatzen): local non-profit groups
and public bodies use rooms free of charge, commercial or profit-making use
pays a flat rate, volunteers of more than a year may use single rooms for
private parties.

A room's fee table (``RoomFee`` rows) names the rule per requester kind; a
kind without a row follows ``WAGTAIL_STADTTEIL["BOOKING"]["FEES"]``. Hours are
charged per *started* hour; a daily flat rate caps what one day costs.
"""

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_stadtteil.core.app_settings import DEFAULTS, stadtteil_settings

from .models import RequesterKind, RoomFee

CENT = Decimal("0.01")


@dataclass(frozen=True)
class FeeRule:
    allowed: bool
    hourly: Decimal | None
    daily: Decimal | None
    note: str = ""

    @property
    def is_free(self):
        return not self.hourly and not self.daily


@dataclass(frozen=True)
class Quote:
    """The expected fee of a request: ``total`` in euros (None when the kind
    may not book), and a sentence that says how it was reached."""

    allowed: bool
    total: Decimal | None
    explanation: str

    @property
    def is_free(self):
        return self.allowed and not self.total


def _decimal(value):
    return None if value in (None, "") else Decimal(str(value))


def default_rule(kind):
    configured = stadtteil_settings.BOOKING.get("FEES") or {}
    fallback = DEFAULTS["BOOKING"]["FEES"].get(kind, {"allowed": False})
    values = {**fallback, **(configured.get(kind) or {})}
    return FeeRule(
        allowed=bool(values.get("allowed", True)),
        hourly=_decimal(values.get("hourly")),
        daily=_decimal(values.get("daily")),
    )


def fee_rule(room, kind, rows=None):
    """The rule for ``kind`` in ``room``: its fee table's row, else the default.
    ``rows`` may pass the room's fee rows already loaded."""
    if rows is None:
        rows = RoomFee.objects.filter(room=room) if room.pk else []
    for row in rows:
        if row.requester_kind == kind:
            return FeeRule(row.allowed, row.hourly_rate, row.daily_rate, row.note)
    return default_rule(kind)


def day_fee(rule, duration):
    """What one date of ``duration`` costs under ``rule``."""
    hours = math.ceil(duration / dt.timedelta(hours=1))
    by_hour = rule.hourly * hours if rule.hourly is not None else None
    if by_hour is not None and rule.daily is not None:
        return min(by_hour, rule.daily)
    if by_hour is not None:
        return by_hour
    return rule.daily or Decimal(0)


def euros(amount):
    return _("%(amount)s €") % {
        "amount": number_format(amount.quantize(CENT), 2, force_grouping=True)
    }


def quote(room, kind, durations, rows=None):
    """The expected fee for ``kind`` booking ``room`` for dates of the given
    ``durations`` (timedeltas, one per date)."""
    rule = fee_rule(room, kind, rows)
    label = RequesterKind(kind).label if kind in RequesterKind.values else kind
    if not rule.allowed:
        return Quote(
            False,
            None,
            _("This room cannot be requested for: %(kind)s.") % {"kind": label},
        )
    durations = list(durations)
    count = len(durations)
    if rule.is_free:
        text = _("Free of charge for: %(kind)s.") % {"kind": label}
        return Quote(True, Decimal(0), _join(text, rule.note))
    total = sum((day_fee(rule, duration) for duration in durations), Decimal(0)).quantize(CENT)
    parts = []
    if rule.hourly is not None:
        parts.append(_("%(rate)s per started hour") % {"rate": euros(rule.hourly)})
    if rule.daily is not None:
        parts.append(
            (_("at most %(rate)s per day") if rule.hourly is not None else _("%(rate)s per day"))
            % {"rate": euros(rule.daily)}
        )
    text = ngettext(
        "%(total)s for %(count)d date (%(rule)s).",
        "%(total)s for %(count)d dates (%(rule)s).",
        count,
    ) % {"total": euros(total), "count": count, "rule": ", ".join(parts)}
    return Quote(True, total, _join(text, rule.note))


def _join(text, note):
    return f"{text} {note}".strip() if note else text
