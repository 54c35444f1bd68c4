"""An offer, office or consultation hour always knows its centre, also after
staff move it (or the section it is in) to another centre."""

import pytest
from wagtail.actions.move_page import MovePageAction

from tests import factories
from tests.reading import card_titles, page_html
from wagtail_stadtteil.centres.models import ConsultationHourPage, OfferPage, OfficePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_centre(home):
    return factories.make_centre(home, "Treff Rethen", slug="treff-rethen")


def test_a_page_below_a_centre_knows_its_centre_through_sections_and_offices(centre, section):
    offer = factories.make_offer(section, "Yoga")
    office = factories.make_office(section, "Seniorenbüro")
    hour = factories.make_consultation_hour(office, "Rentenberatung")
    assert OfferPage.objects.get(pk=offer.pk).centre_id == centre.pk
    assert OfficePage.objects.get(pk=office.pk).centre_id == centre.pk
    assert ConsultationHourPage.objects.get(pk=hour.pk).centre_id == centre.pk


def test_staff_move_an_offer_to_another_centre_in_the_admin(
    editor, client, centre, section, other_centre
):
    offer = factories.make_offer(section, "Yoga")
    response = editor.post(f"/admin/pages/{offer.pk}/move/{other_centre.pk}/confirm/")
    assert response.status_code == 302

    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.get_parent().pk == other_centre.pk
    assert offer.centre_id == other_centre.pk
    assert card_titles(page_html(client, other_centre)) == ["Yoga"]
    assert card_titles(page_html(client, centre)) == []
    assert "Treff Rethen" in page_html(client, offer)


def test_a_moved_section_takes_its_pages_to_the_new_centre(centre, section, other_centre):
    offer = factories.make_offer(section, "Yoga")
    office = factories.make_office(section, "Seniorenbüro")
    hour = factories.make_consultation_hour(office, "Rentenberatung")

    MovePageAction(section, other_centre, pos="last-child").execute()

    for model, page in [(OfferPage, offer), (OfficePage, office), (ConsultationHourPage, hour)]:
        assert model.objects.get(pk=page.pk).centre_id == other_centre.pk, model


def test_the_centre_stays_right_when_a_revision_from_before_the_move_is_published(
    centre, section, other_centre
):
    offer = factories.make_offer(section, "Yoga")
    old_revision = offer.get_latest_revision()
    assert old_revision.content["centre"] == centre.pk

    offer.move(other_centre, pos="last-child")
    old_revision.publish()

    assert OfferPage.objects.get(pk=offer.pk).centre_id == other_centre.pk
