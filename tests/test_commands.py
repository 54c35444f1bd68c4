"""The city's web team sets the package up and creates centres from the command line."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission, Page

from tests import factories
from wagtail_stadtteil.centres.models import CentrePage, CentreSectionPage
from wagtail_stadtteil.core.defaults import DEFAULT_TARGET_GROUPS, DEFAULT_THEMES
from wagtail_stadtteil.core.models import TargetGroup, Theme

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# stadtteil_setup --------------------------------------------------------------------


def test_setup_creates_the_default_themes_and_target_groups_in_german():
    output = run("stadtteil_setup")
    total = len(DEFAULT_THEMES) + len(DEFAULT_TARGET_GROUPS)
    assert f"{total} created, 0 already present" in output
    assert set(Theme.objects.values_list("slug", flat=True)) == set(DEFAULT_THEMES)
    assert set(TargetGroup.objects.values_list("slug", flat=True)) == set(DEFAULT_TARGET_GROUPS)
    assert Theme.objects.get(slug="family").name == "Familienarbeit"
    assert TargetGroup.objects.get(slug="families").name == "Familien"
    assert {theme.locale.language_code for theme in Theme.objects.all()} == {"de"}


def test_running_setup_again_creates_nothing():
    run("stadtteil_setup")
    before = (Theme.objects.count(), TargetGroup.objects.count())
    output = run("stadtteil_setup")
    total = len(DEFAULT_THEMES) + len(DEFAULT_TARGET_GROUPS)
    assert f"0 created, {total} already present" in output
    assert (Theme.objects.count(), TargetGroup.objects.count()) == before


def test_setup_keeps_entries_the_city_renamed_and_does_not_recreate_them():
    run("stadtteil_setup")
    Theme.objects.filter(slug="family").update(name="Familien und Kinder")
    run("stadtteil_setup")
    assert list(Theme.objects.filter(slug="family").values_list("name", flat=True)) == [
        "Familien und Kinder"
    ]
    assert not Theme.objects.filter(name="Familienarbeit").exists()


def test_setup_adds_only_what_is_missing():
    factories.make_theme("health", "Gesundheit und Sport")
    output = run("stadtteil_setup")
    total = len(DEFAULT_THEMES) + len(DEFAULT_TARGET_GROUPS)
    assert f"{total - 1} created, 1 already present" in output
    assert Theme.objects.get(slug="health").name == "Gesundheit und Sport"


# stadtteil_create_centre ------------------------------------------------------------


def test_create_centre_makes_a_published_centre_with_sections_and_an_editors_group(home):
    output = run("stadtteil_create_centre", "Stadthaus Laatzen")

    centre = CentrePage.objects.get()
    assert centre.title == "Stadthaus Laatzen"
    assert centre.slug == "stadthaus-laatzen"
    assert centre.live
    assert centre.get_parent().pk == home.pk
    assert f"page ID {centre.pk}" in output

    sections = CentreSectionPage.objects.child_of(centre).order_by("path")
    assert [(s.title, s.live) for s in sections] == [("Angebote", True), ("Beratung", True)]

    group_name = "Stadthaus Laatzen – Redaktion"
    assert group_name in output
    permissions = GroupPagePermission.objects.filter(group__name=group_name)
    assert {p.page_id for p in permissions} == {centre.pk}
    assert {p.permission.codename for p in permissions} == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    assert permissions.first().group.permissions.filter(codename="access_admin").exists()


def test_the_new_centre_can_be_visited_at_once(client, home):
    run("stadtteil_create_centre", "Quartierstreff Nordenfeldt")
    centre = CentrePage.objects.get()
    response = client.get(centre.url)
    assert response.status_code == 200
    assert "<h1>Quartierstreff Nordenfeldt</h1>" in response.content.decode()


def test_an_editor_of_the_new_group_may_edit_only_their_centre(client, home):
    run("stadtteil_create_centre", "Stadthaus Laatzen")
    other = factories.make_centre(home, "Treff Rethen")
    centre = CentrePage.objects.get(slug="stadthaus-laatzen")
    group = GroupPagePermission.objects.filter(page=centre).first().group
    client.force_login(factories.make_user("redaktion", groups=[group]))

    assert client.get(f"/admin/pages/{centre.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code == 302


def test_create_centre_below_a_chosen_parent(home):
    index = factories.make_centre_index(home, "Stadtteilzentren")
    run(
        "stadtteil_create_centre",
        "Treff Rethen",
        "--parent",
        str(index.pk),
        "--kind",
        "meeting_point",
    )
    centre = CentrePage.objects.get()
    assert centre.get_parent().pk == index.pk
    assert centre.kind == "meeting_point"


def test_create_centre_as_a_draft_with_its_own_slug(home):
    run("stadtteil_create_centre", "Stadthaus", "--slug", "stadthaus-neu", "--draft")
    centre = CentrePage.objects.get()
    assert centre.slug == "stadthaus-neu"
    assert not centre.live
    assert not CentreSectionPage.objects.live().exists()


def test_create_centre_with_an_unknown_parent_says_so(home):
    with pytest.raises(CommandError, match="999999"):
        run("stadtteil_create_centre", "Stadthaus", "--parent", "999999")
    assert not CentrePage.objects.exists()


def test_create_centre_twice_with_the_same_address_is_refused(home):
    run("stadtteil_create_centre", "Stadthaus Laatzen")
    with pytest.raises(CommandError) as error:
        run("stadtteil_create_centre", "Stadthaus Laatzen")
    assert "„stadthaus-laatzen“" in str(error.value)
    assert "hat bereits eine Seite mit der Adresse" in str(error.value)
    assert CentrePage.objects.count() == 1


def test_create_centre_below_a_page_that_cannot_hold_a_centre_is_refused(centre):
    offer = factories.make_offer(centre, "Elterncafé")
    pages_before = Page.objects.count()
    with pytest.raises(CommandError) as error:
        run("stadtteil_create_centre", "Treff", "--parent", str(offer.pk))
    assert (
        str(error.value) == "Unterhalb von „Elterncafé“ kann kein Stadtteilzentrum angelegt werden."
    )
    assert Page.objects.count() == pages_before


@pytest.mark.parametrize("title", ["", "   "])
def test_create_centre_without_a_title_is_refused(home, title):
    with pytest.raises(CommandError) as error:
        run("stadtteil_create_centre", title)
    assert str(error.value) == "Ein Stadtteilzentrum braucht einen Titel."
    assert not CentrePage.objects.exists()


def test_create_centre_with_a_title_that_makes_no_web_address_is_refused(home):
    with pytest.raises(CommandError):
        run("stadtteil_create_centre", "???")
    assert not CentrePage.objects.exists()


def test_two_centres_with_the_same_name_get_separate_editors_groups(client, home):
    index = factories.make_centre_index(home, "Hamm")
    run("stadtteil_create_centre", "Stadtteilzentrum")
    run("stadtteil_create_centre", "Stadtteilzentrum", "--parent", str(index.pk))
    first, second = CentrePage.objects.order_by("pk")

    def group_of(centre):
        (group,) = {p.group for p in GroupPagePermission.objects.filter(page=centre)}
        return group

    assert group_of(first) != group_of(second)
    assert not GroupPagePermission.objects.filter(group=group_of(second)).exclude(page=second)
    collections = {
        permission.collection_id
        for centre in (first, second)
        for permission in group_of(centre).collection_permissions.all()
    }
    assert len(collections) == 2
