"""Setting up several centres in one installation: each centre may get a web
address (a Wagtail Site) of its own with its own site settings, and the city's
staff get a group that keeps the shared data and sees every centre."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
)

from tests import factories
from tests.booking_helpers import bookable_room, open_centre, request_room, slot, workday
from wagtail_stadtteil.centres.creation import CITY_GROUP_NAME, create_centre
from wagtail_stadtteil.centres.models import CentrePage
from wagtail_stadtteil.core.models import Partner, StadtteilSiteSettings

pytestmark = pytest.mark.django_db

HOST = "mittelpunkt.stadt.example"


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def counts():
    """How many pages, groups, sites and collections there are."""
    return (
        Page.objects.count(),
        Group.objects.count(),
        Site.objects.count(),
        Collection.objects.count(),
    )


@pytest.fixture
def hosts(settings):
    """Django answers the centres' own host names."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST, "treff.stadt.example"]


# stadtteil_create_centre --site -----------------------------------------------------


def test_a_city_gives_a_new_centre_its_own_web_address(home, hosts, client):
    output = run("stadtteil_create_centre", "Mittelpunkt Hüttenstraße", "--site", HOST)

    centre = CentrePage.objects.get()
    site = Site.objects.get(hostname=HOST)
    assert site.port == 80
    assert site.root_page_id == centre.pk
    assert site.site_name == "Mittelpunkt Hüttenstraße"
    assert not site.is_default_site
    assert f"{HOST}:80" in output
    assert centre.get_full_url() == f"http://{HOST}/"
    assert f"http://{HOST}/" in output

    response = client.get("/", HTTP_HOST=HOST)
    assert response.status_code == 200
    assert "<h1>Mittelpunkt Hüttenstraße</h1>" in response.content.decode()


def test_a_city_gives_a_new_centre_a_web_address_with_a_port(home, hosts, client):
    run("stadtteil_create_centre", "Treff Nordenfeldt", "--site", f"{HOST}:8080")

    centre = CentrePage.objects.get()
    site = Site.objects.get(hostname=HOST)
    assert (site.port, site.root_page_id) == (8080, centre.pk)
    assert centre.get_full_url() == f"http://{HOST}:8080/"
    response = client.get("/", HTTP_HOST=f"{HOST}:8080", SERVER_PORT="8080")
    assert "<h1>Treff Nordenfeldt</h1>" in response.content.decode()


def test_a_centre_with_its_own_address_still_gets_its_editors_group_and_collection(home, client):
    run("stadtteil_create_centre", "Mittelpunkt Hüttenstraße", "--site", HOST)
    centre = CentrePage.objects.get()

    group = Group.objects.get(name="Mittelpunkt Hüttenstraße – Redaktion")
    page_permissions = GroupPagePermission.objects.filter(group=group)
    assert {p.page_id for p in page_permissions} == {centre.pk}
    assert {p.permission.codename for p in page_permissions} >= {"add_page", "publish_page"}
    collections = {p.collection.name for p in group.collection_permissions.all()}
    assert collections == {"Mittelpunkt Hüttenstraße"}

    client.force_login(factories.make_user("redaktion", groups=[group]))
    assert client.get(f"/admin/pages/{centre.pk}/edit/").status_code == 200


def test_a_second_centre_may_share_a_host_name_on_another_port(home):
    run("stadtteil_create_centre", "Treff Nord", "--site", f"{HOST}:8001")
    run("stadtteil_create_centre", "Treff Süd", "--site", f"{HOST}:8002")
    assert sorted(Site.objects.filter(hostname=HOST).values_list("port", "site_name")) == [
        (8001, "Treff Nord"),
        (8002, "Treff Süd"),
    ]


@pytest.mark.parametrize("address", [":8080", "x" * 256])
def test_a_centre_with_an_invalid_host_name_is_refused_and_nothing_is_made(home, address):
    before = counts()
    with pytest.raises(CommandError) as error:
        run("stadtteil_create_centre", "Mittelpunkt Hüttenstraße", "--site", address)
    hostname = address.partition(":")[0]
    assert str(error.value) == f"„{hostname}“ ist kein gültiger Hostname."
    assert counts() == before


@pytest.mark.parametrize("address", ["mittel punkt.example", "treff!.example", "-treff.example"])
def test_a_host_name_no_browser_can_reach_is_refused(home, address):
    before = counts()
    with pytest.raises(CommandError):
        run("stadtteil_create_centre", "Mittelpunkt Hüttenstraße", "--site", address)
    assert counts() == before


