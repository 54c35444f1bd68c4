"""City staff create every page type in the Wagtail admin, through the real
add URLs, and find what they entered on the saved page."""

from decimal import Decimal

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from tests import factories
from tests.factories import (
    admin_add_url,
    centre_form_data,
    consultation_hour_form_data,
    offer_form_data,
    page_form_data,
)
from wagtail_stadtteil.centres.models import (
    CentreIndexPage,
    CentrePage,
    CentreSectionPage,
    ConsultationHourPage,
    OfferPage,
    OfficePage,
    ProgrammePage,
    ProjectPage,
)

pytestmark = pytest.mark.django_db


def publish_page(client, model, parent, fields, multi=None):
    response = client.post(admin_add_url(model, parent), page_form_data(fields, multi))
    if response.status_code != 302:
        form = response.context["form"]
        formset_errors = {name: fs.errors for name, fs in form.formsets.items()}
        pytest.fail(f"form not accepted: {form.errors} {formset_errors}")
    return model.objects.get(slug=fields["slug"])


def test_editor_creates_a_centre_below_the_home_page(editor, home):
    district = factories.make_district("Laatzen-Mitte")
    operator = factories.make_partner("Stadt Laatzen", kind="public_authority")
    partner = factories.make_partner("Familienbildungsstätte", kind="education")
    funding = factories.make_funding_programme("Sozialer Zusammenhalt")

    assert editor.get(admin_add_url(CentrePage, home)).status_code == 200
    centre = publish_page(
        editor,
        CentrePage,
        home,
        {
            "title": "Stadthaus Laatzen",
            "slug": "stadthaus",
            "kind": "civic_centre",
            "intro": "Ein Haus für alle im Stadtteil.",
            "body": streamfield(
                [
                    ("heading", {"text": "Willkommen", "level": "h2"}),
                    ("paragraph", rich_text("<p>Kommen Sie vorbei!</p>")),
                ]
            ),
            "district": district.pk,
            "operator": operator.pk,
            "partner_roles": inline_formset(
                [{"partner": partner.pk, "role": "provider", "note": "Elternkurse"}]
            ),
            "opening_hours_note": "In den Sommerferien nur vormittags",
            "opening_hours": inline_formset(
                [
                    {"weekday": "0", "opens": "09:00", "closes": "13:00"},
                    {"weekday": "0", "opens": "14:00", "closes": "18:00"},
                ]
            ),
            "special_opening_hours": inline_formset([]),
            "closures": inline_formset(
                [{"starts_on": "2027-07-05", "ends_on": "2027-07-30", "reason": "Sommerpause"}]
            ),
            "holiday_state": "NI",
            "street": "Marktplatz 1",
            "postcode": "30880",
            "city": "Laatzen",
            "latitude": "52.313900",
            "longitude": "9.797000",
            "phone": "0511 8205-0",
            "email": "stadthaus@laatzen.example",
            "social_links": inline_formset(
                [{"platform": "instagram", "url": "https://instagram.com/stadthaus"}]
            ),
            "step_free_entrance": "true",
            "lift": "false",
            "accessible_wc": "unknown",
            "team_members": inline_formset(
                [{"name": "Ayşe Yılmaz", "role": "Leitung", "email": "ay@laatzen.example"}]
            ),
        },
        multi={"funding_programmes": [funding.pk], "team_members-0-languages": ["de", "tr"]},
    )

    assert centre.live
    assert centre.get_parent().pk == home.pk
    assert centre.kind == "civic_centre"
    assert centre.district == district
    assert centre.operator == operator
    assert centre.latitude == Decimal("52.313900")
    assert centre.step_free_entrance is True
    assert centre.lift is False
    assert centre.accessible_wc is None
    assert [block.block_type for block in centre.body] == ["heading", "paragraph"]
    assert list(centre.funding_programmes.all()) == [funding]
    assert [(r.partner, r.role, r.note) for r in centre.partner_roles.all()] == [
        (partner, "provider", "Elternkurse")
    ]
    assert [link.url for link in centre.social_links.all()] == ["https://instagram.com/stadthaus"]
    member = centre.team_members.get()
    assert (member.name, member.languages) == ("Ayşe Yılmaz", ["de", "tr"])
    assert centre.weekly_totals() == (1, 8.0)
    assert centre.holiday_state == "NI"
    assert [c.reason for c in centre.closures.all()] == ["Sommerpause"]


