"""A funded project's public profile (issue 9, seed 003): residents read
what the project wants to change, its yearly goals with their status and
measures, its project area compared with the whole city, who carries it and
who funds it; the centre's staff keep it up to date, nobody else."""

import datetime as dt
import html
import json
import re
from decimal import Decimal

import pytest
from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from tests import factories
from tests.factories import admin_add_url, page_form_data
from tests.test_content_translation import field_names
from wagtail_stadtteil.centres.creation import create_centre
from wagtail_stadtteil.centres.models import CentrePage, ProjectPage, YearlyGoal
from wagtail_stadtteil.core.localize import translate
from wagtail_stadtteil.core.models import DistrictIndicator

pytestmark = pytest.mark.django_db

Status = YearlyGoal.Status


def quarter():
    city = factories.make_district("Stadthagen", level=1)
    return factories.make_district(
        "Hüttenstraßen-Quartier",
        parent=city,
        population=3508,
        population_as_of=dt.date(2016, 12, 31),
        indicators=[
            DistrictIndicator(
                label="Anteil Kinder (bis 14 Jahre)",
                value_area=Decimal("15"),
                value_city=Decimal("12"),
                note="Quelle: Stadt Stadthagen",
            ),
            DistrictIndicator(
                label="Menschen, die Transferleistungen beziehen (gesamt)",
                value_area=Decimal("70"),
                value_city=None,
                note="Für die Gesamtstadt liegen keine Zahlen vor.",
            ),
        ],
    )


def project(centre, **fields):
    carrier = factories.make_partner(
        "AWO Kreisverband Schaumburg e.V.", kind="welfare", website="https://awo.example"
    )
    programme = factories.make_funding_programme(
        "Gute Nachbarschaft",
        funder="Land Niedersachsen",
        funding_notice="Gefördert vom Land Niedersachsen im Programm „Gute Nachbarschaft“.",
    )
    page = factories.make_project(
        centre,
        intro="Zusammen leben – Zukunft gemeinsam gestalten.",
        description="<p>Quartiersmanager unterstützen als „Kümmerer“ direkt vor Ort.</p>",
        starting_situation="<p>Es gibt keinen zentralen Treffpunkt.</p>",
        approach="<p>Gemeinwesenarbeit als Arbeitsprinzip.</p>",
        fields_of_action=[("field", "Soziale Aktivitäten und soziale Infrastruktur")],
        methods=[("method", "Aufsuchende Sozialarbeit"), ("method", "Netzwerkarbeit")],
        quality_standards=[
            (
                "standard",
                {
                    "standard": "Zusammenleben gestalten – Nachbarschaft fördern",
                    "achieved_when": "der „Mittelpunkt“ angenommen und genutzt wird",
                },
            )
        ],
        carrier=carrier,
        project_area=quarter(),
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2027, 12, 31),
        contact_name="Stephan Hartmann",
        phone="+49 5721 939830",
        yearly_goals=[
            YearlyGoal(
                year=2025,
                goal="Gelungene Integration in das Gemeinwesen",
                measures="Immobilie finden und gemeinsam herrichten\nVeranstaltungen planen",
                status=Status.ACHIEVED,
            ),
            YearlyGoal(
                year=2026,
                goal="Gelungene Integration in den Arbeitsmarkt",
                measures="Ehrenamtliche Sprachangebote initiieren",
                status=Status.IN_PROGRESS,
            ),
        ],
        **fields,
    )
    page.funding_programmes.set([programme])
    page.save_revision().publish()
    return ProjectPage.objects.get(pk=page.pk)


def de(message, **values):
    """``message`` as residents read it on a German page (the site's language),
    so the tests hold before and after the German catalogue has it."""
    with translation.override("de"):
        # A lazy label (a status) is read in German when made a string.
        shown = translation.gettext(message) if isinstance(message, str) else str(message)
    return shown % values if values else shown


def text(response):
    """The response's visible text, tags removed and spaces collapsed."""
    content = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(content).split())


# Residents read the profile ------------------------------------------------------------


def test_residents_read_each_yearly_goal_with_its_status_and_measures(client, centre):
    page = project(centre)

    response = client.get(page.url)

    assert response.status_code == 200
    shown = text(response)
    assert "Gelungene Integration in das Gemeinwesen" in shown
    status = de("Status")
    assert f"{status}: {de(Status.ACHIEVED.label)}" in shown
    assert f"{status}: {de(Status.IN_PROGRESS.label)}" in shown
    assert shown.index("Gemeinwesen") < shown.index("Arbeitsmarkt")
    content = response.content.decode()
    assert "<li>Immobilie finden und gemeinsam herrichten</li>" in content
    assert "<li>Veranstaltungen planen</li>" in content
    heading = de("Goal for %(year)s", year="2025") + ": Gelungene Integration in das Gemeinwesen"
    assert re.search(rf"<h3[^>]*>{re.escape(heading)}</h3>", content)


