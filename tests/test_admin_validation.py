"""Editors who enter something impossible see a field error in German on the
form they filled in (never a server error), and nothing is saved."""

import html

import pytest
from django.utils.translation import gettext
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests import factories
from tests.factories import (
    admin_add_url,
    centre_form_data,
    consultation_hour_form_data,
    offer_form_data,
    page_form_data,
)
from wagtail_stadtteil.centres.models import CentrePage, ConsultationHourPage, OfferPage
from wagtail_stadtteil.core.models import District, FundingProgramme, Partner, Theme

pytestmark = pytest.mark.django_db


def assert_field_error(response, field, message):
    """The form came back (200) with ``message`` on ``field``, shown on the page."""
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in form.errors[field], form.errors[field]
    assert html.escape(message, quote=True) in response.content.decode()


def post_offer(editor, centre, **overrides):
    return editor.post(
        admin_add_url(OfferPage, centre), page_form_data(offer_form_data(**overrides))
    )


def test_editor_sees_a_field_error_when_the_maximum_age_is_below_the_minimum(editor, centre):
    response = post_offer(editor, centre, age_min="12", age_max="6")
    assert_field_error(
        response, "age_max", "Das Höchstalter darf nicht unter dem Mindestalter liegen."
    )
    assert not OfferPage.objects.exists()


def test_editor_must_enter_the_fee_when_the_offer_costs_money(editor, centre):
    response = post_offer(editor, centre, cost="amount", cost_amount="")
    assert_field_error(
        response, "cost_amount", "Geben Sie die Gebühr ein oder wählen Sie „Kostenlos“."
    )
    assert not OfferPage.objects.exists()


def test_editor_cannot_enter_a_fee_for_a_free_offer(editor, centre):
    response = post_offer(editor, centre, cost="free", cost_amount="5.00")
    assert_field_error(
        response, "cost_amount", "Ein Betrag ist nur bei den Kosten „Gebühr“ möglich."
    )
    assert not OfferPage.objects.exists()


def test_editor_must_say_how_to_register_when_registration_is_required(editor, centre):
    response = post_offer(editor, centre, registration_required="on", registration_how="  ")
    assert_field_error(
        response, "registration_how", "Beschreiben Sie, wie sich Bewohner*innen anmelden können."
    )
    assert not OfferPage.objects.exists()


def test_nonsense_in_number_and_choice_fields_gives_field_errors(editor, centre):
    response = post_offer(
        editor, centre, age_min="zwölf", cost="teuer", cost_amount="viel", step_free="vielleicht"
    )
    assert response.status_code == 200
    assert {"age_min", "cost", "cost_amount"} <= set(response.context["form"].errors)
    html = response.content.decode()
    assert "Bitte eine ganze Zahl eingeben." in html
    assert "Bitte eine Zahl eingeben." in html
    assert not OfferPage.objects.exists()


def test_editor_sees_an_error_for_an_invalid_email_address(editor, centre):
    response = post_offer(editor, centre, email="kurs(at)laatzen")
    assert_field_error(response, "email", "Bitte gültige E-Mail-Adresse eingeben.")
    assert not OfferPage.objects.exists()


def test_editor_sees_an_error_for_a_latitude_outside_the_globe(editor, home):
    response = editor.post(
        admin_add_url(CentrePage, home),
        page_form_data(centre_form_data(latitude="200", longitude="9.797")),
    )
    assert_field_error(response, "latitude", "Dieser Wert muss kleiner oder gleich 90 sein.")
    assert not CentrePage.objects.exists()


def test_editor_must_enter_both_coordinates_or_neither(editor, home):
    response = editor.post(
        admin_add_url(CentrePage, home),
        page_form_data(centre_form_data(latitude="52.3139", longitude="")),
    )
    assert_field_error(
        response,
        "longitude",
        "Bitte geben Sie sowohl Breiten- als auch Längengrad an oder lassen Sie beide Felder leer.",
    )
    assert not CentrePage.objects.exists()


def test_editor_must_say_how_to_get_an_appointment(editor, centre):
    response = editor.post(
        admin_add_url(ConsultationHourPage, centre),
        page_form_data(consultation_hour_form_data(access="appointment", appointment_how="")),
    )
    assert_field_error(
        response,
        "appointment_how",
        "Beschreiben Sie, wie Bewohner*innen einen Termin bekommen.",
    )
    assert not ConsultationHourPage.objects.exists()


def test_an_open_consultation_hour_needs_no_appointment_instructions(editor, centre):
    response = editor.post(
        admin_add_url(ConsultationHourPage, centre),
        page_form_data(consultation_hour_form_data(access="open", appointment_how="")),
    )
    assert response.status_code == 302
    assert ConsultationHourPage.objects.get().access == "open"


# Snippets ------------------------------------------------------------------------


def snippet_add_url(model):
    return f"/admin/snippets/stadtteil_core/{model._meta.model_name}/add/"


