"""Residents read the site in their language: a language switcher on every
page, pages not translated yet still listed (in German, marked so), shared
themes and partners in the reader's language where the city translated them,
and filters that work whatever language a page points at."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.calendar_helpers import make_offer, schedule
from tests.reading import page_html
from wagtail_stadtteil.centres.models import CentreClosure, CentrePartner, CentreTeamMember
from wagtail_stadtteil.core.localize import translate
from wagtail_stadtteil.core.models import District
from wagtail_stadtteil.schedules.dates import local_today

pytestmark = pytest.mark.django_db


# Helpers ---------------------------------------------------------------------------


@pytest.fixture
def translated(django_capture_on_commit_callbacks):
    """``translate`` that also runs what waits for the commit (wagtail-localize
    publishes a translated page on commit; tests never commit)."""

    def run(instance, locale, strings=None):
        with django_capture_on_commit_callbacks(execute=True):
            result = translate(instance, locale, strings or {})
        result.refresh_from_db()
        return result

    return run


@pytest.fixture
def english(db):
    return factories.make_locale("en")


@pytest.fixture
def english_home(english):
    return factories.translate_tree_root(english)


@pytest.fixture
def english_centre(centre, english, english_home, translated):
    return translated(centre, english, {"Stadthaus Laatzen": "Town hall Laatzen"})


def switcher(html):
    """The language switcher's links: [(lang, hreflang, href, current, text)]."""
    navs = re.findall(
        r'<nav class="stadtteil-languages[^"]*" aria-label="[^"]*">(.*?)</nav>', html, re.S
    )
    assert len(navs) == 1, f"{len(navs)} language switchers"
    links = re.findall(r"<a ([^>]*)>(.*?)</a>", navs[0], re.S)
    found = []
    for attrs, text in links:
        values = dict(re.findall(r'([\w-]+)="([^"]*)"', attrs))
        text = re.sub(r"<[^>]+>", "", text).strip()
        found.append(
            (
                values["lang"],
                values["hreflang"],
                values["href"],
                values.get("aria-current") == "page",
                text,
            )
        )
    return found


def alternates(html):
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)


def cards(html):
    """Titles of a listing's cards: [(title, lang or None, marked "(in German)")]."""
    found = re.findall(
        r'class="stadtteil-card__title"><a href="[^"]*"([^>]*)>(.*?)</a>(.*?)</h3>', html, re.S
    )
    result = []
    for attrs, title, after in found:
        lang = re.search(r'lang="([^"]+)"', attrs)
        result.append((title, lang.group(1) if lang else None, "(in German)" in after))
    return result


# The language switcher -------------------------------------------------------------


def test_resident_switches_between_the_german_and_the_english_centre_page(
    client, centre, english_centre
):
    german = switcher(page_html(client, centre))
    assert german == [
        ("de", "de", "/stadthaus-laatzen/", True, "Deutsch"),
        ("en", "en", english_centre.url, False, "English"),
    ]
    assert english_centre.url.startswith("/en/")

    english = switcher(page_html(client, english_centre))
    assert [(lang, current) for lang, _h, _u, current, _t in english] == [
        ("de", False),
        ("en", True),
    ]


def test_the_switcher_names_each_language_in_itself_and_right_to_left_where_it_is_written_so(
    client, centre, english_centre
):
    arabic = factories.make_locale("ar")
    factories.translate_tree_root(arabic)
    html = page_html(client, centre)
    names = [text.split(" (")[0] for _l, _h, _u, _c, text in switcher(html)]
    assert names == ["Deutsch", "English", "العربية"]
    assert re.search(r'<a href="/ar/" lang="ar" hreflang="ar" dir="rtl">', html)


def test_the_switcher_lists_only_languages_the_site_is_translated_into(
    client, centre, english_centre
):
    factories.make_locale("tr")  # a locale, but no Turkish home page yet
    languages = [lang for lang, *_rest in switcher(page_html(client, centre))]
    assert languages == ["de", "en"]


def test_a_site_in_german_only_shows_no_switcher(client, centre):
    assert "stadtteil-languages" not in page_html(client, centre)


def test_an_untranslated_page_links_to_the_nearest_translated_page_above_it(
    client, centre, english_centre
):
    offer = factories.make_offer(centre, "Offenes Elterncafé")
    english_link = switcher(page_html(client, offer))[1]
    assert english_link == (
        "en",
        "en",
        english_centre.url,
        False,
        "English (“Town hall Laatzen” – this page is not translated)",
    )