def test_residents_compare_the_project_area_with_the_whole_city_in_a_table(client, centre):
    page = project(centre)

    content = client.get(page.url).content.decode()

    table = re.search(r"<table.*?</table>", content, re.S).group(0)
    caption = de("%(name)s compared with the whole city", name="Hüttenstraßen-Quartier")
    assert f"<caption>{caption}</caption>" in table
    assert f'<th scope="col">{de("Project area")}</th>' in table
    assert f'<th scope="col">{de("Whole city")}</th>' in table
    assert '<th scope="row">Anteil Kinder (bis 14 Jahre)</th><td>15 %</td><td>12 %</td>' in table
    # A figure nobody collected is said to be missing, not shown as 0 %.
    assert (
        '<th scope="row">Menschen, die Transferleistungen beziehen (gesamt)</th>'
        f"<td>70 %</td><td>{de('no figure')}</td>" in table
    )
    assert "Für die Gesamtstadt liegen keine Zahlen vor." in table
    assert de("%(population)s inhabitants", population="3.508") in content


def test_residents_see_who_carries_the_project_whom_to_ask_and_who_funds_it(client, centre):
    page = project(centre)

    response = client.get(page.url)

    shown = text(response)
    content = response.content.decode()
    assert '<a href="https://awo.example">AWO Kreisverband Schaumburg e.V.</a>' in content
    assert "Stephan Hartmann" in shown
    assert 'href="tel:+495721939830"' in content
    assert "Gefördert vom Land Niedersachsen im Programm „Gute Nachbarschaft“." in shown
    assert f"{de('Funded by')} Gute Nachbarschaft" in shown
    for heading in ["Starting situation", "Fields of action", "Our approach", "Methods"]:
        assert f">{de(heading)}</h2>" in content
    assert "Soziale Aktivitäten und soziale Infrastruktur" in shown
    assert f"{de('Achieved when:')} der „Mittelpunkt“ angenommen und genutzt wird" in shown
    assert f'href="{centre.url}"' in content


def test_search_engines_read_the_project_its_carrier_and_funder(client, centre):
    page = project(centre)

    content = client.get(page.url).content.decode()

    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    )
    assert data["@type"] == "Project"
    assert data["parentOrganization"]["name"] == "AWO Kreisverband Schaumburg e.V."
    assert data["funder"] == [{"@type": "Organization", "name": "Land Niedersachsen"}]
    assert data["areaServed"]["name"] == "Hüttenstraßen-Quartier"
    assert data["foundingDate"] == "2025-01-01"


def test_a_project_without_goals_area_or_carrier_still_renders(client, centre):
    page = factories.make_project(centre, "Nachbarschaftsprojekt")

    response = client.get(page.url)

    assert response.status_code == 200
    assert "<table" not in response.content.decode()
    assert de("Goals and measures") not in text(response)


# Editors ------------------------------------------------------------------------------------


def project_form_data(**overrides):
    fields = {
        "title": "Mittelpunkt Hüttenstraße",
        "slug": "projekt",
        "intro": "Zusammen leben",
        "description": rich_text("<p>Kümmerer vor Ort.</p>"),
        "starting_situation": rich_text("<p>Kein Treffpunkt.</p>"),
        "approach": rich_text("<p>Gemeinwesenarbeit.</p>"),
        "fields_of_action": streamfield([("field", "Imageverbesserung")]),
        "methods": streamfield([("method", "Empowerment")]),
        "quality_standards": streamfield(
            [("standard", {"standard": "Nachbarschaft fördern", "achieved_when": "genutzt"})]
        ),
        "yearly_goals": inline_formset(
            [
                {
                    "year": "2026",
                    "goal": "Deutsch lernen",
                    "measures": "Sprachcafé",
                    "status": "planned",
                }
            ]
        ),
        "carrier": "",
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
        "project_area": "",
        "contact_name": "Stephan Hartmann",
        "phone": "",
        "email": "",
        "website": "",
    }
    fields.update(overrides)
    return fields


