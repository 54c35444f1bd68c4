"""The demo content of the example site: the five seed documents brought to life.

Everything is built in code (no fixtures) by :func:`build_demo`, which the
``stadtteil_demo`` command calls. Building is idempotent: each object is looked
up by its slug (snippets, pages) or name (users) and left alone when it exists,
so a second run writes nothing.

Facts come from the seeds (Stadthaus Laatzen, Stadtteilbüro Laatzen-Mitte, the
Bielefeld centre profile, Mittelpunkt Hüttenstraße in Stadthagen, district work
in Hamm). Clubs, people, phone numbers and e-mail addresses that the seeds do
not name are invented.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import recurrence
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from home.demo_history import (
    HISTORY_DAYS,
    build_surveys,
    build_visitor_counts,
    past_request_rows,
    working_moment,
)
from home.demo_languages import build_translations
from home.models import HomePage
from wagtail_stadtteil.booking import rules, services
from wagtail_stadtteil.booking.models import BookingRequest, Notification, RoomFee
from wagtail_stadtteil.booking.rules import make_slot
from wagtail_stadtteil.centres.creation import (
    create_centre,
    create_city_group,
    create_editors_group,
    editors_group_name,
)
from wagtail_stadtteil.centres.models import (
    CentreClosure,
    CentreIndexPage,
    CentreOpeningHours,
    CentrePage,
    CentrePartner,
    CentreSectionPage,
    CentreSocialLink,
    CentreSpecialOpeningHours,
    CentreTeamMember,
    ConsultationHourPage,
    OfferPage,
    OfficeContactPerson,
    OfficePage,
    ProgrammePage,
    ProjectPage,
    YearlyGoal,
)
from wagtail_stadtteil.core.app_settings import stadtteil_settings
from wagtail_stadtteil.core.defaults import ensure_defaults
from wagtail_stadtteil.core.models import (
    District,
    DistrictIndicator,
    FundingProgramme,
    Partner,
    StadtteilSiteSettings,
    TargetGroup,
    Theme,
)
from wagtail_stadtteil.rooms.models import Room, RoomUse, RoomUseDateChange
from wagtail_stadtteil.schedules.dates import aware, local_today, local_zone
from wagtail_stadtteil.schedules.holidays import public_holidays
from wagtail_stadtteil.schedules.models import DateChangeBase, Occurrence
from wagtail_stadtteil.schedules.store import occurrence_owner_models

SITE_NAME = "Stadtteilzentren – Beispielregion"
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin"
EDITOR_PASSWORD = "demo"

Role = CentrePartner.Role
Kind = Partner.Kind
Level = District.Level


# --------------------------------------------------------------------------
# Small helpers for StreamField content (JSON-ish raw data)
# --------------------------------------------------------------------------


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def links(*items):
    """A link list; each item is (title, page_or_url, description)."""
    value = []
    for title, target, description in items:
        if isinstance(target, str):
            value.append({"title": title, "page": None, "url": target, "description": description})
        else:
            value.append({"title": title, "page": target.pk, "url": "", "description": description})
    return {"type": "links", "value": value}


def task(title, description):
    return {"type": "task", "value": {"title": title, "description": description}}


def referral(title, description, url="", phone="", page=None):
    return {
        "type": "referral",
        "value": {
            "title": title,
            "page": page.pk if page is not None else None,
            "url": url,
            "description": description,
            "phone": phone,
        },
    }


def german_slug(text):
    """A web address part with German transliteration (ü → ue, ß → ss)."""
    for char, replacement in [
        ("ä", "ae"),
        ("ö", "oe"),
        ("ü", "ue"),
        ("Ä", "Ae"),
        ("Ö", "Oe"),
        ("Ü", "Ue"),
        ("ß", "ss"),
    ]:
        text = text.replace(char, replacement)
    return slugify(text)


# --------------------------------------------------------------------------
# Dates: rules, schedules and changes to single dates (issue 3)
# --------------------------------------------------------------------------

MO, TU, WE, TH, FR, SA, SU = (
    recurrence.MO,
    recurrence.TU,
    recurrence.WE,
    recurrence.TH,
    recurrence.FR,
    recurrence.SA,
    recurrence.SU,
)
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)


def weekly(*days, interval=1, count=None):
    """Every week (or every ``interval`` weeks) on ``days``, e.g. weekly(TU, TH)."""
    rule = recurrence.Rule(recurrence.WEEKLY, interval=interval, byday=list(days), count=count)
    return recurrence.Recurrence(rrules=[rule])


def monthly(day, interval=1):
    """Every month on the nth weekday, e.g. monthly(SU(1)) for the first Sunday."""
    rule = recurrence.Rule(recurrence.MONTHLY, interval=interval, byday=[day])
    return recurrence.Recurrence(rrules=[rule])


def on_dates(*days):
    """Single dates (an event, an extra date)."""
    return recurrence.Recurrence(rdates=[date_time(day) for day in days])


def date_time(day):
    return datetime.combine(day, time.min)


def clock(value):
    return time.fromisoformat(value)


def dates(rule, start, end, room=None, starts_on=None, **fields):
    """A schedule (an offer's, a consultation hour's or a room use's), as
    keyword arguments for the concrete model."""
    return {
        "recurrence": rule,
        "start_time": clock(start),
        "end_time": clock(end),
        "room": room,
        "starts_on": starts_on,
        **fields,
    }


def cancel(day, reason):
    return {"original_date": day, "action": DateChangeBase.Action.CANCEL, "reason": reason}


def move(day, reason, new_date=None, start=None, end=None, room=None):
    return {
        "original_date": day,
        "action": DateChangeBase.Action.MOVE,
        "reason": reason,
        "new_date": new_date,
        "new_start_time": clock(start) if start else None,
        "new_end_time": clock(end) if end else None,
        "new_room": room,
    }


def opening(*ranges):
    """Regular opening hours: (weekdays, opens, closes) triples."""
    return [
        CentreOpeningHours(weekday=weekday, opens=clock(opens), closes=clock(closes))
        for weekdays, opens, closes in ranges
        for weekday in weekdays
    ]


#: Summer school holidays of Lower Saxony (Niedersächsisches Kultusministerium:
#: from a Thursday to a Wednesday six weeks later).
LOWER_SAXONY_SUMMER_HOLIDAYS = {
    2025: (date(2025, 7, 3), date(2025, 8, 13)),
    2026: (date(2026, 7, 2), date(2026, 8, 12)),
    2027: (date(2027, 7, 8), date(2027, 8, 18)),
}


def next_summer_holidays(today):
    """The Lower Saxony summer holidays that have not ended yet."""
    for year in (today.year, today.year + 1):
        first, last = LOWER_SAXONY_SUMMER_HOLIDAYS.get(year) or _usual_summer_holidays(year)
        if last >= today:
            return first, last
    raise AssertionError("unreachable")


def _usual_summer_holidays(year):
    # Years not listed: from the second Thursday of July (close enough for a demo).
    first = date(year, 7, 1) + timedelta(days=(THURSDAY - date(year, 7, 1).weekday()) % 7 + 7)
    return first, first + timedelta(days=41)


# --------------------------------------------------------------------------
# Districts (seed 004: political districts → social spaces → quarters)
# --------------------------------------------------------------------------

HAMM_DISTRICTS = [
    "Hamm-Mitte",
    "Uentrop",
    "Rhynern",
    "Pelkum",
    "Herringen",
    "Bockum-Hövel",
    "Heessen",
]

#: Hamm's nine social spaces (seed 004) and the political district each lies in.
HAMM_SOCIAL_SPACES = [
    ("Sozialraum Mitte", "Hamm-Mitte"),
    ("Sozialraum Norden", "Hamm-Mitte"),
    ("Sozialraum Westen", "Hamm-Mitte"),
    ("Sozialraum Uentrop", "Uentrop"),
    ("Sozialraum Rhynern", "Rhynern"),
    ("Sozialraum Pelkum", "Pelkum"),
    ("Sozialraum Herringen", "Herringen"),
    ("Sozialraum Bockum-Hövel", "Bockum-Hövel"),
    ("Sozialraum Heessen", "Heessen"),
]

HAMM_QUARTERS = [
    (
        "Hamm-Norden",
        "Sozialraum Norden",
        "Quartier nördlich der Innenstadt. Hier entstand in den 1990er-Jahren im Landesprogramm "
        "„Stadtteile mit besonderem Erneuerungsbedarf“ (später „Soziale Stadt“) eine der ersten "
        "Stadtteilarbeiten in Hamm.",
    ),
    (
        "Hamm-Westen",
        "Sozialraum Westen",
        "Quartier westlich der Innenstadt mit eigener Stadtteilarbeit seit den 1990er-Jahren, "
        "entstanden im Programm „Soziale Stadt“.",
    ),
    (
        "Bockum-Hövel Mitte",
        "Sozialraum Bockum-Hövel",
        "Ortskern von Bockum-Hövel rund um die Hammer Straße.",
    ),
]

#: Seed 003: project area compared with the whole city of Stadthagen.
#: (label, value in the area, value in the whole city, note)
HUETTENSTRASSE_INDICATORS = [
    (
        "Anteil Kinder (bis 14 Jahre)",
        "15",
        "12",
        "Quelle: Stadt Stadthagen. Ausländeranteil dieser Altersgruppe im Quartier: 54 %.",
    ),
    (
        "Jugendliche/junge Erwachsene (bis 26 Jahre)",
        "17",
        "15",
        "Quelle: Stadt Stadthagen. Ausländeranteil dieser Altersgruppe im Quartier: 55 %.",
    ),
    (
        "Anteil der älteren Bewohner*innen (ab 60 Jahre)",
        "26",
        "31",
        "Quelle: Stadt Stadthagen. Ausländeranteil dieser Altersgruppe im Quartier: 25 %.",
    ),
    (
        "Arbeitslose Menschen (gesamt)",
        None,
        "5",
        "Arbeitslosenzahlen zum Quartier werden statistisch nicht erfasst. Es ist davon "
        "auszugehen, dass sie wesentlich höher sind als in der Gesamtstadt, da insbesondere "
        "Geflüchtete einen eingeschränkten Zugang zum Arbeitsmarkt haben. Im Landkreis "
        "Schaumburg liegt die Arbeitslosenquote bei 5,9 Prozent (Quelle: www.komis.de).",
    ),
    (
        "Ausländische Bewohner*innen",
        "44",
        "24",
        "Quelle: Stadt Stadthagen. Genau 43,8 Prozent; im Quartier leben rund 28 Prozent aller "
        "Ausländer*innen der Kreisstadt.",
    ),
    (
        "Menschen mit Zuwanderungsgeschichte",
        "55",
        "30",
        "Der Migrationshintergrund wird von der Stadt Stadthagen statistisch nicht erfasst. "
        "Vorsichtige Schätzung gemeinsam mit dem Integrationsbeirat Stadthagen; in der "
        "Gesamtstadt liegt er wohl bei über 30 Prozent.",
    ),
    (
        "Menschen, die Transferleistungen beziehen (gesamt)",
        "70",
        None,
        "Für die Gesamtstadt liegen keine statistischen Zahlen vor. Nach vorsichtigen "
        "Schätzungen liegt der Anteil in Teilbereichen rund um die Hüttenstraße bei rund "
        "70–80 Prozent.",
    ),
]


# --------------------------------------------------------------------------
# Partners and funding programmes
# --------------------------------------------------------------------------

PARTNERS = [
    # Laatzen (seeds 000, 001)
    {
        "slug": "stadt-laatzen",
        "name": "Stadt Laatzen",
        "kind": Kind.PUBLIC_AUTHORITY,
        "description": "Die Stadt Laatzen betreibt das Stadthaus; es gehört zum Team „Kinder, "
        "Jugend, Familie, Senioren und Soziale Sicherung“.",
        "street": "Marktplatz 13",
        "postcode": "30880",
        "city": "Laatzen",
        "website": "https://www.laatzen.de",
    },
    {
        "slug": "vhs-laatzen",
        "name": "Volkshochschule Laatzen",
        "kind": Kind.EDUCATION,
        "description": "Kurse zu Sprache, Gesundheit, Beruf und digitaler Teilhabe – auch in den "
        "Räumen des Stadthauses.",
        "contact_person": "Birgit Hoffmann",
        "city": "Laatzen",
        "email": "vhs-laatzen@example.org",
    },
    {
        "slug": "familienzentrum-rethen",
        "name": "Familienzentrum Rethen",
        "kind": Kind.PUBLIC_AUTHORITY,
        "description": "Bildet zusammen mit dem Stadthaus die zentralen Standorte für "
        "Familienbildung in der Stadt Laatzen.",
        "city": "Laatzen",
    },
    {
        "slug": "awo-region-hannover",
        "name": "AWO Region Hannover e.V.",
        "kind": Kind.WELFARE,
        "description": "Migrationsberatung für Erwachsene im Initiativen- und Beratungsbüro "
        "des Stadthauses.",
        "city": "Hannover",
    },
    {
        "slug": "nachbarschaftsverein-laatzen-mitte",
        "name": "Nachbarschaftsverein Laatzen-Mitte e.V.",
        "kind": Kind.CLUB,
        "description": "Ehrenamtliche aus dem Stadtteil, die das Stadthaus-Café bewirtschaften "
        "und Nachbarschaftsfeste organisieren.",
        "contact_person": "Gerd Wiesner",
        "city": "Laatzen",
        "email": "nachbarn-laatzen@example.org",
    },
    {
        "slug": "deutsch-tuerkischer-kulturverein-laatzen",
        "name": "Deutsch-Türkischer Kulturverein Laatzen e.V.",
        "kind": Kind.MIGRANT_ORGANISATION,
        "description": (
            "Migrantenselbstorganisation; Elterncafé, Hausaufgabenhilfe und Kulturabende."
        ),
        "contact_person": "Hülya Arslan",
        "city": "Laatzen",
        "email": "dtkv-laatzen@example.org",
    },
    {
        "slug": "oekumenischer-arbeitskreis-laatzen-mitte",
        "name": "Ökumenischer Arbeitskreis Laatzen-Mitte",
        "kind": Kind.INITIATIVE,
        "description": "Initiative der Kirchengemeinden im Stadtteil; Besuchsdienst und "
        "Begegnungsnachmittage.",
        "city": "Laatzen",
    },
    {
        "slug": "seniorenbeirat-laatzen",
        "name": "Seniorenbeirat der Stadt Laatzen",
        "kind": Kind.OTHER,
        "description": "Vertritt die Interessen der älteren Einwohnerinnen und Einwohner "
        "gegenüber Rat und Verwaltung.",
        "city": "Laatzen",
    },
    {
        "slug": "chor-stimmen-am-marktplatz",
        "name": "Chor „Stimmen am Marktplatz“ e.V.",
        "kind": Kind.CLUB,
        "description": "Generationenchor aus Laatzen-Mitte; neue Stimmen sind willkommen.",
        "contact_person": "Lutz Behrens",
        "city": "Laatzen",
    },
    {
        "slug": "tsv-leinetal-laatzen",
        "name": "TSV Leinetal Laatzen e.V.",
        "kind": Kind.CLUB,
        "description": "Sportverein mit Gesundheits- und Seniorensport.",
        "city": "Laatzen",
    },
    {
        "slug": "laatzener-wochenblatt",
        "name": "Laatzener Wochenblatt (Lokalredaktion)",
        "kind": Kind.PRESS,
        "non_profit": False,
        "description": "Lokale Presse; berichtet über Veranstaltungen im Stadthaus.",
        "email": "redaktion-laatzen@example.org",
    },
    # Bielefeld (seed 002)
    {
        "slug": "stadt-bielefeld-sozialplanung",
        "name": "Stadt Bielefeld – Büro für Integrierte Sozialplanung und Prävention",
        "kind": Kind.PUBLIC_AUTHORITY,
        "description": "Plant und steuert die gesamtstädtisch geförderten Stadtteilzentren im "
        "Dialogischen Verfahren.",
        "city": "Bielefeld",
        "website": "https://www.bielefeld.de",
    },
    {
        "slug": "bezirksamt-sennestadt",
        "name": "Bezirksamt Sennestadt",
        "kind": Kind.PUBLIC_AUTHORITY,
        "description": "Bezirksamt und Geschäftsstelle der Bezirksvertretung Sennestadt.",
        "city": "Bielefeld",
    },
    {
        "slug": "nachbarschaftswerk-sennestadt",
        "name": "Nachbarschaftswerk Sennestadt e.V.",
        "kind": Kind.WELFARE,
        "description": "Gemeinnütziger Träger der Stadtteil- und Nachbarschaftsarbeit in "
        "Sennestadt; stellt die Leitung des Stadtteilzentrums.",
        "contact_person": "Miriam Schäfer",
        "street": "Reichowplatz 3",
        "postcode": "33689",
        "city": "Bielefeld",
        "email": "info@nachbarschaftswerk-sennestadt.example.org",
    },
    {
        "slug": "vhs-bielefeld",
        "name": "Volkshochschule Bielefeld",
        "kind": Kind.EDUCATION,
        "description": "Sprach- und Integrationskurse, politische Bildung im Stadtteil.",
        "city": "Bielefeld",
    },
    {
        "slug": "rege-bielefeld",
        "name": "REGE mbH",
        "kind": Kind.COMPANY,
        "non_profit": False,
        "description": "Regionale Personalentwicklungsgesellschaft; Beschäftigungs- und "
        "Qualifizierungsprojekte.",
        "city": "Bielefeld",
    },
    {
        "slug": "jobcenter-arbeitplus-bielefeld",
        "name": "Jobcenter Arbeitplus Bielefeld",
        "kind": Kind.PUBLIC_AUTHORITY,
        "description": "Beratung zu Arbeit, Ausbildung und Grundsicherung.",
        "city": "Bielefeld",
    },
    {
        "slug": "freiwilligenagentur-bielefeld",
        "name": "Freiwilligenagentur Bielefeld",
        "kind": Kind.INITIATIVE,
        "description": "Vermittelt freiwillig Engagierte und berät Vereine.",
        "city": "Bielefeld",
    },
    {
        "slug": "syrisch-deutscher-kulturverein-senne",
        "name": "Syrisch-Deutscher Kulturverein Senne e.V.",
        "kind": Kind.MIGRANT_ORGANISATION,
        "description": "Migrantenselbstorganisation: Sprachcafé, Elternarbeit und Kulturabende.",
        "contact_person": "Nour Khalil",
        "city": "Bielefeld",
        "email": "kulturverein-senne@example.org",
    },
    {
        "slug": "sv-sennestadt-sued",
        "name": "SV Sennestadt-Süd 1968 e.V.",
        "kind": Kind.CLUB,
        "description": "Breitensportverein mit Lauftreff, Kinderturnen und inklusivem Sport.",
        "city": "Bielefeld",
    },
    {
        "slug": "sozialdienst-senne",
        "name": "Sozialdienst Senne e.V.",
        "kind": Kind.WELFARE,
        "description": "Allgemeine Sozialberatung, Schuldnerberatung und Pflegeberatung.",
        "city": "Bielefeld",
    },
    {
        "slug": "sennestadt-anzeiger",
        "name": "Sennestadt-Anzeiger (Lokalredaktion)",
        "kind": Kind.PRESS,
        "non_profit": False,
        "description": "Wöchentliche Stadtteilzeitung; druckt den Veranstaltungskalender.",
        "email": "redaktion@sennestadt-anzeiger.example.org",
    },
    # Stadthagen (seed 003)
    {
        "slug": "awo-schaumburg",
        "name": "AWO Kreisverband Schaumburg e.V.",
        "kind": Kind.WELFARE,
        "description": "Träger des Projekts „Mittelpunkt Hüttenstraße – Gemeinwesenorientiertes "
        "Quartiersmanagement in der Flüchtlingssozialarbeit“.",
        "contact_person": "Stephan Hartmann",
        "street": "Rathauspassage 4",
        "postcode": "31655",
        "city": "Stadthagen",
        "phone": "+49 5721 939830",
    },
    {
        "slug": "stadt-stadthagen",
        "name": "Stadt Stadthagen",
        "kind": Kind.PUBLIC_AUTHORITY,
        "description": "Kreisstadt des Landkreises Schaumburg; sucht gemeinsam mit der AWO den "
        "Standort des Treffpunkts und stellt die Zahlen zum Quartier bereit.",
        "city": "Stadthagen",
        "website": "https://www.stadthagen.de",
    },
    {
        "slug": "integrationsbeirat-stadthagen",
        "name": "Integrationsbeirat Stadthagen",
        "kind": Kind.OTHER,
        "description": "Städtischer Integrationsbeirat; hat die Schätzung zum Anteil der "
        "Menschen mit Zuwanderungsgeschichte im Quartier mit erarbeitet.",
        "city": "Stadthagen",
    },
    {
        "slug": "kmn-schaumburg",
        "name": "Kooperative Migrationsarbeit Niedersachsen (KMN)",
        "kind": Kind.INITIATIVE,
        "description": "Regionales Netzwerk der Migrationsarbeit in Niedersachsen.",
        "city": "Stadthagen",
    },
    {
        "slug": "jobcenter-schaumburg",
        "name": "Jobcenter Schaumburg",
        "kind": Kind.PUBLIC_AUTHORITY,
        "description": "Partner bei Orientierung zu Arbeit und Ausbildung, Infoveranstaltungen "
        "für Arbeitgeber.",
        "city": "Stadthagen",
    },
    {
        "slug": "jugendberufshilfe-schaumburg",
        "name": "Jugendberufshilfe Schaumburg",
        "kind": Kind.EDUCATION,
        "description": "Begleitet junge Menschen beim Übergang von der Schule in den Beruf.",
        "city": "Stadthagen",
    },
    {
        "slug": "vhs-schaumburg",
        "name": "Volkshochschule Schaumburg",
        "kind": Kind.EDUCATION,
        "description": "Professionelle Sprach- und Integrationskurse.",
        "city": "Stadthagen",
    },
    {
        "slug": "internationaler-frauentreff-stadthagen",
        "name": "Internationaler Frauentreff Stadthagen e.V.",
        "kind": Kind.MIGRANT_ORGANISATION,
        "description": "Selbstorganisation von Frauen aus Syrien, Afghanistan, der Türkei und "
        "Russland.",
        "contact_person": "Shirin Rahimi",
        "city": "Stadthagen",
        "email": "frauentreff-stadthagen@example.org",
    },
    {
        "slug": "vfl-stadthagen-nord",
        "name": "VfL Stadthagen-Nord e.V.",
        "kind": Kind.CLUB,
        "description": "Fußball- und Freizeitsportverein aus dem Quartier.",
        "city": "Stadthagen",
    },
    {
        "slug": "schaumburger-wochenschau",
        "name": "Schaumburger Wochenschau (Lokalredaktion)",
        "kind": Kind.PRESS,
        "non_profit": False,
        "description": "Lokale Presse im Landkreis Schaumburg.",
        "email": "redaktion@wochenschau.example.org",
    },
]

FUNDING_PROGRAMMES = [
    {
        "slug": "sozialer-zusammenhalt",
        "name": "Sozialer Zusammenhalt",
        "funder": "Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen und die Länder",
        "funder_level": FundingProgramme.FunderLevel.FEDERAL,
        "description": "Bund-Länder-Programm der Städtebauförderung „Sozialer Zusammenhalt – "
        "Zusammenleben im Quartier gemeinsam gestalten“, bis 2019 „Soziale Stadt“ "
        "(„Stadtteile mit besonderem Entwicklungsbedarf“). Der Zentrumsbereich von "
        "Laatzen-Mitte wurde 2004 unter dem Titel „Laatzen-Mitte wird top“ in das "
        "Programm aufgenommen.",
        "funding_notice": "Gefördert im Rahmen des Bund-Länder-Programms der Städtebauförderung "
        "„Sozialer Zusammenhalt“ (vormals „Soziale Stadt“) durch den Bund, das "
        "Land Niedersachsen und die Stadt Laatzen.",
        "website": "https://www.staedtebaufoerderung.info",
    },
    {
        "slug": "gute-nachbarschaft",
        "name": "Gute Nachbarschaft",
        "funder": "Land Niedersachsen",
        "funder_level": FundingProgramme.FunderLevel.STATE,
        "description": "Landesprogramm zur Stärkung des sozialen Zusammenhalts und der "
        "Integration in Quartieren mit besonderem Entwicklungsbedarf – auch "
        "außerhalb der Gebiete der Städtebauförderung.",
        "funding_notice": "Das Projekt „Mittelpunkt Hüttenstraße“ wird vom Land Niedersachsen im "
        "Rahmen des Programms „Gute Nachbarschaft“ gefördert.",
    },
    {
        "slug": "stadtteilzentren-bielefeld",
        "name": "Förderung der Stadtteilzentren Bielefeld",
        "funder": "Stadt Bielefeld, Dezernat Soziales",
        "funder_level": FundingProgramme.FunderLevel.MUNICIPAL,
        "starts_on": date(2022, 1, 1),
        "description": "Gesamtstädtische Förderung von Stadtteilzentren nach dem Profil "
        "„Stadtteilzentrum“: Leitung und Koordination, Verwaltungskraft, "
        "Honorar- und Sachmittel.",
        "funding_notice": "Gefördert von der Stadt Bielefeld als gesamtstädtisch gefördertes "
        "Stadtteilzentrum.",
    },
]


# --------------------------------------------------------------------------
# Room booking: rules, fee tables and requests in every state
# --------------------------------------------------------------------------

#: Booking rules of Gruppenraum 2 in the Stadthaus: it confirms requests that
#: keep every rule at once, without a staff decision.
GRUPPENRAUM_2_BOOKING = {
    "publicly_bookable": True,
    "buffer_after": 15,
    "min_duration": 60,
    "max_duration": 240,
    "confirms_instantly": True,
}

#: Booking rules of the Treffraum in the Hüttenstraße: groups use it in the
#: evening and at weekends on their own, opening and closing the house
#: themselves (seed 002), so it is bookable outside the opening hours.
TREFFRAUM_BOOKING = {
    "publicly_bookable": True,
    "buffer_after": 30,
    "min_duration": 120,
    "max_duration": 360,
    "min_notice_hours": 72,
    "start_interval": 60,
    "outside_opening_hours": True,
    "bookable_from": time(8, 0),
    "bookable_until": time(22, 0),
}

#: Booking rules added to rooms of a demo built before booking existed:
#: (centre slug, room slug) -> fields.
LATER_BOOKING_RULES = {
    ("stadthaus-laatzen", "gruppenraum-2"): {"confirms_instantly": True},
    ("mittelpunkt-huettenstrasse", "treffraum"): {
        name: TREFFRAUM_BOOKING[name]
        for name in ["outside_opening_hours", "bookable_from", "bookable_until"]
    },
}

#: Fee tables (seed 000: the city's rule for letting its rooms; seed 002: room
#: rental to residents): (centre slug, room slug) -> rows of (requester kind,
#: allowed, per started hour, per day, note). Kinds without a row follow the
#: site's defaults.
FEE_TABLES = {
    ("stadthaus-laatzen", "saal"): [
        (
            "nonprofit",
            True,
            None,
            None,
            "Laatzener Vereine und Initiativen mit gemeinwohlorientierten Veranstaltungen "
            "nutzen den Saal kostenfrei.",
        ),
        ("public_body", True, None, None, ""),
        (
            "volunteer",
            True,
            None,
            None,
            "Private Feiern nur für Ehrenamtliche, die seit mehr als einem Jahr regelmäßig im "
            "Stadthaus mitarbeiten.",
        ),
        ("private", False, None, None, ""),
        (
            "commercial",
            True,
            Decimal("25.00"),
            Decimal("150.00"),
            "Nutzungspauschale nach der Richtlinie der Stadt Laatzen für die Überlassung "
            "städtischer Räumlichkeiten.",
        ),
    ],
    ("mittelpunkt-huettenstrasse", "treffraum"): [
        (
            "private",
            True,
            None,
            Decimal("30.00"),
            "Für Familienfeiern von Anwohner*innen. Den Schlüssel gibt es im Büro.",
        ),
        ("commercial", False, None, None, ""),
    ],
}


@dataclass(frozen=True)
class DemoRequest:
    """A room request of the demo, made through the booking workflow and
    brought to ``outcome``: "requested", "confirmed", "declined",
    "cancelled" (by the requester, after confirmation), "expired" (made
    ``made_days_ago`` days ago and never decided) or "instant" (the room
    confirms by itself). Its dates are the first free ones on ``weekday``
    from ``from_days`` days ahead; ``weeks`` > 1 is a weekly series.

    A request of the demo's history (``made_time`` set) was made at that
    local time ``made_days_ago`` days ago and decided
    ``decided_after_hours`` later (at the next working hour); the others
    are decided now."""

    centre: str
    room: str
    purpose: str
    contact_name: str
    email: str
    requester_kind: str
    attendees: int
    weekday: int
    start: str
    end: str
    outcome: str
    organisation: str = ""
    phone: str = ""
    message: str = ""
    decision_message: str = ""
    weeks: int = 1
    volunteer_confirmed: bool = False
    language: str = "de"
    from_days: int = 10
    made_days_ago: int = 0
    made_time: str = ""
    decided_after_hours: float = 0


#: The last twelve months' requests first (demo_history), then decided
#: requests: the undecided ones then find times still free.
DEMO_REQUESTS = [
    *(DemoRequest(**row) for row in past_request_rows()),
    DemoRequest(
        "stadthaus-laatzen",
        "saal",
        "Informationsabend „Solarstrom fürs eigene Dach“",
        "Thomas Berger",
        "t.berger@sonnenstrom-leine.example.org",
        "commercial",
        60,
        WEDNESDAY,
        "14:00",
        "17:00",
        "confirmed",
        organisation="Sonnenstrom Leine GmbH",
        phone="0511 7654321",
        message="Wir bringen eigene Technik mit und brauchen nur Strom und die Leinwand.",
        decision_message="Bitte melden Sie sich eine halbe Stunde vorher am Empfang. Die "
        "Nutzungspauschale stellen wir Ihnen nach der Veranstaltung in Rechnung.",
    ),
    DemoRequest(
        "stadthaus-laatzen",
        "gruppenraum-1",
        "Deutsch-Lerngruppe für Eltern",
        "Maria Lehmann",
        "m.lehmann@example.org",
        "nonprofit",
        12,
        WEDNESDAY,
        "10:00",
        "11:30",
        "confirmed",
        organisation="Ökumenischer Arbeitskreis Laatzen-Mitte",
        weeks=8,
        message="Acht Wochen lang jeden Mittwoch; Kinderbetreuung organisieren wir selbst.",
        decision_message="Der Schlüssel für den Materialschrank liegt am Empfang.",
    ),
    DemoRequest(
        "stadthaus-laatzen",
        "gruppenraum-2",
        "Treffen des Elternbeirats der Kita am Marktplatz",
        "Sven Krüger",
        "elternbeirat.kita-marktplatz@example.org",
        "nonprofit",
        8,
        TUESDAY,
        "16:00",
        "17:30",
        "instant",
        organisation="Elternbeirat Kita am Marktplatz",
    ),
    DemoRequest(
        "stadthaus-laatzen",
        "saal",
        "Verkaufsveranstaltung Haushaltswaren",
        "Frank Meyer",
        "vertrieb@vital-und-co.example.org",
        "commercial",
        50,
        THURSDAY,
        "10:00",
        "13:00",
        "declined",
        organisation="Vital & Co. Vertrieb",
        decision_message="Verkaufsveranstaltungen können wir im Stadthaus nach der Hausordnung "
        "leider nicht zulassen.",
    ),
    DemoRequest(
        "stadthaus-laatzen",
        "kueche",
        "Kochtreff „Rezepte aus aller Welt“",
        "Nadia Rahimi",
        "n.rahimi@example.org",
        "nonprofit",
        10,
        THURSDAY,
        "10:00",
        "13:00",
        "cancelled",
        organisation="Internationaler Frauentreff Laatzen",
    ),
    DemoRequest(
        "stadthaus-laatzen",
        "gruppenraum-1",
        "Probe der Theatergruppe „Spielwiese“",
        "Lukas Brandt",
        "theater.spielwiese@example.org",
        "nonprofit",
        10,
        TUESDAY,
        "10:00",
        "12:00",
        "expired",
        made_days_ago=21,
        from_days=28,  # still ahead: nobody decided within two weeks
    ),
    DemoRequest(
        "mittelpunkt-huettenstrasse",
        "treffraum",
        "Familienfeier zur Taufe",
        "Emine Yılmaz",
        "emine.yilmaz@example.org",
        "private",
        25,
        SATURDAY,
        "15:00",
        "21:00",
        "confirmed",
        phone="05721 998877",
        message="Wir räumen selbst auf und bringen das Geschirr zurück.",
        decision_message="Schlüsselübergabe am Freitag vorher bis 17 Uhr im Büro.",
    ),
    DemoRequest(
        "mittelpunkt-huettenstrasse",
        "treffraum",
        "Nachbarschaftschor – Probe in Eigenregie",
        "Peter Wolf",
        "chor.huettenstrasse@example.org",
        "nonprofit",
        18,
        TUESDAY,
        "19:00",
        "21:00",
        "confirmed",
        organisation="Nachbarschaftschor Hüttenstraße",
        weeks=6,
        message="Wir schließen selbst auf und ab.",
    ),
    DemoRequest(
        "stadthaus-laatzen",
        "saal",
        "Feier zum 70. Geburtstag",
        "Gisela Hoffmann",
        "gisela.hoffmann@example.org",
        "volunteer",
        40,
        FRIDAY,
        "10:00",
        "14:00",
        "requested",
        volunteer_confirmed=True,
        message="Ich helfe seit drei Jahren im Stadthaus-Café mit.",
        from_days=21,
    ),
    DemoRequest(
        "stadthaus-laatzen",
        "gruppenraum-1",
        "Vorstandssitzung",
        "Ayşe Demir",
        "vorstand@nachbarschaftsverein-laatzen.example.org",
        "nonprofit",
        9,
        MONDAY,
        "16:00",
        "18:00",
        "requested",
        organisation="Nachbarschaftsverein Laatzen-Mitte",
        phone="0511 123456",
    ),
    DemoRequest(
        "stadthaus-laatzen",
        "gruppenraum-1",
        "International parents' meetup",
        "Grace Okafor",
        "grace.okafor@example.org",
        "nonprofit",
        15,
        THURSDAY,
        "10:00",
        "12:00",
        "requested",
        organisation="Parents' Network Laatzen",
        message="We would like to meet every month if this works well.",
        language="en",
    ),
]


# --------------------------------------------------------------------------
# Accounts
# --------------------------------------------------------------------------

#: (username, first name, last name, slug of the centre whose group they join)
EDITORS = [
    ("redaktion-laatzen", "Petra", "Neumann", "stadthaus-laatzen"),
    ("redaktion-laatzen-mitte", "Jonas", "Weber", "stadtteilbuero-laatzen-mitte"),
    ("redaktion-sennestadt", "Derya", "Kaya", "stadtteilzentrum-sennestadt"),
    ("redaktion-huettenstrasse", "Lena", "Vogt", "mittelpunkt-huettenstrasse"),
]

#: The city-level account: shared data and every centre's rooms, read-only.
CITY_USER = ("stadt", "Sabine", "Krüger")


@dataclass
class DemoResult:
    site: Site
    home: HomePage
    created: Counter = field(default_factory=Counter)
    #: (username, password, centre title or "")
    logins: list = field(default_factory=list)

    @property
    def changed(self):
        return any(self.created.values())


class DemoBuilder:
    """Builds the demo step by step; every step skips what already exists."""

    def __init__(self, base_url=None):
        self.base_url = base_url
        self.created = Counter()
        self.locale = Locale.get_default()
        self.themes = {}
        self.target_groups = {}
        self.partners = {}
        self.programmes = {}
        self.districts = {}
        # Dates are relative to the day the demo is first built; later runs
        # find the rows and leave them alone.
        self.today = local_today()
        # The demo's history (past dates in the store, past requests, visitor
        # counts) goes back a year; schedules start a week before.
        self.history_start = self.today - timedelta(days=HISTORY_DAYS)

    # -- generic get-or-create helpers ----------------------------------------

    def snippet(self, model, slug, **fields):
        instance = model.objects.filter(locale=self.locale, slug=slug).first()
        if instance is not None:
            return instance
        instance = model(locale=self.locale, slug=slug, **fields)
        instance.full_clean()
        instance.save()
        self.created["snippets"] += 1
        return instance

    def page(self, parent, model, title, slug=None, **fields):
        """The child of ``parent`` with ``slug``; created and published when missing."""
        slug = slug or german_slug(title)
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return self.complete_dates(existing.specific, fields)
        page = model(title=title, slug=slug, **self.resolve(self.with_dates(model, fields)))
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created["pages"] += 1
        return page

    def with_dates(self, model, fields):
        """``schedules`` and ``date_changes`` (from :func:`dates`, :func:`cancel`,
        :func:`move`) as rows of ``model``'s own inline models."""
        fields = dict(fields)
        for name in ["schedules", "date_changes"]:
            if name in fields:
                row_model = model._meta.get_field(name).related_model
                fields[name] = [row_model(**self.dated(row)) for row in fields[name]]
        return fields

    def dated(self, row):
        row = dict(row)
        if "starts_on" in row and row["starts_on"] is None:
            row["starts_on"] = self.history_start - timedelta(weeks=1)
        return row

    def complete_dates(self, page, fields):
        """An existing demo page gets its dates once (demos built before the
        schedules existed); a page that has any is left as it is."""
        if "schedules" not in fields or page.schedules.exists():
            return page
        for name, rows in self.with_dates(type(page), fields).items():
            if name in ("schedules", "date_changes"):
                setattr(page, name, rows)
        page.save_revision().publish()
        self.created["dates"] += 1
        return page

    def resolve(self, fields):
        """Turn slugs in page fields into the snippets they name."""
        fields = dict(fields)
        for name, lookup in [
            ("themes", self.themes),
            ("target_groups", self.target_groups),
            ("funding_programmes", self.programmes),
        ]:
            if name in fields:
                fields[name] = [lookup[slug] for slug in fields[name]]
        for name in ["provider", "organisation", "responsible_organisation", "operator"]:
            if isinstance(fields.get(name), str):
                fields[name] = self.partners[fields[name]]
        if isinstance(fields.get("district"), str):
            fields["district"] = self.districts[fields["district"]]
        if "partner_roles" in fields:
            fields["partner_roles"] = [
                CentrePartner(partner=self.partners[slug], role=role, note=note)
                for slug, role, note in fields["partner_roles"]
            ]
        return fields

    def centre(self, index, title, slug, kind, **fields):
        """A centre with its sections and editors' group (stadtteil's create_centre)."""
        existing = index.get_children().filter(slug=slug).first()
        if existing is not None:
            centre = existing.specific
            sections = list(centre.get_children().type(CentreSectionPage).specific())
            self.complete_opening_hours(centre, fields)
        else:
            created = create_centre(
                title, parent=index, kind=kind, slug=slug, **self.resolve(fields)
            )
            centre, sections = created.centre, created.sections
            self.created["pages"] += 1 + len(created.sections)
            self.created["groups"] += 1
        # The standard sections: "Angebote" first, "Beratung" second.
        offers = sections[0] if sections else centre
        counselling = sections[1] if len(sections) > 1 else offers
        return centre, offers, counselling

    def complete_opening_hours(self, centre, fields):
        """An existing demo centre without opening hours gets them, its closures
        and its state's public holidays once."""
        if "opening_hours" not in fields or centre.opening_hours.exists():
            return
        for name in ["opening_hours", "special_opening_hours", "closures"]:
            if name in fields:
                setattr(centre, name, fields[name])
        centre.holiday_state = centre.holiday_state or fields.get("holiday_state", "")
        centre.save_revision().publish()
        self.created["opening hours"] += 1

    def rooms(self, centre, *rooms):
        """The centre's rooms by slug; each one created when missing."""
        found = {}
        for fields in rooms:
            fields = dict(fields)
            slug = german_slug(fields["name"])
            room = Room.objects.filter(centre=centre, slug=slug).first()
            if room is None:
                room = Room(centre=centre, slug=slug, **fields)
                room.full_clean()
                room.save()
                self.created["rooms"] += 1
            found[slug] = room
        return found

    def room_use(self, room, title, schedule, changes=(), **fields):
        """A group's regular use of ``room`` (Raumbelegung), created when missing."""
        if RoomUse.objects.filter(room=room, title=title).exists():
            return
        schedule = self.dated(schedule)
        schedule.pop("room")
        use = RoomUse(room=room, title=title, **schedule, **fields)
        use.date_changes = [RoomUseDateChange(**change) for change in changes]
        use.full_clean()
        use.save()
        self.created["room uses"] += 1

    def upcoming(self, weekday, weeks=0):
        """The first ``weekday`` (0 = Monday) at least ``weeks`` weeks from today
        that is an ordinary working week (no public holiday, not between the
        years, not in the summer holidays), so that the demo's cancelled and
        moved dates are not hidden by a closure."""
        day = self.today + timedelta(weeks=weeks)
        day += timedelta(days=(weekday - day.weekday()) % 7)
        summer = next_summer_holidays(self.today)
        while (
            public_holidays("NI", day, day + timedelta(days=1))
            or public_holidays("NW", day, day + timedelta(days=1))
            or (day.month, day.day) >= (12, 20)
            or (day.month, day.day) <= (1, 6)
            or summer[0] <= day <= summer[1]
        ):
            day += timedelta(weeks=1)
        return day

    # -- the build -------------------------------------------------------------

    def build(self):
        result = ensure_defaults(self.locale)
        self.created["snippets"] += result.created
        self.themes = {t.slug: t for t in Theme.objects.filter(locale=self.locale)}
        self.target_groups = {g.slug: g for g in TargetGroup.objects.filter(locale=self.locale)}
        self.build_districts()
        self.build_partners()
        site, home = self.build_site()
        index = self.page(
            home,
            CentreIndexPage,
            "Stadtteilzentren",
            slug="stadtteilzentren",
            show_in_menus=True,
            intro="Stadthäuser, Stadtteilbüros und Nachbarschaftstreffpunkte in Laatzen, "
            "Bielefeld-Sennestadt und Stadthagen – offen für alle Menschen im Stadtteil.",
        )
        programme = self.page(
            home,
            ProgrammePage,
            "Programm",
            slug="programm",
            show_in_menus=True,
            intro="Alle Angebote der Stadtteilzentren: Gruppen, Kurse, offene Treffs und "
            "Veranstaltungen – nach Thema, Zielgruppe, Sprache, Kosten und "
            "Barrierefreiheit filterbar.",
        )
        self.build_site_settings(site)
        stadthaus = self.build_stadthaus_laatzen(index)
        self.build_stadtteilbuero_laatzen_mitte(index, stadthaus)
        self.build_sennestadt(index, programme)
        self.build_huettenstrasse(index)
        logins = self.build_accounts(index)
        filled = self.fill_history()
        self.build_booking_rules(index)
        self.build_bookings(index)
        build_translations(self, home, [index, programme], stadthaus)
        build_visitor_counts(self, index)
        build_surveys(self, index)
        if any(self.created.values()) and not filled:
            self.fill_this_week()
        return DemoResult(site=site, home=home, created=self.created, logins=logins)

    def fill_this_week(self):
        """Calendars open at the current week. The store holds dates from the
        day a schedule is saved on, so write this week's earlier days too."""
        monday = self.today - timedelta(days=self.today.weekday())
        if monday < self.today:
            self.refresh_store(monday)

    def fill_history(self):
        """The reports read the past from the store, which holds dates from
        the day a schedule is saved on: write the last year's too (before the
        past room requests, which are checked against it). Only when the demo
        was just built or changed, or the store has no past yet (a demo built
        before the history existed); returns whether it wrote."""
        has_past = Occurrence.objects.filter(
            original_date__lte=self.history_start + timedelta(weeks=1)
        ).exists()
        if has_past and not any(self.created.values()):
            return False
        self.refresh_store(self.history_start)
        return True

    def refresh_store(self, first):
        """Rewrite every owner's rows in the store from ``first`` (bookings
        write all their dates whenever they change, so they are left out)."""
        for model in occurrence_owner_models():
            if model is BookingRequest:
                continue
            for owner in model.occurrence_owners():
                owner.refresh_occurrences(first)

    # -- room booking ------------------------------------------------------------

    def demo_room(self, index, centre_slug, room_slug):
        centre = index.get_children().filter(slug=centre_slug).first()
        if centre is None:
            return None
        return Room.objects.filter(centre_id=centre.pk, slug=room_slug).first()

    def build_booking_rules(self, index):
        """Fee tables, and the booking rules of rooms from a demo built before
        booking existed (once: a room with requests keeps what it has)."""
        for (centre_slug, room_slug), fields in LATER_BOOKING_RULES.items():
            room = self.demo_room(index, centre_slug, room_slug)
            if room is None or room.booking_requests.exists():
                continue
            changed = {
                name: value for name, value in fields.items() if getattr(room, name) != value
            }
            if changed:
                for name, value in changed.items():
                    setattr(room, name, value)
                room.full_clean()
                room.save(update_fields=list(changed))
                self.created["booking rules"] += 1
        for (centre_slug, room_slug), rows in FEE_TABLES.items():
            room = self.demo_room(index, centre_slug, room_slug)
            if room is None:
                continue
            present = set(room.fees.values_list("requester_kind", flat=True))
            for order, (kind, allowed, hourly, daily, note) in enumerate(rows):
                if kind in present:
                    continue
                RoomFee.objects.create(
                    room=room,
                    sort_order=order,
                    requester_kind=kind,
                    allowed=allowed,
                    hourly_rate=hourly,
                    daily_rate=daily,
                    note=note,
                )
                self.created["fees"] += 1

    def build_bookings(self, index):
        """Room requests in every state, made through the booking workflow
        (``booking.services``), so they keep the rules like any request. A
        request already there (same room, email and purpose) is left alone;
        one for which no free time is found is left out."""
        deciders = {
            centre_slug: get_user_model().objects.filter(username=username).first()
            for username, _first, _last, centre_slug in EDITORS
        }
        made = []
        for wanted in DEMO_REQUESTS:
            booking = self.demo_request(index, wanted, deciders.get(wanted.centre))
            if booking is not None:
                made.append(booking)
                self.created["booking requests"] += 1
        if made:
            # Nobody receives the demo's mails (the addresses are invented):
            # they count as sent, so none goes out and no mail server is needed.
            Notification.objects.filter(
                request__in=made, status=Notification.Status.PENDING
            ).update(status=Notification.Status.SENT, sent_at=timezone.now(), attempts=1)

    def demo_request(self, index, wanted, decider):
        room = self.demo_room(index, wanted.centre, wanted.room)
        if room is None:
            return None
        if BookingRequest.objects.filter(
            room=room, email=wanted.email, purpose=wanted.purpose
        ).exists():
            return None
        if wanted.made_time:
            made_at = aware(
                self.today - timedelta(days=wanted.made_days_ago), clock(wanted.made_time)
            )
        else:
            made_at = timezone.now() - timedelta(days=wanted.made_days_ago)
        slots = self.free_slots(room, wanted, made_at)
        if slots is None:
            return None
        decided_at = self.decision_moment(wanted, made_at, slots)
        requester = services.Requester(
            requester_kind=wanted.requester_kind,
            contact_name=wanted.contact_name,
            email=wanted.email,
            organisation=wanted.organisation,
            phone=wanted.phone,
            volunteer_confirmed=wanted.volunteer_confirmed,
        )
        try:
            with transaction.atomic():
                booking = services.submit(
                    room,
                    slots,
                    requester,
                    purpose=wanted.purpose,
                    attendees=wanted.attendees,
                    message=wanted.message,
                    now=made_at,
                    language=wanted.language,
                )
                if wanted.outcome in ("confirmed", "cancelled"):
                    booking = services.confirm(
                        booking, user=decider, message=wanted.decision_message, now=decided_at
                    )
                if wanted.outcome == "cancelled":
                    cancelled_at = None
                    if decided_at is not None:  # halfway to the first date
                        cancelled_at = decided_at + (booking.first_start - decided_at) / 2
                    booking = services.cancel(booking, by_requester=True, now=cancelled_at)
                elif wanted.outcome == "declined":
                    booking = services.decline(
                        booking, user=decider, message=wanted.decision_message, now=decided_at
                    )
                elif wanted.outcome == "expired":
                    services.expire_overdue(now=self.expiry_moment(made_at, slots, decided_at))
        except (services.BookingRefused, services.InvalidTransition):
            return None
        return booking

    @staticmethod
    def decision_moment(wanted, made_at, slots):
        """When staff decided a request of the history (None: now), before
        its first date."""
        if not wanted.made_time:
            return None
        decided = working_moment(made_at + timedelta(hours=wanted.decided_after_hours))
        if decided >= slots[0].start - timedelta(hours=1):
            decided = made_at + (slots[0].start - made_at) / 2
        return min(decided, timezone.now())

    @staticmethod
    def expiry_moment(made_at, slots, decided_at):
        """When the daily run found a request of the history overdue (None:
        now): after EXPIRE_AFTER_DAYS, or when its first date began."""
        if decided_at is None:
            return None
        days = stadtteil_settings.BOOKING["EXPIRE_AFTER_DAYS"]
        due = made_at + timedelta(days=days, hours=1)
        return min(due, slots[0].start, timezone.now())

    def free_slots(self, room, wanted, made_at):
        """The first dates, from ``wanted.from_days`` days after ``made_at`` on,
        that keep every rule of ``room`` (a series: all its weeks); None when
        the room's advance holds none. The wanted weekday and time come first;
        when the room is busy then, an hour or two earlier or later, then
        another weekday."""
        today = made_at.astimezone(local_zone()).date()
        first = today + timedelta(days=wanted.from_days)
        last = today + timedelta(days=room.max_advance_days)
        start, end = clock(wanted.start), clock(wanted.end)
        length = datetime.combine(today, end) - datetime.combine(today, start)
        weekdays = [wanted.weekday] + [d for d in range(SUNDAY) if d != wanted.weekday]
        for weekday in weekdays:
            day = first + timedelta(days=(weekday - first.weekday()) % 7)
            while day + timedelta(weeks=wanted.weeks - 1) <= last:
                for shift in (0, 1, -1, 2, -2, 3, -3):
                    begins = datetime.combine(day, start) + timedelta(hours=shift)
                    if begins.date() != day or (begins + length).date() != day:
                        continue
                    slots = self.series(day, begins.time(), (begins + length).time(), wanted)
                    if slots and not rules.check_request(
                        room,
                        slots,
                        attendees=wanted.attendees,
                        requester_kind=wanted.requester_kind,
                        volunteer_confirmed=wanted.volunteer_confirmed,
                        now=made_at,
                    ):
                        return slots
                day += timedelta(weeks=1)
        return None

    @staticmethod
    def series(day, start, end, wanted):
        """The slots of ``wanted.weeks`` weekly dates from ``day``; None when
        one of them falls into the hour the clocks skip."""
        try:
            return [
                make_slot(day + timedelta(weeks=week), start, end) for week in range(wanted.weeks)
            ]
        except ValueError:
            return None

    # -- snippets ---------------------------------------------------------------

    def district(self, name, level, parent=None, slug=None, **fields):
        slug = slug or german_slug(name)
        instance = self.snippet(District, slug, name=name, level=level, parent=parent, **fields)
        self.districts[slug] = instance
        return instance

    def build_districts(self):
        Q = Level.QUARTER
        # Hamm (seed 004): seven political districts, nine social spaces, quarters.
        hamm = {}
        for name in HAMM_DISTRICTS:
            slug = german_slug(name if name.startswith("Hamm") else f"hamm-{name}")
            hamm[name] = self.district(
                name,
                Level.POLITICAL_DISTRICT,
                slug=slug,
                description=f"Politischer Stadtbezirk {name} der Stadt Hamm.",
            )
        spaces = {}
        for name, district_name in HAMM_SOCIAL_SPACES:
            spaces[name] = self.district(
                name,
                Level.SOCIAL_SPACE,
                parent=hamm[district_name],
                slug=german_slug(f"hamm-{name}"),
                description=f"Sozialraum im Stadtbezirk {district_name}. Stadtteilzentren "
                "stehen in den Sozialräumen; die Arbeit hier ist Stadtteilarbeit.",
            )
        for name, space_name, description in HAMM_QUARTERS:
            self.district(name, Q, parent=spaces[space_name], description=description)

        # Laatzen (seeds 000, 001)
        laatzen = self.district(
            "Laatzen",
            Level.POLITICAL_DISTRICT,
            description="Stadt in der Region Hannover mit den Ortsteilen Laatzen-Mitte, "
            "Alt-Laatzen, Grasdorf, Rethen, Gleidingen und Ingeln-Oesselse.",
        )
        self.district(
            "Laatzen-Mitte",
            Q,
            parent=laatzen,
            description="Zentrum von Laatzen rund um Marktplatz und Leine-Center. Seit 2004 "
            "Programmgebiet „Laatzen-Mitte wird top“ im Bund-Länder-Programm "
            "„Soziale Stadt“ (heute „Sozialer Zusammenhalt“).",
        )

        # Bielefeld (seed 002)
        self.district(
            "Sennestadt",
            Level.POLITICAL_DISTRICT,
            slug="bielefeld-sennestadt",
            description="Stadtbezirk im Süden von Bielefeld; in den 1950er- und 1960er-Jahren "
            "nach den Plänen von Hans Bernhard Reichow als „Stadt im Grünen“ "
            "gebaut.",
        )

        # Stadthagen (seed 003)
        stadthagen = self.district(
            "Stadthagen",
            Level.POLITICAL_DISTRICT,
            description="Kreisstadt des Landkreises Schaumburg (Mittelstadt mit 20.000 bis "
            "100.000 Einwohnerinnen und Einwohnern).",
        )
        indicators = [
            DistrictIndicator(
                label=label,
                value_area=Decimal(area) if area is not None else None,
                value_city=Decimal(city) if city is not None else None,
                note=note,
            )
            for label, area, city, note in HUETTENSTRASSE_INDICATORS
        ]
        self.district(
            "Hüttenstraßen-Quartier",
            Q,
            parent=stadthagen,
            slug="huettenstrassen-quartier",
            population=3508,
            population_as_of=date(2016, 12, 31),
            description="Das Quartier liegt im Nordwesten von Stadthagen. Grenzen: im Süden "
            "die Enzer Straße, im Osten die Breslauer Straße, im Norden die "
            "Bahnlinie Minden–Hannover und im Westen das Industriegebiet an der "
            "Gubener Straße. Deutlich abgegrenztes Gebiet in städtischer "
            "Randlage mit hoher Einwohnerdichte, Modernisierungsbedarf bei "
            "Wohngebäuden und bisher ohne Einrichtung mit Treffpunkt-Charakter. "
            "Einwohnerzahl: Angabe der Stadt Stadthagen, Stand 31.12.2016.",
            indicators=indicators,
        )

    def build_partners(self):
        for data in PARTNERS:
            data = dict(data)
            slug = data.pop("slug")
            self.partners[slug] = self.snippet(Partner, slug, **data)
        for data in FUNDING_PROGRAMMES:
            data = dict(data)
            slug = data.pop("slug")
            self.programmes[slug] = self.snippet(FundingProgramme, slug, **data)

    # -- site, home page and settings ------------------------------------------

    def build_site(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is not None and isinstance(site.root_page.specific, HomePage):
            home = site.root_page.specific
        else:
            home = self.replace_welcome_page(site)
            if site is None:
                site = Site(hostname="localhost", port=80, is_default_site=True)
            site.root_page = home
            site.site_name = SITE_NAME
            if self.base_url:
                # So that full URLs (JSON-LD, feeds) point where the demo is served.
                address = urlsplit(self.base_url)
                site.hostname = address.hostname or site.hostname
                site.port = address.port or (443 if address.scheme == "https" else 80)
            site.save()
            self.created["sites"] += 1
        return site, home

    def replace_welcome_page(self, site):
        """Create the HomePage at the top of the tree in place of Wagtail's
        "Welcome to your new Wagtail site!" page."""
        root = Page.get_first_root_node()
        welcome = site.root_page if site is not None else None
        is_welcome_page = (
            welcome is not None
            and welcome.depth == 2
            and welcome.specific_class is Page
            and not welcome.get_children().exists()
        )
        if is_welcome_page:
            # The site's root page may not be deleted (it would take the site
            # with it): hand the site to the tree root for a moment.
            site.root_page = root
            site.save()
            welcome.delete()
            root.refresh_from_db()
        slug = "home" if not root.get_children().filter(slug="home").exists() else "beispielregion"
        home = HomePage(
            title="Stadtteilzentren in der Beispielregion",
            slug=slug,
            intro="Stadthäuser, Stadtteilbüros und Nachbarschaftstreffpunkte: Hier finden Sie "
            "Angebote, Beratung und Räume in Ihrer Nachbarschaft – offen für alle, egal "
            "welchen Alters, welcher Herkunft und welcher Religion.",
            body="<p>Diese Beispielseite zeigt, wie eine Stadt ihre Stadtteilzentren mit "
            "<b>wagtail-stadtteil</b> betreibt. Die Inhalte beruhen auf öffentlichen "
            "Konzepten aus Laatzen, Bielefeld, Stadthagen und Hamm: dem Stadthaus Laatzen, "
            "dem Stadtteilbüro Laatzen-Mitte, dem Bielefelder Profil für Stadtteilzentren, "
            "dem Projekt „Mittelpunkt Hüttenstraße“ und dem Hammer Konzept für "
            "Stadtteilarbeit.</p><p>Personen, Vereine, Telefonnummern und "
            "E-Mail-Adressen, die dort nicht genannt sind, sind erfunden.</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        self.created["pages"] += 1
        return home

    def build_site_settings(self, site):
        settings = StadtteilSiteSettings.for_site(site)
        wanted = {
            "privacy_url": "https://www.example.org/datenschutz",
            "house_rules_url": "https://www.example.org/hausordnung",
            "accessibility_statement_url": "https://www.example.org/barrierefreiheit",
            "sender_email": "stadtteilzentren@example.org",
            "staff_notification_email": "raumanfragen@example.org",
            "fee_notes": "Für gemeinwohlorientierte Veranstaltungen von Vereinen, Initiativen "
            "und der öffentlichen Hand wird kein Nutzungsentgelt erhoben. Bei "
            "gewinnorientierten oder gewerblichen Veranstaltungen wird eine "
            "Nutzungspauschale nach der Richtlinie der Stadt für die Überlassung "
            "städtischer Räumlichkeiten, Schulsportplätze und Schulhöfe an Dritte "
            "erhoben.",
        }
        missing = {name: value for name, value in wanted.items() if not getattr(settings, name)}
        if missing:
            for name, value in missing.items():
                setattr(settings, name, value)
            settings.full_clean()
            settings.save()
            self.created["settings"] += 1

    # -- 1. Stadthaus Laatzen (seed 000) ---------------------------------------

    def stadthaus_closures(self):
        """Three weeks of summer break at the start of Lower Saxony's school
        holidays, and the days between Christmas and New Year; those of the
        demo's past year too (the summer break named with its year)."""
        holidays_start, _end = next_summer_holidays(self.today)
        christmas = date(self.today.year, 12, 24)
        if christmas + timedelta(days=7) < self.today:
            christmas = date(self.today.year + 1, 12, 24)
        past = []
        for year in (self.today.year - 1, self.today.year):
            summer = (LOWER_SAXONY_SUMMER_HOLIDAYS.get(year) or _usual_summer_holidays(year))[0]
            if self.history_start <= summer != holidays_start:
                past.append(
                    CentreClosure(
                        starts_on=summer,
                        ends_on=summer + timedelta(days=20),
                        reason=f"Sommerpause {year}",
                    )
                )
            if self.history_start <= date(year, 12, 24) < christmas:
                past.append(
                    CentreClosure(
                        starts_on=date(year, 12, 24),
                        ends_on=date(year, 12, 31),
                        reason="Zwischen den Jahren geschlossen",
                    )
                )
        return [
            *past,
            CentreClosure(
                starts_on=holidays_start,
                ends_on=holidays_start + timedelta(days=20),
                reason="Sommerpause",
            ),
            CentreClosure(
                starts_on=christmas,
                ends_on=christmas + timedelta(days=7),
                reason="Zwischen den Jahren geschlossen",
            ),
        ]

    def build_stadthaus_laatzen(self, index):
        centre, offers, counselling = self.centre(
            index,
            "Stadthaus Laatzen",
            "stadthaus-laatzen",
            CentrePage.Kind.CIVIC_CENTRE,
            intro="Der soziale und kulturelle Mittelpunkt von Laatzen-Mitte am Marktplatz: "
            "Räume für Vereine und Initiativen, Familienservicebüro, Seniorenbüro, "
            "Beratung, Café und offene Angebote für alle Einwohnerinnen und Einwohner.",
            body=[
                heading("Ein Haus für alle"),
                paragraph(
                    "<p>Mit dem Stadthaus am Marktplatz ist der jahrzehntelange Wunsch nach einem "
                    "sozialen und kulturellen Mittelpunkt in Laatzen-Mitte Wirklichkeit "
                    "geworden. Bildung, Gesundheit und Geselligkeit gehören hier zusammen: "
                    "Das Haus richtet sich an alle sozialen Schichten, kulturellen und "
                    "ethnischen Gruppen der Stadt und stärkt das „Wir-Gefühl“ im Stadtteil.</p>"
                ),
                heading("Quartiersmanagement und Integration"),
                paragraph(
                    "<p>Seit 2004 ist der Zentrumsbereich von Laatzen-Mitte unter dem Titel "
                    "„Laatzen-Mitte wird top“ Teil der Sozialen Stadt. Das Stadthaus führt "
                    "diese Gemeinwesenarbeit als Daueraufgabe fort und ist das städtische "
                    "Kompetenzzentrum für die Integration. Das Integrationsangebot "
                    "<b>Café Top</b> lädt seine Gäste ins Stadthaus ein.</p>"
                ),
                heading("Räume für Vereine und Initiativen"),
                paragraph(
                    "<p>Laatzener Vereine, Initiativen und die öffentliche Hand nutzen die Räume "
                    "für gemeinwohlorientierte Veranstaltungen kostenfrei. Für gewerbliche "
                    "Veranstaltungen gilt die Nutzungspauschale nach der Richtlinie der Stadt "
                    "Laatzen für die Überlassung städtischer Räumlichkeiten. Wer seit mehr als "
                    "einem Jahr regelmäßig ehrenamtlich im Stadthaus mitarbeitet, kann einzelne "
                    "Räume auch für private Feiern nutzen.</p>"
                ),
                heading("Kuratorium"),
                paragraph(
                    "<p>Ein Kuratorium aus Vertreterinnen und Vertretern der Vereine, Verbände "
                    "und Initiativen begleitet die Arbeit des Stadthauses beratend, stößt "
                    "Vernetzung an und setzt sich für freiwilliges Engagement und Selbsthilfe "
                    "in der ganzen Stadt ein.</p>"
                ),
            ],
            district="laatzen-mitte",
            operator="stadt-laatzen",
            partner_roles=[
                ("nachbarschaftsverein-laatzen-mitte", Role.ADVISORY_BOARD, "Vorsitz"),
                ("deutsch-tuerkischer-kulturverein-laatzen", Role.ADVISORY_BOARD, ""),
                ("oekumenischer-arbeitskreis-laatzen-mitte", Role.ADVISORY_BOARD, ""),
                ("seniorenbeirat-laatzen", Role.ADVISORY_BOARD, ""),
                ("tsv-leinetal-laatzen", Role.ADVISORY_BOARD, ""),
                ("awo-region-hannover", Role.TENANT, "Migrationsberatung"),
                ("vhs-laatzen", Role.PROVIDER, "Bildungs- und Gesundheitsangebote"),
                ("chor-stimmen-am-marktplatz", Role.PROVIDER, ""),
                ("familienzentrum-rethen", Role.NETWORK, "Familienbildung"),
                ("laatzener-wochenblatt", Role.NETWORK, "Lokale Presse"),
            ],
            funding_programmes=["sozialer-zusammenhalt"],
            street="Marktplatz 2",
            postcode="30880",
            city="Laatzen",
            latitude=Decimal("52.308700"),
            longitude=Decimal("9.807400"),
            directions="Stadtbahnlinien 1 und 2, Haltestelle „Laatzen/Zentrum“, dann zwei "
            "Minuten zu Fuß über den Marktplatz. Parkhaus am Leine-Center.",
            contact_name="Team Stadthaus",
            phone="0511 8205-4400",
            email="stadthaus@laatzen.example.org",
            step_free_entrance=True,
            accessible_wc=True,
            lift=True,
            hearing_loop=True,
            disabled_parking=True,
            accessibility_notes="Automatische Tür am Haupteingang. Induktionsschleife im Saal "
            "im Erdgeschoss. Zwei Behindertenparkplätze direkt am Marktplatz.",
            opening_hours_note="Montag bis Donnerstag 9–18 Uhr, Freitag 9–14 Uhr.\n"
            "Stadthaus-Café: dienstags bis freitags 14–17 Uhr.\n"
            "Abends und am Wochenende nutzen Vereine die Räume nach "
            "Absprache.",
            holiday_state="NI",
            opening_hours=opening(
                ((MONDAY, TUESDAY, WEDNESDAY, THURSDAY), "09:00", "18:00"),
                ((FRIDAY,), "09:00", "14:00"),
            ),
            closures=self.stadthaus_closures(),
            team_members=[
                CentreTeamMember(
                    name="Dr. Andrea Lorenz",
                    role="Leitung des Stadthauses",
                    languages=["de", "en"],
                    email="a.lorenz@laatzen.example.org",
                    phone="0511 8205-4401",
                ),
                CentreTeamMember(
                    name="Mehmet Aksoy",
                    role="Integrationsarbeit",
                    languages=["de", "tr"],
                    email="m.aksoy@laatzen.example.org",
                    phone="0511 8205-4402",
                ),
                CentreTeamMember(
                    name="Irina Schulz",
                    role="Seniorenbüro und Ehrenamt",
                    languages=["de", "ru"],
                    email="i.schulz@laatzen.example.org",
                    phone="0511 8205-4403",
                ),
                CentreTeamMember(
                    name="Karim Haddad",
                    role="Quartiersarbeit",
                    languages=["de", "ar", "en"],
                    email="k.haddad@laatzen.example.org",
                ),
            ],
            social_links=[
                CentreSocialLink(
                    platform=CentreSocialLink.Platform.MASTODON,
                    url="https://social.example.org/@stadthaus_laatzen",
                ),
                CentreSocialLink(
                    platform=CentreSocialLink.Platform.NEWSLETTER,
                    url="https://www.example.org/stadthaus-laatzen/newsletter",
                ),
            ],
        )

        r = self.rooms(
            centre,
            {
                "name": "Saal",
                "kind": Room.Kind.HALL,
                "description": "Der große Veranstaltungsraum am Marktplatz für Vorträge, Feste "
                "und Versammlungen, mit Bühne und mobiler Trennwand. Private Feiern nur für "
                "Ehrenamtliche, die seit mehr als einem Jahr im Haus mitarbeiten.",
                "location_in_building": "Erdgeschoss",
                "capacity": 120,
                "area_m2": Decimal("140.0"),
                "step_free": True,
                "accessible_wc": True,
                "hearing_loop": True,
                "equipment": ["projector", "sound", "piano", "tables", "wifi"],
                "publicly_bookable": True,
                "buffer_before": 30,
                "buffer_after": 30,
                "min_duration": 120,
                "max_duration": 600,
                "min_notice_hours": 72,
                "max_advance_days": 270,
            },
            {
                "name": "Gruppenraum 1",
                "kind": Room.Kind.GROUP_ROOM,
                "description": "Heller Raum für Gruppen, Kurse und Sitzungen.",
                "location_in_building": "1. Obergeschoss (Aufzug)",
                "capacity": 20,
                "area_m2": Decimal("38.0"),
                "step_free": True,
                "accessible_wc": True,
                "hearing_loop": False,
                "equipment": ["projector", "flipchart", "tables", "wifi"],
                "publicly_bookable": True,
                "buffer_after": 15,
                "min_duration": 60,
                "max_duration": 300,
            },
            {
                "name": "Gruppenraum 2",
                "kind": Room.Kind.GROUP_ROOM,
                "description": "Kleiner Raum für Gesprächskreise und Selbsthilfegruppen. "
                "Anfragen, die alle Regeln einhalten, sind sofort gebucht.",
                "location_in_building": "1. Obergeschoss (Aufzug)",
                "capacity": 12,
                "area_m2": Decimal("24.0"),
                "step_free": True,
                "accessible_wc": True,
                "hearing_loop": False,
                "equipment": ["flipchart", "tables", "wifi"],
                **GRUPPENRAUM_2_BOOKING,
            },
            {
                "name": "Beratungsraum",
                "kind": Room.Kind.COUNSELLING,
                "description": "Schallgedämmter Raum für vertrauliche Einzelberatung, mit "
                "eigenem Wartebereich. Wird nicht vermietet.",
                "location_in_building": "2. Obergeschoss, Raum 2.03",
                "capacity": 4,
                "area_m2": Decimal("14.0"),
                "step_free": True,
                "accessible_wc": True,
                "equipment": ["tables"],
            },
            {
                "name": "Café",
                "kind": Room.Kind.CAFE,
                "description": "Das Stadthaus-Café mit Blick auf den Marktplatz und einer "
                "Spielecke; Treffpunkt für offene Angebote.",
                "location_in_building": "Erdgeschoss",
                "capacity": 40,
                "area_m2": Decimal("65.0"),
                "step_free": True,
                "accessible_wc": True,
                "hearing_loop": False,
                "equipment": ["kitchenette", "dishes", "tables", "wifi", "play"],
            },
            {
                "name": "Küche",
                "kind": Room.Kind.KITCHEN,
                "description": "Lehrküche mit sechs Kochstellen für Kochkurse und Feste – nur "
                "zusammen mit dem Saal oder dem Café.",
                "location_in_building": "Erdgeschoss, hinter dem Café",
                "capacity": 10,
                "area_m2": Decimal("22.0"),
                "step_free": True,
                "equipment": ["dishes", "tables"],
                "publicly_bookable": True,
                "buffer_after": 30,
                "min_duration": 120,
                "max_duration": 480,
            },
        )
        self.room_use(
            r["saal"],
            "Shantychor Leinewelle",
            dates(weekly(TH), "19:00", "21:00"),
            note="Gäste zum Mitsingen willkommen",
        )
        self.room_use(
            r["saal"],
            "Tanzkreis 60+",
            dates(weekly(MO), "14:00", "16:00"),
            group=self.partners["tsv-leinetal-laatzen"],
        )
        self.room_use(
            r["gruppenraum-2"],
            "Selbsthilfegruppe Angst und Depression",
            dates(weekly(MO), "19:00", "21:00"),
            public=False,
        )
        self.room_use(
            r["gruppenraum-1"],
            "Sitzung des Kuratoriums",
            dates(monthly(MO(1), interval=3), "17:00", "19:00"),
        )
        self.room_use(
            r["kueche"],
            "Backteam des Stadthaus-Cafés",
            dates(weekly(TU), "10:00", "13:00"),
            group=self.partners["nachbarschaftsverein-laatzen-mitte"],
        )

        # Offices (seed 000, 2.2–2.5)
        family = self.page(
            centre,
            OfficePage,
            "Familienservicebüro",
            office_kind=OfficePage.Kind.FAMILY_SERVICE,
            intro="Wir helfen, Familie und Beruf in Einklang zu bringen, und unterstützen bei "
            "der Suche nach dem passenden Betreuungsangebot für Ihr Kind.",
            tasks=[
                task(
                    "Vereinbarkeit von Familie und Beruf",
                    "Information zu Elternzeit, Arbeitszeitmodellen und Unterstützung im Alltag.",
                ),
                task(
                    "Vermittlung von Kinderbetreuung",
                    "Beratung zu Krippe, Kita, Hort und Kindertagespflege in Laatzen.",
                ),
                task(
                    "Familienbildung",
                    "Kurse und Gesprächsrunden – gemeinsam mit dem Familienzentrum Rethen.",
                ),
                task(
                    "Familien in besonderen Lebenslagen",
                    "Besonderer Blick auf Alleinerziehende, Familien im Transferbezug und "
                    "Familien mit Migrationshintergrund.",
                ),
            ],
            responsible_organisation="stadt-laatzen",
            location_in_building="Erdgeschoss, Raum 0.04",
            phone="0511 8205-4410",
            email="familienservice@laatzen.example.org",
            contact_persons=[
                OfficeContactPerson(
                    name="Sabine Krüger",
                    role="Familienservicebüro",
                    languages=["de", "en"],
                    phone="0511 8205-4411",
                    email="s.krueger@laatzen.example.org",
                ),
                OfficeContactPerson(
                    name="Aylin Demir",
                    role="Familienbildung",
                    languages=["de", "tr"],
                    phone="0511 8205-4412",
                    email="a.demir@laatzen.example.org",
                ),
            ],
        )
        seniors = self.page(
            centre,
            OfficePage,
            "Seniorenbüro",
            office_kind=OfficePage.Kind.SENIOR_CITIZENS,
            intro="Das Seniorenbüro der Stadt Laatzen unterstützt ältere Menschen – besonders "
            "nach dem Berufsleben – dabei, aktiv zu bleiben und Gemeinschaft zu finden.",
            tasks=[
                task(
                    "Vermittlung in Engagement und Gemeinschaft",
                    "Hilfe beim Einstieg in freiwillige Tätigkeiten und gemeinschaftliche "
                    "Aktivitäten.",
                ),
                task(
                    "Einzelfallberatung",
                    "Beratung nach § 71 SGB XII (Altenhilfe): Schwierigkeiten im Alter "
                    "verhüten, überwinden oder mildern.",
                ),
                task(
                    "Städtische Seniorentreffs",
                    "Verwaltung und Betreuung der Seniorentreffs – der Seniorentreff "
                    "Laatzen-Mitte, früher in der Residenz Margarethenhof, trifft sich jetzt "
                    "im Stadthaus.",
                ),
                task(
                    "Ältere Migrantinnen und Migranten",
                    "Angebote, die die Lebenslagen älterer Zugewanderter berücksichtigen.",
                ),
            ],
            responsible_organisation="stadt-laatzen",
            location_in_building="1. Obergeschoss, Raum 1.10",
            phone="0511 8205-4420",
            email="seniorenbuero@laatzen.example.org",
            contact_persons=[
                OfficeContactPerson(
                    name="Irina Schulz",
                    role="Seniorenbüro",
                    languages=["de", "ru"],
                    phone="0511 8205-4403",
                    email="i.schulz@laatzen.example.org",
                ),
            ],
        )
        self.page(
            centre,
            OfficePage,
            "Initiativen- und Beratungsbüros",
            office_kind=OfficePage.Kind.INITIATIVE,
            intro="Büros für Vereine, Verbände und Initiativen, die im Stadthaus beraten und "
            "sich treffen.",
            tasks=[
                task(
                    "Büros für Initiativen",
                    "Vereine und Initiativen nutzen Büros und Besprechungsräume im Rahmen des "
                    "Stadthaus-Konzepts.",
                ),
                task(
                    "Beratungsräume",
                    "Vertrauliche Beratung durch Wohlfahrtsverbände, z. B. die Migrationsberatung.",
                ),
                task(
                    "Raumvergabe",
                    "Kostenfrei für gemeinwohlorientierte Laatzener Vereine und Initiativen; "
                    "gewerbliche Nutzung gegen Nutzungspauschale nach städtischer Richtlinie.",
                ),
            ],
            responsible_organisation="stadt-laatzen",
            location_in_building="2. Obergeschoss",
            phone="0511 8205-4400",
            email="stadthaus@laatzen.example.org",
        )
        volunteering = self.page(
            centre,
            OfficePage,
            "Büro für freiwilliges Engagement",
            office_kind=OfficePage.Kind.VOLUNTEERING,
            intro="Die Koordinationsstelle für ehrenamtliches Engagement in der Stadt Laatzen – "
            "für alle Altersgruppen und alle Bereiche von Engagement und Selbsthilfe.",
            tasks=[
                task(
                    "Vermittlung",
                    "Wir bringen Menschen, die sich engagieren wollen, mit Vereinen und "
                    "Initiativen zusammen.",
                ),
                task(
                    "Anlauf- und Kristallisationsstelle",
                    "Neue Themen und Ideen von Einwohnerinnen und Einwohnern finden hier "
                    "Unterstützung und Räume.",
                ),
                task(
                    "Begleitung der Freiwilligen",
                    "Fortbildung, Austausch und Anerkennung – etwa für das Team des "
                    "Stadthaus-Cafés.",
                ),
                task(
                    "Räume für private Feiern",
                    "Wer seit mehr als einem Jahr regelmäßig im Stadthaus mitarbeitet, kann "
                    "einzelne Räume für private Feiern nutzen.",
                ),
            ],
            responsible_organisation="stadt-laatzen",
            location_in_building="1. Obergeschoss, Raum 1.12",
            phone="0511 8205-4430",
            email="engagement@laatzen.example.org",
            contact_persons=[
                OfficeContactPerson(
                    name="Thomas Reuter",
                    role="Freiwilligenkoordination",
                    languages=["de", "en"],
                    phone="0511 8205-4431",
                    email="t.reuter@laatzen.example.org",
                ),
            ],
        )

        # Consultation hours
        self.page(
            family,
            ConsultationHourPage,
            "Familienberatung",
            schedules=[
                dates(weekly(MO), "09:00", "12:00", r["beratungsraum"]),
                dates(weekly(TU), "14:00", "17:00", r["beratungsraum"]),
            ],
            consultation_kind=ConsultationHourPage.Kind.COUNSELLING,
            topic="Kinderbetreuung, Elterngeld, Familienbildung",
            intro="Persönliche Beratung rund um Familie, Betreuung und Beruf.",
            counsellor="Sabine Krüger",
            organisation="stadt-laatzen",
            languages=["de", "en", "tr"],
            access=ConsultationHourPage.Access.BOTH,
            appointment_how="Termine telefonisch unter 0511 8205-4411 oder per E-Mail an "
            "familienservice@laatzen.example.org.",
            confidential=True,
            themes=["family", "counselling"],
            target_groups=["families", "single-parents"],
        )
        self.page(
            seniors,
            ConsultationHourPage,
            "Seniorenberatung",
            schedules=[dates(weekly(TU), "10:00", "12:00", r["beratungsraum"])],
            consultation_kind=ConsultationHourPage.Kind.COUNSELLING,
            topic="Hilfen im Alter, Pflege, Wohnen, Engagement",
            intro="Dienstags von 10 bis 12 Uhr ohne Termin, sonst nach Vereinbarung.",
            counsellor="Irina Schulz",
            organisation="stadt-laatzen",
            languages=["de", "ru"],
            access=ConsultationHourPage.Access.BOTH,
            appointment_how="Telefon 0511 8205-4403.",
            themes=["counselling"],
            target_groups=["seniors"],
        )
        self.page(
            volunteering,
            ConsultationHourPage,
            "Engagementberatung",
            schedules=[
                dates(weekly(WE, interval=2), "16:00", "18:00", r["gruppenraum-2"]),
            ],
            consultation_kind=ConsultationHourPage.Kind.INFORMATION,
            topic="Ehrenamt finden, Initiativen gründen",
            intro="Sie möchten sich engagieren? Wir finden gemeinsam die passende Aufgabe.",
            counsellor="Thomas Reuter",
            organisation="stadt-laatzen",
            languages=["de", "en"],
            access=ConsultationHourPage.Access.OPEN,
            themes=["volunteering", "participation"],
            target_groups=["volunteers", "all-residents"],
        )
        self.page(
            counselling,
            ConsultationHourPage,
            "Migrationsberatung",
            schedules=[dates(weekly(TH), "09:00", "12:00", r["beratungsraum"])],
            consultation_kind=ConsultationHourPage.Kind.COUNSELLING,
            topic="Aufenthalt, Sprachkurse, Arbeit, Anerkennung von Abschlüssen",
            intro="Beratung für erwachsene Zugewanderte – auf Türkisch, Russisch und Arabisch.",
            body=[
                paragraph(
                    "<p>Die Beratung ist vertraulich und kostenfrei. Bitte bringen Sie "
                    "Ihre Unterlagen mit.</p>"
                )
            ],
            counsellor="Elif Yılmaz",
            organisation="awo-region-hannover",
            languages=["de", "tr", "ru", "ar"],
            access=ConsultationHourPage.Access.BOTH,
            appointment_how="Donnerstags 9–12 Uhr offene Sprechstunde; Termine unter "
            "0511 8205-4450.",
            confidential=True,
            themes=["counselling", "welcome-culture"],
            target_groups=["migrants", "refugees"],
        )

        # Open offers (seed 000, 2.1)
        self.page(
            offers,
            OfferPage,
            "Stadthaus-Café",
            schedules=[dates(weekly(TU, WE, TH, FR), "14:00", "17:00", r["cafe"])],
            offer_kind=OfferPage.Kind.OPEN,
            intro="Der Treffpunkt für alle Besucherinnen und Besucher des Hauses – von "
            "Ehrenamtlichen bewirtschaftet.",
            body=[
                heading("Mitmachen"),
                paragraph(
                    "<p>Das Café-Team sucht Verstärkung! Melden Sie sich im Büro für "
                    "freiwilliges Engagement.</p>"
                ),
            ],
            themes=["encounter", "volunteering"],
            target_groups=["all-residents", "volunteers"],
            languages=["de", "tr", "ru"],
            cost=OfferPage.Cost.DONATION,
            cost_note="Kaffee und Kuchen gegen Spende",
            provider="nachbarschaftsverein-laatzen-mitte",
            step_free=True,
        )
        self.page(
            offers,
            OfferPage,
            "Café Top – Integrationscafé",
            slug="cafe-top",
            schedules=[dates(weekly(WE), "10:00", "12:00", r["cafe"])],
            date_changes=[cancel(self.upcoming(WEDNESDAY, 2), "fällt aus: Krankheit")],
            offer_kind=OfferPage.Kind.OPEN,
            intro="Das Integrationsangebot vom Marktplatz, jetzt im Stadthaus: Deutsch üben, "
            "Nachbarinnen und Nachbarn kennenlernen, Fragen zum Alltag klären.",
            themes=["welcome-culture", "encounter", "education"],
            target_groups=["migrants", "refugees", "all-residents"],
            languages=["de", "de-x-easy", "tr", "ar", "ru", "fa", "uk"],
            cost=OfferPage.Cost.FREE,
            provider="deutsch-tuerkischer-kulturverein-laatzen",
            step_free=True,
        )
        self.page(
            offers,
            OfferPage,
            "Seniorentreff Laatzen-Mitte",
            schedules=[dates(weekly(WE), "14:30", "16:30", r["gruppenraum-1"])],
            date_changes=[
                move(
                    self.upcoming(WEDNESDAY, 4),
                    "verlegt auf Donnerstag: Betriebsversammlung im Haus",
                    new_date=self.upcoming(WEDNESDAY, 4) + timedelta(days=1),
                )
            ],
            offer_kind=OfferPage.Kind.GROUP,
            intro="Kaffee, Gespräche, Gedächtnistraining und Ausflüge – der Seniorentreff trifft "
            "sich mittwochs im Stadthaus.",
            themes=["encounter"],
            target_groups=["seniors"],
            languages=["de", "ru"],
            age_min=60,
            cost=OfferPage.Cost.AMOUNT,
            cost_amount=Decimal("1.50"),
            cost_note="für Kaffee und Kuchen",
            provider="stadt-laatzen",
            step_free=True,
        )
        self.page(
            offers,
            OfferPage,
            "Smartphone-Kurs für Seniorinnen und Senioren",
            schedules=[
                dates(
                    weekly(MO, count=4),
                    "10:00",
                    "12:00",
                    r["gruppenraum-2"],
                    starts_on=self.upcoming(MONDAY, 2),
                )
            ],
            offer_kind=OfferPage.Kind.COURSE,
            intro="Fotos verschicken, Fahrpläne finden, Videoanrufe mit den Enkeln: in kleinen "
            "Gruppen, mit viel Zeit für Fragen.",
            themes=["education"],
            target_groups=["seniors"],
            languages=["de", "de-x-easy"],
            age_min=60,
            cost=OfferPage.Cost.AMOUNT,
            cost_amount=Decimal("24.00"),
            cost_note="4 Termine; ermäßigt mit dem Laatzen-Pass",
            registration_required=True,
            registration_how="Anmeldung bei der Volkshochschule Laatzen oder im Seniorenbüro "
            "(0511 8205-4420), bis eine Woche vor Kursbeginn.",
            provider="vhs-laatzen",
        )
        self.page(
            offers,
            OfferPage,
            "Rückenfit am Vormittag",
            schedules=[
                dates(
                    weekly(TH, count=10),
                    "09:30",
                    "10:30",
                    r["saal"],
                    starts_on=self.upcoming(THURSDAY, 1),
                )
            ],
            offer_kind=OfferPage.Kind.COURSE,
            intro="Sanftes Bewegungstraining für einen starken Rücken – auch für Einsteigerinnen "
            "und Einsteiger.",
            themes=["health", "sport"],
            target_groups=["all-residents", "seniors"],
            languages=["de"],
            cost=OfferPage.Cost.AMOUNT,
            cost_amount=Decimal("30.00"),
            cost_note="10 Termine",
            registration_required=True,
            registration_how="Anmeldung beim TSV Leinetal Laatzen oder im Stadthaus.",
            provider="tsv-leinetal-laatzen",
            step_free=True,
        )
        self.page(
            offers,
            OfferPage,
            "Vortrag: Gut schlafen in jedem Alter",
            schedules=[dates(on_dates(self.upcoming(WEDNESDAY, 3)), "18:30", "20:00", r["saal"])],
            offer_kind=OfferPage.Kind.EVENT,
            intro="Eine Schlafmedizinerin erklärt, was erholsamen Schlaf fördert – mit Zeit für "
            "Fragen.",
            themes=["health", "education"],
            target_groups=["all-residents"],
            languages=["de", "gsg"],
            cost=OfferPage.Cost.FREE,
            provider="vhs-laatzen",
            step_free=True,
            accessibility_notes="Mit Gebärdensprachdolmetschung und Induktionsschleife.",
        )
        self.page(
            offers,
            OfferPage,
            "Eltern-Kind-Gruppe „Marktplatzzwerge“",
            slug="marktplatzzwerge",
            schedules=[dates(weekly(MO, FR), "09:30", "11:00", r["gruppenraum-1"])],
            offer_kind=OfferPage.Kind.GROUP,
            intro="Spielen, singen, andere Eltern kennenlernen: für Kinder bis drei Jahre und "
            "ihre Eltern.",
            themes=["family", "encounter"],
            target_groups=["families", "children"],
            languages=["de", "tr", "ar"],
            age_max=3,
            cost=OfferPage.Cost.FREE,
            provider="stadt-laatzen",
            step_free=True,
        )
        self.page(
            offers,
            OfferPage,
            "Chorprobe „Stimmen am Marktplatz“",
            slug="chorprobe",
            schedules=[dates(weekly(TU), "19:00", "21:00", r["saal"])],
            date_changes=[
                move(
                    self.upcoming(TUESDAY, 3),
                    "Saal belegt – Probe im Gruppenraum 1",
                    room=r["gruppenraum-1"],
                )
            ],
            offer_kind=OfferPage.Kind.GROUP,
            intro="Generationenchor für alle, die gern singen – Noten lesen ist keine "
            "Voraussetzung.",
            themes=["art-culture", "encounter"],
            target_groups=["all-residents"],
            languages=["de"],
            cost=OfferPage.Cost.FREE,
            provider="chor-stimmen-am-marktplatz",
        )
        self.page(
            offers,
            OfferPage,
            "Ausstellung: 20 Jahre „Laatzen-Mitte wird top“",
            slug="ausstellung-laatzen-mitte-wird-top",
            schedules=[
                dates(
                    weekly(MO, TU, WE, TH, count=16),
                    "10:00",
                    "17:00",
                    starts_on=self.upcoming(MONDAY, 1),
                    note="im Foyer",
                )
            ],
            offer_kind=OfferPage.Kind.EVENT,
            intro="Fotos, Pläne und Geschichten aus zwei Jahrzehnten Stadtteilentwicklung in "
            "Laatzen-Mitte.",
            themes=["art-culture", "participation"],
            target_groups=["all-residents"],
            languages=["de", "de-x-easy"],
            cost=OfferPage.Cost.FREE,
            step_free=True,
            provider="stadt-laatzen",
            funding_programmes=["sozialer-zusammenhalt"],
        )
        return centre

    # -- 2. Stadtteilbüro Laatzen-Mitte (seed 001) ------------------------------

    def spring_saturday(self):
        """The first Saturday from 21 March on that is still ahead."""
        for year in (self.today.year, self.today.year + 1):
            start = date(year, 3, 21)
            saturday = start + timedelta(days=(SATURDAY - start.weekday()) % 7)
            if saturday > self.today:
                return saturday
        raise AssertionError("unreachable")

    def build_stadtteilbuero_laatzen_mitte(self, index, stadthaus):
        centre, offers, counselling = self.centre(
            index,
            "Stadtteilbüro Laatzen-Mitte",
            "stadtteilbuero-laatzen-mitte",
            CentrePage.Kind.NEIGHBOURHOOD_OFFICE,
            intro="Das Stadtteilmanagement für Laatzen-Mitte: Wir greifen Ihre Ideen und "
            "Anliegen auf, vernetzen die Akteure im Stadtteil und begleiten Projekte.",
            body=[
                heading("Laatzen-Mitte wird top"),
                paragraph(
                    "<p>Die Stadtteilmanagerinnen begleiten die Entwicklung von Laatzen-Mitte im "
                    "Programm „Sozialer Zusammenhalt“ (vormals „Soziale Stadt“). Ihr Ziel: dass "
                    "Bewohnerinnen und Bewohner sich eigenständig für ihren Stadtteil "
                    "engagieren und Projekte selbst tragen.</p>"
                ),
                heading("Auch im Stadtteil", "h3"),
                links(
                    (
                        "Stadthaus Laatzen",
                        stadthaus,
                        "Räume, Beratung und offene Angebote am Marktplatz.",
                    )
                ),
            ],
            district="laatzen-mitte",
            operator="stadt-laatzen",
            partner_roles=[
                ("nachbarschaftsverein-laatzen-mitte", Role.NETWORK, ""),
                ("deutsch-tuerkischer-kulturverein-laatzen", Role.NETWORK, ""),
                ("oekumenischer-arbeitskreis-laatzen-mitte", Role.NETWORK, ""),
                ("laatzener-wochenblatt", Role.NETWORK, "Lokale Presse"),
            ],
            funding_programmes=["sozialer-zusammenhalt"],
            street="Würzburger Straße 14",
            postcode="30880",
            city="Laatzen",
            latitude=Decimal("52.309900"),
            longitude=Decimal("9.810200"),
            directions="Stadtbahnlinien 1 und 2, Haltestelle „Laatzen/Zentrum“.",
            contact_name="Stadtteilmanagement Laatzen-Mitte",
            phone="0511 8205-4600",
            email="stadtteilbuero@laatzen.example.org",
            step_free_entrance=False,
            accessible_wc=False,
            accessibility_notes="Eine Stufe am Eingang; eine mobile Rampe liegt bereit – bitte "
            "klingeln.",
            opening_hours_note="Dienstag und Donnerstag 10–13 Uhr und 15–18 Uhr, "
            "Mittwoch 10–13 Uhr.",
            holiday_state="NI",
            opening_hours=opening(
                ((TUESDAY, THURSDAY), "10:00", "13:00"),
                ((TUESDAY, THURSDAY), "15:00", "18:00"),
                ((WEDNESDAY,), "10:00", "13:00"),
            ),
            team_members=[
                CentreTeamMember(
                    name="Julia Brandt",
                    role="Stadtteilmanagerin",
                    languages=["de", "en"],
                    email="j.brandt@laatzen.example.org",
                    phone="0511 8205-4601",
                ),
                CentreTeamMember(
                    name="Meltem Yıldız",
                    role="Stadtteilmanagerin",
                    languages=["de", "tr", "en"],
                    email="m.yildiz@laatzen.example.org",
                    phone="0511 8205-4602",
                ),
            ],
        )
        r = self.rooms(
            centre,
            {
                "name": "Besprechungsraum",
                "kind": Room.Kind.GROUP_ROOM,
                "description": "Für Arbeitsgruppen, Beratung von Initiativen und kleine Sitzungen.",
                "location_in_building": "Erdgeschoss (eine Stufe, mobile Rampe)",
                "capacity": 12,
                "area_m2": Decimal("22.0"),
                "step_free": False,
                "accessible_wc": False,
                "equipment": ["tables", "flipchart", "wifi", "projector"],
                "publicly_bookable": True,
                "buffer_after": 15,
                "min_duration": 60,
                "max_duration": 240,
                "min_notice_hours": 48,
                "max_advance_days": 90,
            },
            {
                "name": "Werkstattraum",
                "kind": Room.Kind.OTHER,
                "description": "Werkstatt und Lager der Bewohnergruppen: Werkzeug, Material "
                "für Aktionen und Stadtteilfeste. Den Schlüssel gibt das Stadtteilbüro aus.",
                "location_in_building": "Hinterhaus",
                "capacity": 16,
                "area_m2": Decimal("40.0"),
                "step_free": False,
                "equipment": ["tables", "flipchart"],
            },
        )
        self.room_use(
            r["besprechungsraum"],
            "Mieterinitiative Laatzen-Mitte",
            dates(weekly(MO, interval=2), "18:00", "20:00"),
        )

        office = self.page(
            centre,
            OfficePage,
            "Stadtteilmanagement",
            office_kind=OfficePage.Kind.NEIGHBOURHOOD_MANAGEMENT,
            intro="Die Aufgaben des Stadtteilbüros auf einen Blick.",
            tasks=[
                task(
                    "Aktivierung und Beteiligung",
                    "Interessen, Themen und Probleme der Bewohnerinnen und Bewohner aufgreifen "
                    "und Initiativen organisieren – in Arbeitsgruppen oder mit Einzelaktionen "
                    "zu Planungen und Anlässen. Kleine Gruppen und Vereine ermutigen, ihre "
                    "Ideen für den Stadtteil einzubringen.",
                ),
                task(
                    "Projektmanagement/Projektcoaching",
                    "Soziale Projekte mit den Akteuren im Stadtteil anstoßen und begleiten: "
                    "beraten bei Zielen und Erfolgsindikatoren, Kooperationspartner finden, "
                    "beim Beantragen von Fördergeldern unterstützen und die Verstetigung "
                    "sichern.",
                ),
                task(
                    "Fördermittelakquise",
                    "Mittel aus der Städtebauförderung dienen meist baulichen Maßnahmen. "
                    "Zusammen mit der Stadt Laatzen werben wir Gelder aus nationalen und "
                    "internationalen Programmen ein – für Zusammenleben, Integration und den "
                    "Weg in Arbeit.",
                ),
                task(
                    "Netzwerkarbeit",
                    "Soziale Akteure, Verwaltung und Bewohnergruppen zusammenbringen, "
                    "Veranstaltungen moderieren und Gespräche auf Augenhöhe anstoßen. "
                    "Regelmäßige Treffen sichern den Austausch und zeigen neue Bedarfe früh.",
                ),
                task(
                    "Prozessmanagement/Programmevaluation",
                    "Die Entwicklung wissenschaftlich-analytisch begleiten: Datenfortschreibung, "
                    "Sozialraumanalysen, Projektberichte und Protokolle. Die Ergebnisse fließen "
                    "in das Integrierte Handlungskonzept ein.",
                ),
            ],
            responsible_organisation="stadt-laatzen",
            phone="0511 8205-4600",
            email="stadtteilbuero@laatzen.example.org",
            funding_programmes=["sozialer-zusammenhalt"],
            contact_persons=[
                OfficeContactPerson(
                    name="Julia Brandt",
                    role="Stadtteilmanagerin",
                    languages=["de", "en"],
                    phone="0511 8205-4601",
                    email="j.brandt@laatzen.example.org",
                ),
                OfficeContactPerson(
                    name="Meltem Yıldız",
                    role="Stadtteilmanagerin",
                    languages=["de", "tr", "en"],
                    phone="0511 8205-4602",
                    email="m.yildiz@laatzen.example.org",
                ),
            ],
        )
        self.page(
            office,
            ConsultationHourPage,
            "Bürgersprechstunde",
            schedules=[
                dates(weekly(TU, TH), "15:00", "18:00", note="im Büro des Stadtteilmanagements")
            ],
            consultation_kind=ConsultationHourPage.Kind.CITIZENS,
            topic="Ideen, Anliegen und Beschwerden aus dem Stadtteil",
            intro="Kommen Sie vorbei: Die Stadtteilmanagerinnen hören zu, beantworten Fragen "
            "und nehmen Ihre Ideen für Laatzen-Mitte auf.",
            languages=["de", "tr", "en"],
            access=ConsultationHourPage.Access.OPEN,
            themes=["participation"],
            target_groups=["all-residents"],
        )
        self.page(
            counselling,
            ConsultationHourPage,
            "Projektcoaching für Vereine und Initiativen",
            slug="projektcoaching",
            schedules=[dates(weekly(WE, interval=2), "10:00", "13:00", r["besprechungsraum"])],
            consultation_kind=ConsultationHourPage.Kind.INFORMATION,
            topic="Projektideen, Förderanträge, Kooperationspartner",
            intro="Sie haben eine Idee für den Stadtteil? Wir helfen beim Planen, Finden von "
            "Partnern und Beantragen von Fördermitteln.",
            languages=["de", "tr"],
            access=ConsultationHourPage.Access.APPOINTMENT,
            appointment_how="Termin telefonisch unter 0511 8205-4600 vereinbaren.",
            themes=["participation", "volunteering"],
            target_groups=["clubs-initiatives", "volunteers"],
        )
        self.page(
            offers,
            OfferPage,
            "Stadtteilforum Laatzen-Mitte",
            schedules=[
                dates(
                    monthly(WE(2), interval=3),
                    "18:00",
                    "20:30",
                    note="im Saal des Stadthauses Laatzen",
                )
            ],
            offer_kind=OfferPage.Kind.EVENT,
            intro="Viermal im Jahr laden wir alle sozialen Akteure und interessierten "
            "Bewohnerinnen und Bewohner ein: Neuigkeiten, Austausch, neue Bedarfe.",
            themes=["participation"],
            target_groups=["all-residents", "clubs-initiatives"],
            languages=["de", "tr"],
            cost=OfferPage.Cost.FREE,
            step_free=True,
            accessibility_notes="Das Forum findet im Saal des Stadthauses statt.",
            provider="stadt-laatzen",
        )
        self.page(
            offers,
            OfferPage,
            "Arbeitsgruppe Wohnumfeld",
            schedules=[dates(monthly(TH(1)), "18:00", "19:30", r["werkstattraum"])],
            offer_kind=OfferPage.Kind.GROUP,
            intro="Spielplätze, Wege, Grünflächen: Bewohnerinnen und Bewohner planen mit, wie "
            "der Stadtteil schöner wird.",
            themes=["participation", "sustainability"],
            target_groups=["all-residents"],
            languages=["de"],
            cost=OfferPage.Cost.FREE,
        )
        self.page(
            offers,
            OfferPage,
            "Frühjahrsputz im Quartier",
            schedules=[
                dates(
                    on_dates(self.spring_saturday()),
                    "10:00",
                    "13:00",
                    note="Treffpunkt: Spielplatz Würzburger Straße",
                )
            ],
            offer_kind=OfferPage.Kind.EVENT,
            intro="Gemeinsam räumen wir Grünflächen und Spielplätze auf – Handschuhe, Zangen und "
            "ein Imbiss sind da.",
            themes=["sustainability", "volunteering"],
            target_groups=["all-residents", "families", "volunteers"],
            languages=["de", "tr", "ar"],
            cost=OfferPage.Cost.FREE,
            registration_required=True,
            registration_how="Bitte bis zum Vortag im Stadtteilbüro melden (0511 8205-4600), "
            "damit genug Material da ist.",
            provider="nachbarschaftsverein-laatzen-mitte",
        )
        return centre

    # -- 3. Stadtteilzentrum Sennestadt (seed 002) -----------------------------

    def short_days_at_the_end_of_the_year(self):
        """Open only in the morning on Christmas Eve and New Year's Eve."""
        return [
            CentreSpecialOpeningHours(
                date=date(self.today.year, 12, day),
                opens=clock("10:00"),
                closes=clock("12:00"),
                note=note,
            )
            for day, note in [(24, "Heiligabend"), (31, "Silvester")]
        ]

    def build_sennestadt(self, index, programme):
        centre, offers, counselling = self.centre(
            index,
            "Stadtteilzentrum Sennestadt",
            "stadtteilzentrum-sennestadt",
            CentrePage.Kind.DISTRICT_CENTRE,
            intro="Inklusiver Treffpunkt und Anlaufstelle für alle Sennestädterinnen und "
            "Sennestädter – jeden Alters, jeden Geschlechts, jeder Religion und Herkunft.",
            body=[
                heading("Ein Mitmach-Begegnungszentrum"),
                paragraph(
                    "<p>Das Stadtteilzentrum fördert das nachbarschaftliche Zusammenleben, die "
                    "Beteiligung und das Engagement der Menschen im Stadtteil. Unsere Themen: "
                    "Familienarbeit, allgemeine und politische Bildung, Willkommenskultur, "
                    "Beratung, Inklusion, Nachhaltigkeit, Selbsthilfe, Sport, Kunst und "
                    "Kultur.</p>"
                ),
                heading("Räume"),
                paragraph(
                    "<p>Barrierefreie Gruppen- und Veranstaltungsräume, Räume für vertrauliche "
                    "Beratung, ein Café mit Küche und ein offener Eingangsbereich mit Theke. "
                    "Anwohnerinnen und Anwohner können Räume für eigene Veranstaltungen mieten. "
                    "Feste Gruppen nutzen das Haus auch in Eigenregie und übernehmen das Öffnen "
                    "und Schließen.</p>"
                ),
                heading("Programm mitgestalten"),
                paragraph(
                    "<p>Unser Veranstaltungskalender erscheint gedruckt und online. Sie haben "
                    "eine Idee für ein Angebot? Sprechen Sie uns in der Bürgersprechstunde an.</p>"
                ),
                links(
                    (
                        "Alle Angebote im Programm",
                        programme,
                        "Angebote aller Stadtteilzentren, nach Thema und Sprache filterbar.",
                    )
                ),
            ],
            district="bielefeld-sennestadt",
            operator="nachbarschaftswerk-sennestadt",
            partner_roles=[
                (
                    "stadt-bielefeld-sozialplanung",
                    Role.COOPERATION,
                    "Zielvereinbarung im Dialogischen Verfahren",
                ),
                ("bezirksamt-sennestadt", Role.NETWORK, "Bezirksvertretung"),
                ("vhs-bielefeld", Role.PROVIDER, "Sprachkurse und politische Bildung"),
                ("syrisch-deutscher-kulturverein-senne", Role.PROVIDER, "Sprachcafé"),
                ("sv-sennestadt-sued", Role.PROVIDER, "Bewegungsangebote"),
                ("sozialdienst-senne", Role.TENANT, "Sozialberatung"),
                ("rege-bielefeld", Role.COOPERATION, ""),
                ("jobcenter-arbeitplus-bielefeld", Role.COOPERATION, ""),
                ("freiwilligenagentur-bielefeld", Role.NETWORK, ""),
                ("sennestadt-anzeiger", Role.NETWORK, "Veranstaltungskalender"),
            ],
            funding_programmes=["stadtteilzentren-bielefeld"],
            street="Reichowplatz 3",
            postcode="33689",
            city="Bielefeld",
            latitude=Decimal("51.944700"),
            longitude=Decimal("8.589700"),
            directions="Buslinien bis Haltestelle „Sennestadt Reichowplatz“; Fahrradständer "
            "vor dem Haus.",
            contact_name="Miriam Schäfer (Leitung)",
            phone="05205 98765-0",
            email="info@stadtteilzentrum-sennestadt.example.org",
            website="https://www.example.org/stadtteilzentrum-sennestadt",
            step_free_entrance=True,
            accessible_wc=True,
            lift=True,
            hearing_loop=False,
            disabled_parking=True,
            accessibility_notes="Leitsystem mit großer Schrift und Piktogrammen; ruhiger Raum im "
            "1. Obergeschoss.",
            opening_hours_note="Montag bis Freitag 9–18 Uhr, Samstag 10–14 Uhr (49 Stunden an "
            "6 Tagen).\nSonntags öffnen feste Gruppen das Haus in Eigenregie.\n"
            "Bürgersprechstunde: Di 10–13, Mi 15–18, Do 10–13, Fr 13–16 Uhr (12 Stunden).",
            holiday_state="NW",
            opening_hours=opening(
                ((MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY), "09:00", "18:00"),
                ((SATURDAY,), "10:00", "14:00"),
            ),
            special_opening_hours=self.short_days_at_the_end_of_the_year(),
            closures=[
                CentreClosure(
                    starts_on=self.upcoming(MONDAY, 6),
                    ends_on=self.upcoming(MONDAY, 6),
                    reason="Teamtag (Fortbildung)",
                )
            ],
            team_members=[
                CentreTeamMember(
                    name="Miriam Schäfer",
                    role="Leitung und Koordination",
                    languages=["de", "en"],
                    email="m.schaefer@stadtteilzentrum-sennestadt.example.org",
                    phone="05205 98765-10",
                ),
                CentreTeamMember(
                    name="Ahmad Rahimi",
                    role="Willkommenskultur und Beratung",
                    languages=["de", "fa", "ps"],
                    email="a.rahimi@stadtteilzentrum-sennestadt.example.org",
                ),
                CentreTeamMember(
                    name="Kateryna Melnyk",
                    role="Verwaltung",
                    languages=["de", "uk", "ru"],
                    email="k.melnyk@stadtteilzentrum-sennestadt.example.org",
                ),
                CentreTeamMember(
                    name="Ben Albers", role="Bundesfreiwilligendienst", languages=["de"]
                ),
            ],
            social_links=[
                CentreSocialLink(
                    platform=CentreSocialLink.Platform.MASTODON,
                    url="https://social.example.org/@stz_sennestadt",
                ),
                CentreSocialLink(
                    platform=CentreSocialLink.Platform.NEWSLETTER,
                    url="https://www.example.org/stadtteilzentrum-sennestadt/kalender",
                ),
            ],
        )
        r = self.rooms(
            centre,
            {
                "name": "Großer Saal",
                "kind": Room.Kind.HALL,
                "description": "Barrierefreier Mehrzweckraum für Veranstaltungen, Chor und "
                "Kurse; Anwohnerinnen und Anwohner können ihn für eigene Feiern mieten.",
                "location_in_building": "Erdgeschoss",
                "capacity": 100,
                "area_m2": Decimal("120.0"),
                "step_free": True,
                "accessible_wc": True,
                "hearing_loop": False,
                "equipment": ["projector", "sound", "piano", "tables", "wifi"],
                "publicly_bookable": True,
                "buffer_before": 30,
                "buffer_after": 30,
                "min_duration": 120,
                "max_duration": 480,
                "min_notice_hours": 72,
                "max_advance_days": 365,
            },
            {
                "name": "Gruppen- und Bewegungsraum",
                "kind": Room.Kind.SPORTS,
                "description": "Schwingboden, Spiegelwand und Matten – für Bewegungsangebote, "
                "Kinderturnen und Gruppen.",
                "location_in_building": "1. Obergeschoss (Aufzug)",
                "capacity": 25,
                "area_m2": Decimal("60.0"),
                "step_free": True,
                "accessible_wc": True,
                "equipment": ["mats", "sound", "tables"],
                "publicly_bookable": True,
                "buffer_after": 15,
                "min_duration": 60,
                "max_duration": 240,
            },
            {
                "name": "Café mit Küche",
                "kind": Room.Kind.CAFE,
                "description": "Offener Treffpunkt mit Theke und Küche; am Wochenende auch für "
                "Familienfeiern aus der Nachbarschaft.",
                "location_in_building": "Erdgeschoss, Eingangsbereich",
                "capacity": 35,
                "area_m2": Decimal("55.0"),
                "step_free": True,
                "accessible_wc": True,
                "equipment": ["kitchenette", "dishes", "tables", "play", "wifi"],
                "publicly_bookable": True,
                "buffer_after": 30,
                "min_duration": 120,
                "max_duration": 360,
                "start_interval": 60,
            },
            {
                "name": "Beratungsraum",
                "kind": Room.Kind.COUNSELLING,
                "description": "Vertraulicher Raum für Sozial- und Migrationsberatung.",
                "location_in_building": "1. Obergeschoss",
                "capacity": 3,
                "area_m2": Decimal("12.0"),
                "step_free": True,
                "accessible_wc": True,
                "equipment": ["tables"],
            },
        )
        sports = self.partners["sv-sennestadt-sued"]
        self.room_use(
            r["gruppen-und-bewegungsraum"],
            "Yoga am Abend",
            dates(weekly(MO), "18:30", "20:00"),
            [cancel(self.upcoming(MONDAY, 3), "fällt aus: Trainerin im Urlaub")],
            group=sports,
        )
        self.room_use(
            r["gruppen-und-bewegungsraum"],
            "Seniorengymnastik",
            dates(weekly(TU), "09:30", "10:30"),
            group=sports,
        )
        self.room_use(r["grosser-saal"], "Gospelchor Senne", dates(weekly(FR), "19:00", "21:00"))
        self.room_use(
            r["beratungsraum"],
            "Selbsthilfegruppe Sucht",
            dates(weekly(TH), "19:00", "21:00"),
            public=False,
        )
        self.room_use(
            r["grosser-saal"],
            "Sonntagstreff der Nachbarschaftsinitiative",
            dates(weekly(SU), "15:00", "18:00"),
            self_managed=True,
            pauses_on_closures=False,
            note="Die Gruppe öffnet und schließt das Haus selbst.",
        )

        social = self.page(
            counselling,
            ConsultationHourPage,
            "Sozialberatung",
            schedules=[
                dates(weekly(MO), "09:00", "12:00", r["beratungsraum"]),
                dates(weekly(TH), "14:00", "17:00", r["beratungsraum"]),
            ],
            consultation_kind=ConsultationHourPage.Kind.COUNSELLING,
            topic="Geld, Wohnen, Anträge, Schulden",
            intro="Vertrauliche Beratung in allen Lebenslagen – im separaten Beratungsraum.",
            organisation="sozialdienst-senne",
            languages=["de", "tr"],
            access=ConsultationHourPage.Access.BOTH,
            appointment_how="Termine an der Theke oder unter 05205 98765-20.",
            confidential=True,
            themes=["counselling"],
            target_groups=["all-residents"],
        )
        migration = self.page(
            counselling,
            ConsultationHourPage,
            "Migrationsberatung",
            schedules=[dates(weekly(WE), "09:00", "13:00", r["beratungsraum"])],
            consultation_kind=ConsultationHourPage.Kind.COUNSELLING,
            topic="Aufenthalt, Familiennachzug, Sprachkurse, Anerkennung",
            intro="Beratung für Zugewanderte und Geflüchtete in ihrer Sprache.",
            counsellor="Ahmad Rahimi",
            organisation="nachbarschaftswerk-sennestadt",
            languages=["de", "ar", "fa", "ps", "ku", "uk"],
            access=ConsultationHourPage.Access.BOTH,
            appointment_how="Mittwochs offen; sonst Termin unter 05205 98765-30.",
            confidential=True,
            themes=["counselling", "welcome-culture"],
            target_groups=["migrants", "refugees"],
        )
        self.page(
            counselling,
            ConsultationHourPage,
            "Bürgersprechstunde",
            schedules=[
                dates(weekly(TU, TH), "10:00", "13:00", note="an der Theke"),
                dates(weekly(WE), "15:00", "18:00", note="an der Theke"),
                dates(weekly(FR), "13:00", "16:00", note="an der Theke"),
            ],
            consultation_kind=ConsultationHourPage.Kind.CITIZENS,
            topic="Alle Fragen rund um das Leben im Stadtteil",
            intro="Zwölf Stunden pro Woche ist eine Ansprechperson für Sie da – ohne Termin. Bei "
            "komplexeren Anliegen wissen wir, wer weiterhilft (Lotsenfunktion).",
            body=[
                paragraph(
                    "<p>Dienstag 10–13 Uhr, Mittwoch 15–18 Uhr, Donnerstag 10–13 Uhr, "
                    "Freitag 13–16 Uhr.</p>"
                )
            ],
            counsellor="Miriam Schäfer",
            organisation="nachbarschaftswerk-sennestadt",
            languages=["de", "en", "uk", "fa"],
            access=ConsultationHourPage.Access.OPEN,
            themes=["counselling", "participation"],
            target_groups=["all-residents"],
            referrals=[
                referral(
                    "Sozialberatung im Haus",
                    "Vertrauliche Beratung zu Geld, Wohnen, Anträgen und Schulden.",
                    page=social,
                ),
                referral(
                    "Migrationsberatung im Haus",
                    "Aufenthalt, Familiennachzug, Sprachkurse – in vielen Sprachen.",
                    page=migration,
                ),
                referral(
                    "Fachstelle für Flüchtlinge (Sozialamt Bielefeld)",
                    "Unterbringung und Leistungen für Geflüchtete.",
                    url="https://www.bielefeld.de",
                ),
                referral(
                    "Jobcenter Arbeitplus Bielefeld",
                    "Arbeit, Ausbildung und Grundsicherung; Termine über die Hotline.",
                    phone="05205 98765-40",
                ),
                referral(
                    "Pflegeberatung",
                    "Wenn Angehörige Pflege brauchen: Leistungen, Entlastung, Wohnen.",
                    url="https://www.example.org/pflegeberatung-bielefeld",
                    phone="05205 98765-50",
                ),
            ],
        )
        offer_data = [
            (
                "Familienfrühstück am Samstag",
                OfferPage.Kind.OPEN,
                "Jeden Samstag von 10 bis 12 Uhr: Brötchen, Gespräche und eine Spielecke für die "
                "Kleinen.",
                {
                    "schedules": [dates(weekly(SA), "10:00", "12:00", r["cafe-mit-kueche"])],
                    "themes": ["family", "encounter"],
                    "target_groups": ["families", "children"],
                    "languages": ["de", "ar", "tr", "uk"],
                    "cost": OfferPage.Cost.DONATION,
                    "cost_note": "Spende für das Frühstück erbeten",
                    "step_free": True,
                },
            ),
            (
                "Politisches Café: Demokratie im Stadtteil",
                OfferPage.Kind.EVENT,
                "Einmal im Monat diskutieren wir mit Gästen aus Politik und Verwaltung über "
                "Themen aus Sennestadt.",
                {
                    "schedules": [dates(monthly(TU(2)), "19:00", "21:00", r["cafe-mit-kueche"])],
                    "themes": ["education", "participation"],
                    "target_groups": ["all-residents"],
                    "languages": ["de", "de-x-easy"],
                    "cost": OfferPage.Cost.FREE,
                    "provider": "vhs-bielefeld",
                },
            ),
            (
                "Sprachcafé Deutsch",
                OfferPage.Kind.OPEN,
                "Deutsch sprechen üben in entspannter Runde – alle Niveaus willkommen.",
                {
                    "schedules": [dates(weekly(TH), "16:00", "18:00", r["cafe-mit-kueche"])],
                    "date_changes": [cancel(self.upcoming(THURSDAY, 2), "fällt aus: Krankheit")],
                    "themes": ["welcome-culture", "education"],
                    "target_groups": ["migrants", "refugees"],
                    "languages": ["de", "ar", "ku", "fa", "uk"],
                    "cost": OfferPage.Cost.FREE,
                    "provider": "syrisch-deutscher-kulturverein-senne",
                    "step_free": True,
                },
            ),
            (
                "Willkommenstreff für Neu-Sennestädter*innen",
                OfferPage.Kind.EVENT,
                "Neu im Stadtteil? Wir zeigen Ihnen Sennestadt, seine Vereine und Angebote.",
                {
                    "schedules": [dates(monthly(FR(1)), "16:30", "18:00", r["grosser-saal"])],
                    "themes": ["welcome-culture", "encounter"],
                    "target_groups": ["all-residents", "migrants"],
                    "languages": ["de", "en", "uk", "ar"],
                    "cost": OfferPage.Cost.FREE,
                },
            ),
            (
                "Inklusive Kreativwerkstatt",
                OfferPage.Kind.GROUP,
                "Malen, Drucken, Gestalten – für Menschen mit und ohne Behinderung.",
                {
                    "schedules": [dates(weekly(WE), "10:00", "12:30", r["grosser-saal"])],
                    "themes": ["inclusion", "art-culture"],
                    "target_groups": ["people-with-disabilities", "all-residents"],
                    "languages": ["de", "de-x-easy", "gsg"],
                    "cost": OfferPage.Cost.AMOUNT,
                    "cost_amount": Decimal("3.00"),
                    "cost_note": "Materialbeitrag pro Termin",
                    "step_free": True,
                    "accessibility_notes": "Höhenverstellbare Tische; Assistenz nach Absprache.",
                },
            ),
            (
                "Repair-Café Sennestadt",
                OfferPage.Kind.OPEN,
                "Jeden ersten Sonntag im Monat: Toaster, Fahrräder und Kleidung gemeinsam "
                "reparieren statt wegwerfen.",
                {
                    "schedules": [dates(monthly(SU(1)), "14:00", "17:00", r["cafe-mit-kueche"])],
                    "themes": ["sustainability", "self-help", "volunteering"],
                    "target_groups": ["all-residents", "volunteers"],
                    "languages": ["de", "ru"],
                    "cost": OfferPage.Cost.DONATION,
                    "step_free": True,
                },
            ),
            (
                "Selbsthilfegruppe pflegende Angehörige",
                OfferPage.Kind.GROUP,
                "Austausch und gegenseitige Unterstützung für Menschen, die Angehörige pflegen.",
                {
                    "schedules": [
                        dates(weekly(TU, interval=2), "18:00", "19:30", r["beratungsraum"])
                    ],
                    "themes": ["self-help", "health"],
                    "target_groups": ["all-residents", "seniors"],
                    "languages": ["de"],
                    "cost": OfferPage.Cost.FREE,
                    "registration_required": True,
                    "registration_how": "Bitte vor dem ersten Besuch kurz anrufen: 05205 98765-10.",
                },
            ),
            (
                "Sonntagslauf im Bullerbachtal",
                OfferPage.Kind.GROUP,
                "Laufen und Walken in gemischten Gruppen, sonntags um 10 Uhr ab dem "
                "Stadtteilzentrum.",
                {
                    "schedules": [
                        dates(
                            weekly(SU), "10:00", "11:30", note="Treffpunkt vor dem Stadtteilzentrum"
                        )
                    ],
                    "themes": ["sport", "health"],
                    "target_groups": ["all-residents", "young-people"],
                    "languages": ["de", "tr"],
                    "cost": OfferPage.Cost.FREE,
                    "provider": "sv-sennestadt-sued",
                    "step_free": False,
                    "accessibility_notes": "Strecke über Waldwege, nicht rollstuhlgeeignet.",
                },
            ),
            (
                "Stadtteilchor Sennestadt",
                OfferPage.Kind.GROUP,
                "Lieder aus aller Welt – mittwochs um 19 Uhr im großen Saal.",
                {
                    "schedules": [dates(weekly(WE), "19:00", "21:00", r["grosser-saal"])],
                    "themes": ["art-culture", "encounter"],
                    "target_groups": ["all-residents"],
                    "languages": ["de"],
                    "cost": OfferPage.Cost.FREE,
                    "step_free": True,
                },
            ),
            (
                "Kinderturnen am Wochenende",
                OfferPage.Kind.COURSE,
                "Bewegungsspiele für Kinder von 3 bis 6 Jahren, samstags 11 Uhr.",
                {
                    "schedules": [
                        dates(weekly(SA), "11:00", "12:00", r["gruppen-und-bewegungsraum"])
                    ],
                    "themes": ["sport", "family"],
                    "target_groups": ["children", "families"],
                    "languages": ["de"],
                    "age_min": 3,
                    "age_max": 6,
                    "cost": OfferPage.Cost.AMOUNT,
                    "cost_amount": Decimal("15.00"),
                    "cost_note": "pro Halbjahr; frei mit Bielefeld-Pass",
                    "registration_required": True,
                    "registration_how": "Anmeldung beim SV Sennestadt-Süd oder an der Theke des "
                    "Stadtteilzentrums.",
                    "provider": "sv-sennestadt-sued",
                    "step_free": True,
                },
            ),
        ]
        for title, kind, intro, extra in offer_data:
            self.page(offers, OfferPage, title, offer_kind=kind, intro=intro, **extra)
        return centre

    # -- 4. Mittelpunkt Hüttenstraße (seed 003) ---------------------------------

    def first_saturday_in_june(self):
        """The next first Saturday of June (the neighbourhood party)."""
        for year in (self.today.year, self.today.year + 1):
            start = date(year, 6, 1)
            saturday = start + timedelta(days=(SATURDAY - start.weekday()) % 7)
            if saturday > self.today:
                return saturday
        raise AssertionError("unreachable")

    def build_huettenstrasse(self, index):
        centre, offers, counselling = self.centre(
            index,
            "Mittelpunkt Hüttenstraße",
            "mittelpunkt-huettenstrasse",
            CentrePage.Kind.MEETING_POINT,
            intro="Zusammen leben – Zukunft gemeinsam gestalten: Treffpunkt und Anlaufstelle für "
            "alle Anwohner*innen im Quartier Hüttenstraße, mit und ohne "
            "Zuwanderungsgeschichte.",
            body=[
                heading("Gemeinwesenorientiertes Quartiersmanagement"),
                paragraph(
                    "<p>Im Fokus steht die Teilhabe von Geflüchteten und allen anderen "
                    "Bewohnerinnen und Bewohnern am Leben im Quartier. Quartiersmanager "
                    "unterstützen als „Kümmerer“ direkt vor Ort und leisten Hilfe zur "
                    "Selbsthilfe. <b>Zielgruppen:</b> alle Anwohner*innen und Menschen mit "
                    "Zuwanderungsgeschichte.</p>"
                ),
                heading("Ausgangslage"),
                paragraph(
                    "<p>Im Quartier rund um die Hüttenstraße leben seit den 1970er-Jahren "
                    "überwiegend Menschen mit Migrationsgeschichte – ehemalige Gastarbeiter aus "
                    "der Türkei und russischstämmige Spätaussiedler. Seit 2012 sind viele "
                    "Geflüchtete aus Syrien, Afghanistan und den Balkanstaaten hinzugekommen. "
                    "Bisher gab es keinen zentralen Treffpunkt für Gemeinwesenarbeit.</p>"
                ),
                heading("Handlungsfelder"),
                paragraph(
                    "<ul><li>Imageverbesserung und Öffentlichkeitsarbeit</li>"
                    "<li>Soziale Aktivitäten und soziale Infrastruktur</li>"
                    "<li>Zusammenleben unterschiedlicher sozialer und ethnischer Gruppen</li></ul>"
                ),
                heading("Jahresziele und Maßnahmen"),
                heading("Gelungene Integration in das Gemeinwesen", "h3"),
                paragraph(
                    "<ul><li>Den Treffpunkt „Mittelpunkt Hüttenstraße“ etablieren: eine "
                    "Immobilie finden und möglichst mit den Bewohnerinnen und Bewohnern "
                    "gemeinsam herrichten.</li>"
                    "<li>Veranstaltungen gemeinsam mit den Menschen im Quartier planen und "
                    "durchführen.</li>"
                    "<li>Einbindung ins Vereinsleben: Freizeitangebote zeigen, zu Vereinen "
                    "orientieren, gemeinsame Angebote mit den Vereinen entwickeln.</li></ul>"
                ),
                heading("Gelungene Integration in den Arbeitsmarkt", "h3"),
                paragraph(
                    "<ul><li>Deutsch lernen: ehrenamtliche Sprachangebote, niedrigschwellige "
                    "Frauenkurse, Orientierung zu professionellen Sprachkursen.</li>"
                    "<li>Orientierung zu Arbeit und Ausbildung: mit Jugendberufshilfe, "
                    "Bundesagentur für Arbeit und Jobcenter; Infoveranstaltungen für Arbeitgeber, "
                    "Praktikumsplätze, Hilfe bei Bewerbungen.</li>"
                    "<li>Schulabschluss schaffen: Schulsystem erklären, Veranstaltungen mit "
                    "Bildungsträgern, Unterstützungsangebote.</li></ul>"
                ),
                heading("Das Projektgebiet"),
                paragraph(
                    "<p>Im Hüttenstraßen-Quartier im Nordwesten von Stadthagen leben 3.508 "
                    "Menschen (Stand 31.12.2016). Im Vergleich mit der Gesamtstadt:</p>"
                    "<ul><li>Kinder bis 14 Jahre: 15 % (Gesamtstadt 12 %)</li>"
                    "<li>Jugendliche und junge Erwachsene bis 26 Jahre: 17 % (15 %)</li>"
                    "<li>Ältere Bewohner*innen ab 60 Jahre: 26 % (31 %)</li>"
                    "<li>Ausländische Bewohner*innen: 44 % (24 %)</li>"
                    "<li>Menschen mit Zuwanderungsgeschichte: geschätzt 55 % (rund 30 %)</li>"
                    "<li>Menschen, die Transferleistungen beziehen: geschätzt 70 % "
                    "(für die Gesamtstadt liegen keine Zahlen vor)</li></ul>"
                    "<p>Quelle: Stadt Stadthagen; Schätzungen gemeinsam mit dem "
                    "Integrationsbeirat.</p>"
                ),
                heading("Unsere Methoden"),
                paragraph(
                    "<p>Aufsuchende Sozialarbeit, Begleitung von Bewohnerprojekten, Beratung, "
                    "Empowerment, Nachbarschaftsfeste, Weihnachts- und Flohmärkte, "
                    "Nachbarschaftshilfe, Netzwerkarbeit und ein offenes Forum. Unser "
                    "Qualitätsstandard: Der „Mittelpunkt“ wird angenommen, akzeptiert und "
                    "genutzt.</p>"
                ),
            ],
            district="huettenstrassen-quartier",
            operator="awo-schaumburg",
            partner_roles=[
                ("stadt-stadthagen", Role.COOPERATION, "Standortsuche und Zahlen zum Quartier"),
                ("integrationsbeirat-stadthagen", Role.COOPERATION, ""),
                ("kmn-schaumburg", Role.NETWORK, ""),
                ("jobcenter-schaumburg", Role.COOPERATION, "Orientierung zu Arbeit"),
                ("jugendberufshilfe-schaumburg", Role.COOPERATION, ""),
                ("vhs-schaumburg", Role.NETWORK, "Professionelle Sprachkurse"),
                ("internationaler-frauentreff-stadthagen", Role.PROVIDER, "Frauenkurs"),
                ("vfl-stadthagen-nord", Role.PROVIDER, ""),
                ("schaumburger-wochenschau", Role.NETWORK, "Öffentlichkeitsarbeit"),
            ],
            funding_programmes=["gute-nachbarschaft"],
            street="Hüttenstraße 21",
            postcode="31655",
            city="Stadthagen",
            latitude=Decimal("52.331200"),
            longitude=Decimal("9.193400"),
            directions="Fünf Minuten zu Fuß vom Bahnhof Stadthagen in Richtung Nordwesten.",
            contact_name="Stephan Hartmann",
            phone="+49 5721 939830",
            email="mittelpunkt@awo-schaumburg.example.org",
            step_free_entrance=True,
            accessible_wc=False,
            lift=None,
            accessibility_notes="Ebenerdiger Zugang zum Treffpunkt im Erdgeschoss.",
            opening_hours_note="Montag bis Freitag 10–17 Uhr, Donnerstag bis 19 Uhr.\n"
            "Die Flüchtlingssozialarbeit ist zusätzlich aufsuchend im "
            "Quartier unterwegs.",
            holiday_state="NI",
            opening_hours=opening(
                ((MONDAY, TUESDAY, WEDNESDAY, FRIDAY), "10:00", "17:00"),
                ((THURSDAY,), "10:00", "19:00"),
            ),
            team_members=[
                CentreTeamMember(
                    name="Stephan Hartmann",
                    role="Ansprechpartner des Projekts",
                    languages=["de"],
                    phone="+49 5721 939830",
                ),
                CentreTeamMember(
                    name="Rana Al-Hassan",
                    role="Flüchtlingssozialarbeit",
                    languages=["de", "ar", "en"],
                    email="r.alhassan@awo-schaumburg.example.org",
                ),
                CentreTeamMember(
                    name="Farid Ahmadi",
                    role="Flüchtlingssozialarbeit",
                    languages=["de", "fa", "ps"],
                    email="f.ahmadi@awo-schaumburg.example.org",
                ),
                CentreTeamMember(
                    name="Olga Becker",
                    role="Verwaltung",
                    languages=["de", "ru"],
                    email="o.becker@awo-schaumburg.example.org",
                ),
            ],
        )
        r = self.rooms(
            centre,
            {
                "name": "Treffraum",
                "kind": Room.Kind.GROUP_ROOM,
                "description": "Der Treffpunkt mit Teeküche – für Sprachangebote, Kurse und "
                "Feste. Anwohner*innen können ihn für Familienfeiern anfragen; Gruppen "
                "nutzen ihn abends und am Wochenende in Eigenregie und schließen selbst "
                "auf und ab.",
                "location_in_building": "Erdgeschoss",
                "capacity": 30,
                "area_m2": Decimal("48.0"),
                "step_free": True,
                "accessible_wc": False,
                "equipment": ["kitchenette", "dishes", "tables", "wifi"],
                **TREFFRAUM_BOOKING,
            },
            {
                "name": "Kinder- und Kursraum",
                "kind": Room.Kind.GROUP_ROOM,
                "description": "Spielecke und Tische für Kinderbetreuung und Hausaufgabenhilfe.",
                "location_in_building": "Erdgeschoss",
                "capacity": 15,
                "area_m2": Decimal("25.0"),
                "step_free": True,
                "equipment": ["play", "tables", "flipchart"],
            },
            {
                "name": "Beratungsbüro",
                "kind": Room.Kind.COUNSELLING,
                "description": "Büro der Flüchtlingssozialarbeit; Beratung vertraulich.",
                "location_in_building": "Erdgeschoss",
                "capacity": 3,
                "area_m2": Decimal("12.0"),
                "step_free": True,
                "equipment": ["tables"],
            },
        )
        self.room_use(
            r["kinder-und-kursraum"],
            "Hausaufgabenhilfe (Ehrenamtliche)",
            dates(weekly(MO, WE), "15:00", "17:00"),
        )

        residents = ["all-residents", "migrants"]
        self.page(
            counselling,
            ConsultationHourPage,
            "Sprechstunde der Flüchtlingssozialarbeit",
            slug="sprechstunde-fluechtlingssozialarbeit",
            schedules=[dates(weekly(TU, TH), "10:00", "13:00", r["beratungsbuero"])],
            consultation_kind=ConsultationHourPage.Kind.COUNSELLING,
            topic="Behörden, Wohnung, Schule, Gesundheit",
            intro="Beratung für Geflüchtete und Zugewanderte – auf Arabisch, Persisch, Paschtu, "
            "Türkisch und Russisch.",
            organisation="awo-schaumburg",
            languages=["de", "ar", "fa", "ps", "tr", "ru"],
            access=ConsultationHourPage.Access.BOTH,
            appointment_how="Dienstags und donnerstags 10–13 Uhr offen; sonst Termin unter "
            "+49 5721 939830.",
            confidential=True,
            themes=["counselling", "welcome-culture"],
            target_groups=["refugees", "migrants"],
        )
        self.page(
            counselling,
            ConsultationHourPage,
            "Offene Sprechstunde des Quartiersmanagements",
            slug="offene-sprechstunde",
            schedules=[dates(weekly(MO), "14:00", "16:00", r["beratungsbuero"])],
            consultation_kind=ConsultationHourPage.Kind.CITIZENS,
            topic="Ideen, Sorgen und Anliegen aus dem Quartier",
            intro="Der „Kümmerer“ hat ein offenes Ohr für alle Anwohner*innen.",
            counsellor="Stephan Hartmann",
            organisation="awo-schaumburg",
            languages=["de"],
            access=ConsultationHourPage.Access.OPEN,
            themes=["participation"],
            target_groups=residents,
        )
        offer_data = [
            (
                "Ehrenamtliche Sprachangebote: Deutsch im Alltag",
                "deutsch-im-alltag",
                OfferPage.Kind.GROUP,
                "Ehrenamtliche üben mit Ihnen Deutsch für Einkauf, Arzt und Behörde – zweimal pro "
                "Woche.",
                {
                    "schedules": [dates(weekly(MO, WE), "10:00", "12:00", r["treffraum"])],
                    "date_changes": [
                        cancel(
                            self.upcoming(MONDAY, 1), "fällt aus: Fortbildung der Ehrenamtlichen"
                        )
                    ],
                    "themes": ["education", "welcome-culture", "volunteering"],
                    "target_groups": ["migrants", "refugees"],
                    "languages": ["de", "ar", "fa", "tr", "ru"],
                    "cost": OfferPage.Cost.FREE,
                    "provider": "awo-schaumburg",
                    "funding_programmes": ["gute-nachbarschaft"],
                },
            ),
            (
                "Frauenkurs: Deutsch und Orientierung",
                "frauenkurs",
                OfferPage.Kind.COURSE,
                "Niedrigschwelliger Deutschkurs nur für Frauen, mit Kinderbetreuung im Nebenraum.",
                {
                    "schedules": [
                        dates(
                            weekly(TU, TH),
                            "14:00",
                            "16:00",
                            r["treffraum"],
                            note="Kinderbetreuung im Kinder- und Kursraum",
                        )
                    ],
                    "themes": ["education", "welcome-culture", "family"],
                    "target_groups": ["women", "migrants", "refugees"],
                    "languages": ["de", "ar", "fa", "ku"],
                    "cost": OfferPage.Cost.FREE,
                    "registration_required": True,
                    "registration_how": "Anmeldung im Mittelpunkt oder bei Rana Al-Hassan; die "
                    "Plätze für die Kinderbetreuung sind begrenzt.",
                    "provider": "internationaler-frauentreff-stadthagen",
                    "funding_programmes": ["gute-nachbarschaft"],
                    "step_free": True,
                },
            ),
            (
                "Nachbarschaftsfest Hüttenstraße",
                "nachbarschaftsfest",
                OfferPage.Kind.EVENT,
                "Essen aus vielen Ländern, Musik, Spiele für Kinder und die Vereine aus dem "
                "Quartier stellen sich vor.",
                {
                    "schedules": [
                        dates(
                            on_dates(self.first_saturday_in_june()),
                            "14:00",
                            "19:00",
                            note="auf dem Hof hinter dem Treffpunkt",
                        )
                    ],
                    "themes": ["encounter", "art-culture", "participation"],
                    "target_groups": residents,
                    "languages": ["de", "ar", "tr", "ru", "fa"],
                    "cost": OfferPage.Cost.FREE,
                    "provider": "awo-schaumburg",
                    "step_free": True,
                },
            ),
            (
                "Bewerbungshilfe und Orientierung zu Ausbildung und Arbeit",
                "bewerbungshilfe",
                OfferPage.Kind.OPEN,
                "Lebenslauf schreiben, Praktikum finden, Ausbildungsberufe kennenlernen – mit "
                "Jugendberufshilfe und Jobcenter.",
                {
                    "schedules": [dates(weekly(WE), "14:00", "17:00", r["treffraum"])],
                    "themes": ["education", "counselling"],
                    "target_groups": ["young-people", "migrants", "refugees"],
                    "languages": ["de", "ar", "fa", "tr", "ru"],
                    "cost": OfferPage.Cost.FREE,
                    "provider": "jugendberufshilfe-schaumburg",
                },
            ),
            (
                "Infoabend: Das Schulsystem in Niedersachsen",
                "infoabend-schulsystem",
                OfferPage.Kind.EVENT,
                "Grundschule, Oberschule, Gymnasium, Ausbildung: Wir erklären Wege zum "
                "Schulabschluss, mit Dolmetschung.",
                {
                    "schedules": [
                        dates(
                            on_dates(self.upcoming(THURSDAY, 4)), "17:30", "19:00", r["treffraum"]
                        )
                    ],
                    "themes": ["education", "family"],
                    "target_groups": ["families", "migrants"],
                    "languages": ["de", "ar", "fa", "tr", "ru", "uk"],
                    "cost": OfferPage.Cost.FREE,
                    "registration_required": True,
                    "registration_how": "Bitte bis eine Woche vorher anmelden und die gewünschte "
                    "Sprache nennen: +49 5721 939830.",
                },
            ),
            (
                "Gemeinsam herrichten: Mitmach-Aktion im Treffpunkt",
                "mitmach-aktion",
                OfferPage.Kind.EVENT,
                "Wir streichen, bauen Möbel und gestalten den Treffpunkt – alle Hände sind "
                "willkommen.",
                {
                    "schedules": [
                        dates(
                            on_dates(self.upcoming(SATURDAY, 2)), "10:00", "15:00", r["treffraum"]
                        )
                    ],
                    "themes": ["participation", "volunteering"],
                    "target_groups": ["all-residents", "volunteers"],
                    "languages": ["de", "ar", "ru"],
                    "cost": OfferPage.Cost.FREE,
                },
            ),
            (
                "Fußball im Quartier",
                "fussball-im-quartier",
                OfferPage.Kind.GROUP,
                "Offenes Training für Jugendliche mit dem VfL Stadthagen-Nord, freitags 17 Uhr.",
                {
                    "schedules": [
                        dates(weekly(FR), "17:00", "18:30", note="Bolzplatz an der Hüttenstraße")
                    ],
                    "date_changes": [
                        move(
                            self.upcoming(FRIDAY, 2),
                            "Platz gesperrt – Training in der Sporthalle der Grundschule",
                            start="16:30",
                            end="18:00",
                        )
                    ],
                    "themes": ["sport", "encounter"],
                    "target_groups": ["young-people"],
                    "languages": ["de", "ar", "tr"],
                    "age_min": 12,
                    "age_max": 21,
                    "cost": OfferPage.Cost.FREE,
                    "provider": "vfl-stadthagen-nord",
                },
            ),
        ]
        for title, slug, kind, intro, extra in offer_data:
            self.page(offers, OfferPage, title, slug=slug, offer_kind=kind, intro=intro, **extra)
        self.build_huettenstrasse_project(centre)
        return centre

    def build_huettenstrasse_project(self, centre):
        """The funded project's profile (seed 003). The seed names no years:
        the first yearly goal is last year's (the meeting point is open), the
        second this year's; the project period is invented around them."""
        year = self.today.year
        return self.page(
            centre,
            ProjectPage,
            "Gemeinwesenorientiertes Quartiersmanagement in der Flüchtlingssozialarbeit",
            slug="projekt-quartiersmanagement",
            intro="Zusammen leben – Zukunft gemeinsam gestalten – Integration fordern und fördern.",
            description=(
                "<p>Im Fokus des Projektes steht die Partizipation und Teilhabe am Gemeinwesen "
                "von Geflüchteten und allen weiteren Bewohnerinnen und Bewohnern mit und ohne "
                "Migrationsgeschichte im Quartier Hüttenstraße, im Nordwesten der Kreisstadt "
                "Stadthagen. Quartiersmanager unterstützen als „Kümmerer“ direkt vor Ort und "
                "leisten Hilfe zur Selbsthilfe.</p>"
                "<p>Der Stadtteiltreffpunkt „Mittelpunkt Hüttenstraße“ ist die Anlaufstelle: "
                "Neben Beratungsangeboten, insbesondere für Geflüchtete und Menschen mit "
                "Migrationsgeschichte, gibt es genügend Raum für Begegnungen, Austausch und "
                "Veranstaltungen. Im Sinne der Hilfe zur Selbsthilfe werden die "
                "Quartiersbewohner unterstützt, gemeinsam das Wohnumfeld zu gestalten, das "
                "Miteinander der Religionen und Kulturen zu fördern und Gewalt und Ausgrenzung "
                "präventiv zu begegnen.</p>"
                "<p>Die ortsbezogene, bedürfnisorientierte Integrationsarbeit mit den "
                "Zugewanderten, aber auch mit den Einheimischen fördert die Teilhabe am "
                "gesellschaftlichen Leben und ebnet die Wege in den Arbeitsmarkt (Sprache, "
                "Ausbildung, Beruf, Studium). Die Aktivierung der Quartiersbewohnerinnen und "
                "-bewohner zum bürgerschaftlichen Engagement steht im zentralen Fokus der "
                "Sozialarbeit.</p>"
                "<p>Die Vernetzung lokaler Akteure im Quartier ist eine weitere Aufgabe: "
                "Vorhandene Kontakte zu Institutionen, Vereinen und sozialen Partnern werden "
                "genutzt, ausgebaut und intensiviert. Dazu gehört die enge Zusammenarbeit mit "
                "dem regionalen Netzwerk der Kooperativen Migrationsarbeit Niedersachsen (KMN), "
                "dem städtischen Integrationsbeirat, den Bildungsträgern und der Verwaltung. "
                "Mit den Projektmitteln werden die Stelle des „Kümmerers“ bzw. "
                "Quartiersmanagers und eine halbe Verwaltungsstelle neu geschaffen; bis zu zwei "
                "halbe Stellen der Flüchtlingssozialarbeit arbeiten aufsuchend im Quartier.</p>"
            ),
            starting_situation=(
                "<p>Im Quartier rund um die Hüttenstraße leben seit den 1970er-Jahren "
                "überwiegend Menschen mit Migrationsgeschichte. Ehemalige Gastarbeiter aus der "
                "Türkei und russischstämmige Spätaussiedler prägten lange Zeit das Quartier; "
                "Konflikte zwischen den unterschiedlichen Kulturen waren an der Tagesordnung. "
                "Seit 2012 ziehen viele Geflüchtete aus Syrien, Afghanistan und den "
                "Balkanstaaten in die Wohnblocks.</p>"
                "<p>Es gab keinen zentralen Treffpunkt für Gemeinwesenarbeit, und die "
                "dezentrale Flüchtlingssozialarbeit war nicht im Quartier stationiert. Im "
                "Projektgebiet leben rund 28 Prozent aller Ausländerinnen und Ausländer der "
                "Kreisstadt; ihr Anteil im Quartier liegt bei 43,8 Prozent. Der Anteil der "
                "Menschen mit Zuwanderungsgeschichte ist weitaus höher, wird aber statistisch "
                "nicht erfasst. Es fehlen Beschäftigungsmöglichkeiten für Geflüchtete. Einer "
                "Perspektivlosigkeit und einer Zunahme der Kriminalität soll das Projekt "
                "ebenfalls entgegenwirken.</p>"
            ),
            approach=(
                "<p>Wir nutzen die Gemeinwesenarbeit als prozessorientiertes, partizipatives und "
                "interdisziplinäres Arbeitsprinzip, um bei den Menschen im Quartier nachhaltige "
                "Verbesserungen ihrer Lebenssituation zu erreichen. Dabei orientieren wir uns an "
                "ihren Bedürfnissen und Interessen und fördern die Teilhabe am ökonomischen, "
                "politischen, sozialen und kulturellen Leben.</p>"
                "<p>Wir nehmen insbesondere die Selbstorganisationen und vorhandenen "
                "Selbsthilfekräfte in den Fokus. So werden die Menschen unterstützt, selbst "
                "aktiv zu werden, ihre Bedürfnisse und Interessen öffentlich zu machen und sich "
                "für ihre Anliegen einzusetzen. Wir arbeiten zielgruppen- und "
                "ressortübergreifend (Wohnen, Gesundheit, Arbeit, Freizeit, Bildung, Kultur) und "
                "sehen das Projekt als Bindeglied zwischen den Menschen und den Ressourcen der "
                "Stadt: Wir gestalten Aushandlungsprozesse zwischen Verwaltung und Politik "
                "einerseits und den Menschen andererseits. Vernetzung und Kooperation aller "
                "Akteure stehen im Vordergrund, damit ein funktionierendes soziales Netzwerk "
                "entsteht.</p>"
            ),
            fields_of_action=[
                ("field", "Imageverbesserung und Öffentlichkeitsarbeit"),
                ("field", "Soziale Aktivitäten und soziale Infrastruktur"),
                ("field", "Zusammenleben unterschiedlicher sozialer und ethnischer Gruppen"),
            ],
            methods=[
                ("method", method)
                for method in [
                    "Aufsuchende Sozialarbeit",
                    "Begleitung bei Projekten von Bewohnerinnen und Bewohnern",
                    "Beratung",
                    "Bestandsanalyse",
                    "Empowerment",
                    "Kommunikationsanlässe wie Nachbarschaftsfeste, Weihnachts- und Flohmärkte",
                    "Kontaktgespräche",
                    "Nachbarschaftshilfe",
                    "Netzwerkarbeit",
                    "Offenes Forum",
                ]
            ],
            quality_standards=[
                (
                    "standard",
                    {
                        "standard": "Zusammenleben gestalten – Nachbarschaft fördern",
                        "achieved_when": "der „Mittelpunkt“ angenommen, akzeptiert und genutzt "
                        "wird.",
                    },
                )
            ],
            yearly_goals=[
                YearlyGoal(
                    year=year - 1,
                    goal="Gelungene Integration der Menschen in das Gemeinwesen",
                    measures="Etablierung des Treffpunkts „Mittelpunkt Hüttenstraße“: Immobilie "
                    "finden, möglichst mit den Bewohnerinnen und Bewohnern gemeinsam "
                    "herrichten.\n"
                    "Veranstaltungen durchführen: gemeinsam mit den Menschen im Quartier "
                    "Veranstaltungen planen und durchführen.\n"
                    "Einbindung der Menschen ins vorhandene Vereinsleben: Freizeitgestaltung "
                    "erklären und Angebote aufzeigen, Orientierung zu Vereinen, gemeinsame "
                    "Angebote mit den Vereinen entwickeln.",
                    status=YearlyGoal.Status.ACHIEVED,
                ),
                YearlyGoal(
                    year=year,
                    goal="Gelungene Integration in den Arbeitsmarkt",
                    measures="Erlernen der deutschen Sprache: ehrenamtliche Sprachangebote "
                    "initiieren und begleiten, niedrigschwellige Sprachangebote und Kurse "
                    "für Frauen anbieten, zu den professionellen Sprachkursen orientieren.\n"
                    "Orientierung zu Arbeits- und Ausbildungsplätzen: Zusammenarbeit mit "
                    "Jugendberufshilfe, Bundesagentur für Arbeit und Jobcenter, "
                    "Infoveranstaltungen für Arbeitgeber, Kontakttreffen im Quartier, "
                    "Praktikumsplätze finden, Hilfe bei Bewerbungen.\n"
                    "Schulausbildung erfolgreich abschließen: Schulsystem erklären, "
                    "Veranstaltungen mit Bildungsträgern initiieren, Unterstützungsangebote "
                    "organisieren.",
                    status=YearlyGoal.Status.IN_PROGRESS,
                ),
            ],
            carrier=self.partners["awo-schaumburg"],
            project_area=self.districts["huettenstrassen-quartier"],
            starts_on=date(year - 1, 1, 1),
            ends_on=date(year + 1, 12, 31),
            themes=["welcome-culture", "participation", "encounter"],
            target_groups=["all-residents", "migrants"],
            funding_programmes=["gute-nachbarschaft"],
            contact_name="Stephan Hartmann",
            phone="+49 5721 939830",
            email="mittelpunkt@awo-schaumburg.example.org",
        )

    # -- accounts ----------------------------------------------------------------

    def build_accounts(self, index):
        User = get_user_model()
        if not User.objects.filter(username=ADMIN_USERNAME).exists():
            User.objects.create_superuser(
                ADMIN_USERNAME,
                "admin@example.org",
                ADMIN_PASSWORD,
                first_name="Demo",
                last_name="Admin",
            )
            self.created["users"] += 1
        logins = [(ADMIN_USERNAME, ADMIN_PASSWORD, "")]
        for username, first_name, last_name, centre_slug in EDITORS:
            centre = index.get_children().filter(slug=centre_slug).first()
            group = None
            if centre is not None:
                group = Group.objects.filter(name=editors_group_name(centre)).first()
                if group is None:
                    group, _collection = create_editors_group(centre.specific)
                    self.created["groups"] += 1
            self.account(username, first_name, last_name, group)
            logins.append((username, EDITOR_PASSWORD, centre.title if centre else ""))
        logins.append(self.build_city_account())
        return logins

    def build_city_account(self):
        group, created = create_city_group()
        self.created["groups"] += created
        username, first_name, last_name = CITY_USER
        self.account(username, first_name, last_name, group)
        return (username, EDITOR_PASSWORD, group.name)

    def account(self, username, first_name, last_name, group=None):
        """The demo user ``username`` (password EDITOR_PASSWORD), in ``group``."""
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username,
                f"{username}@example.org",
                EDITOR_PASSWORD,
                first_name=first_name,
                last_name=last_name,
            )
            self.created["users"] += 1
        if group is not None and not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
            self.created["memberships"] += 1
        return user


def build_demo(base_url=None):
    """Build (or complete) the demo content; returns a :class:`DemoResult`.

    ``base_url`` is where the site is served; a newly set up default Site gets
    its host name and port.
    """
    with transaction.atomic():
        return DemoBuilder(base_url).build()