def test_a_host_name_typed_in_capitals_still_reaches_the_centre(home, hosts, client):
    run("stadtteil_create_centre", "Mittelpunkt", "--site", "Mittelpunkt.Stadt.Example")
    response = client.get("/", HTTP_HOST=HOST)
    assert "<h1>Mittelpunkt</h1>" in response.content.decode()


@pytest.mark.parametrize(
    ("taken", "address", "message"),
    [
        (f"{HOST}:8080", f"{HOST}:8080", f"{HOST}:8080"),
        (HOST, HOST, f"{HOST}:80"),
    ],
)
def test_a_web_address_another_centre_has_is_refused_and_nothing_is_made(
    home, taken, address, message
):
    run("stadtteil_create_centre", "Treff Nord", "--site", taken)
    before = counts()
    with pytest.raises(CommandError) as error:
        run("stadtteil_create_centre", "Treff Süd", "--site", address)
    assert str(error.value) == f"Unter {message} gibt es schon eine Site."
    assert counts() == before
    assert not CentrePage.objects.filter(title="Treff Süd").exists()


def test_a_web_address_with_a_scheme_is_refused_with_a_hint(home):
    before = counts()
    with pytest.raises(CommandError) as error:
        run("stadtteil_create_centre", "Treff", "--site", f"https://{HOST}")
    with translation.override("de"):
        hint = gettext(
            "Give the host name only, without “http://” or a path: e.g. %(example)s."
        ) % {"example": "mittelpunkt.stadt.example"}
    assert str(error.value) == hint
    assert counts() == before


def test_the_citys_own_web_address_is_refused_for_a_centre(home):
    city = Site.objects.get(is_default_site=True)
    before = counts()
    with pytest.raises(CommandError) as error:
        run("stadtteil_create_centre", "Treff", "--site", f"{city.hostname}:{city.port}")
    assert f"{city.hostname}:{city.port}" in str(error.value)
    assert counts() == before


@pytest.mark.parametrize("port", ["http", "0", "65536", "-1", "80a"])
def test_a_web_address_with_a_bad_port_is_refused_and_nothing_is_made(home, port):
    before = counts()
    with pytest.raises(CommandError) as error:
        run("stadtteil_create_centre", "Treff", "--site", f"{HOST}:{port}")
    # The message names the port as typed, in German or English quotes.
    assert {f"„{port}“", f"“{port}”"} & set(re.findall(r"[„“][^“”]*[“”]", str(error.value)))
    assert counts() == before


# stadtteil_setup: the city group ----------------------------------------------------

CITY_PERMISSIONS = (
    {("wagtailadmin", "access_admin")}
    | {
        ("stadtteil_core", f"{action}_{model}")
        for model in ["partner", "fundingprogramme", "district", "theme", "targetgroup"]
        for action in ["add", "change", "delete", "view"]
    }
    | {
        ("stadtteil_rooms", "view_room"),
        ("stadtteil_rooms", "view_roomuse"),
        # Read every centre's visitor counts and surveys (the reports app).
        ("stadtteil_reports", "view_visitorcount"),
        ("stadtteil_reports", "view_surveyresult"),
    }
)


def city_group_permissions():
    group = Group.objects.get(name=CITY_GROUP_NAME)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_setup_creates_the_city_group_for_shared_data():
    output = run("stadtteil_setup")
    assert CITY_GROUP_NAME == "Stadt – Stadtteilzentren"
    assert f"“{CITY_GROUP_NAME}” created" in output
    assert city_group_permissions() == CITY_PERMISSIONS
    group = Group.objects.get(name=CITY_GROUP_NAME)
    assert not GroupPagePermission.objects.filter(group=group).exists()
    assert not GroupCollectionPermission.objects.filter(group=group).exists()


def test_running_setup_twice_leaves_the_city_group_as_it_was():
    run("stadtteil_setup")
    before = (Group.objects.count(), city_group_permissions())
    output = run("stadtteil_setup")
    assert f"“{CITY_GROUP_NAME}” brought up to date" in output
    assert (Group.objects.count(), city_group_permissions()) == before
    assert Group.objects.filter(name=CITY_GROUP_NAME).count() == 1


def test_setup_gives_back_a_permission_taken_from_the_city_group():
    run("stadtteil_setup")
    group = Group.objects.get(name=CITY_GROUP_NAME)
    group.permissions.remove(group.permissions.get(codename="view_room"))
    run("stadtteil_setup")
    assert city_group_permissions() == CITY_PERMISSIONS


# Who may touch the shared data ------------------------------------------------------


def partner_url(view, partner=None):
    name = Partner.snippet_viewset.get_url_name(view)
    return reverse(name, args=[partner.pk]) if partner is not None else reverse(name)