def test_a_page_whose_centre_is_not_translated_either_links_to_the_english_home_page(
    client, centre, english_home
):
    offer = factories.make_offer(centre, "Offenes Elterncafé")
    english_link = switcher(page_html(client, offer))[1]
    assert english_link == (
        "en",
        "en",
        "/en/",
        False,
        "English (home page – this page is not translated)",
    )


def test_the_calendar_switches_to_the_same_calendar_and_period_in_english(
    client, centre, english_centre
):
    response = client.get(f"{centre.url}calendar/", {"view": "month"})
    assert response.status_code == 200
    english_link = switcher(response.content.decode())[1]
    assert english_link[2] == f"{english_centre.url}calendar/?view=month"
    assert english_link[4] == "English"


def test_the_package_pages_show_the_switcher_once_when_the_sites_header_has_it(
    client, centre, english_centre
):
    html = page_html(client, centre)
    header = html.split('<main id="main-content"')[0]
    assert header.count("stadtteil-languages") == 1  # the example site's header
    assert html.count('class="stadtteil-languages') == 1


def test_a_bookings_status_page_switches_to_the_same_page_in_the_other_language(
    client, centre, english_centre
):
    from django.utils import translation

    from tests.booking_helpers import bookable_room, open_centre, request_room, slot, workday
    from wagtail_stadtteil.booking.tokens import status_path

    room = bookable_room(open_centre(centre))
    booking = request_room(room, slot(workday(), "18:00", "20:00"), purpose="Chorprobe")
    with translation.override("de"):
        german_path = status_path(booking)
    english_path = "/en" + german_path

    response = client.get(english_path)
    assert response.status_code == 200
    assert switcher(response.content.decode()) == [
        ("de", "de", german_path, False, "Deutsch"),
        ("en", "en", english_path, True, "English"),
    ]
    assert not alternates(response.content.decode())  # a private page: nothing to index


CITY_BASE = """{% block extra_css %}{% endblock %}<main>{% block content %}{% endblock %}</main>"""


