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
    groups = {
        centre.pk: set(centre.get_translations(inclusive=True).values_list("pk", flat=True))
        for centre in centres
    }
    owner = {pk: centre for centre in centres for pk in groups[centre.pk]}
    rows = list(
        Occurrence.objects.filter(centre_id__in=owner, start__lt=period.end, end__gt=period.start)
        .exclude(status=Occurrence.Status.CANCELLED)
        .values_list("kind", "centre_id", "page_id", "room_id", "start", "end")
    )
    tables = [
        profile_table(centres, owner, rows, period),
        offers_table(centres, owner, rows),
        *themes_tables(rows),
        rooms_table(centres, owner, rows, period),
    ]
    if apps.is_installed("wagtail_stadtteil.booking"):
        tables += booking_tables(centres, period)
    tables += visitor_tables(centres, period)
    return Report(period.first, period.last, centres, [t for t in tables if t is not None])


# Profile ---------------------------------------------------------------------


def profile_table(centres, owner, rows, period):
    profile = stadtteil_settings.PROFILE
    zone = local_zone()
    citizens = set(
        ConsultationHourPage.objects.filter(
            consultation_kind=ConsultationHourPage.Kind.CITIZENS
        ).values_list("pk", flat=True)
    )
    open_hours = defaultdict(dt.timedelta)
    open_days = defaultdict(set)
    weekend_offers = defaultdict(int)
    consultation = defaultdict(dt.timedelta)
    for kind, centre_id, page_id, _room, start, end in rows:
        centre = owner[centre_id].pk
        if kind == Occurrence.Kind.OPENING:
            open_hours[centre] += clipped(start, end, period.start, period.end)
            open_days[centre].add(start.astimezone(zone).date())
        elif kind == Occurrence.Kind.OFFER and start.astimezone(zone).weekday() >= 5:
            weekend_offers[centre] += 1
        elif kind == Occurrence.Kind.CONSULTATION and page_id in citizens:
            consultation[centre] += clipped(start, end, period.start, period.end)

    table = Table(
        "profile",
        _("Profile of a district centre"),
        [
            _("Centre"),
            _("Days open per week"),
            _("Hours open per week"),
            _("Offer dates at the weekend"),
            _("Citizens' consultation hours per week"),
            _("Profile met"),
        ],
        chart=(0, 2),
        unit=_("hours"),
        note=_(
            "Averages over the weeks of the period. Profile: open on at least "
            "%(days)s days and %(hours)s hours a week, offers at the weekend, at least "
            "%(consultation)s hours of citizens' consultation a week."
        )
        % {
            "days": profile["MIN_OPEN_DAYS"],
            "hours": profile["MIN_OPEN_HOURS"],
            "consultation": profile["MIN_CITIZENS_CONSULTATION_HOURS"],
        },
    )
    for centre in centres:
        days = round(len(open_days[centre.pk]) / period.weeks, 2)
        open_per_week = round(hours(open_hours[centre.pk]) / period.weeks, 2)
        consultation_per_week = round(hours(consultation[centre.pk]) / period.weeks, 2)
        met = (
            days >= profile["MIN_OPEN_DAYS"]
            and open_per_week >= profile["MIN_OPEN_HOURS"]
            and (weekend_offers[centre.pk] > 0 or not profile["WEEKEND_OFFERS"])
            and consultation_per_week >= profile["MIN_CITIZENS_CONSULTATION_HOURS"]
        )
        table.rows.append(
            [
                centre.title,
                days,
                open_per_week,
                weekend_offers[centre.pk],
                consultation_per_week,
                str(
                    pgettext_lazy("profile met", "yes")
                    if met
                    else pgettext_lazy("profile met", "no")
                ),
            ]
        )
    return table


# Offers ----------------------------------------------------------------------


def offers_table(centres, owner, rows):
    zone = local_zone()
    dates = defaultdict(int)
    weekend = defaultdict(int)
    offers = defaultdict(set)
    for kind, centre_id, page_id, _room, start, _end in rows:
        if kind != Occurrence.Kind.OFFER:
            continue
        centre = owner[centre_id].pk
        dates[centre] += 1
        offers[centre].add(page_id)
        if start.astimezone(zone).weekday() >= 5:
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


