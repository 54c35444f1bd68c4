"""Every page a resident reads, the calendars and the booking form work in the
six languages of the city (issue 6): German, English, Turkish, Arabic,
Russian and Ukrainian. Each page says its language (``<html lang>``), Arabic
reads right to left, times are written on the 24-hour clock, dates with the
weekday names of the reader's language, and the interface and the booking
form's error messages speak that language too."""

import html
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext, ngettext

from tests import factories
from tests.booking_helpers import bookable_room, open_centre, workday
from tests.calendar_helpers import (
    consultation_schedule,
    make_consultation_hour,
    make_offer,
    schedule,
)
from tests.test_booking_form import answers
from wagtail_stadtteil.core.localize import translate

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en", "tr", "ar", "ru", "uk"]
RIGHT_TO_LEFT = {"ar"}

#: Interface texts of the package the tests look for, one or two a page.
PACKAGE_TEXTS = [
    "Opening hours",
    "Next dates",
    "At a glance",
    "Where",
    "Nothing has been published here yet.",
    "Other periods",
    "Your request",
    "Your name",
]
#: The example site's own texts around every page (its base template).
ROOT = Path(__file__).resolve().parent.parent
BASE_TEMPLATE = ROOT / "example_site/stadtteil_example/templates/base.html"
#: The public stylesheets: the package's and the example site's.
STYLESHEETS = [
    ROOT / "wagtail_stadtteil/centres/static/wagtail_stadtteil/css/stadtteil.css",
    ROOT / "example_site/stadtteil_example/static/css/site.css",
]
#: A side named left or right: margin-left, right: 0, float: left, text-align: right,
#: border-top-left-radius, background-position: left …
PHYSICAL_SIDE = re.compile(
    r"(?<![\w-])(?:margin|padding|border|inset)-(?:left|right)\b"
    r"|(?<![\w-])(?:left|right)\s*:"
    r"|(?<![\w-])(?:float|clear|text-align)\s*:\s*(?:left|right)\b"
    r"|border-(?:top|bottom)-(?:left|right)-radius"
    r"|background-position[^;}]*\b(?:left|right)\b"
)
#: margin, padding and inset with four values name left and right last.
SHORTHAND = re.compile(r"(?<![\w-])(margin|padding|inset|border-radius)\s*:\s*([^;}]+)")

#: The German texts of the test content and their translations. German is the
#: source language: its pages are the originals.
GERMAN = {
    "centre": "Stadthaus Laatzen",
    "section": "Angebote",
    "offer": "Offenes Elterncafé",
    "offer_intro": "Eltern treffen sich bei Kaffee.",
    "consultation": "Rentenberatung",
    "office": "Familienservicebüro",
}
TRANSLATIONS = {
    "en": {
        "centre": "Town hall Laatzen",
        "section": "What's on",
        "offer": "Open parents' café",
        "offer_intro": "Parents meet over coffee.",
        "consultation": "Pension advice",
        "office": "Family service office",
    },
    "tr": {
        "centre": "Laatzen Belediye Binası",
        "section": "Etkinlikler",
        "offer": "Açık ebeveyn kafesi",
        "offer_intro": "Ebeveynler kahve eşliğinde buluşuyor.",
        "consultation": "Emeklilik danışmanlığı",
        "office": "Aile hizmetleri bürosu",
    },
    "ar": {
        "centre": "دار بلدية لاتسن",
        "section": "الأنشطة",
        "offer": "مقهى الآباء المفتوح",
        "offer_intro": "يلتقي الآباء على فنجان قهوة.",
        "consultation": "استشارات التقاعد",
        "office": "مكتب خدمات الأسرة",
    },
    "ru": {
        "centre": "Ратуша Лаацена",
        "section": "Занятия",
        "offer": "Открытое кафе для родителей",
        "offer_intro": "Родители встречаются за чашкой кофе.",
        "consultation": "Консультация по пенсиям",
        "office": "Бюро по делам семьи",
    },
    "uk": {
        "centre": "Ратуша Лаацена",
        "section": "Заняття",
        "offer": "Відкрите кафе для батьків",
        "offer_intro": "Батьки зустрічаються за кавою.",
        "consultation": "Пенсійна консультація",
        "office": "Бюро у справах сім'ї",
    },
}

#: A time on the 12-hour clock, in any of the six languages: "6 p.m.", "6:00 PM",
#: "6 ÖS" (Turkish), "6:00 م" (Arabic).
TWELVE_HOUR = re.compile(r"\d\s*(?:[AaPp]\.?\s?[Mm]\.?|ÖÖ|ÖS|[صم])(?!\w)")


def texts(code):
    return GERMAN if code == "de" else TRANSLATIONS[code]