@override_settings(
    WAGTAIL_STADTTEIL={"BASE_TEMPLATE": "city/base.html"},
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "APP_DIRS": False,
            "OPTIONS": {
                "context_processors": ["django.template.context_processors.request"],
                "loaders": [
                    ("django.template.loaders.locmem.Loader", {"city/base.html": CITY_BASE}),
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ],
)
def test_a_city_whose_base_template_has_no_switcher_gets_it_on_the_package_pages(
    client, centre, english_centre
):
    html = page_html(client, english_centre)
    assert html.index("stadtteil-languages") < html.index("<h1>")
    assert [lang for lang, *_rest in switcher(html)] == ["de", "en"]
    assert alternates(html)  # and the hreflang links in its head


def test_search_engines_find_each_language_version_of_a_page(client, centre, english_centre):
    expected = [
        ("de", centre.full_url),
        ("en", english_centre.full_url),
        ("x-default", centre.full_url),
    ]
    assert english_centre.full_url.endswith("/en/stadthaus-laatzen/")
    assert alternates(page_html(client, centre)) == expected
    assert alternates(page_html(client, english_centre)) == expected


def test_a_page_in_one_language_only_names_no_language_versions(client, centre, english_centre):
    offer = factories.make_offer(centre, "Offenes Elterncafé")
    assert alternates(page_html(client, offer)) == []  # nothing to choose between


# Lists in the reader's language ------------------------------------------------------


@pytest.fixture
def offers_in_two_languages(centre, english_centre, english, translated):
    """Three offers of the centre; only the parents' café is in English."""
    cafe = factories.make_offer(centre, "Elterncafé", intro="Frühstück für Eltern.")
    factories.make_offer(centre, "Spieleabend", intro="Brettspiele für alle.")
    factories.make_offer(centre, "Yoga 60+")
    english_cafe = translated(cafe, english, {"Elterncafé": "Parents' café"})
    return cafe, english_cafe


def test_the_english_centre_page_lists_offers_not_translated_yet_in_german_marked_so(
    client, offers_in_two_languages, english_centre
):
    with override_settings(LANGUAGE_CODE="de"):
        html = page_html(client, english_centre)
    assert cards(html) == [
        ("Parents&#x27; café", None, False),
        ("Spieleabend", "de", True),
        ("Yoga 60+", "de", True),
    ]
    assert '<p lang="de" dir="ltr">Brettspiele für alle.</p>' in html
    assert "Elterncafé" not in html  # the German café is not listed twice


def test_the_german_centre_page_lists_its_german_offers_unmarked(
    client, centre, offers_in_two_languages
):
    assert cards(page_html(client, centre)) == [
        ("Elterncafé", None, False),
        ("Spieleabend", None, False),
        ("Yoga 60+", None, False),
    ]


def test_a_section_in_english_lists_the_pages_of_its_german_section_not_translated_yet(
    client, centre, english_centre, english, translated
):
    section = factories.make_section(centre, "Beratung")
    factories.make_consultation_hour(section, "Rentenberatung")
    english_section = translated(section, english, {"Beratung": "Counselling"})
    assert cards(page_html(client, english_section)) == [("Rentenberatung", "de", True)]


def test_an_english_office_lists_its_consultation_hours_not_translated_yet(
    client, centre, english_centre, english, translated
):
    office = factories.make_office(centre, "Familienservicebüro")
    factories.make_consultation_hour(office, "Elternberatung")
    english_office = translated(office, english, {"Familienservicebüro": "Family service"})
    assert cards(page_html(client, english_office)) == [("Elternberatung", "de", True)]


def test_the_english_centre_index_lists_centres_not_translated_yet(
    client, centre, english_centre, english, translated
):
    index = factories.make_centre_index(title="Stadtteilzentren")
    factories.make_centre(index, "Treff Rethen")
    english_index = translated(index, english, {"Stadtteilzentren": "District centres"})
    assert cards(page_html(client, english_index)) == [("Treff Rethen", "de", True)]


def test_a_calendar_in_english_shows_offers_not_translated_yet_in_german_marked_so(
    client, centre, english_centre
):
    tomorrow = local_today() + dt.timedelta(days=1)
    make_offer(
        centre,
        "Spieleabend",
        schedules=[schedule(weekdays=range(7), start="18:00", end="20:00")],
        changes=[{"original_date": tomorrow, "action": "cancel", "reason": "Krankheit"}],
    )
    response = client.get(f"{english_centre.url}calendar/", {"view": "list"})
    html = response.content.decode()
    assert (
        '<a href="/stadthaus-laatzen/spieleabend/" lang="de" dir="ltr">Spieleabend</a>'
        ' <span class="stadtteil-language-note">(in German)</span>'
    ) in html
    assert '<strong>cancelled</strong>: <span lang="de" dir="ltr">Krankheit</span>' in html


def test_a_rooms_regular_use_shows_in_the_english_calendar_as_written_in_german(
    client, centre, english_centre
):
    from tests.calendar_helpers import make_room, make_use

    make_use(make_room(centre, "Saal"), "Tanzkreis 60+", weekdays=range(7), public=True)
    response = client.get(f"{english_centre.url}calendar/", {"view": "list"})
    html = response.content.decode()
    assert '<span lang="de" dir="ltr">Tanzkreis 60+</span>' in html


def test_the_english_offer_page_shows_the_cancellation_reason_written_in_german_as_german(
    client, centre, english_centre, english, translated
):
    tomorrow = local_today() + dt.timedelta(days=1)
    offer = make_offer(
        centre,
        "Spieleabend",
        schedules=[schedule(weekdays=range(7), start="18:00", end="20:00")],
        changes=[{"original_date": tomorrow, "action": "cancel", "reason": "Krankheit"}],
    )
    english_offer = translated(offer, english, {"Spieleabend": "Games night"})
    html = page_html(client, english_offer)
    assert ': <span lang="de" dir="ltr">Krankheit</span>' in html


def test_the_room_timetable_in_english_marks_offers_not_translated_yet(
    client, centre, english_centre
):
    from tests.calendar_helpers import make_room

    room = make_room(centre, "Saal")
    make_offer(
        centre,
        "Chor",
        schedules=[schedule(weekdays=range(7), start="18:00", end="20:00", room=room)],
    )
    response = client.get(f"{english_centre.url}rooms/{room.slug}/")
    html = response.content.decode()
    assert (
        'lang="de" dir="ltr">Chor</a> <span class="stadtteil-language-note">(in German)</span>'
    ) in html


# Shared snippets in the reader's language ----------------------------------------------


def test_the_english_offer_shows_the_english_theme_and_the_german_one_not_translated_yet(
    client, centre, english_centre, english, translated
):
    family = factories.make_theme("familie", "Familie")
    health = factories.make_theme("gesundheit", "Gesundheit")
    translated(family, english, {"Familie": "Family"})
    children = factories.make_target_group("kinder", "Kinder")
    translated(children, english, {"Kinder": "Children"})
    provider = factories.make_partner("Kinderschutzbund Laatzen")
    translated(provider, english, {"Kinderschutzbund Laatzen": "Child Protection League"})
    offer = factories.make_offer(
        centre,
        "Elterncafé",
        themes=[family, health],
        target_groups=[children],
        provider=provider,
    )
    english_offer = translated(offer, english, {"Elterncafé": "Parents' café"})
    assert set(english_offer.themes.all()) == {family, health}  # German rows, synchronised

    html = page_html(client, english_offer)
    assert "<li>Family</li>" in html
    assert '<li lang="de" dir="ltr">Gesundheit</li>' in html
    assert "<dd>Children" in html
    assert "Child Protection League" in html
    assert "Kinderschutzbund" not in html


def test_the_english_centre_page_names_its_district_operator_and_funding_in_english(
    client, centre, english, english_home, translated
):
    district = factories.make_district("Laatzen-Mitte", District.Level.SOCIAL_SPACE)
    translated(district, english, {"Laatzen-Mitte": "Laatzen Centre"})
    operator = factories.make_partner("Stadt Laatzen")
    translated(operator, english, {"Stadt Laatzen": "City of Laatzen"})
    partner = factories.make_partner("Elternverein")
    programme = factories.make_funding_programme(
        "Sozialer Zusammenhalt", funding_notice="Gefördert durch Bund und Land."
    )
    translated(
        programme,
        english,
        {
            "Sozialer Zusammenhalt": "Social cohesion",
            "Gefördert durch Bund und Land.": "Funded by the federal and state governments.",
        },
    )
    centre.district = district
    centre.operator = operator
    centre.funding_programmes.set([programme])
    centre.partner_roles.set([CentrePartner(partner=partner, note="seit 2019")])
    centre.save_revision().publish()
    english_centre = translated(centre, english, {"Stadthaus Laatzen": "Town hall Laatzen"})

    html = page_html(client, english_centre)
    assert "Laatzen Centre" in html and "Laatzen-Mitte" not in html
    assert "The centre is run by City of Laatzen." in html
    assert "Funded by the federal and state governments." in html
    # A partner the city has not translated keeps its German name, marked German.
    assert (
        '<li><span lang="de" dir="ltr">Elternverein</span> – Cooperation partner'
        ' (<span lang="de" dir="ltr">seit 2019</span>)</li>'
    ) in html


# Texts synchronised from the German page ------------------------------------------------


def test_roles_and_closure_reasons_written_in_german_are_marked_german_on_the_english_page(
    client, centre, english, english_home, translated
):
    centre.team_members.set([CentreTeamMember(name="Ayşe Demir", role="Leitung")])
    next_week = local_today() + dt.timedelta(days=7)
    centre.closures.set(
        [CentreClosure(starts_on=next_week, ends_on=next_week, reason="Betriebsausflug")]
    )
    centre.save_revision().publish()
    english_centre = translated(centre, english, {"Stadthaus Laatzen": "Town hall Laatzen"})

    html = page_html(client, english_centre)
    assert '<p class="stadtteil-person__role" lang="de" dir="ltr">Leitung</p>' in html
    assert ': <span lang="de" dir="ltr">Betriebsausflug</span></li>' in html

    german = page_html(client, centre)
    assert '<p class="stadtteil-person__role">Leitung</p>' in german


def test_a_page_written_in_english_marks_nothing_as_german(client, english, english_home):
    english_centre = factories.make_centre(english_home, "Community hub")
    english_centre.team_members.set([CentreTeamMember(name="Sam Smith", role="Manager")])
    english_centre.save_revision().publish()
    html = page_html(client, english_centre)
    assert '<p class="stadtteil-person__role">Manager</p>' in html


# Filters in every language ------------------------------------------------------------


@pytest.fixture
def programme_in_two_languages(centre, english_centre, english, translated):
    family = factories.make_theme("familie", "Familie")
    health = factories.make_theme("gesundheit", "Gesundheit")
    translated(family, english, {"Familie": "Family"})
    cafe = factories.make_offer(centre, "Elterncafé", themes=[family])
    factories.make_offer(centre, "Krabbelgruppe", themes=[family])
    factories.make_offer(centre, "Yoga 60+", themes=[health])
    translated(cafe, english, {"Elterncafé": "Parents' café"})
    programme = factories.make_programme(title="Programm")
    return translated(programme, english, {"Programm": "Programme"})


def test_the_english_programme_offers_english_themes_and_german_ones_not_translated_yet(
    client, programme_in_two_languages
):
    html = page_html(client, programme_in_two_languages)
    assert '<option value="familie">Family</option>' in html
    assert '<option value="gesundheit">Gesundheit</option>' in html
    assert ">Familie<" not in html


def test_filtering_by_the_english_theme_finds_the_pages_that_point_at_the_german_one(
    client, programme_in_two_languages
):
    html = page_html(client, programme_in_two_languages, theme="familie")
    assert cards(html) == [("Krabbelgruppe", "de", True), ("Parents&#x27; café", None, False)]


def test_filtering_by_a_german_theme_finds_offers_that_point_at_its_english_translation(
    client, centre, english, english_home, translated
):
    family = factories.make_theme("familie", "Familie")
    english_family = translated(family, english, {"Familie": "Family"})
    english_centre = factories.make_centre(english_home, "Town hall")
    factories.make_offer(english_centre, "Parents' café", themes=[english_family])
    programme = factories.make_programme(english_home, "Programme")
    html = page_html(client, programme, theme="familie")
    assert cards(html) == [("Parents&#x27; café", None, False)]


def test_filtering_the_english_programme_by_centre_finds_its_offers_in_both_languages(
    client, programme_in_two_languages, english_centre
):
    html = page_html(client, programme_in_two_languages, centre=english_centre.pk)
    assert [title for title, *_rest in cards(html)] == [
        "Krabbelgruppe",
        "Parents&#x27; café",
        "Yoga 60+",
    ]
    assert html.count(">Town hall Laatzen</option>") == 1


def test_an_offer_not_translated_yet_names_its_centre_in_english_in_the_programme(
    client, programme_in_two_languages
):
    html = page_html(client, programme_in_two_languages)
    assert "· Town hall Laatzen" in html
    assert "Stadthaus Laatzen" not in html


# Bounded queries -------------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_listing_many_offers_not_translated_yet_costs_no_query_per_offer(
    client, centre, english_centre, english, translated, django_assert_max_num_queries
):
    family = factories.make_theme("familie", "Familie")
    translated(family, english, {"Familie": "Family"})
    for number in range(2):
        factories.make_offer(centre, f"Kurs {number}", themes=[family])
    programme = translated(factories.make_programme(title="Programm"), english, {})
    programme_url = f"{programme.url}?theme=familie"
    count_queries(client, english_centre.url)  # the site's settings are made on first use
    few_centre = count_queries(client, english_centre.url)
    few_programme = count_queries(client, programme_url)

    for number in range(2, 14):
        factories.make_offer(centre, f"Kurs {number}", themes=[family])
    count_queries(client, english_centre.url)
    count_queries(client, programme_url)
    with django_assert_max_num_queries(few_centre):
        page_html(client, english_centre)
    with django_assert_max_num_queries(few_programme):
        assert len(cards(page_html(client, programme, theme="familie"))) == 14