def test_editor_creates_a_section_in_a_centre(editor, centre):
    section = publish_page(
        editor,
        CentreSectionPage,
        centre,
        {
            "title": "Beratung",
            "slug": "beratung",
            "intro": "Sprechstunden im Haus.",
            "body": streamfield([("quote", {"quote": "Hier hilft man mir.", "attribution": ""})]),
        },
    )
    assert section.get_parent().pk == centre.pk
    assert section.intro == "Sprechstunden im Haus."
    assert section.body[0].value["quote"] == "Hier hilft man mir."


def test_editor_creates_an_offer_in_a_section_that_belongs_to_the_centre(editor, centre, section):
    theme = factories.make_theme("education", "Bildung")
    group = factories.make_target_group("families", "Familien")
    provider = factories.make_partner("VHS Calenberger Land", kind="education")

    offer = publish_page(
        editor,
        OfferPage,
        section,
        offer_form_data(provider=provider.pk),
        multi={"themes": [theme.pk], "target_groups": [group.pk], "languages": ["de", "ar"]},
    )

    assert offer.live
    assert offer.centre.pk == centre.pk
    assert offer.get_parent().pk == section.pk
    assert (offer.age_min, offer.age_max) == (18, 99)
    assert (offer.cost, offer.cost_amount) == ("amount", Decimal("12.50"))
    assert offer.registration_required
    assert offer.registration_how == "Anmeldung im Familienservicebüro"
    assert offer.step_free is None
    assert offer.languages == ["de", "ar"]
    assert list(offer.themes.all()) == [theme]
    assert list(offer.target_groups.all()) == [group]
    assert offer.provider == provider


def test_editor_creates_an_office_with_tasks_and_contact_persons(editor, centre):
    office = publish_page(
        editor,
        OfficePage,
        centre,
        {
            "title": "Stadtteilbüro Laatzen-Mitte",
            "slug": "stadtteilbuero",
            "office_kind": "neighbourhood_management",
            "intro": "Quartiersmanagement für Laatzen-Mitte.",
            "tasks": streamfield(
                [("task", {"title": "Fördermittelakquise", "description": "Anträge stellen"})]
            ),
            "body": streamfield([]),
            "location_in_building": "Erdgeschoss, Raum 0.12",
            "contact_persons": inline_formset(
                [{"name": "Jan Kowalski", "role": "Quartiersmanager"}]
            ),
        },
        multi={"contact_persons-0-languages": ["de", "pl"]},
    )

    assert office.centre.pk == centre.pk
    assert office.office_kind == "neighbourhood_management"
    assert office.tasks[0].value["title"] == "Fördermittelakquise"
    assert office.location_in_building == "Erdgeschoss, Raum 0.12"
    person = office.contact_persons.get()
    assert (person.name, person.languages) == ("Jan Kowalski", ["de", "pl"])


def test_editor_creates_a_consultation_hour_in_a_centre(editor, centre):
    hour = publish_page(
        editor,
        ConsultationHourPage,
        centre,
        consultation_hour_form_data(),
        multi={"languages": ["tr"]},
    )
    assert hour.centre.pk == centre.pk
    assert hour.access == "appointment"
    assert hour.appointment_how == "Termin unter 0511 8205-55"
    assert hour.confidential
    assert hour.languages == ["tr"]
    assert hour.referrals[0].value["url"] == "https://pflege.example"


def test_editor_creates_a_consultation_hour_below_an_office(editor, centre):
    office = factories.make_office(centre, "Seniorenbüro")
    hour = publish_page(editor, ConsultationHourPage, office, consultation_hour_form_data())
    assert hour.get_parent().pk == office.pk
    assert hour.centre.pk == centre.pk


