"""Pages and shared data in several languages: a German page is tied only to
German themes and partners; editors tick the languages the city offers."""

import pytest
from django.test import override_settings

from tests import factories
from tests.factories import admin_add_url, offer_form_data, page_form_data
from tests.reading import page_html
from wagtail_stadtteil.centres.models import OfferPage
from wagtail_stadtteil.core.languages import get_language

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    return factories.make_locale("en")


@pytest.fixture
def themes_in_two_languages(english):
    german = factories.make_theme("family", "Familie")
    english_theme = factories.make_theme(
        "family", "Family", locale=english, translation_key=german.translation_key
    )
    return german, english_theme


def test_the_german_offer_form_lists_only_german_themes_and_partners(
    editor, centre, english, themes_in_two_languages
):
    german_theme, english_theme = themes_in_two_languages
    factories.make_partner("Elternverein")
    factories.make_partner("Parents' club", slug="parents-club", locale=english)

    response = editor.get(admin_add_url(OfferPage, centre))
    assert response.status_code == 200
    fields = response.context["form"].fields
    assert list(fields["themes"].queryset) == [german_theme]
    assert [p.name for p in fields["provider"].queryset] == ["Elternverein"]
    html = response.content.decode()
    assert f'name="themes" value="{german_theme.pk}"' in html
    assert f'name="themes" value="{english_theme.pk}"' not in html
    assert "Parents&#x27; club" not in html


def test_the_edit_form_of_a_german_offer_lists_only_german_themes(
    editor, centre, themes_in_two_languages
):
    german_theme, _english_theme = themes_in_two_languages
    offer = factories.make_offer(centre, "Elterncafé", themes=[german_theme])
    response = editor.get(f"/admin/pages/{offer.pk}/edit/")
    assert list(response.context["form"].fields["themes"].queryset) == [german_theme]


def test_an_english_page_offers_english_themes_and_german_ones_not_translated_yet(
    editor, english, themes_in_two_languages
):
    _german_theme, english_theme = themes_in_two_languages
    untranslated = factories.make_theme("senioren", "Senioren")
    english_centre = factories.make_centre(factories.translate_tree_root(english), "Town hall")
    response = editor.get(admin_add_url(OfferPage, english_centre))
    assert set(response.context["form"].fields["themes"].queryset) == {english_theme, untranslated}


def test_a_synced_english_offer_edited_in_the_page_editor_keeps_its_themes(
    admin_client, english, centre, themes_in_two_languages
):
    from wagtail_localize.models import Translation

    from wagtail_stadtteil.core.localize import translate

    german_theme, _english_theme = themes_in_two_languages
    factories.translate_tree_root(english)
    translate(centre, english, {})
    offer = factories.make_offer(centre, "Elterncafé", themes=[german_theme])
    english_offer = translate(offer, english, {"Elterncafé": "Parents' café"})
    assert list(english_offer.themes.all()) == [german_theme]  # synchronised as is

    # The editor stops syncing the translation and edits the page in the page editor.
    Translation.objects.filter(target_locale=english).update(enabled=False)
    response = admin_client.get(f"/admin/pages/{english_offer.pk}/edit/")
    assert german_theme in response.context["form"].fields["themes"].queryset


def test_a_german_offer_cannot_be_tied_to_an_english_theme(editor, centre, themes_in_two_languages):
    _german_theme, english_theme = themes_in_two_languages
    response = editor.post(
        admin_add_url(OfferPage, centre),
        page_form_data(offer_form_data(), multi={"themes": [english_theme.pk]}),
    )
    assert response.status_code == 200
    assert "themes" in response.context["form"].errors
    assert not OfferPage.objects.exists()


@override_settings(WAGTAIL_STADTTEIL={"LANGUAGES": ["de", "gsg", "uk"]})
def test_editors_tick_the_languages_the_city_offers(editor, centre):
    response = editor.get(admin_add_url(OfferPage, centre))
    choices = [code for code, _label in response.context["form"].fields["languages"].choices]
    assert choices == ["de", "gsg", "uk"]
    html = response.content.decode()
    assert 'name="languages" value="gsg"' in html
    assert 'name="languages" value="tr"' not in html


def test_sign_language_is_marked_as_german_for_screen_readers(client, centre):
    offer = factories.make_offer(centre, "Gebärdentreff", languages=["gsg"])
    html = page_html(client, offer)
    assert '<span lang="de">Deutsche Gebärdensprache</span>' in html


def test_a_language_no_longer_offered_still_shows_on_older_offers(client, centre):
    offer = factories.make_offer(centre, "Alter Kurs", languages=["de", "xx"])
    html = page_html(client, offer)
    assert '<span lang="xx">xx</span>' in html
    assert str(get_language("xx")) == "xx"
