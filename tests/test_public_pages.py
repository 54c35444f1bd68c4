"""What a resident sees on the public pages of a centre, an offer, an office, a
consultation hour, a section and the list of centres (anonymous, in German)."""

import re

import pytest

from tests import factories
from tests.reading import card_titles, json_ld, page_html
from wagtail_stadtteil.centres.models import CentrePartner, CentreTeamMember, OfficeContactPerson
from wagtail_stadtteil.core.models import District

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_centre(home):
    """A centre whose editors filled in everything a resident may look for."""
    operator = factories.make_partner("Stadt Laatzen", kind="public_authority")
    provider = factories.make_partner("Familienbildungsstätte", website="https://fbs.example")
    funding = factories.make_funding_programme(
        "Sozialer Zusammenhalt",
        funder="Bundesministerium für Wohnen",
        funding_notice="Gefördert durch Bund und Land im Programm Sozialer Zusammenhalt.",
        logo=factories.make_image("Logo Städtebauförderung"),
    )
    centre = factories.make_centre(
        home,
        "Stadthaus Laatzen",
        kind="civic_centre",
        intro="Ein Haus für alle im Stadtteil.",
        street="Marktplatz 1",
        postcode="30880",
        city="Laatzen",
        latitude="52.313900",
        longitude="9.797000",
        phone="0511 8205-1234",
        email="stadthaus@laatzen.example",
        opening_hours_note="Montag bis Freitag 9 bis 18 Uhr",
        step_free_entrance=True,
        lift=False,
        accessible_wc=None,
        operator=operator,
        partner_roles=[CentrePartner(partner=provider, role="provider", note="Elternkurse")],
        team_members=[
            CentreTeamMember(name="Ayşe Yılmaz", role="Leitung", languages=["de", "tr", "ar"])
        ],
        funding_programmes=[funding],
    )
    return centre


def test_resident_sees_the_centre_with_address_opening_hours_and_contact(client, full_centre):
    html = page_html(client, full_centre)
    assert "<h1>Stadthaus Laatzen</h1>" in html
    assert "Ein Haus für alle im Stadtteil." in html
    assert "Marktplatz 1" in html
    assert "30880 Laatzen" in html
    assert ">Öffnungszeiten</h2>" in html
    assert "Montag bis Freitag 9 bis 18 Uhr" in html
    assert '<a href="tel:051182051234">0511 8205-1234</a>' in html
    assert '<a href="mailto:stadthaus@laatzen.example">stadthaus@laatzen.example</a>' in html
    assert "Auf der Karte anzeigen (OpenStreetMap)" in html
    assert "Träger des Stadtteilzentrums ist Stadt Laatzen." in html


def test_resident_sees_known_accessibility_facts_and_no_guess_for_unknown_ones(client, full_centre):
    html = page_html(client, full_centre)
    assert "Stufenloser Eingang: <strong>ja</strong>" in html
    assert "Aufzug zu allen Etagen: <strong>nein</strong>" in html
    # The accessible toilet was left unknown: it must not read as "no".
    assert "Barrierefreies WC" not in html
    assert html.count("stadtteil-accessibility__fact--no") == 1


def test_resident_is_told_to_ask_when_nothing_is_known_about_accessibility(client, centre):
    html = page_html(client, centre)
    assert "Noch keine Angaben zur Barrierefreiheit. Bitte fragen Sie uns." in html
    assert "<strong>nein</strong>" not in html


def test_resident_sees_the_team_with_the_languages_they_speak(client, full_centre):
    html = page_html(client, full_centre)
    assert "Ayşe Yılmaz" in html
    assert "Spricht" in html
    assert '<span lang="tr">Türkçe</span> (Türkisch)' in html
    assert '<span lang="ar" dir="rtl">العربية</span>' in html
    # German is named in German once, not "Deutsch (Deutsch)".
    assert '<span lang="de">Deutsch</span>' in html
    assert "Deutsch (Deutsch)" not in html