def test_editor_adds_a_project_with_yearly_goals_below_a_centre(editor, centre):
    carrier = factories.make_partner("AWO Kreisverband Schaumburg e.V.")
    area = quarter()
    programme = factories.make_funding_programme("Gute Nachbarschaft")
    group = factories.make_target_group("migrants", "Menschen mit Zuwanderungsgeschichte")
    assert editor.get(admin_add_url(ProjectPage, centre)).status_code == 200

    response = editor.post(
        admin_add_url(ProjectPage, centre),
        page_form_data(
            project_form_data(carrier=carrier.pk, project_area=area.pk),
            multi={"target_groups": [group.pk], "funding_programmes": [programme.pk]},
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    page = ProjectPage.objects.get(slug="projekt")
    assert page.live
    assert page.get_parent().pk == centre.pk
    assert page.centre.pk == centre.pk
    assert (page.carrier, page.project_area) == (carrier, area)
    assert list(page.target_groups.all()) == [group]
    assert list(page.funding_programmes.all()) == [programme]
    assert page.fields_of_action[0].value == "Imageverbesserung"
    assert page.quality_standards[0].value["achieved_when"] == "genutzt"
    goal = page.yearly_goals.get()
    assert (goal.year, goal.goal, goal.status) == (2026, "Deutsch lernen", "planned")
    assert goal.locale_id == page.locale_id


def test_editor_is_told_when_the_project_ends_before_it_starts(editor, centre):
    response = editor.post(
        admin_add_url(ProjectPage, centre),
        page_form_data(project_form_data(starts_on="2026-01-01", ends_on="2025-12-31")),
    )

    assert response.status_code == 200
    assert "ends_on" in response.context["form"].errors
    assert not ProjectPage.objects.exists()


def test_projects_live_directly_below_a_centre_and_hold_no_pages(home, centre, section):
    assert ProjectPage.can_create_at(centre)
    assert not ProjectPage.can_create_at(home)
    assert not ProjectPage.can_create_at(section)
    page = factories.make_project(centre)
    assert not any(model.can_create_at(page) for model in Page.clean_subpage_models())
    # A centre may have several projects.
    factories.make_project(centre, "Zweites Projekt")
    assert ProjectPage.objects.child_of(centre).count() == 2


def test_an_editor_of_another_centre_can_neither_open_nor_change_the_project(client, home):
    own = create_centre("Mittelpunkt Hüttenstraße", parent=home)
    other = create_centre("Stadthaus Laatzen", parent=home)
    page = factories.make_project(own.centre, "Quartiersmanagement", intro="Vorher")
    own_editor = factories.make_user("redaktion-huette", groups=[own.group])
    other_editor = factories.make_user("redaktion-laatzen", groups=[other.group])

    client.force_login(own_editor)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.get(admin_add_url(ProjectPage, own.centre)).status_code == 200

    client.force_login(other_editor)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code in (302, 403)
    assert client.get(admin_add_url(ProjectPage, own.centre)).status_code in (302, 403)
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        page_form_data({"title": "Übernommen", "slug": page.slug, "intro": "Nachher"}),
    )
    client.post(f"/admin/pages/{page.pk}/delete/", {})
    page.refresh_from_db()
    assert (page.title, page.intro, page.live) == ("Quartiersmanagement", "Vorher", True)
    assert not ProjectPage.objects.filter(title="Übernommen").exists()
    # Their own centre may have projects of its own.
    assert client.get(admin_add_url(ProjectPage, other.centre)).status_code == 200


# Languages --------------------------------------------------------------------------------------


def test_every_field_of_a_project_and_its_goals_says_whether_it_is_translated():
    for model in (ProjectPage, YearlyGoal):
        declared = {field.field_name for field in model.translatable_fields}
        assert field_names(model) <= declared, model.__name__


def test_an_english_profile_has_translated_goals_with_the_same_years_and_status(client, centre):
    page = project(centre)
    english = factories.make_locale("en")
    factories.translate_tree_root(english)
    english_centre = translate(centre, english, {"Stadthaus Laatzen": "Town hall Laatzen"})
    assert isinstance(english_centre, CentrePage)

    english_page = translate(
        page,
        english,
        {
            "Mittelpunkt Hüttenstraße – Quartiersmanagement": "Hüttenstraße meeting point",
            "Gelungene Integration in das Gemeinwesen": "Successful integration into the community",
            "Ehrenamtliche Sprachangebote initiieren": "Start volunteer-led language classes",
        },
    )

    goals = list(english_page.yearly_goals.all())
    assert [(g.year, g.status) for g in goals] == [
        (2025, Status.ACHIEVED),
        (2026, Status.IN_PROGRESS),
    ]
    assert goals[0].goal == "Successful integration into the community"
    assert goals[1].measures == "Start volunteer-led language classes"
    assert {g.locale_id for g in goals} == {english.pk}
    assert english_page.project_area_id == page.project_area_id

    # The German page's status changes; the English one follows on the next sync.
    german_goal = page.yearly_goals.get(year=2026)
    german_goal.status = Status.ACHIEVED
    german_goal.save()
    english_page = translate(page, english, {})
    assert english_page.yearly_goals.get(year=2026).status == Status.ACHIEVED
    assert (
        english_page.yearly_goals.get(year=2025).goal == "Successful integration into the community"
    )

    response = client.get(english_page.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Successful integration into the community" in content
    # The German district's labels are marked as German on the English page.
    assert '<th scope="row"><span lang="de" dir="ltr">Anteil Kinder (bis 14 Jahre)</span></th>' in (
        content
    )
