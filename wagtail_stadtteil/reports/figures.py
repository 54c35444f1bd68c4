"""The figures of a report for one centre or the whole city and a period
(seeds 001 and 002): what a city and its funders ask for, read from what the
other apps already hold.

- **Profile** (seed 002): hours and days open, offers at the weekend and
  citizens' consultation hours per week, averaged over the period, against
  ``WAGTAIL_STADTTEIL["PROFILE"]``.
- **Offers**: dates that took place (cancelled ones left out), at the weekend,
  and by theme and target group.
- **Rooms**: per room and month, the hours the room was in use against the
  hours it could be used (the centre's opening hours that month, or 08:00–22:00
  on every day for a centre without opening hours); booked hours by the kind
  of requester.
- **Room requests**: received in the period by outcome, the time to a
  decision, and the fees of confirmed bookings by the kind of requester.

Everything is read from the occurrence store (DESIGN decision 1) and the
booking tables with a bounded number of queries, whatever the period. Times
are local (``TIME_ZONE``); a period is a range of whole local days.
"""

import datetime as dt
import functools
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail_stadtteil.centres.models import CentrePage, ConsultationHourPage, OfferPage
from wagtail_stadtteil.core.app_settings import stadtteil_settings
from wagtail_stadtteil.rooms.availability import DEFAULT_DAY
from wagtail_stadtteil.rooms.models import Room
from wagtail_stadtteil.schedules.dates import aware, local_zone
from wagtail_stadtteil.schedules.models import Occurrence

#: Kinds of occurrence that keep a room busy.
OCCUPYING = (
    Occurrence.Kind.OFFER,
    Occurrence.Kind.CONSULTATION,
    Occurrence.Kind.ROOM_USE,
    Occurrence.Kind.BOOKING,
)


@dataclass
class Table:
    """One table of a report: a sheet of the XLSX file, a table and possibly a
    chart in the admin. ``chart`` names the column of the labels and the
    column of the values a bar chart shows (None: no chart)."""

    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    chart: tuple | None = None
    unit: str = ""
    note: str = ""
    #: The last row is a total: the chart leaves it out.
    total_row: bool = False


@dataclass
class Report:
    first: dt.date
    last: dt.date
    centres: list
    tables: list

    @property
    def scope(self):
        return ", ".join(centre.title for centre in self.centres)

    def table(self, key):
        return next(table for table in self.tables if table.key == key)


@dataclass
class Period:
    """Whole local days from ``first`` to ``last``, both included."""

    first: dt.date
    last: dt.date

    @property
    def start(self):
        return aware(self.first, dt.time.min)

    @property
    def end(self):
        return aware(self.last + dt.timedelta(days=1), dt.time.min)

    @property
    def days(self):
        return (self.last - self.first).days + 1

    @property
    def weeks(self):
        return self.days / 7

    def months(self):
        """(first day, last day) of each calendar month in the period, clipped."""
        month = self.first.replace(day=1)
        while month <= self.last:
            following = (month + dt.timedelta(days=32)).replace(day=1)
            yield max(month, self.first), min(following - dt.timedelta(days=1), self.last)
            month = following


def year(value):
    """The period of a calendar year."""
    return Period(dt.date(value, 1, 1), dt.date(value, 12, 31))


def hours(delta):
    return round(delta.total_seconds() / 3600, 2)


def clipped(start, end, first, last):
    """The length of [start, end) inside [first, last)."""
    return max(min(end, last) - max(start, first), dt.timedelta())


def report(centres, period):
    """The report on ``centres`` (CentrePages in the default language; their
    translations count with them) for ``period``."""
    centres = sorted(centres, key=lambda centre: centre.title)
    by_key = {centre.translation_key: centre for centre in centres}
    owner = {
        pk: by_key[key]
        for pk, key in CentrePage.objects.filter(translation_key__in=by_key).values_list(
            "pk", "translation_key"
        )
    }
    rows = list(
        Occurrence.objects.filter(centre_id__in=owner, start__lt=period.end, end__gt=period.start)
        .exclude(status=Occurrence.Status.CANCELLED)
        .values_list("kind", "centre_id", "page_id", "room_id", "start", "end")
    )
    tables = [
        profile_table(centres, owner, rows, period),
        offers_table(centres, owner, rows, period),
        *themes_tables(rows, period),
        rooms_table(centres, owner, rows, period),
    ]
    if apps.is_installed("wagtail_stadtteil.booking"):
        tables += booking_tables(owner, period)
    tables += visitor_tables(centres, owner, period)
    return Report(period.first, period.last, centres, [t for t in tables if t is not None])