def test_resident_sees_partners_with_their_role_and_the_funding_notice(client, full_centre):
    html = page_html(client, full_centre)
    assert (
        '<a href="https://fbs.example">Familienbildungsstätte</a> – '
        "Anbieter von Angeboten (Elternkurse)"
    ) in html
    assert "Gefördert durch Bund und Land im Programm Sozialer Zusammenhalt." in html
    logo = re.search(r'<img [^>]*class="stadtteil-funding__logo"[^>]*>', html).group(0)
    assert 'alt="Bundesministerium für Wohnen"' in logo


def test_funding_without_notice_shows_the_programme_name(client, centre):
    funding = factories.make_funding_programme("Gute Nachbarschaft")
    centre.funding_programmes.set([funding])
    centre.save_revision().publish()
    html = page_html(client, centre)
    assert "Gefördert im Rahmen des Programms „Gute Nachbarschaft“." in html


def test_search_engines_read_the_centre_as_a_civic_structure(client, full_centre):
    data = json_ld(page_html(client, full_centre))
    assert data["@type"] == "CivicStructure"
    assert data["name"] == "Stadthaus Laatzen"
    assert data["url"] == "http://localhost/stadthaus-laatzen/"
    assert data["address"]["streetAddress"] == "Marktplatz 1"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 52.3139, "longitude": 9.797}
    assert data["telephone"] == "0511 8205-1234"
    assert data["parentOrganization"]["name"] == "Stadt Laatzen"
    assert {(f["name"], f["value"]) for f in data["amenityFeature"]} == {
        ("Stufenloser Eingang", True),
        ("Aufzug zu allen Etagen", False),
    }


def test_search_engines_read_an_office_as_a_government_office(client, centre):
    office = factories.make_office(
        centre, "Seniorenbüro", intro="Rat für ältere Menschen.", phone="0511 8205-77"
    )
    data = json_ld(page_html(client, office))
    assert data["@type"] == "GovernmentOffice"
    assert data["name"] == "Seniorenbüro"
    assert data["telephone"] == "0511 8205-77"
    assert data["address"]["addressLocality"] == "Laatzen"


def test_a_script_tag_in_a_title_cannot_break_out_of_the_structured_data(client, home):
    title = 'Treff </script><script>alert("x")</script>'
    centre = factories.make_centre(home, title, slug="treff", intro="</script><!--")
    html = page_html(client, centre)
    assert '<script>alert("x")</script>' not in html
    assert "</script><!--" not in html
    assert json_ld(html)["name"] == title
    assert "Treff &lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_editor_markup_in_a_title_is_shown_as_text(client, centre):
    offer = factories.make_offer(centre, "<b>Kochen</b> für alle", slug="kochen")
    html = page_html(client, offer)
    assert "<h1>&lt;b&gt;Kochen&lt;/b&gt; für alle</h1>" in html
    assert "<b>Kochen</b>" not in html
    assert "&lt;b&gt;Kochen&lt;/b&gt; für alle" in page_html(client, centre)


# Offers --------------------------------------------------------------------------


def test_resident_sees_what_an_offer_costs_and_how_to_register(client, centre):
    provider = factories.make_partner("VHS Calenberger Land", website="https://vhs.example")
    offer = factories.make_offer(
        centre,
        "Deutschkurs für Eltern",
        offer_kind="course",
        cost="amount",
        cost_amount="12.50",
        cost_note="ermäßigt mit dem Laatzen-Pass",
        registration_required=True,
        registration_how="Im Familienservicebüro, Zimmer 3",
        languages=["de", "de-x-easy", "ar"],
        age_min=6,
        age_max=10,
        provider=provider,
        target_groups=[factories.make_target_group("families", "Familien")],
    )
    html = page_html(client, offer)
    assert "12,50 €" in html
    assert "ermäßigt mit dem Laatzen-Pass" in html
    assert "Bitte melden Sie sich an: Im Familienservicebüro, Zimmer 3" in html
    assert '<span lang="de-x-easy">Leichte Sprache</span>' in html
    assert '<span lang="ar" dir="rtl">العربية</span>' in html
    assert "Familien" in html
    assert "von 6 bis 10 Jahren" in html
    assert '<a href="https://vhs.example">VHS Calenberger Land</a>' in html
    assert f'<a href="{centre.url}">Stadthaus Laatzen</a>' in html


