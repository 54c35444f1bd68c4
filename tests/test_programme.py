"""Residents look through the programme of all centres and narrow it down with
filters in the address (GET), which never break the page."""

import pytest
from django.db import transaction
from django.test import override_settings
from wagtail.models import Page, Site

from tests import factories
from tests.reading import card_titles, page_html
from wagtail_stadtteil.core.models import District

pytestmark = pytest.mark.django_db

ALL_OFFERS = ["Deutschkurs", "Elterncafé", "Spieleabend", "Yoga 60+"]


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker):
    """Two centres in different districts with four published offers and a draft.

    Built once for this module (pages with revisions are slow to make) inside a
    transaction that is rolled back after the module; each test runs in a
    savepoint within it, so what a test changes is undone as usual.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_city(factories.site_root())
        transaction.set_rollback(True)


def build_city(home):
    bezirk = factories.make_district("Laatzen", District.Level.POLITICAL_DISTRICT)
    sozialraum = factories.make_district("Laatzen-Mitte", District.Level.SOCIAL_SPACE, bezirk)
    quartier = factories.make_district("Marktplatz", District.Level.QUARTER, sozialraum)
    anderer = factories.make_district("Rethen", District.Level.POLITICAL_DISTRICT)
    family = factories.make_theme("family", "Familie")
    health = factories.make_theme("health", "Gesundheit")
    children = factories.make_target_group("children", "Kinder")
    seniors = factories.make_target_group("seniors", "Senior*innen")

    stadthaus = factories.make_centre(
        home, "Stadthaus Laatzen", district=quartier, step_free_entrance=True
    )
    treff = factories.make_centre(home, "Treff Rethen", district=anderer)
    section = factories.make_section(stadthaus, "Angebote")
    factories.make_offer(
        section,
        "Elterncafé",
        intro="Frühstück und Austausch für Eltern.",
        themes=[family],
        target_groups=[children],
        languages=["de", "tr"],
        cost="free",
        provider=factories.make_partner("Kinderschutzbund Laatzen"),
    )
    factories.make_offer(
        stadthaus,
        "Yoga 60+",
        themes=[health],
        target_groups=[seniors],
        languages=["de-x-easy"],
        cost="amount",
        cost_amount="5.00",
        step_free=False,
    )
    factories.make_offer(
        treff,
        "Deutschkurs",
        themes=[family],
        languages=["de", "ar"],
        cost="donation",
        step_free=True,
    )
    factories.make_offer(
        treff, "Spieleabend", themes=[health], target_groups=[children], cost="free"
    )
    factories.make_offer(stadthaus, "Entwurf", cost="free", publish=False)
    programme = factories.make_programme(home, "Programm")
    return {
        "programme": programme,
        "stadthaus": stadthaus,
        "treff": treff,
        "bezirk": bezirk,
        "sozialraum": sozialraum,
        "anderer": anderer,
    }


def offers_shown(client, city, **params):
    return card_titles(page_html(client, city["programme"], **params))


def test_resident_sees_all_published_offers_without_filters(client, city):
    html = page_html(client, city["programme"])
    assert card_titles(html) == ALL_OFFERS
    assert "4 Angebote" in html
    assert "Entwurf" not in html


def test_resident_filters_the_programme_by_theme(client, city):
    assert offers_shown(client, city, theme="family") == ["Deutschkurs", "Elterncafé"]


def test_resident_filters_the_programme_by_target_group(client, city):
    assert offers_shown(client, city, target_group="children") == ["Elterncafé", "Spieleabend"]


def test_resident_filters_the_programme_by_centre(client, city):
    assert offers_shown(client, city, centre=city["stadthaus"].pk) == ["Elterncafé", "Yoga 60+"]


def test_resident_filters_the_programme_by_district_including_its_parts(client, city):
    # The Stadthaus lies in a quarter of a social space of the political district.
    assert offers_shown(client, city, district="laatzen") == ["Elterncafé", "Yoga 60+"]
    assert offers_shown(client, city, district="laatzen-mitte") == ["Elterncafé", "Yoga 60+"]
    assert offers_shown(client, city, district="rethen") == ["Deutschkurs", "Spieleabend"]


def test_resident_filters_the_programme_by_language(client, city):
    assert offers_shown(client, city, language="tr") == ["Elterncafé"]
    assert offers_shown(client, city, language="ar") == ["Deutschkurs"]


def test_german_does_not_match_easy_german_and_the_other_way_round(client, city):
    assert offers_shown(client, city, language="de") == ["Deutschkurs", "Elterncafé"]
    assert offers_shown(client, city, language="de-x-easy") == ["Yoga 60+"]


def test_resident_filters_the_programme_for_free_offers(client, city):
    assert offers_shown(client, city, free="on") == ["Elterncafé", "Spieleabend"]


def test_step_free_offers_are_those_marked_so_or_in_a_step_free_centre(client, city):
    # Elterncafé: unknown itself, the Stadthaus entrance is step-free.
    # Yoga: marked not step-free although the Stadthaus is. Spieleabend: nothing known.
    assert offers_shown(client, city, step_free="on") == ["Deutschkurs", "Elterncafé"]


def test_resident_searches_the_programme_by_title_description_and_provider(client, city):
    assert offers_shown(client, city, q="yoga") == ["Yoga 60+"]
    assert offers_shown(client, city, q="Frühstück") == ["Elterncafé"]
    assert offers_shown(client, city, q="kinderschutzbund") == ["Elterncafé"]
    assert offers_shown(client, city, q="   ") == ALL_OFFERS


def test_resident_combines_filters(client, city):
    assert offers_shown(client, city, theme="family", free="on") == ["Elterncafé"]
    assert offers_shown(client, city, theme="health", district="rethen") == ["Spieleabend"]
    assert offers_shown(client, city, language="de", step_free="on", centre=city["treff"].pk) == [
        "Deutschkurs"
    ]
    html = page_html(client, city["programme"], theme="family", target_group="seniors")
    assert card_titles(html) == []
    assert "Kein Angebot passt zu diesen Filtern." in html


def test_an_unknown_filter_value_shows_an_error_instead_of_failing(client, city, subtests):
    for name, value in [
        ("theme", "nonexistent"),
        ("target_group", "aliens"),
        ("centre", "abc"),
        ("centre", "999999"),
        ("district", "atlantis"),
        ("language", "xx"),
    ]:
        with subtests.test(f"{name}={value}"):
            html = page_html(client, city["programme"], **{name: value})
            assert "Einige Filter konnten nicht angewendet werden:" in html
            assert "Bitte eine gültige Auswahl treffen." in html
            assert f'aria-describedby="id_{name}-error"' in html
            assert card_titles(html) == ALL_OFFERS


def test_a_valid_filter_still_applies_next_to_an_unknown_one(client, city):
    html = page_html(client, city["programme"], theme="nonexistent", free="on")
    assert "Einige Filter konnten nicht angewendet werden:" in html
    assert card_titles(html) == ["Elterncafé", "Spieleabend"]


@override_settings(WAGTAIL_STADTTEIL={"PROGRAMME_PAGE_SIZE": 3})
def test_resident_pages_through_the_programme(client, city, subtests):
    first_page = ["Deutschkurs", "Elterncafé", "Spieleabend"]
    for page, expected, label in [
        ("1", first_page, "Seite 1 von 2"),
        ("2", ["Yoga 60+"], "Seite 2 von 2"),
        ("999", ["Yoga 60+"], "Seite 2 von 2"),
        ("-1", ["Yoga 60+"], "Seite 2 von 2"),
        ("abc", first_page, "Seite 1 von 2"),
        ("", first_page, "Seite 1 von 2"),
    ]:
        with subtests.test(page=page):
            html = page_html(client, city["programme"], page=page)
            assert card_titles(html) == expected
            assert label in html


@override_settings(WAGTAIL_STADTTEIL={"PROGRAMME_PAGE_SIZE": 1})
def test_the_page_links_keep_the_filters(client, city):
    html = page_html(client, city["programme"], theme="family")
    assert card_titles(html) == ["Deutschkurs"]
    assert 'href="?theme=family&amp;page=2" rel="next"' in html


def test_the_programme_lists_only_offers_of_its_own_site(client, city):
    other_root = Page.get_first_root_node().add_child(instance=Page(title="Hamm", slug="hamm"))
    Site.objects.create(hostname="hamm.example", root_page=other_root)
    hamm_centre = factories.make_centre(other_root, "Stadtteilzentrum Hamm")
    factories.make_offer(hamm_centre, "Boule in Hamm", cost="free")

    html = page_html(client, city["programme"])
    assert card_titles(html) == ALL_OFFERS
    # Nor does its centre filter offer the other site's centre.
    assert "Stadtteilzentrum Hamm" not in html
    assert offers_shown(client, city, centre=hamm_centre.pk) == ALL_OFFERS
    hamm_programme = factories.make_programme(other_root, "Programm Hamm")
    with override_settings(ALLOWED_HOSTS=["hamm.example"]):
        response = client.get(hamm_programme.url, HTTP_HOST="hamm.example")
    assert card_titles(response.content.decode()) == ["Boule in Hamm"]


def test_the_programme_lists_only_offers_in_its_own_language(client, city):
    english = factories.make_locale("en")
    english_home = factories.translate_tree_root(english)
    english_centre = factories.make_centre(english_home, "Town hall Laatzen")
    factories.make_offer(english_centre, "Parents' café")
    assert english_centre.locale == english

    assert offers_shown(client, city) == ALL_OFFERS


def test_the_theme_choices_are_those_of_the_programmes_language(client, city):
    factories.make_theme("family", "Family", locale=factories.make_locale("en"))
    html = page_html(client, city["programme"])
    assert '<option value="family">Familie</option>' in html
    assert ">Family<" not in html


def test_offers_of_an_unpublished_centre_are_not_in_the_programme(client, city):
    city["treff"].unpublish()
    assert offers_shown(client, city) == ["Elterncafé", "Yoga 60+"]