# Profile ---------------------------------------------------------------------


def profile_table(centres, owner, rows, period):
    """Days and hours from the regular opening hours (what the profile asks
    for); offers at the weekend and citizens' consultation hours from what
    took place, per week averaged over the weeks the centre was open (a
    summer break does not lower the average)."""
    profile = stadtteil_settings.PROFILE
    zone = local_zone()
    citizens = set(
        ConsultationHourPage.objects.filter(
            consultation_kind=ConsultationHourPage.Kind.CITIZENS
        ).values_list("pk", flat=True)
    )
    open_weeks = defaultdict(set)
    open_hours = defaultdict(dt.timedelta)
    weekend_offers = defaultdict(int)
    consultation = defaultdict(dt.timedelta)
    for kind, centre_id, page_id, _room, start, end in rows:
        centre = owner[centre_id].pk
        local_start = start.astimezone(zone)
        if not period.first <= local_start.date() <= period.last:
            continue  # began the day before the period
        if kind == Occurrence.Kind.OPENING:
            open_hours[centre] += end - start
            open_weeks[centre].add(local_start.isocalendar()[:2])
        elif kind == Occurrence.Kind.OFFER and local_start.weekday() >= 5:
            weekend_offers[centre] += 1
        elif kind == Occurrence.Kind.CONSULTATION and page_id in citizens:
            consultation[centre] += end - start
    regular = {
        centre.pk: centre.weekly_totals()
        for centre in CentrePage.objects.filter(pk__in=[c.pk for c in centres]).prefetch_related(
            "opening_hours"
        )
    }

    table = Table(
        "profile",
        _("Profile of a district centre"),
        [
            _("Centre"),
            _("Days open per week (regular hours)"),
            _("Hours open per week (regular hours)"),
            _("Hours open per week (average of the weeks open)"),
            _("Offer dates at the weekend"),
            _("Citizens' consultation hours per week (average of the weeks open)"),
            _("Profile met"),
        ],
        chart=(0, 3),
        unit=_("hours"),
        note=_(
            "Profile: open on at least %(days)s days and %(hours)s hours a week by the "
            "regular opening hours, offers at the weekend, at least %(consultation)s hours "
            "of citizens' consultation a week. Averages count only the weeks in which the "
            "centre opened at least once."
        )
        % {
            "days": profile["MIN_OPEN_DAYS"],
            "hours": profile["MIN_OPEN_HOURS"],
            "consultation": profile["MIN_CITIZENS_CONSULTATION_HOURS"],
        },
    )
    for centre in centres:
        days, regular_hours = regular.get(centre.pk, (0, 0))
        weeks = len(open_weeks[centre.pk])
        average = round(hours(open_hours[centre.pk]) / weeks, 2) if weeks else 0
        per_week = round(hours(consultation[centre.pk]) / weeks, 2) if weeks else 0
        met = (
            days >= profile["MIN_OPEN_DAYS"]
            and regular_hours >= profile["MIN_OPEN_HOURS"]
            and (weekend_offers[centre.pk] > 0 or not profile["WEEKEND_OFFERS"])
            and per_week >= profile["MIN_CITIZENS_CONSULTATION_HOURS"]
        )
        verdict = pgettext_lazy("profile met", "yes") if met else pgettext_lazy("profile met", "no")
        table.rows.append(
            [
                centre.title,
                days,
                round(float(regular_hours), 2),
                average,
                weekend_offers[centre.pk],
                per_week,
                str(verdict),
            ]
        )
    return table


# Offers ----------------------------------------------------------------------