def in_language(code, message):
    """``message`` from the catalogs, as a reader of ``code`` sees it."""
    with translation.override(code):
        return gettext(message)


def error_summary(code, count):
    """The heading above the booking form's errors, as the template words it."""
    with translation.override(code):
        return ngettext(
            "Your request was not sent. Please correct this:",
            "Your request was not sent. Please correct these %(counter)s points:",
            count,
        ) % {"counter": count}


def weekday_names(code):
    with translation.override(code):
        return [str(name) for name in WEEKDAYS.values()]


def read(response):
    """The page's HTML with entities resolved, after checking it was served."""
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


class Content:
    """A German centre with a bookable room, and the pages a test asks for;
    for another language their translations (German pages are the originals)."""

    def __init__(self, code):
        self.code = code
        german_centre = open_centre(factories.make_centre(title=GERMAN["centre"]))
        self.room = bookable_room(german_centre, "Gruppenraum 1")
        self.locale = None
        if code != "de":
            self.locale = factories.make_locale(code)
            factories.translate_tree_root(self.locale)
        self.german_centre = german_centre
        self.centre = self.in_language(german_centre)

    def in_language(self, german_page):
        if self.locale is None:
            return german_page
        words = {GERMAN[key]: TRANSLATIONS[self.code][key] for key in GERMAN}
        return translate(german_page, self.locale, words)

    def offer(self):
        """An evening offer in the room, Tuesdays 18:00–20:00."""
        german = make_offer(
            self.german_centre,
            GERMAN["offer"],
            intro=GERMAN["offer_intro"],
            schedules=[schedule(weekdays=(1,), start="18:00", end="20:00", room=self.room)],
        )
        return self.in_language(german)

    def consultation_hour(self):
        """A consultation hour on Thursdays, 18:00–20:00."""
        german = make_consultation_hour(
            self.german_centre,
            GERMAN["consultation"],
            schedules=[consultation_schedule(weekdays=(3,), start="18:00", end="20:00")],
        )
        return self.in_language(german)

    def office(self):
        return self.in_language(factories.make_office(self.german_centre, GERMAN["office"]))

    def section(self):
        return self.in_language(factories.make_section(self.german_centre, GERMAN["section"]))

    @property
    def calendar_url(self):
        return f"{self.centre.url}calendar/"

    @property
    def timetable_url(self):
        return f"{self.centre.url}rooms/{self.room.slug}/"

    @property
    def booking_url(self):
        return f"{self.centre.url}rooms/{self.room.slug}/book/"


@pytest.fixture(params=LANGUAGES)
def language(request):
    return request.param


@pytest.fixture
def content(language):
    return Content(language)


def assert_speaks(page_html, code, *interface):
    """The page declares its language and reading direction, and the interface
    (the site's skip link, the package's ``interface`` texts) is worded as the
    catalogs of that language have it."""
    root = re.search(r"<html\b[^>]*>", page_html).group(0)
    assert f'lang="{code}"' in root, root
    assert f'dir="{"rtl" if code in RIGHT_TO_LEFT else "ltr"}"' in root, root
    for message in ["Skip to content", *interface]:
        assert in_language(code, message) in page_html, (message, in_language(code, message))


def assert_no_12_hour_clock(page_html):
    visible = re.sub(r"<[^>]+>", " ", page_html)
    match = TWELVE_HOUR.search(visible)
    assert not match, visible[max(match.start() - 60, 0) : match.end() + 20]


def assert_24_hour_clock(page_html):
    """The evening dates (18:00–20:00) are written on the 24-hour clock."""
    assert "18:00" in page_html and "20:00" in page_html
    assert_no_12_hour_clock(page_html)


# Right to left -----------------------------------------------------------------


@pytest.mark.parametrize("stylesheet", STYLESHEETS, ids=lambda path: path.name)
def test_the_stylesheets_name_sides_logically_so_arabic_pages_mirror(stylesheet):
    css = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(), flags=re.S)
    assert not PHYSICAL_SIDE.findall(css), PHYSICAL_SIDE.findall(css)
    for match in SHORTHAND.finditer(css):
        values = match.group(2).split()
        if match.group(1) == "border-radius":
            assert len(set(values)) == 1, match.group(0)  # one radius for all corners
        elif len(values) == 4:
            assert values[1] == values[3], match.group(0)


# The pages -------------------------------------------------------------------


def is_translated(code, message):
    """``message`` has a translation of its own in ``code``: neither the English
    source nor the German that Django falls back to for a missing entry."""
    words = in_language(code, message)
    return (code == "en" or words != message) and (
        code == "de" or words != in_language("de", message)
    )