def test_editor_sees_an_error_when_funding_ends_before_it_starts(editor):
    response = editor.post(
        snippet_add_url(FundingProgramme),
        {
            "name": "Sozialer Zusammenhalt",
            "slug": "",
            "funder": "Bund",
            "funder_level": "federal",
            "starts_on": "2026-01-01",
            "ends_on": "2025-12-31",
            "description": "",
            "funding_notice": "",
            "website": "",
        },
    )
    assert_field_error(
        response, "ends_on", "Das Förderende darf nicht vor dem Förderbeginn liegen."
    )
    assert not FundingProgramme.objects.exists()


def district_form_data(**overrides):
    fields = {
        "name": "Hamm-Mitte",
        "slug": "",
        "level": str(District.Level.QUARTER),
        "parent": "",
        "population": "",
        "population_as_of": "",
        "area_km2": "",
        "description": "",
        "indicators": inline_formset([]),
    }
    fields.update(overrides)
    return nested_form_data(fields)


def test_editor_cannot_put_a_political_district_inside_a_quarter(editor):
    quarter = factories.make_district("Nordenfeldt", District.Level.QUARTER)
    response = editor.post(
        snippet_add_url(District),
        district_form_data(
            name="Bezirk Hamm-Mitte",
            level=str(District.Level.POLITICAL_DISTRICT),
            parent=str(quarter.pk),
        ),
    )
    assert_field_error(
        response,
        "parent",
        "Ein Stadtteil kann nur Teil einer größeren Einheit sein "
        "(Quartier → Sozialraum → Stadtbezirk).",
    )
    assert list(District.objects.all()) == [quarter]


def test_editor_puts_a_quarter_inside_a_social_space(editor):
    social_space = factories.make_district("Sozialraum Mitte", District.Level.SOCIAL_SPACE)
    response = editor.post(
        snippet_add_url(District),
        district_form_data(
            name="Nordenfeldt",
            parent=str(social_space.pk),
            indicators=inline_formset(
                [{"label": "Kinder unter 14", "value_area": "15.0", "value_city": "12.0"}]
            ),
        ),
    )
    assert response.status_code == 302
    quarter = District.objects.get(slug="nordenfeldt")
    assert quarter.parent == social_space
    assert [str(indicator) for indicator in quarter.indicators.all()] == ["Kinder unter 14"]


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Theme, {"name": "Familie", "description": ""}),
        (Partner, {"name": "Familienzentrum", "kind": "club", "non_profit": "on"}),
    ],
)
def test_editor_cannot_give_two_entries_in_one_language_the_same_slug(editor, model, fields):
    model.objects.create(name="Familienarbeit", slug="familie")
    response = editor.post(snippet_add_url(model), {**fields, "slug": "familie"})
    assert_field_error(
        response,
        "slug",
        "Ein anderer Eintrag in dieser Sprache verwendet diesen Kurznamen bereits.",
    )
    assert model.objects.count() == 1


def test_editor_can_reuse_a_slug_that_only_another_language_uses(editor):
    factories.make_theme("family", "Family work", locale=factories.make_locale("en"))
    response = editor.post(
        snippet_add_url(Theme), {"name": "Familienarbeit", "slug": "family", "description": ""}
    )
    assert response.status_code == 302
    german = Theme.objects.get(name="Familienarbeit")
    assert (german.slug, german.locale.language_code) == ("family", "de")


def test_editor_must_enter_a_slug_when_none_can_be_made_from_the_name(editor):
    response = editor.post(
        snippet_add_url(Theme), {"name": "العربية", "slug": "", "description": ""}
    )
    # A message added with this test: German once the catalogue has it (gettext).
    assert_field_error(
        response, "slug", gettext("Enter a slug: no web address can be made from this name.")
    )
    assert not Theme.objects.exists()

    response = editor.post(
        snippet_add_url(Theme), {"name": "العربية", "slug": "arabisch", "description": ""}
    )
    assert response.status_code == 302
    assert Theme.objects.get().slug == "arabisch"


def test_editor_cannot_make_a_social_space_as_small_as_its_quarters(editor):
    social_space = factories.make_district("Sozialraum Mitte", District.Level.SOCIAL_SPACE)
    factories.make_district("Nordenfeldt", District.Level.QUARTER, parent=social_space)
    response = editor.post(
        f"/admin/snippets/stadtteil_core/district/edit/{social_space.pk}/",
        district_form_data(
            name="Sozialraum Mitte", slug="sozialraum-mitte", level=str(District.Level.QUARTER)
        ),
    )
    assert_field_error(
        response,
        "level",
        # A message added with this test: German once the catalogue has it (gettext).
        gettext(
            "A district must be larger than its parts "
            "(quarter → social space → political district)."
        ),
    )
    social_space.refresh_from_db()
    assert social_space.level == District.Level.SOCIAL_SPACE