@pytest.fixture
def partner(db):
    return factories.make_partner("Kinderschutzbund Laatzen")


@pytest.fixture
def centre_editor(home, client):
    """A client logged in as a member of a centre's editors group only."""
    created = create_centre("Treff Rethen", parent=home)
    client.force_login(factories.make_user("redaktion-rethen", groups=[created.group]))
    return client


def test_a_city_staff_member_keeps_the_partner_list(partner, client):
    run("stadtteil_setup")
    group = Group.objects.get(name=CITY_GROUP_NAME)
    client.force_login(factories.make_user("stadt", groups=[group]))

    response = client.get(partner_url("list"))
    assert response.status_code == 200
    assert "Kinderschutzbund Laatzen" in response.content.decode()
    assert client.get(partner_url("edit", partner)).status_code == 200
    assert client.get(partner_url("add")).status_code == 200


def test_city_staff_cannot_redirect_the_staff_mails_to_themselves(home, client):
    """The site settings hold the address that receives new requests, with
    the requesters' personal data: superusers set it, not city staff."""
    run("stadtteil_setup")
    group = Group.objects.get(name=CITY_GROUP_NAME)
    client.force_login(factories.make_user("stadt", groups=[group]))
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/stadtteil_core/stadtteilsitesettings/{site.pk}/"
    response = client.post(url, {"staff_notification_email": "stadt@example.org"})
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] in ("/admin/", "/admin")
    assert not StadtteilSiteSettings.objects.filter(
        staff_notification_email="stadt@example.org"
    ).exists()


@pytest.mark.parametrize("view", ["list", "add", "edit"])
def test_a_centre_editor_cannot_open_the_partner_admin(partner, centre_editor, view):
    response = centre_editor.get(partner_url(view, partner if view == "edit" else None))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    assert "Kinderschutzbund Laatzen" not in response.content.decode()


def test_a_centre_editor_cannot_change_a_partner(partner, centre_editor):
    response = centre_editor.post(partner_url("edit", partner), {"name": "Umbenannt"})
    assert response.status_code in (302, 403)
    partner.refresh_from_db()
    assert partner.name == "Kinderschutzbund Laatzen"


def test_a_centre_editor_chooses_a_partner_for_their_centre(partner, centre_editor):
    url = reverse(Partner.snippet_viewset.chooser_viewset.get_url_name("choose"))
    response = centre_editor.get(url)
    assert response.status_code == 200
    assert "Kinderschutzbund Laatzen" in response.json()["html"]


# Two centres, two sites, two sets of settings --------------------------------------


@pytest.fixture
def two_centres(home, hosts):
    """Two centres, each its own Site with its own addresses and fee notes."""
    first = create_centre("Stadthaus Laatzen", parent=home, hostname="treff.stadt.example")
    second = create_centre("Mittelpunkt Hüttenstraße", parent=home, hostname=HOST)
    for created, name in [(first, "laatzen"), (second, "huettenstrasse")]:
        found = StadtteilSiteSettings.for_site(created.site)
        found.sender_email = f"raumbuchung@{name}.example"
        found.staff_notification_email = f"raumvergabe@{name}.example"
        found.fee_notes = f"Entgelte nach der Gebührenordnung {created.centre.title}"
        found.house_rules_url = f"https://{name}.example/hausordnung"
        found.save()
    return first, second


def test_a_request_at_the_second_centre_is_mailed_with_its_own_addresses(
    two_centres, mailoutbox, django_capture_on_commit_callbacks
):
    _first, second = two_centres
    room = bookable_room(open_centre(second.centre), "Treffraum")
    with django_capture_on_commit_callbacks(execute=True):
        request_room(room, slot(workday()))

    assert mailoutbox
    assert {mail.from_email for mail in mailoutbox} == {"raumbuchung@huettenstrasse.example"}
    recipients = {address for mail in mailoutbox for address in mail.to}
    assert recipients == {"ayse@example.org", "raumvergabe@huettenstrasse.example"}


def test_the_booking_form_on_the_second_centres_host_shows_its_own_fee_notes(two_centres, client):
    _first, second = two_centres
    room = bookable_room(open_centre(second.centre), "Treffraum")

    response = client.get(f"/rooms/{room.slug}/book/", HTTP_HOST=HOST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Entgelte nach der Gebührenordnung Mittelpunkt Hüttenstraße" in page
    assert 'href="https://huettenstrasse.example/hausordnung"' in page
    assert "Stadthaus Laatzen" not in page
    assert "laatzen.example" not in page