def test_a_free_offer_without_registration_says_just_come_along(client, centre):
    offer = factories.make_offer(centre, "Offenes Elterncafé", cost="free")
    html = page_html(client, offer)
    assert "Kostenlos" in html
    assert "Kommen Sie einfach vorbei, eine Anmeldung ist nicht nötig." in html
    assert "€" not in html


@pytest.mark.parametrize(
    ("centre_entrance", "offer_step_free", "shown"),
    [
        (True, None, "Stufenlos zugänglich"),
        (False, None, "Nicht stufenlos zugänglich"),
        (True, False, "Nicht stufenlos zugänglich"),
        (False, True, "Stufenlos zugänglich"),
        (None, None, "Ob der Zugang stufenlos ist, wissen wir noch nicht."),
    ],
)
def test_an_offer_is_step_free_as_entered_or_else_as_the_centres_entrance(
    client, home, centre_entrance, offer_step_free, shown
):
    centre = factories.make_centre(home, "Treffpunkt", step_free_entrance=centre_entrance)
    offer = factories.make_offer(centre, "Spieletreff", step_free=offer_step_free)
    html = page_html(client, offer)
    assert f"<dd>{shown}" in html
    others = {
        "Stufenlos zugänglich",
        "Nicht stufenlos zugänglich",
        "Ob der Zugang stufenlos ist, wissen wir noch nicht.",
    } - {shown}
    assert not [text for text in others if f"<dd>{text}" in html]


# Consultation hours, offices, sections -----------------------------------------------


def test_resident_sees_how_to_get_an_appointment_and_where_to_go_next(client, centre):
    hour = factories.make_consultation_hour(
        centre,
        "Rentenberatung",
        topic="Rente, Pflege",
        access="appointment",
        appointment_how="Termin unter 0511 8205-55",
        confidential=True,
        languages=["ru"],
        referrals=[
            (
                "referral",
                {
                    "title": "Pflegestützpunkt Region Hannover",
                    "page": None,
                    "url": "https://pflege.example",
                    "description": "Beratung zur Pflege",
                    "phone": "0511 616-0",
                },
            ),
            (
                "referral",
                {
                    "title": "Schuldnerberatung",
                    "page": None,
                    "url": "",
                    "description": "",
                    "phone": "0511 123 45",
                },
            ),
        ],
    )
    html = page_html(client, hour)
    assert "Nur mit Termin" in html
    assert "Termin unter 0511 8205-55" in html
    assert "Vertraulich: Das Gespräch findet in einem separaten Raum statt" in html
    assert "Weitere Hilfe" in html
    assert '<a href="https://pflege.example">Pflegestützpunkt Region Hannover</a>' in html
    assert 'Telefon: <a href="tel:05116160">0511 616-0</a>' in html
    assert "<strong>Schuldnerberatung</strong>" in html
    assert '<span lang="ru">Русский</span>' in html


def test_an_open_consultation_hour_shows_no_confidentiality_note(client, centre):
    hour = factories.make_consultation_hour(centre, "Bürgersprechstunde", access="open")
    html = page_html(client, hour)
    assert "<dd>Offen, ohne Termin" in html
    assert "Vertraulich" not in html


