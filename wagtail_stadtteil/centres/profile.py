"""Does a centre meet the profile of a funded district centre (seed 002,
Bielefeld)? Opened on at least 5 days and 40 hours a week, offers at the
weekend, at least 10 hours a week of citizens' consultation hours
(Bürgersprechstunde). Thresholds: ``WAGTAIL_STADTTEIL["PROFILE"]``.

Opening days and hours come from the regular weekly opening hours; weekend
offers and consultation hours from the occurrence store (what actually takes
place, without cancelled dates).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wagtail_stadtteil.core.app_settings import stadtteil_settings
from wagtail_stadtteil.schedules.dates import aware, local_today, local_zone
from wagtail_stadtteil.schedules.models import Occurrence

#: Weeks of stored dates that weekend offers and consultation hours are read from.
PROFILE_WEEKS = 4


@dataclass
class Criterion:
    """One requirement of the profile and how the centre does."""

    key: str
    label: str
    required: object  # a number (at least) or True
    actual: object  # a number or a bool
    met: bool
    unit: str = ""


def check_profile(centre, today=None):
    """The profile criteria for ``centre`` (a CentrePage), in a fixed order:
    open days, open hours, weekend offers (when required), citizens'
    consultation hours."""
    profile = stadtteil_settings.PROFILE
    today = today or local_today()
    days, hours = centre.weekly_totals()
    criteria = [
        Criterion(
            "open_days",
            _("Days open per week"),
            profile["MIN_OPEN_DAYS"],
            days,
            days >= profile["MIN_OPEN_DAYS"],
            _("days"),
        ),
        Criterion(
            "open_hours",
            _("Hours open per week"),
            profile["MIN_OPEN_HOURS"],
            round(hours, 2),
            hours >= profile["MIN_OPEN_HOURS"],
            _("hours"),
        ),
    ]
    if profile["WEEKEND_OFFERS"]:
        found = has_weekend_offers(centre, today)
        criteria.append(
            Criterion(
                "weekend_offers", _("Offers at the weekend (next 4 weeks)"), True, found, found
            )
        )
    consultation = citizens_consultation_hours_per_week(centre, today)
    criteria.append(
        Criterion(
            "citizens_consultation_hours",
            _("Citizens' consultation hours per week (average of the next 4 weeks)"),
            profile["MIN_CITIZENS_CONSULTATION_HOURS"],
            round(consultation, 2),
            consultation >= profile["MIN_CITIZENS_CONSULTATION_HOURS"],
            _("hours"),
        )
    )
    return criteria


def profile_is_met(criteria):
    return all(criterion.met for criterion in criteria)


def _taking_place(centre, kind):
    """Occurrences of ``kind`` of the centre (any of its translations) that
    take place, i.e. are not cancelled."""
    return Occurrence.objects.filter(
        centre__translation_key=centre.translation_key, kind=kind
    ).exclude(status=Occurrence.Status.CANCELLED)


def has_weekend_offers(centre, today=None):
    """Whether an offer of the centre takes place on a Saturday or Sunday in
    the next four weeks (from today)."""
    today = today or local_today()
    first = aware(today, dt.time.min)
    last = aware(today + dt.timedelta(weeks=PROFILE_WEEKS), dt.time.min)
    zone = local_zone()
    starts = _taking_place(centre, Occurrence.Kind.OFFER).filter(start__gte=first, start__lt=last)
    return any(
        start.astimezone(zone).weekday() >= 5 for start in starts.values_list("start", flat=True)
    )


def next_full_weeks(today=None):
    """(first, last) local dates of the four full weeks (Monday to Sunday)
    starting with next Monday."""
    today = today or local_today()
    monday = today + dt.timedelta(days=7 - today.weekday())
    return monday, monday + dt.timedelta(weeks=PROFILE_WEEKS, days=-1)


def citizens_consultation_hours_per_week(centre, today=None):
    """Average hours per week of the centre's citizens' consultation hours
    (ConsultationHourPage of kind "citizens") over the next four full weeks."""
    from .models import ConsultationHourPage

    first, last = next_full_weeks(today)
    citizens = ConsultationHourPage.objects.filter(
        consultation_kind=ConsultationHourPage.Kind.CITIZENS
    ).values("pk")
    rows = _taking_place(centre, Occurrence.Kind.CONSULTATION).filter(
        page_id__in=citizens,
        start__gte=aware(first, dt.time.min),
        start__lt=aware(last + dt.timedelta(days=1), dt.time.min),
    )
    total = sum((end - start for start, end in rows.values_list("start", "end")), dt.timedelta())
    return total.total_seconds() / 3600 / PROFILE_WEEKS