def offers_table(centres, owner, rows, period):
    zone = local_zone()
    dates = defaultdict(int)
    weekend = defaultdict(int)
    offers = defaultdict(set)
    for kind, centre_id, page_id, _room, start, _end in rows:
        local_start = start.astimezone(zone)
        if kind != Occurrence.Kind.OFFER or not period.first <= local_start.date() <= period.last:
            continue
        centre = owner[centre_id].pk
        dates[centre] += 1
        offers[centre].add(page_id)
        if local_start.weekday() >= 5:
            weekend[centre] += 1
    table = Table(
        "offers",
        _("Offers"),
        [_("Centre"), _("Offers with dates"), _("Dates"), _("Dates at the weekend")],
        chart=(0, 2),
        unit=_("dates"),
        note=_("Dates that took place or are planned; cancelled dates are left out."),
    )
    for centre in centres:
        table.rows.append(
            [centre.title, len(offers[centre.pk]), dates[centre.pk], weekend[centre.pk]]
        )
    return table


def themes_tables(rows, period):
    """Offers and their dates by theme and by target group (an offer with two
    themes counts for both)."""
    zone = local_zone()
    dates = defaultdict(int)
    for kind, _centre, page_id, _room, start, _end in rows:
        if (
            kind == Occurrence.Kind.OFFER
            and period.first <= start.astimezone(zone).date() <= period.last
        ):
            dates[page_id] += 1
    pages = OfferPage.objects.filter(pk__in=dates).prefetch_related("themes", "target_groups")
    tables = []
    for key, title, heading, attribute in (
        ("themes", _("Offers by theme"), _("Theme"), "themes"),
        ("target_groups", _("Offers by target group"), _("Target group"), "target_groups"),
    ):
        counts = defaultdict(lambda: [0, 0])
        for page in pages:
            for item in getattr(page, attribute).all():
                counts[item.name][0] += 1
                counts[item.name][1] += dates[page.pk]
        table = Table(key, title, [heading, _("Offers"), _("Dates")], chart=(0, 2), unit=_("dates"))
        table.rows = [[name, *counts[name]] for name in sorted(counts)]
        tables.append(table)
    return tables


# Rooms -----------------------------------------------------------------------


def rooms_table(centres, owner, rows, period):
    """Per room and month: the hours the room could be used (the centre's
    opening hours; for a room bookable outside them, its bookable hours every
    day), the hours it was in use within them, the share, and the hours in
    use outside them."""
    zone = local_zone()
    rooms = list(
        Room.objects.filter(centre_id__in=owner)
        .select_related("centre")
        .order_by("centre__title", "name")
    )
    months = list(period.months())
    month_of = {(first.year, first.month): index for index, (first, _last) in enumerate(months)}
    opening = defaultdict(list)  # (centre id, local date) → [(start, end)]
    opened_months = set()  # (centre id, month index)
    for kind, centre_id, _page, _room, start, end in rows:
        if kind == Occurrence.Kind.OPENING:
            day = start.astimezone(zone).date()
            opening[owner[centre_id].pk, day].append((start, end))
            if (day.year, day.month) in month_of:
                opened_months.add((owner[centre_id].pk, month_of[day.year, day.month]))
    centre_of = {room.pk: owner.get(room.centre_id, room.centre).pk for room in rooms}
    by_pk = {room.pk: room for room in rooms}

    @functools.cache
    def windows(room_pk, day):
        """The merged spans of ``day`` in which the room could be used."""
        room, centre = by_pk[room_pk], centre_of[room_pk]
        if room.outside_opening_hours:
            spans = [(room.bookable_from or DEFAULT_DAY[0], room.bookable_until or DEFAULT_DAY[1])]
        elif (centre, month_of.get((day.year, day.month))) in opened_months:
            return merged(opening.get((centre, day), []))
        else:
            spans = [DEFAULT_DAY]
        return merged([(aware(day, a), aware(day, b)) for a, b in spans if a < b])

    used = defaultdict(dt.timedelta)  # (room id, month index)
    outside = defaultdict(dt.timedelta)
    for kind, _centre, _page, room_id, start, end in rows:
        if kind not in OCCUPYING or room_id not in by_pk:
            continue
        day = start.astimezone(zone).date()
        index = month_of.get((day.year, day.month))
        if index is None or not period.first <= day <= period.last:
            continue
        inside = sum((clipped(start, end, a, b) for a, b in windows(room_id, day)), dt.timedelta())
        used[room_id, index] += inside
        outside[room_id, index] += (end - start) - inside
    booked = (
        booked_hours_by_kind(rooms, months)
        if apps.is_installed("wagtail_stadtteil.booking")
        else {}
    )
    kinds = requester_kinds()
    table = Table(
        "rooms",
        _("Room utilisation"),
        [
            _("Centre"),
            _("Room"),
            _("Month"),
            _("Hours in use"),
            _("Hours available"),
            _("Utilisation (%)"),
            _("Hours in use outside those hours"),
            *[_("Booked by: %(kind)s") % {"kind": label} for _code, label in kinds],
        ],
        note=_(
            "Hours available: the centre's opening hours in the month (08:00–22:00 every "
            "day in a month without opening hours; a room bookable outside the opening "
            "hours: its bookable hours every day). In use: offers, consultation hours, "
            "regular room use and confirmed bookings within those hours."
        ),
    )
    for room in rooms:
        centre = owner.get(room.centre_id, room.centre)
        for index, (first, last) in enumerate(months):
            available = sum(
                (
                    b - a
                    for n in range((last - first).days + 1)
                    for a, b in windows(room.pk, first + dt.timedelta(days=n))
                ),
                dt.timedelta(),
            )
            in_use = used[room.pk, index]
            share = round(100 * in_use / available, 1) if available else None
            table.rows.append(
                [
                    centre.title,
                    room.name,
                    f"{first:%Y-%m}",
                    hours(in_use),
                    hours(available),
                    share,
                    hours(outside[room.pk, index]),
                    *[
                        hours(booked.get((room.pk, index, code), dt.timedelta()))
                        for code, _label in kinds
                    ],
                ]
            )
    return table