def test_resident_sees_an_office_with_its_tasks_people_and_consultation_hours(client, centre):
    office = factories.make_office(
        centre,
        "Stadtteilbüro Laatzen-Mitte",
        tasks=[("task", {"title": "Fördermittelakquise", "description": "Anträge stellen"})],
        location_in_building="Erdgeschoss, Raum 0.12",
        contact_persons=[OfficeContactPerson(name="Jan Kowalski", languages=["pl"])],
    )
    factories.make_consultation_hour(office, "Sprechstunde Quartiersmanagement", access="open")
    html = page_html(client, office)
    assert "<h3>Fördermittelakquise</h3>" in html
    assert "Erdgeschoss, Raum 0.12" in html
    assert "Jan Kowalski" in html
    assert '<span lang="pl">Polski</span>' in html
    assert card_titles(html) == ["Sprechstunde Quartiersmanagement"]


def test_a_section_lists_its_published_pages(client, centre, section):
    factories.make_offer(section, "Yoga für Senior*innen")
    factories.make_office(section, "Familienservicebüro")
    factories.make_offer(section, "Noch geheim", publish=False)
    html = page_html(client, section)
    assert "In diesem Bereich" in html
    assert sorted(card_titles(html)) == ["Familienservicebüro", "Yoga für Senior*innen"]


def test_an_empty_section_says_nothing_is_published_yet(client, section):
    assert "Hier wurde noch nichts veröffentlicht." in page_html(client, section)


def test_the_centre_page_lists_its_published_offers_from_all_sections(client, centre, section):
    factories.make_offer(section, "Yoga")
    factories.make_offer(centre, "Elterncafé")
    factories.make_offer(centre, "Entwurf", publish=False)
    other = factories.make_centre(title="Anderes Haus")
    factories.make_offer(other, "Fremdes Angebot")
    html = page_html(client, centre)
    assert card_titles(html) == ["Elterncafé", "Yoga"]


# The list of centres ---------------------------------------------------------------


@pytest.fixture
def districts(db):
    bezirk = factories.make_district("Hamm-Mitte", District.Level.POLITICAL_DISTRICT)
    sozialraum = factories.make_district("Sozialraum Süd", District.Level.SOCIAL_SPACE, bezirk)
    quartier = factories.make_district("Nordenfeldt", District.Level.QUARTER, sozialraum)
    anderer = factories.make_district("Hamm-Uentrop", District.Level.POLITICAL_DISTRICT)
    return bezirk, sozialraum, quartier, anderer


@pytest.fixture
def centre_index(home, districts):
    bezirk, sozialraum, quartier, anderer = districts
    index = factories.make_centre_index(home, "Stadtteilzentren")
    factories.make_centre(index, "Bürgerhaus Mitte", district=bezirk)
    factories.make_centre(index, "Treff Süd", district=sozialraum)
    factories.make_centre(index, "Quartierstreff Nordenfeldt", district=quartier)
    factories.make_centre(index, "Stadtteilzentrum Uentrop", district=anderer)
    return index


@pytest.mark.parametrize(
    ("district", "expected"),
    [
        ("hamm-mitte", ["Bürgerhaus Mitte", "Quartierstreff Nordenfeldt", "Treff Süd"]),
        ("sozialraum-sud", ["Quartierstreff Nordenfeldt", "Treff Süd"]),
        ("nordenfeldt", ["Quartierstreff Nordenfeldt"]),
        ("hamm-uentrop", ["Stadtteilzentrum Uentrop"]),
    ],
)
def test_resident_filters_the_centres_by_district_including_its_parts(
    client, centre_index, district, expected
):
    html = page_html(client, centre_index, district=district)
    assert card_titles(html) == expected


def test_the_centre_list_shows_all_centres_without_a_filter(client, centre_index):
    html = page_html(client, centre_index)
    assert len(card_titles(html)) == 4
    assert "4 Stadtteilzentren" in html


def test_an_unknown_district_shows_an_error_not_a_server_error(client, centre_index):
    html = page_html(client, centre_index, district="atlantis")
    assert "Einige Filter konnten nicht angewendet werden:" in html
    assert "Bitte eine gültige Auswahl treffen." in html
    assert 'aria-describedby="id_district-error"' in html
    assert len(card_titles(html)) == 4
