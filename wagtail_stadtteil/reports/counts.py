"""What the reports read of visitor counts and survey results.

Plain functions, one or two queries each, for the report code (figures,
views, commands) to call. ``centres`` is anything that names centre pages: a
queryset, or an iterable of pages or ids. Rows recorded against a translation
of a centre count for it too (a translated centre is another page with the
same ``translation_key``). Periods are inclusive: ``first`` and ``last`` are
dates, both counted.

Callers scope first: pass only the centres the user may see
(``centres.permissions.managed_centres`` or the policy's queryset); these
functions do not check permissions.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from wagtail_stadtteil.centres.models import CentrePage

from .models import SurveyResult, VisitorCount


def centre_group(centres):
    """A subquery of the ids of ``centres`` and all their translations."""
    if isinstance(centres, QuerySet):
        chosen = centres.values("translation_key")
    else:
        ids = [getattr(centre, "pk", centre) for centre in centres]
        chosen = CentrePage.objects.filter(pk__in=ids).values("translation_key")
    return CentrePage.objects.filter(translation_key__in=chosen).values("pk")


@dataclass
class VisitorTotals:
    """Visitors counted in a period.

    ``total``: every counted visitor (offer dates and whole-house days);
    ``by_month``: {first day of the month: visitors}, months without counts
    left out, in order; ``by_offer``: {offer id: visitors} of the counts
    recorded for an offer (whole-house days are in ``total`` only);
    ``offer_titles``: {offer id: title}; ``whole_house``: visitors of the
    counts recorded without an offer."""

    total: int = 0
    whole_house: int = 0
    by_month: dict = field(default_factory=dict)
    by_offer: dict = field(default_factory=dict)
    offer_titles: dict = field(default_factory=dict)


def visitor_counts(centres, first, last):
    """The visitor counts of ``centres`` dated ``first`` to ``last``."""
    return VisitorCount.objects.filter(
        centre_id__in=centre_group(centres), date__gte=first, date__lte=last
    )


def visitor_totals(centres, first, last):
    """The :class:`VisitorTotals` of ``centres`` from ``first`` to ``last``
    (two queries: by month and by offer).

    Whole-house counts and offer counts are added up as recorded: a centre
    that records both for one day says so in its note; nothing is
    de-duplicated here.
    """
    rows = visitor_counts(centres, first, last)
    totals = VisitorTotals()
    monthly = (
        rows.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(visitors=Sum("count"))
        .order_by("month")
    )
    for row in monthly:
        month = row["month"]
        if isinstance(month, dt.datetime):  # some backends truncate to a datetime
            month = month.date()
        totals.by_month[month] = row["visitors"]
        totals.total += row["visitors"]
    per_offer = (
        rows.values("offer_id", "offer__title")
        .annotate(visitors=Sum("count"))
        .order_by("offer__title", "offer_id")
    )
    for row in per_offer:
        if row["offer_id"] is None:
            totals.whole_house = row["visitors"]
            continue
        totals.by_offer[row["offer_id"]] = row["visitors"]
        totals.offer_titles[row["offer_id"]] = row["offer__title"]
    return totals


def survey_results(centres, first, last):
    """The survey results of ``centres`` whose period overlaps ``first`` to
    ``last``, earliest first, with their centre and document (one query)."""
    return (
        SurveyResult.objects.filter(
            Q(period_start__lte=last) & Q(period_end__gte=first),
            centre_id__in=centre_group(centres),
        )
        .select_related("centre", "document")
        .order_by("period_start", "period_end", "title", "pk")
    )