def merged(spans):
    """Sorted spans with overlapping ones joined."""
    result = []
    for start, end in sorted(spans):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def requester_kinds():
    if not apps.is_installed("wagtail_stadtteil.booking"):
        return []
    from wagtail_stadtteil.booking.models import RequesterKind

    return list(RequesterKind.choices)


def booked_hours_by_kind(rooms, months):
    """{(room id, month index, requester kind): booked hours} of confirmed dates."""
    from wagtail_stadtteil.booking.models import BookingDate

    booked = defaultdict(dt.timedelta)
    if not months:
        return booked
    zone = local_zone()
    month_of = {(first.year, first.month): index for index, (first, _last) in enumerate(months)}
    dates = BookingDate.objects.filter(
        room__in=rooms,
        active=True,
        start__gte=aware(months[0][0], dt.time.min),
        start__lt=aware(months[-1][1] + dt.timedelta(days=1), dt.time.min),
    ).values_list("room_id", "request__requester_kind", "start", "end")
    for room_id, kind, start, end in dates:
        day = start.astimezone(zone).date()
        booked[room_id, month_of[day.year, day.month], kind] += end - start
    return booked


# Room requests ---------------------------------------------------------------


def booking_tables(owner, period):
    from wagtail_stadtteil.booking.models import BookingRequest

    ids = list(owner)  # the centres and their translations
    received = list(
        BookingRequest.objects.filter(
            centre_id__in=ids, created_at__gte=period.start, created_at__lt=period.end
        ).values_list(
            "status",
            "created_at",
            "decided_at",
            "requester_kind",
            "source",
            "room__confirms_instantly",
        )
    )
    statuses = BookingRequest.Status
    outcomes = Table(
        "requests",
        _("Room requests by outcome"),
        [
            _("Outcome"),
            _("Requests"),
            _("Average days to a decision"),
            _("Median days to a decision"),
        ],
        chart=(0, 1),
        total_row=True,
        unit=_("requests"),
        note=_(
            "Requests received in the period; the days staff took to confirm or decline "
            "a request from the website (rooms that confirm at once left out)."
        ),
    )
    for status, label in statuses.choices:
        mine = [row for row in received if row[0] == status]
        # Staff's time to decide a request from the website; instant
        # confirmations and requests staff entered themselves have none.
        waits = [
            (decided - created).total_seconds() / 86400
            for _s, created, decided, _k, source, instant in mine
            if decided
            and status in (statuses.CONFIRMED, statuses.DECLINED)
            and source == BookingRequest.Source.WEBSITE
            and not instant
        ]
        outcomes.rows.append(
            [
                str(label),
                len(mine),
                round(statistics.mean(waits), 1) if waits else None,
                round(statistics.median(waits), 1) if waits else None,
            ]
        )
    outcomes.rows.append([str(pgettext_lazy("report total", "All")), len(received), None, None])

    fees = Table(
        "fees",
        _("Fees of confirmed bookings"),
        [_("Who books"), _("Bookings"), _("Fees (EUR)")],
        chart=(0, 2),
        unit="EUR",
        note=_("Confirmed bookings whose first date is in the period."),
    )
    totals = defaultdict(lambda: [0, Decimal("0")])
    for kind, fee in BookingRequest.objects.filter(
        centre_id__in=ids,
        status=statuses.CONFIRMED,
        first_start__gte=period.start,
        first_start__lt=period.end,
    ).values_list("requester_kind", "fee"):
        totals[kind][0] += 1
        totals[kind][1] += fee or Decimal("0")
    for code, label in requester_kinds():
        fees.rows.append([str(label), totals[code][0], totals[code][1]])
    return [outcomes, fees]


