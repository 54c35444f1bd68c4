"""A year of demo history, so that the reports (``wagtail_stadtteil.reports``)
show something real: past room requests, visitor counts and user surveys.

Everything is relative to the day the demo is built and deterministic: the
same day gives the same rows (visitor numbers come from a ``random.Random``
seeded with the offer and the date, never from the wall clock). The past dates
of offers, consultation hours, room uses and opening hours are written by the
package's own refresh functions (``DemoBuilder.fill_history``); this module
only holds the data and writes the rows the staff would record by hand.

Clubs, people and e-mail addresses are invented, like the rest of the demo's.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from wagtail_stadtteil.centres.models import CentrePage, OfferPage
from wagtail_stadtteil.reports.models import SurveyResult, VisitorCount
from wagtail_stadtteil.schedules.dates import local_zone
from wagtail_stadtteil.schedules.models import Occurrence

#: How far back the demo's history goes, in days (the reports' "last 12 months").
HISTORY_DAYS = 365

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)


# --------------------------------------------------------------------------
# Past room requests
# --------------------------------------------------------------------------


def past_request(
    centre,
    room,
    purpose,
    contact_name,
    email,
    requester_kind,
    attendees,
    weekday,
    start,
    end,
    outcome,
    made_days_ago,
    made_time,
    decided_after_hours=0,
    **fields,
):
    """Keyword arguments of a ``DemoRequest`` made ``made_days_ago`` days ago
    at ``made_time`` and decided ``decided_after_hours`` later (an expired
    one: when the daily run found it overdue)."""
    return {
        "centre": centre,
        "room": room,
        "purpose": purpose,
        "contact_name": contact_name,
        "email": email,
        "requester_kind": requester_kind,
        "attendees": attendees,
        "weekday": weekday,
        "start": start,
        "end": end,
        "outcome": outcome,
        "made_days_ago": made_days_ago,
        "made_time": made_time,
        "decided_after_hours": decided_after_hours,
        "from_days": fields.pop("from_days", 14),
        **fields,
    }


STADTHAUS = "stadthaus-laatzen"
LAATZEN_MITTE = "stadtteilbuero-laatzen-mitte"
SENNESTADT = "stadtteilzentrum-sennestadt"
HUETTENSTRASSE = "mittelpunkt-huettenstrasse"

# fmt: off
#: Requests of the last twelve months, by centre: most confirmed, some
#: declined, cancelled by the requester or never decided (expired).
PAST_REQUESTS = [
    # Stadthaus Laatzen -----------------------------------------------------
    past_request(
        STADTHAUS, "saal", "Jahreshauptversammlung des Heimatvereins", "Werner Schulz",
        "vorstand@heimatverein-laatzen.example.org", "nonprofit", 70, THURSDAY, "15:00",
        "18:00", "confirmed", 348, "10:15", 26, organisation="Heimatverein Laatzen e. V.",
        decision_message="Stühle für 70 Personen stellen wir in Reihen; das Rednerpult "
        "steht bereit.", from_days=21,
    ),
    past_request(
        STADTHAUS, "gruppenraum-1", "Treffen der Selbsthilfegruppe Diabetes", "Ingrid Albers",
        "shg-diabetes-laatzen@example.org", "nonprofit", 12, MONDAY, "15:00", "17:00",
        "confirmed", 340, "09:40", 5, organisation="Selbsthilfegruppe Diabetes Laatzen",
        weeks=6,
    ),
    past_request(
        STADTHAUS, "saal", "Produktpräsentation Treppenlifte", "Jürgen Kowalski",
        "j.kowalski@mobil-daheim.example.org", "commercial", 40, WEDNESDAY, "10:00",
        "12:00", "declined", 331, "14:20", 47, organisation="Mobil daheim GmbH",
        decision_message="Verkaufsveranstaltungen lässt die Hausordnung des Stadthauses "
        "leider nicht zu.",
    ),
    past_request(
        STADTHAUS, "kueche", "Backen für den Kuchenbasar", "Renate Voß",
        "r.voss@example.org", "volunteer", 8, THURSDAY, "09:00", "13:00", "confirmed", 322,
        "11:05", 20, volunteer_confirmed=True,
    ),
    past_request(
        STADTHAUS, "gruppenraum-2", "Elternabend der Kita am Marktplatz", "Sven Krüger",
        "elternbeirat.kita-marktplatz@example.org", "nonprofit", 10, TUESDAY, "16:00",
        "17:30", "instant", 305, "20:45", organisation="Elternbeirat Kita am Marktplatz",
    ),
    past_request(
        STADTHAUS, "saal", "Empfang für neue Ehrenamtliche", "Dagmar Richter",
        "d.richter@laatzen.example.org", "public_body", 110, FRIDAY, "10:00", "13:30",
        "confirmed", 290, "08:55", 3, organisation="Stadt Laatzen, Fachdienst Ehrenamt",
        from_days=30,
    ),
    past_request(
        STADTHAUS, "gruppenraum-1", "Schulung für Vorlesepatinnen und -paten",
        "Monika Brandes", "lesepaten@buecherei-laatzen.example.org", "public_body", 14,
        WEDNESDAY, "14:00", "17:00", "confirmed", 268, "13:30", 30,
        organisation="Stadtbücherei Laatzen",
    ),
    past_request(
        STADTHAUS, "kueche", "Kochkurs „Gesund kochen mit kleinem Budget“", "Hatice Aydın",
        "h.aydin@familienbildung-leine.example.org", "nonprofit", 10, TUESDAY, "10:00",
        "13:00", "cancelled", 250, "15:10", 22,
        organisation="Familienbildungsstätte an der Leine",
    ),
    past_request(
        STADTHAUS, "saal", "Vortrag „Vorsorgevollmacht und Patientenverfügung“",
        "Klaus Hartwig", "k.hartwig@seniorenbeirat-laatzen.example.org", "nonprofit", 80,
        THURSDAY, "14:00", "16:30", "confirmed", 236, "10:40", 4,
        organisation="Seniorenbeirat der Stadt Laatzen",
    ),
    past_request(
        STADTHAUS, "gruppenraum-2", "Treffen der Nachbarschaftshilfe", "Ayşe Demir",
        "vorstand@nachbarschaftsverein-laatzen.example.org", "nonprofit", 9, MONDAY, "16:00",
        "17:30", "instant", 221, "18:20", organisation="Nachbarschaftsverein Laatzen-Mitte",
    ),
    past_request(
        STADTHAUS, "gruppenraum-1", "Sprachcafé Ukrainisch–Deutsch", "Olena Bondarenko",
        "o.bondarenko@example.org", "nonprofit", 16, FRIDAY, "10:00", "12:00", "expired",
        205, "22:10", organisation="Ukrainische Initiative Laatzen",
    ),
    past_request(
        STADTHAUS, "saal", "Feier zum 25-jährigen Bestehen des Stadthaus-Cafés",
        "Gisela Hoffmann", "gisela.hoffmann@example.org", "volunteer", 60, FRIDAY, "10:00",
        "14:00", "confirmed", 190, "17:25", 41, volunteer_confirmed=True,
        decision_message="Herzlichen Glückwunsch! Geschirr aus dem Café dürfen Sie nutzen.",
    ),
    past_request(
        STADTHAUS, "saal", "Schulung Kassensysteme", "Frank Meyer",
        "schulung@kassenprofi.example.org", "commercial", 25, TUESDAY, "09:00", "15:00",
        "confirmed", 176, "11:50", 52, organisation="Kassenprofi Hannover GmbH",
        decision_message="Die Nutzungspauschale stellen wir Ihnen nach der Schulung in "
        "Rechnung.",
    ),
    past_request(
        STADTHAUS, "gruppenraum-2", "Sitzung des Kita-Fördervereins", "Sven Krüger",
        "foerderverein.kita-marktplatz@example.org", "nonprofit", 7, WEDNESDAY, "16:00",
        "17:30", "instant", 160, "19:35", organisation="Förderverein Kita am Marktplatz",
    ),
    past_request(
        STADTHAUS, "gruppenraum-1", "Infotreffen Pflegende Angehörige", "Birgit Lange",
        "pflegestuetzpunkt@region.example.org", "public_body", 15, THURSDAY, "15:00",
        "17:00", "confirmed", 141, "09:20", 2, organisation="Pflegestützpunkt der Region",
        weeks=4,
    ),
    past_request(
        STADTHAUS, "saal", "Kinderflohmarkt", "Julia Peters", "flohmarkt-laatzen@example.org",
        "nonprofit", 100, FRIDAY, "09:00", "14:00", "declined", 120, "21:15", 38,
        organisation="Elterninitiative Laatzen-Mitte",
        decision_message="Am gewünschten Tag ist der Saal für die Blutspende vorgesehen. "
        "Bitte fragen Sie einen anderen Freitag an.",
    ),
    past_request(
        STADTHAUS, "kueche", "Kochen: Rezepte aus Afghanistan", "Nadia Rahimi",
        "n.rahimi@example.org", "nonprofit", 10, WEDNESDAY, "10:00", "14:00", "confirmed",
        95, "12:00", 28, organisation="Internationaler Frauentreff Laatzen",
    ),
    past_request(
        STADTHAUS, "gruppenraum-2", "Vorbereitung Stadtteilfest", "Petra Sommer",
        "p.sommer@example.org", "nonprofit", 11, TUESDAY, "10:00", "12:00", "instant", 80,
        "08:30", organisation="Arbeitskreis Stadtteilfest Laatzen-Mitte",
    ),
    past_request(
        STADTHAUS, "saal", "Tanznachmittag für Seniorinnen und Senioren", "Klaus Hartwig",
        "tanz@seniorenbeirat-laatzen.example.org", "nonprofit", 60, WEDNESDAY, "14:00",
        "17:00", "cancelled", 62, "10:05", 7, organisation="Seniorenbeirat der Stadt Laatzen",
    ),
    past_request(
        STADTHAUS, "gruppenraum-1", "Workshop Vereinsfinanzen", "Tobias Engel",
        "t.engel@freiwilligenagentur-laatzen.example.org", "public_body", 18, MONDAY,
        "10:00", "13:00", "confirmed", 41, "14:45", 19,
        organisation="Freiwilligenagentur Laatzen",
    ),
    # Mittelpunkt Hüttenstraße ----------------------------------------------
    past_request(
        HUETTENSTRASSE, "treffraum", "Geburtstagsfeier (40 Jahre)", "Dimitri Wagner",
        "d.wagner@example.org", "private", 28, SATURDAY, "15:00", "21:00", "confirmed", 344,
        "19:30", 44, message="Wir bringen Essen mit und räumen danach auf.",
        decision_message="Schlüsselübergabe am Freitag vorher bis 17 Uhr im Büro.",
    ),
    past_request(
        HUETTENSTRASSE, "treffraum", "Elterntreffen der Grundschule am Wall",
        "Sabine Köhler", "elternrat.gs-am-wall@example.org", "nonprofit", 20, TUESDAY,
        "18:00", "20:00", "confirmed", 326, "08:50", 6, organisation="Schulelternrat GS am Wall",
    ),
    past_request(
        HUETTENSTRASSE, "treffraum", "Abschiedsfeier", "Reza Ahmadi", "reza.ahmadi@example.org",
        "private", 30, SATURDAY, "16:00", "22:00", "declined", 312, "22:40", 35,
        message="Wir möchten mit Musikanlage feiern, bis 22 Uhr.",
        decision_message="Feiern mit Musikanlage sind im Treffraum wegen der Wohnungen im "
        "Haus nicht möglich. Ohne Anlage können Sie gern noch einmal anfragen.",
    ),
    past_request(
        HUETTENSTRASSE, "treffraum", "Kulturverein – Vorstandssitzung", "Mehmet Yıldız",
        "vorstand@kulturverein-stadthagen.example.org", "nonprofit", 8, THURSDAY, "19:00",
        "21:00", "confirmed", 298, "12:10", 3, organisation="Deutsch-Türkischer Kulturverein "
        "Stadthagen",
    ),
    past_request(
        HUETTENSTRASSE, "treffraum", "Familienfeier zur Verlobung", "Fatima Haidari",
        "f.haidari@example.org", "private", 30, SUNDAY, "13:00", "19:00", "confirmed", 281,
        "16:00", 20, phone="05721 445566",
    ),
    past_request(
        HUETTENSTRASSE, "treffraum", "Infoabend Jobcenter: Wege in Ausbildung",
        "Andrea Menke", "a.menke@jobcenter-schaumburg.example.org", "public_body", 25,
        WEDNESDAY, "17:00", "19:00", "confirmed", 262, "10:30", 24,
        organisation="Jobcenter Schaumburg",
    ),
    past_request(
        HUETTENSTRASSE, "treffraum", "Kindergeburtstag", "Olga Schmidt",
        "olga.schmidt@example.org", "private", 18, SATURDAY, "14:00", "18:00", "cancelled",
        240, "20:05", 15,
    ),
    past_request(
        HUETTENSTRASSE, "treffraum", "Mieterversammlung Hüttenstraße 12–20", "Horst Bauer",
        "mieterbeirat.huettenstrasse@example.org", "nonprofit", 30, MONDAY, "18:00", "20:00",
        "confirmed", 214, "09:15", 27, organisation="Mieterbeirat Hüttenstraße",
    ),
    past_request(
        HUETTENSTRASSE, "treffraum", "Gemeinsames Abendessen der Nachbarschaft", "Samira Nouri",
        "s.nouri@example.org", "nonprofit", 30, FRIDAY, "18:00", "22:00", "confirmed", 196,
        "13:40", 8, organisation="Frauengruppe Hüttenstraße",
    ),
    past_request(
        HUETTENSTRASSE, "treffraum", "Hochzeitsfeier", "Ali Rahimi", "ali.rahimi@example.org",
        "private", 30, SATURDAY, "12:00", "18:00", "declined", 175, "23:10", 58,
        message="Im Raum 30 Gäste, dazu etwa 50 weitere im Hof.",
        decision_message="Für eine Hochzeit mit so vielen Gästen ist der Treffraum zu klein, "
        "und der Hof gehört nicht dazu. Räume in der Nähe nennen wir Ihnen gern.",
    ),
    past_request(
        HUETTENSTRASSE, "treffraum", "Nachhilfe-Treff der Ehrenamtlichen", "Lea Hinrichs",
        "lea.hinrichs@example.org", "volunteer", 10, TUESDAY, "18:00", "20:00", "expired", 150,
        "17:50", volunteer_confirmed=True, from_days=21,
    ),
    past_request(
        HUETTENSTRASSE, "treffraum", "Familienfeier zum Abschluss der Ausbildung",
        "Emine Yılmaz", "emine.yilmaz@example.org", "private", 25, SATURDAY, "15:00", "21:00",
        "confirmed", 128, "18:25", 17, phone="05721 998877",
    ),
    past_request(
        HUETTENSTRASSE, "treffraum", "Probe der Theater-AG der IGS", "Marc Dietrich",
        "theater-ag@igs-schaumburg.example.org", "public_body", 15, THURSDAY, "19:00",
        "21:00", "confirmed", 105, "11:20", 50, organisation="IGS Schaumburg", weeks=4,
    ),
    past_request(
        HUETTENSTRASSE, "treffraum", "Geburtstagsfeier mit Musik", "Tim Krause",
        "tim.krause@example.org", "private", 30, SATURDAY, "17:00", "22:00", "declined", 86,
        "00:40", 30, decision_message="Am gewünschten Abend findet im Treffraum bereits das "
        "Quartiersfest statt.",
    ),
    past_request(
        HUETTENSTRASSE, "treffraum", "Nachbarschaftschor – Extraprobe vor dem Konzert",
        "Peter Wolf",
        "chor.huettenstrasse@example.org", "nonprofit", 18, WEDNESDAY, "19:00", "21:00",
        "confirmed", 60, "20:30", 14, organisation="Nachbarschaftschor Hüttenstraße",
    ),
    past_request(
        HUETTENSTRASSE, "treffraum", "Babyparty", "Aylin Çelik", "aylin.celik@example.org",
        "private", 20, SUNDAY, "14:00", "18:00", "confirmed", 34, "15:55", 66,
    ),
    # Stadtteilbüro Laatzen-Mitte -------------------------------------------
    past_request(
        LAATZEN_MITTE, "besprechungsraum", "Sprechstunde des Mieterbeirats", "Horst Engel",
        "mieterbeirat.laatzen-mitte@example.org", "nonprofit", 6, TUESDAY, "15:00", "17:00",
        "confirmed", 300, "10:00", 28, organisation="Mieterbeirat Laatzen-Mitte", weeks=4,
    ),
    past_request(
        LAATZEN_MITTE, "besprechungsraum", "Planungstreffen Verfügungsfonds", "Jonas Albrecht",
        "j.albrecht@example.org", "nonprofit", 10, THURSDAY, "16:00", "18:00", "confirmed",
        170, "13:15", 6, organisation="Bürgerinitiative Grünes Laatzen-Mitte",
    ),
    past_request(
        LAATZEN_MITTE, "besprechungsraum", "Beratung Energiesparen", "Stefan Wolff",
        "s.wolff@energieberatung.example.org", "commercial", 8, WEDNESDAY, "10:00", "12:00",
        "declined", 70, "09:30", 26, organisation="Wolff Energieberatung",
        decision_message="Der Besprechungsraum steht nur Initiativen aus dem Stadtteil offen.",
    ),
    # Stadtteilzentrum Sennestadt -------------------------------------------
    past_request(
        SENNESTADT, "grosser-saal", "Jahreskonzert der Musikschule", "Claudia Reinholz",
        "konzert@musikschule-sennestadt.example.org", "nonprofit", 90, SATURDAY, "10:00",
        "14:00", "confirmed", 330, "11:45", 48, organisation="Musikschule Sennestadt e. V.",
        from_days=30,
    ),
    past_request(
        SENNESTADT, "gruppen-und-bewegungsraum", "Yoga für Schwangere", "Miriam Koch",
        "m.koch@example.org", "commercial", 10, TUESDAY, "10:00", "11:30", "confirmed", 275,
        "08:20", 21, weeks=6,
    ),
    past_request(
        SENNESTADT, "cafe-mit-kueche", "Interkulturelles Frühstück", "Leyla Arslan",
        "l.arslan@example.org", "nonprofit", 30, SATURDAY, "10:00", "13:00", "confirmed", 230,
        "19:10", 40, organisation="Migrantinnenverein Sennestadt",
    ),
    past_request(
        SENNESTADT, "grosser-saal", "Bürgerversammlung Sennestadt-Nord", "Ralf Dreier",
        "r.dreier@bielefeld.example.org", "public_body", 100, WEDNESDAY, "15:00", "18:00",
        "confirmed", 185, "10:50", 2, organisation="Bezirksamt Sennestadt",
    ),
    past_request(
        SENNESTADT, "cafe-mit-kueche", "Geburtstagsfeier", "Sandra Klein",
        "sandra.klein@example.org", "volunteer", 30, SATURDAY, "10:00", "14:00", "cancelled",
        140, "21:30", 30, volunteer_confirmed=True,
    ),
    past_request(
        SENNESTADT, "gruppen-und-bewegungsraum", "Selbstverteidigung für Mädchen",
        "Nina Herrmann", "n.herrmann@example.org", "nonprofit", 14, THURSDAY, "15:00", "17:00",
        "expired", 110, "16:40", organisation="Mädchentreff Sennestadt",
    ),
    past_request(
        SENNESTADT, "grosser-saal", "Repair-Café", "Uwe Brinkmann",
        "repaircafe-sennestadt@example.org", "nonprofit", 40, SATURDAY, "10:00", "14:00",
        "confirmed", 75, "14:05", 5, organisation="Repair-Café Sennestadt",
    ),
]
# fmt: on


def past_request_rows():
    """The fields of each past request, oldest first."""
    return sorted(PAST_REQUESTS, key=lambda row: -row["made_days_ago"])


def working_moment(moment):
    """``moment``, or the next time staff look at the requests (a weekday,
    08:00–17:00 local time)."""
    local = moment.astimezone(local_zone())
    if local.hour >= 17:
        local = datetime.combine(local.date() + timedelta(days=1), time(9, local.minute % 50))
    elif local.hour < 8:
        local = datetime.combine(local.date(), time(8, 10 + local.minute % 40))
    day = local.date()
    while day.weekday() >= SATURDAY:
        day += timedelta(days=1)
    return datetime.combine(day, local.time(), tzinfo=local_zone())


# --------------------------------------------------------------------------
# Visitor counts
# --------------------------------------------------------------------------

#: (centre slug, offer slug) -> usual visitors of a date.
COUNTED_OFFERS = {
    (HUETTENSTRASSE, "deutsch-im-alltag"): 11,
    (HUETTENSTRASSE, "frauenkurs"): 9,
    (HUETTENSTRASSE, "bewerbungshilfe"): 5,
    (HUETTENSTRASSE, "fussball-im-quartier"): 17,
    (STADTHAUS, "stadthaus-cafe"): 22,
    (STADTHAUS, "cafe-top"): 26,
    (STADTHAUS, "seniorentreff-laatzen-mitte"): 15,
    (STADTHAUS, "marktplatzzwerge"): 9,
    (STADTHAUS, "chorprobe"): 18,
}

#: Offers outdoors or with children come less in some months: month -> factor.
SEASONS = {
    "fussball-im-quartier": {12: 0.5, 1: 0.4, 2: 0.5, 5: 1.2, 6: 1.3, 9: 1.2},
    "marktplatzzwerge": {7: 0.6, 8: 0.6},
    "stadthaus-cafe": {7: 0.8, 8: 0.8, 12: 1.2},
}

#: Whole-house days: (centre slug, month, weekday, nth weekday of the month,
#: visitors, note).
EVENT_DAYS = [
    (HUETTENSTRASSE, 6, SATURDAY, 1, 240, "Nachbarschaftsfest Hüttenstraße"),
    (HUETTENSTRASSE, 9, FRIDAY, 4, 85, "Interkulturelle Woche: Abend der Begegnung"),
    (HUETTENSTRASSE, 12, SATURDAY, 2, 120, "Winterfest im Quartier"),
    (HUETTENSTRASSE, 3, SATURDAY, 3, 60, "Frühjahrsputz und Mitmach-Aktion"),
    (STADTHAUS, 5, SATURDAY, 2, 410, "Stadthausfest"),
    (STADTHAUS, 9, SATURDAY, 2, 180, "Tag der offenen Tür"),
    (STADTHAUS, 11, SATURDAY, 4, 260, "Adventsbasar im Stadthaus"),
    (STADTHAUS, 2, THURSDAY, 2, 95, "Ehrenamtsbörse"),
]


def nth_weekday(year, month, weekday, nth):
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def latest_event_day(month, weekday, nth, before):
    """The last ``nth`` ``weekday`` of ``month`` before ``before``."""
    for year in (before.year, before.year - 1):
        day = nth_weekday(year, month, weekday, nth)
        if day < before:
            return day
    raise AssertionError("unreachable")


def visitor_number(slug, day, usual, seed=""):
    """A plausible, repeatable number of visitors of ``slug`` on ``day``."""
    rng = random.Random(f"{slug}/{seed}/{day.isoformat()}")
    season = SEASONS.get(slug, {}).get(day.month, 1.0)
    return max(1, round(usual * season * rng.uniform(0.65, 1.35)))


def counted(slug, day):
    """Staff forget to count now and then (one date in twelve)."""
    return random.Random(f"counted/{slug}/{day.isoformat()}").random() >= 1 / 12


def visitor_counts(centres, first, last):
    """Unsaved VisitorCounts of ``centres`` (slug -> CentrePage) from ``first``
    to ``last``: the counted offers' dates that took place (from the
    occurrence store) and the whole-house event days."""
    zone = local_zone()
    counts = []
    for slug, centre in centres.items():
        offers = {
            offer.slug: offer
            for offer in OfferPage.objects.filter(
                centre=centre,
                slug__in=[offer for centre_slug, offer in COUNTED_OFFERS if centre_slug == slug],
            )
        }
        rows = (
            Occurrence.objects.filter(
                kind=Occurrence.Kind.OFFER,
                page_id__in=[offer.pk for offer in offers.values()],
                original_date__gte=first - timedelta(days=7),
                original_date__lte=last + timedelta(days=7),
            )
            .exclude(status=Occurrence.Status.CANCELLED)
            .order_by("start")
            .values_list("page_id", "start")
        )
        by_offer_day = {}
        for page_id, start in rows:
            local = start.astimezone(zone)
            if first <= local.date() <= last:
                by_offer_day.setdefault((page_id, local.date()), []).append(local.time())
        by_pk = {offer.pk: offer for offer in offers.values()}
        for (page_id, day), times in sorted(by_offer_day.items()):
            offer = by_pk[page_id]
            if not counted(offer.slug, day):
                continue
            usual = COUNTED_OFFERS[slug, offer.slug]
            for start_time in times:
                counts.append(
                    VisitorCount(
                        centre=centre,
                        date=day,
                        offer=offer,
                        start_time=start_time if len(times) > 1 else None,
                        count=visitor_number(offer.slug, day, usual, seed=start_time),
                    )
                )
        for centre_slug, month, weekday, nth, usual, note in EVENT_DAYS:
            if centre_slug != slug:
                continue
            day = latest_event_day(month, weekday, nth, last + timedelta(days=1))
            if day >= first:
                counts.append(
                    VisitorCount(
                        centre=centre,
                        date=day,
                        count=visitor_number(note, day, usual),
                        note=note,
                    )
                )
    return counts


# --------------------------------------------------------------------------
# User surveys
# --------------------------------------------------------------------------

#: centre slug -> (respondents, satisfied %, summary); the survey covers last
#: calendar year.
SURVEYS = {
    STADTHAUS: (
        142,
        88,
        "Die Besucherinnen und Besucher schätzen vor allem das Stadthaus-Café und die "
        "Beratungsangebote im Haus. Gewünscht werden längere Öffnungszeiten am Freitag und "
        "mehr Angebote für junge Familien am Nachmittag. Kritik gab es an der Akustik im "
        "Saal.",
    ),
    HUETTENSTRASSE: (
        64,
        81,
        "Der Treffpunkt ist für viele Bewohnerinnen und Bewohner des Quartiers die erste "
        "Anlaufstelle bei Fragen zu Behörden, Sprache und Arbeit. Die Sprachangebote und die "
        "Bewerbungshilfe werden besonders gut bewertet. Gewünscht werden mehr Angebote für "
        "Jugendliche und ein Beratungstermin am Abend.",
    ),
    LAATZEN_MITTE: (
        37,
        76,
        "Das Stadtteilbüro ist im Quartier bekannt; die Bürgersprechstunde wird als hilfreich "
        "erlebt. Viele wünschen sich, dass das Büro an mehr Tagen geöffnet ist.",
    ),
    SENNESTADT: (
        118,
        84,
        "Die Befragten loben die Vielfalt der Kurse und die Samstagsangebote. "
        "Verbesserungswünsche betreffen die Anmeldung zu Kursen im Internet und die "
        "Barrierefreiheit des Eingangs an der Rückseite.",
    ),
}


@dataclass
class Survey:
    slug: str
    title: str
    period_start: date
    period_end: date
    respondents: int
    satisfied_percent: int
    summary: str


def surveys(today):
    """Each centre's survey of last calendar year."""
    year = today.year - 1
    return [
        Survey(
            slug,
            f"Befragung der Besucherinnen und Besucher {year}",
            date(year, 1, 1),
            date(year, 12, 31),
            respondents,
            satisfied,
            summary,
        )
        for slug, (respondents, satisfied, summary) in SURVEYS.items()
    ]