def themes_tables(rows):
    """Offers and their dates by theme and by target group (an offer with two
    themes counts for both)."""
    dates = defaultdict(int)
    for kind, _centre, page_id, _room, _start, _end in rows:
        if kind == Occurrence.Kind.OFFER:
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
    """Per room and month: hours in use, hours it could be used, the share."""
    rooms = list(
        Room.objects.filter(centre_id__in=owner)
        .select_related("centre")
        .order_by("centre__title", "name")
    )
    months = list(period.months())
    bounds = [
        (aware(first, dt.time.min), aware(last + dt.timedelta(days=1), dt.time.min))
        for first, last in months
    ]
    used = defaultdict(dt.timedelta)  # (room id, month index)
    opening = defaultdict(dt.timedelta)  # (centre id, month index)
    has_opening = set()
    for kind, centre_id, _page, room_id, start, end in rows:
        for index, (first, last) in enumerate(bounds):
            if start >= last or end <= first:
                continue
            if kind == Occurrence.Kind.OPENING:
                opening[owner[centre_id].pk, index] += clipped(start, end, first, last)
                has_opening.add(owner[centre_id].pk)
            elif kind in OCCUPYING and room_id:
                used[room_id, index] += clipped(start, end, first, last)
    booked = (
        booked_hours_by_kind(rooms, bounds)
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
            *[_("Booked by: %(kind)s") % {"kind": label} for _code, label in kinds],
        ],
        note=_(
            "Hours available: the centre's opening hours in the month (08:00–22:00 every "
            "day for a centre without opening hours). In use: offers, consultation hours, "
            "regular room use and confirmed bookings."
        ),
    )
    day_hours = dt.datetime.combine(dt.date.min, DEFAULT_DAY[1]) - dt.datetime.combine(
        dt.date.min, DEFAULT_DAY[0]
    )
    owner_of_room = {room.pk: owner.get(room.centre_id, room.centre) for room in rooms}
    for room in rooms:
        centre = owner_of_room[room.pk]
        for index, (first, last) in enumerate(months):
            if centre.pk in has_opening:
                available = opening[centre.pk, index]
            else:
                available = day_hours * ((last - first).days + 1)
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
                    *[
                        hours(booked.get((room.pk, index, code), dt.timedelta()))
                        for code, _l in kinds
                    ],
                ]
            )
    return table


def requester_kinds():
    if not apps.is_installed("wagtail_stadtteil.booking"):
        return []
    from wagtail_stadtteil.booking.models import RequesterKind

    return list(RequesterKind.choices)


def booked_hours_by_kind(rooms, bounds):
    from wagtail_stadtteil.booking.models import BookingDate

    booked = defaultdict(dt.timedelta)
    if not bounds:
        return booked
    dates = BookingDate.objects.filter(
        room__in=rooms, active=True, start__lt=bounds[-1][1], end__gt=bounds[0][0]
    ).values_list("room_id", "request__requester_kind", "start", "end")
    for room_id, kind, start, end in dates:
        for index, (first, last) in enumerate(bounds):
            if start < last and end > first:
                booked[room_id, index, kind] += clipped(start, end, first, last)
    return booked


# Room requests ---------------------------------------------------------------


def booking_tables(centres, period):
    from wagtail_stadtteil.booking.models import BookingRequest

    ids = [
        pk
        for centre in centres
        for pk in centre.get_translations(inclusive=True).values_list("pk", flat=True)
    ]
    received = list(
        BookingRequest.objects.filter(
            centre_id__in=ids, created_at__gte=period.start, created_at__lt=period.end
        ).values_list("status", "created_at", "decided_at", "requester_kind")
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
        unit=_("requests"),
        note=_(
            "Requests received in the period; the time to a decision for confirmed and "
            "declined ones."
        ),
    )
    for status, label in statuses.choices:
        mine = [row for row in received if row[0] == status]
        waits = [
            (decided - created).total_seconds() / 86400
            for _s, created, decided, _k in mine
            if decided and status in (statuses.CONFIRMED, statuses.DECLINED)
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


def city_centres():
    """Every centre in the default language: the whole city's report."""
    from wagtail.models import Locale

    return CentrePage.objects.filter(locale=Locale.get_default())


def scope_filter(user_centres):
    """Only centres in the default language: translations count with them."""
    from wagtail.models import Locale

    return user_centres.filter(locale=Locale.get_default())


# Visitors and surveys ----------------------------------------------------------


def visitor_tables(centres, period):
    """Visitors counted by staff, per centre and month and per offer, and the
    surveys whose period overlaps the report's (seeds 001 and 002)."""
    from .counts import survey_results, visitor_totals

    visitors = Table(
        "visitors",
        _("Visitors counted"),
        [_("Centre"), _("Month"), _("Visitors")],
        chart=(1, 2),
        unit=_("visitors"),
        note=_("As counted by the staff, per offer date or per day of the house."),
    )
    offers = Table(
        "visitors_by_offer",
        _("Visitors by offer"),
        [_("Centre"), _("Offer"), _("Visitors")],
        chart=(1, 2),
        unit=_("visitors"),
    )
    for centre in centres:
        totals = visitor_totals([centre], period.first, period.last)
        for month, count in totals.by_month.items():
            visitors.rows.append([centre.title, f"{month:%Y-%m}", count])
        for offer_id, count in totals.by_offer.items():
            offers.rows.append([centre.title, totals.offer_titles[offer_id], count])
        if totals.whole_house:
            offers.rows.append(
                [centre.title, str(_("The whole house (counted per day)")), totals.whole_house]
            )
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
    for result in survey_results(centres, period.first, period.last):
        surveys.rows.append(
            [
                result.centre.title,
                result.title,
                result.period_start,
                result.period_end,
                result.respondents,
                result.satisfied_percent,
                result.summary,
            ]
        )
    return [visitors, offers, surveys]