def test_editor_creates_a_centre_index_and_a_programme_below_it(editor, home):
    index = publish_page(
        editor,
        CentreIndexPage,
        home,
        {"title": "Unsere Stadtteilzentren", "slug": "zentren", "intro": "Alle Häuser."},
    )
    programme = publish_page(
        editor,
        ProgrammePage,
        index,
        {"title": "Programm", "slug": "programm", "intro": "Alle Angebote."},
    )
    assert index.intro == "Alle Häuser."
    assert programme.get_parent().pk == index.pk
    assert programme.live


def test_editor_cannot_add_an_offer_directly_below_the_home_page(editor, home):
    choices = editor.get(f"/admin/pages/{home.pk}/add_subpage/").content.decode()
    assert "/stadtteil_centres/centrepage/" in choices
    assert "/stadtteil_centres/offerpage/" not in choices

    response = editor.post(
        admin_add_url(OfferPage, home), page_form_data(offer_form_data()), follow=True
    )
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Sie haben leider keinen Zugang zu diesem Bereich." in response.content.decode()
    assert not OfferPage.objects.exists()


def test_editor_may_add_only_consultation_hours_below_an_office(editor, centre):
    office = factories.make_office(centre, "Seniorenbüro")
    choices = editor.get(f"/admin/pages/{office.pk}/add_subpage/")
    # An office allows exactly one page type, so Wagtail goes straight to its form.
    assert choices.status_code == 302
    assert choices["Location"] == admin_add_url(ConsultationHourPage, office)
    assert editor.get(admin_add_url(OfferPage, office))["Location"] == "/admin/"
    assert editor.get(admin_add_url(ConsultationHourPage, office)).status_code == 200


def test_section_can_only_be_created_inside_a_centre(editor, home):
    assert editor.get(admin_add_url(CentreSectionPage, home))["Location"] == "/admin/"
    assert not CentreSectionPage.can_create_at(home)
    assert CentreSectionPage.can_create_at(factories.make_centre(home))


def test_a_centre_can_hold_its_sections_offers_offices_and_consultation_hours(centre):
    allowed = {model for model in Page.clean_subpage_models() if model.can_create_at(centre)}
    assert allowed == {
        CentreSectionPage,
        OfferPage,
        OfficePage,
        ConsultationHourPage,
        ProjectPage,
    }


def test_editor_previews_each_new_page_before_it_is_saved(editor, centre, subtests):
    office = factories.make_office(centre, "Seniorenbüro")
    office_data = {
        "title": "Neues Büro",
        "slug": "neues-buero",
        "office_kind": "other",
        "intro": "",
        "tasks": streamfield([]),
        "body": streamfield([]),
        "location_in_building": "",
        "contact_persons": inline_formset([]),
    }
    listing_data = {"title": "Neue Übersicht", "slug": "neu", "intro": ""}
    cases = [
        (CentrePage, centre.get_parent(), centre_form_data(title="Neues Haus", slug="neu")),
        (CentreSectionPage, centre, {**listing_data, "body": streamfield([])}),
        (OfferPage, centre, offer_form_data(title="Neues Angebot")),
        (OfficePage, centre, office_data),
        (ConsultationHourPage, office, consultation_hour_form_data(title="Neue Sprechstunde")),
        (CentreIndexPage, centre.get_parent(), listing_data),
        (ProgrammePage, centre.get_parent(), listing_data),
    ]
    for model, parent, fields in cases:
        with subtests.test(model=model.__name__):
            url = admin_add_url(model, parent) + "preview/"
            response = editor.post(url, page_form_data(fields))
            assert response.json()["is_valid"]
            response = editor.get(url)
            assert response.status_code == 200
            assert f"<h1>{fields['title']}</h1>" in response.content.decode()
    assert not CentrePage.objects.filter(slug="neu").exists()


def test_editor_previews_changes_to_a_centre(editor, centre):
    url = f"/admin/pages/{centre.pk}/edit/preview/"
    fields = centre_form_data(title="Stadthaus Laatzen (neu)", slug=centre.slug)
    assert editor.post(url, page_form_data(fields)).json()["is_valid"]
    response = editor.get(url)
    assert response.status_code == 200
    assert "<h1>Stadthaus Laatzen (neu)</h1>" in response.content.decode()