def build_surveys(builder, index):
    for survey in surveys(builder.today):
        centre = index.get_children().filter(slug=survey.slug).first()
        if centre is None:
            continue
        if SurveyResult.objects.filter(centre_id=centre.pk, title=survey.title).exists():
            continue
        result = SurveyResult(
            centre_id=centre.pk,
            title=survey.title,
            period_start=survey.period_start,
            period_end=survey.period_end,
            respondents=survey.respondents,
            satisfied_percent=survey.satisfied_percent,
            summary=survey.summary,
        )
        result.full_clean()
        result.save()
        builder.created["survey results"] += 1


def build_visitor_counts(builder, index):
    """Visitor counts of the last twelve months for the Stadthaus and the
    Hüttenstraße, once: a centre with any count is left alone (later runs on
    later days add nothing)."""
    slugs = sorted({slug for slug, _offer in COUNTED_OFFERS})
    centres = {
        centre.slug: centre
        for centre in CentrePage.objects.filter(
            pk__in=index.get_children().filter(slug__in=slugs).values("pk")
        )
        if not VisitorCount.objects.filter(centre_id=centre.pk).exists()
    }
    if not centres:
        return
    last = builder.today - timedelta(days=1)  # today's dates are not over yet
    counts = visitor_counts(centres, builder.today - timedelta(days=HISTORY_DAYS), last)
    VisitorCount.objects.bulk_create(counts, batch_size=500)
    builder.created["visitor counts"] += len(counts)