# Private pages and aliases ---------------------------------------------------------


def test_a_password_protected_translation_is_neither_offered_nor_named(
    client, centre, english_centre, english_home
):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=english_centre, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    html = page_html(client, centre)
    english_link = switcher(html)[1]
    assert english_link[2] == english_home.url  # the English home page instead
    assert "Town hall Laatzen" not in html
    assert english_centre.url not in [href for _lang, href in alternates(html)]


def test_an_alias_in_english_counts_as_not_translated(client, centre, english, english_home):
    # wagtail-localize makes a missing parent an alias of the German page when
    # only a child is translated: the "English" centre page shows German text.
    offer = factories.make_offer(centre, "Offenes Elterncafé")
    translate(offer, english, {"Offenes Elterncafé": "Open parents' café"})
    alias = centre.get_translation(english)
    assert alias.alias_of_id == centre.pk and alias.live

    html = page_html(client, centre)
    english_link = switcher(html)[1]
    assert english_link[2] == english_home.url
    assert "this page is not translated" in english_link[4]
    assert [lang for lang, _href in alternates(html)] == []


def test_search_engines_read_the_english_offers_organiser_in_english(
    client, centre, english, english_centre, translated
):
    from tests.reading import json_ld

    club = factories.make_partner("Elternverein Laatzen")
    translated(club, english, {"Elternverein Laatzen": "Parents' club Laatzen"})
    offer = make_offer(centre, "Elterncafé", provider=club, schedules=[schedule(weekdays=(1,))])
    english_offer = translated(offer, english, {"Elterncafé": "Parents' café"})

    def organisers(page):
        return {event["organizer"]["name"] for event in json_ld(page_html(client, page))["@graph"]}

    assert organisers(english_offer) == {"Parents' club Laatzen"}
    assert organisers(offer) == {"Elternverein Laatzen"}