def test_the_package_interface_has_its_own_words_in_every_language(language):
    """Guards the checks below: a missing catalog entry would let the English
    source text, or the German fallback, pass for a translation."""
    missing = [message for message in PACKAGE_TEXTS if not is_translated(language, message)]
    assert not missing


def test_the_example_sites_header_and_footer_speak_every_language(language):
    """Skip link, main navigation and footer links around every page."""
    template = BASE_TEMPLATE.read_text()
    messages = re.findall(r"""{% translate ["']([^"']+)["'] %}""", template)
    assert "Skip to content" in messages
    missing = [message for message in messages if not is_translated(language, message)]
    assert not missing, f"{language}: no translation of {missing}"


def test_a_resident_reads_the_centre_page_in_their_language(client, content, language):
    page_html = read(client.get(content.centre.url))
    assert_speaks(page_html, language, "Opening hours")
    assert texts(language)["centre"] in page_html
    assert "09:00" in page_html and "21:00" in page_html  # opening hours, 24-hour clock
    assert_no_12_hour_clock(page_html)


def test_a_resident_reads_an_offer_with_its_evening_dates_in_their_language(
    client, content, language
):
    page_html = read(client.get(content.offer().url))
    assert_speaks(page_html, language, "Next dates", "At a glance")
    assert texts(language)["offer"] in page_html
    assert texts(language)["offer_intro"] in page_html
    assert_24_hour_clock(page_html)
    assert weekday_names(language)[1] in page_html  # Tuesdays


def test_a_resident_reads_a_consultation_hour_in_their_language(client, content, language):
    page_html = read(client.get(content.consultation_hour().url))
    assert_speaks(page_html, language, "Next dates", "At a glance")
    assert texts(language)["consultation"] in page_html
    assert_24_hour_clock(page_html)
    assert weekday_names(language)[3] in page_html  # Thursdays


def test_a_resident_reads_an_office_page_in_their_language(client, content, language):
    page_html = read(client.get(content.office().url))
    assert_speaks(page_html, language, "Where")
    assert texts(language)["office"] in page_html


def test_a_resident_reads_a_section_page_in_their_language(client, content, language):
    page_html = read(client.get(content.section().url))
    assert_speaks(page_html, language, "Nothing has been published here yet.")
    assert texts(language)["section"] in page_html


# Calendars -------------------------------------------------------------------


def test_the_centre_calendar_names_weekdays_and_24_hour_times_in_the_readers_language(
    client, content, language
):
    content.offer()
    tuesday = workday(7, weekday=1)
    page_html = read(client.get(content.calendar_url, {"start": tuesday.isoformat()}))
    assert_speaks(page_html, language, "Other periods")
    assert_24_hour_clock(page_html)
    assert texts(language)["offer"] in page_html
    assert weekday_names(language)[1] in page_html  # the Tuesday of the café


def test_the_room_timetable_names_weekdays_and_24_hour_times_in_the_readers_language(
    client, content, language
):
    content.offer()  # uses the room on Tuesdays, 18:00–20:00
    tuesday = workday(7, weekday=1)
    page_html = read(client.get(content.timetable_url, {"start": tuesday.isoformat()}))
    assert_speaks(page_html, language, "Other periods")
    assert_24_hour_clock(page_html)
    assert weekday_names(language)[1] in page_html


# Booking ---------------------------------------------------------------------


def test_a_resident_opens_the_booking_form_in_their_language(client, content, language):
    day = workday(10, weekday=2)
    page_html = read(client.get(content.booking_url, {"date": day.isoformat()}))
    assert_speaks(page_html, language, "Your request", "Your name")
    assert weekday_names(language)[2] in page_html  # the free times of that Wednesday
    assert_no_12_hour_clock(page_html)


def test_a_resident_who_forgets_their_name_is_told_so_in_their_language(client, content, language):
    day = workday(10, weekday=2)
    response = client.post(content.booking_url, answers(day, contact_name=""))
    page_html = read(response)
    assert_speaks(page_html, language, "Your name")
    assert response.context["form"].errors["contact_name"]
    assert is_translated(language, "This field is required.")
    assert in_language(language, "This field is required.") in page_html
    assert error_summary(language, 1) in page_html
    assert "18:00" in page_html  # the times as sent, 24-hour clock
    assert_no_12_hour_clock(page_html)


@pytest.mark.parametrize("written", ["6 p.m.", "6:00 PM", "6 am", "6 ÖS", "6:00 م", "6 ص"])
def test_the_check_for_the_24_hour_clock_recognises_12_hour_times(written):
    assert TWELVE_HOUR.search(written)
    assert not TWELVE_HOUR.search("18:00–20:00, Dienstag, 2 March")