def scope_filter(centres):
    """Only centres in the default language: translations count with them."""
    from wagtail.models import Locale

    return centres.filter(locale=Locale.get_default())


def city_centres():
    """Every centre in the default language: the whole city's report."""
    return scope_filter(CentrePage.objects.all())


# Visitors and surveys ----------------------------------------------------------


def visitor_tables(centres, owner, period):
    """Visitors counted by staff, per centre and month (offer dates and
    whole-house days apart: a day's count of the house includes the people at
    its offers), per offer, and the surveys whose period overlaps the
    report's (seeds 001 and 002). Three queries, whatever the centres."""
    from .models import SurveyResult, VisitorCount

    counts = VisitorCount.objects.filter(
        centre_id__in=owner, date__gte=period.first, date__lte=period.last
    )
    monthly = defaultdict(lambda: [0, 0])  # (centre id, month) → [offer dates, whole house]
    per_offer = defaultdict(int)  # (centre id, offer title) → visitors
    for centre_id, day, offer_id, title, count in counts.values_list(
        "centre_id", "date", "offer_id", "offer__title", "count"
    ):
        centre = owner[centre_id].pk
        monthly[centre, day.replace(day=1)][0 if offer_id else 1] += count
        if offer_id:
            per_offer[centre, title] += count
    visitors = Table(
        "visitors",
        _("Visitors counted"),
        [_("Centre"), _("Month"), _("Visitors of offer dates"), _("Visitors of the whole house")],
        chart=(1, 2) if len(centres) == 1 else None,
        unit=_("visitors"),
        note=_(
            "As counted by the staff. A count of the whole house on a day includes the "
            "visitors of that day's offers, so the two columns are not added up."
        ),
    )
    offers = Table(
        "visitors_by_offer",
        _("Visitors by offer"),
        [_("Centre"), _("Offer"), _("Visitors")],
        chart=(1, 2) if len(centres) == 1 else None,
        unit=_("visitors"),
    )
    for centre in centres:
        for (pk, month), (of_offers, whole) in sorted(monthly.items()):
            if pk == centre.pk:
                visitors.rows.append([centre.title, f"{month:%Y-%m}", of_offers, whole])
        for (pk, title), count in sorted(per_offer.items()):
            if pk == centre.pk:
                offers.rows.append([centre.title, title, count])
    surveys = Table(
        "surveys",
        _("User surveys"),
        [
            _("Centre"),
            _("Survey"),
            _("From"),
            _("To"),
            _("Respondents"),
            _("Satisfied (%)"),
            _("Summary"),
        ],
    )
    for result in SurveyResult.objects.filter(
        centre_id__in=owner, period_start__lte=period.last, period_end__gte=period.first
    ).order_by("period_start", "title", "pk"):
        surveys.rows.append(
            [
                owner[result.centre_id].title,
                result.title,
                result.period_start,
                result.period_end,
                result.respondents,
                result.satisfied_percent,
                result.summary,
            ]
        )
    return [visitors, offers, surveys]
