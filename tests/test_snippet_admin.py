"""City staff keep the shared data (partners, funding programmes, districts,
themes, target groups) in the Wagtail admin: list, filter, search, export."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests import factories
from wagtail_stadtteil.core.models import District, FundingProgramme, Partner, TargetGroup, Theme

pytestmark = pytest.mark.django_db


def listing_url(model):
    return f"/admin/snippets/stadtteil_core/{model._meta.model_name}/"


def listed_names(client, model, **params):
    """The names shown in the admin listing of ``model`` (status 200 required)."""
    response = client.get(listing_url(model), params)
    assert response.status_code == 200
    html = response.content.decode()
    return {obj.name for obj in model.objects.all() if f">{obj.name}<" in html}


@pytest.fixture
def shared_data(db):
    """Two of each kind of shared entry, different in what the filters look at."""
    bezirk = factories.make_district("Hamm-Mitte", District.Level.POLITICAL_DISTRICT)
    factories.make_district("Nordenfeldt", District.Level.QUARTER, description="Am Bahnhof")
    factories.make_partner("Kinderschutzbund Laatzen", kind="club", description="Hilfe für Kinder")
    factories.make_partner("AWO Region Hannover", kind="welfare", non_profit=False)
    factories.make_funding_programme("Sozialer Zusammenhalt", funder="Bund", funder_level="federal")
    factories.make_funding_programme(
        "Gute Nachbarschaft", funder="Land Niedersachsen", funder_level="state"
    )
    factories.make_theme("family", "Familienarbeit", description="Eltern und Kinder")
    factories.make_theme("health", "Gesundheit")
    factories.make_target_group("seniors", "Senior*innen")
    factories.make_target_group("children", "Kinder", description="bis 12 Jahre")
    return bezirk


@pytest.mark.parametrize(
    ("model", "filters", "expected"),
    [
        (Partner, {"kind": "welfare"}, {"AWO Region Hannover"}),
        (Partner, {"non_profit": "true"}, {"Kinderschutzbund Laatzen"}),
        (FundingProgramme, {"funder_level": "state"}, {"Gute Nachbarschaft"}),
        (District, {"level": "1"}, {"Hamm-Mitte"}),
    ],
)
def test_staff_filter_a_shared_data_listing(editor, shared_data, model, filters, expected):
    assert listed_names(editor, model) == set(model.objects.values_list("name", flat=True))
    assert listed_names(editor, model, **filters) == expected


@pytest.mark.parametrize(
    ("model", "query", "expected"),
    [
        (Partner, "Kinderschutz", {"Kinderschutzbund Laatzen"}),
        (Partner, "hilfe", {"Kinderschutzbund Laatzen"}),
        (FundingProgramme, "Niedersachsen", {"Gute Nachbarschaft"}),
        (District, "Bahnhof", {"Nordenfeldt"}),
        (Theme, "Gesund", {"Gesundheit"}),
        (TargetGroup, "Jahre", {"Kinder"}),
    ],
)
def test_staff_search_a_shared_data_listing(editor, shared_data, model, query, expected):
    assert listed_names(editor, model, q=query) == expected


def test_each_listing_offers_its_filters_and_a_search_box(editor, shared_data):
    for model, filter_names in [
        (Partner, ["kind", "non_profit"]),
        (FundingProgramme, ["funder_level"]),
        (District, ["level"]),
        (Theme, []),
        (TargetGroup, []),
    ]:
        html = editor.get(listing_url(model)).content.decode()
        assert 'name="q"' in html, model
        for name in filter_names:
            assert f'name="{name}"' in html, (model, name)


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def open_xlsx(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return sheet


def test_staff_export_partners_as_csv(editor, shared_data):
    response = editor.get(listing_url(Partner), {"export": "csv"})
    assert 'filename="partners.csv"' in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header[:3] == ["Name", "Kurztitel", "Art"]
    assert sorted(row[:2] for row in rows) == [
        ["AWO Region Hannover", "awo-region-hannover"],
        ["Kinderschutzbund Laatzen", "kinderschutzbund-laatzen"],
    ]


def test_the_export_contains_only_the_filtered_rows(editor, shared_data):
    response = editor.get(listing_url(District), {"export": "csv", "level": "3"})
    _header, *rows = csv_rows(response)
    assert [row[0] for row in rows] == ["Nordenfeldt"]


@pytest.mark.parametrize("model", [Partner, FundingProgramme, District, Theme, TargetGroup])
def test_staff_export_every_shared_listing_as_a_spreadsheet(editor, shared_data, model):
    sheet = open_xlsx(editor.get(listing_url(model), {"export": "xlsx"}))
    header, *rows = list(sheet.values)
    assert header[0] == "Name"
    assert sorted(row[0] for row in rows) == sorted(model.objects.values_list("name", flat=True))


def test_a_formula_in_a_name_is_not_run_by_the_spreadsheet(editor):
    factories.make_partner('=HYPERLINK("http://evil.example")', slug="evil")
    sheet = open_xlsx(editor.get(listing_url(Partner), {"export": "xlsx"}))
    cell = sheet["A2"]
    assert cell.value == '=HYPERLINK("http://evil.example")'
    assert cell.data_type == "s"


def test_a_formula_in_a_csv_export_is_kept_as_text(editor):
    factories.make_partner('=HYPERLINK("http://evil.example")', slug="evil")
    factories.make_partner("Nachbarschaftsverein", slug="nachbarn", phone="+49 511 123")
    _header, *rows = csv_rows(editor.get(listing_url(Partner), {"export": "csv"}))
    by_slug = {row[1]: row for row in rows}
    assert by_slug["evil"][0] == '\'=HYPERLINK("http://evil.example")'
    assert by_slug["nachbarn"][0] == "Nachbarschaftsverein"
    assert "'+49 511 123" in by_slug["nachbarn"]


def test_staff_create_a_partner_in_the_admin(editor):
    response = editor.post(
        "/admin/snippets/stadtteil_core/partner/add/",
        {
            "name": "Türkischer Elternverein",
            "slug": "",
            "kind": "migrant_organisation",
            "non_profit": "on",
            "description": "Beratung für Eltern",
            "contact_person": "Emine Kaya",
            "street": "Hildesheimer Str. 5",
            "postcode": "30880",
            "city": "Laatzen",
            "phone": "0511 123456",
            "email": "info@elternverein.example",
            "website": "https://elternverein.example",
        },
    )
    assert response.status_code == 302
    partner = Partner.objects.get()
    assert partner.slug == "turkischer-elternverein"
    assert partner.kind == "migrant_organisation"
    assert partner.non_profit
    assert partner.locale.language_code == "de"
    listing = editor.get(listing_url(Partner)).content.decode()
    assert "Türkischer Elternverein" in listing
    assert "Migrant*innenorganisation" in listing
