"""Spreadsheets in and out of the Wagtail admin (issue 7): upload a file, see
what it would change row by row, confirm, and find the rows saved; download
every column of a listing. Told per role, through the real admin URLs:
superuser, city staff (shared data, no centre), the editors of centres A and B.
"""

import csv
import datetime as dt
import io
import json
import re

import icalendar
import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests import factories
from wagtail_stadtteil.centres.creation import create_centre, create_city_group
from wagtail_stadtteil.core.import_views import SIGNING_SALT, claim_upload
from wagtail_stadtteil.core.models import District, Partner
from wagtail_stadtteil.rooms.models import Room

pytestmark = pytest.mark.django_db

PROGRESS_KEY = "progress-key-of-this-test"

PARTNERS_CSV = (
    "name,slug,kind,non_profit,city\n"
    "Chor Laatzen,chor,club,yes,Laatzen\n"
    "Tafel Laatzen,tafel,welfare,no,Laatzen\n"
)


# The people ------------------------------------------------------------------------------


def in_english(user):
    """The admin speaks English to ``user``: the German catalog gets the new
    messages only when the translators have seen them."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def world(home):
    a = create_centre("Stadthaus Laatzen", parent=home)
    # Centre B has a site of its own, whose name is the centre's.
    b = create_centre("Mittelpunkt Hüttenstraße", parent=home, hostname="mittelpunkt.example")
    city_group, _created = create_city_group()
    superuser = factories.make_user("admin-city")
    superuser.is_superuser = True
    superuser.save()
    users = {
        "superuser": superuser,
        "city": factories.make_user("stadt", groups=[city_group]),
        "editor_a": factories.make_user("redaktion-a", groups=[a.group]),
        "editor_b": factories.make_user("redaktion-b", groups=[b.group]),
    }
    for user in users.values():
        in_english(user)
    return {"a": a.centre, "b": b.centre, "users": users}


def login(client, world, role):
    client.force_login(world["users"][role])
    return client


# Talking to the admin ---------------------------------------------------------------------


def import_url(model):
    return reverse("stadtteil_import", args=[model])


def export_url(model, **params):
    return reverse("stadtteil_export", args=[model]), params


def upload(client, model, content, filename="file.csv", **data):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return client.post(
        import_url(model),
        {"file": SimpleUploadedFile(filename, content), "progress": PROGRESS_KEY, **data},
    )


def page(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def confirm_token(response):
    """The signed upload the confirmation form carries (None: no confirmation)."""
    field = page(response).find("input", attrs={"name": "upload"})
    return field["value"] if field else None


def confirm(client, model, token):
    return client.post(import_url(model), {"upload": token, "progress": PROGRESS_KEY + "-2"})


def rows(response):
    """{line: (status, entry, problems text)} of the preview's table."""
    table = page(response).find("table", id="import-rows")
    found = {}
    for row in table.tbody.find_all("tr"):
        cells = row.find_all("td")
        problems = [" ".join(item.get_text().split()) for item in cells[2].find_all("li")]
        found[int(row.th.get_text(strip=True))] = (
            cells[0].get_text(" ", strip=True),
            cells[1].get_text(" ", strip=True),
            " | ".join(problems),
        )
    return found


def counts(response):
    heading = page(response).find(id="import-counts-heading")
    items = heading.find_next("ul").find_all("li")
    return dict(item.get_text(strip=True).split(": ") for item in items)


def is_refusal(response):
    """Wagtail answers PermissionDenied in the admin with a redirect home."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"] in ("/admin/", "/admin")


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_file(headers, *rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


# Importing shared data ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["superuser", "city"])
def test_city_staff_check_a_partner_list_and_import_it_on_confirmation(client, world, role):
    login(client, world, role)
    assert client.get(import_url("partner")).status_code == 200

    preview = upload(client, "partner", PARTNERS_CSV)

    assert counts(preview) == {"New": "2", "Changed": "0", "Unchanged": "0", "Invalid": "0"}
    assert rows(preview) == {
        2: ("new", "Chor Laatzen", ""),
        3: ("new", "Tafel Laatzen", ""),
    }
    assert not Partner.objects.exists(), "the check saves nothing"

    done = confirm(client, "partner", confirm_token(preview))

    assert done.status_code == 302
    assert done["Location"] == reverse(Partner.snippet_viewset.get_url_name("list"))
    assert messages_of(done) == ["Partners imported: 2 new, 0 changed, 0 unchanged."]
    choir = Partner.objects.get(slug="chor")
    assert (choir.name, choir.kind, choir.non_profit, choir.city) == (
        "Chor Laatzen",
        "club",
        True,
        "Laatzen",
    )
    assert Partner.objects.get(slug="tafel").kind == Partner.Kind.WELFARE


def test_a_second_import_of_the_same_list_shows_the_changed_and_unchanged_rows(client, world):
    login(client, world, "city")
    factories.make_partner("Chor Laatzen", slug="chor", kind="club", non_profit=True, city="")
    factories.make_partner(
        "Tafel Laatzen", slug="tafel", kind="welfare", non_profit=False, city="Laatzen"
    )

    preview = upload(client, "partner", PARTNERS_CSV)

    assert counts(preview) == {"New": "0", "Changed": "1", "Unchanged": "1", "Invalid": "0"}
    assert rows(preview)[2][0] == "changed"
    assert rows(preview)[3][0] == "unchanged"
    confirm(client, "partner", confirm_token(preview))
    assert Partner.objects.get(slug="chor").city == "Laatzen"
    assert Partner.objects.count() == 2


def test_an_invalid_file_lists_every_problem_by_line_and_column_and_saves_nothing(client, world):
    login(client, world, "city")
    content = (
        "name,slug,kind,non_profit\n"
        "Chor Laatzen,chor,club,yes\n"
        "Zirkus Laatzen,zirkus,circus,yes\n"
        '"=HYPERLINK(""http://evil.example"")",evil,club,maybe\n'
    )

    preview = upload(client, "partner", content)

    assert confirm_token(preview) is None, "no confirmation for a file with problems"
    assert counts(preview)["Invalid"] == "2"
    table = rows(preview)
    # Invalid rows first, each problem with its column.
    assert list(table) == [3, 4, 2]
    assert table[3][0] == "invalid"
    assert table[3][2].startswith("kind:") and "circus" in table[3][2]
    assert "name:" in table[4][2] and "formula" in table[4][2]
    assert "non_profit:" in table[4][2]
    assert table[2][0] == "new"
    # The summary at the top links each problem to its row.
    summary = page(preview).find(id="import-errors")
    assert summary["role"] == "alert"
    links = {link["href"] for link in summary.find_all("a")}
    assert {"#line-3", "#line-4"} <= links
    assert page(preview).find(id="line-3") is not None
    assert not Partner.objects.exists()


def test_a_file_with_an_unknown_column_is_refused_before_any_row(client, world):
    login(client, world, "city")
    preview = upload(client, "partner", "name,slug,Lieblingsfarbe\nChor,chor,blau\n")

    assert confirm_token(preview) is None
    summary = page(preview).find(id="import-errors").get_text(" ", strip=True)
    assert "Lieblingsfarbe" in summary and "Line 1" in summary
    assert not Partner.objects.exists()


def test_city_staff_import_an_xlsx_file_with_german_headers(client, world):
    login(client, world, "city")
    content = xlsx_file(
        ["Name", "Kurztitel", "Art", "gemeinnützig"],
        ["Chor Laatzen", "chor", "Verein oder Verband", "ja"],
        ["AWO Region Hannover", "awo", "Wohlfahrtsverband", "nein"],
    )

    preview = upload(client, "partner", content, filename="Partner.xlsx")

    assert counts(preview)["New"] == "2"
    confirm(client, "partner", confirm_token(preview))
    assert sorted(Partner.objects.values_list("slug", "kind", "non_profit")) == [
        ("awo", "welfare", False),
        ("chor", "club", True),
    ]


def test_a_file_that_is_no_spreadsheet_is_refused_with_a_reason(client, world):
    login(client, world, "city")

    form = page(upload(client, "partner", b"%PDF-1.4", filename="partner.pdf"))
    assert "Upload a CSV, XLSX or ODS file." in form.find(id="import-errors").get_text()
    assert form.find("a", href="#id_file") is not None

    form = page(upload(client, "partner", b"not a workbook", filename="partner.xlsx"))
    assert "could not be read as XLSX" in form.find(id="import-errors").get_text()
    assert not Partner.objects.exists()


def test_nothing_is_saved_when_the_data_changed_between_check_and_confirmation(client, world):
    login(client, world, "city")
    factories.make_district("Hannover", level=District.Level.POLITICAL_DISTRICT, slug="hannover")
    content = "name,slug,level,parent\nMitte,mitte,Quarter,hannover\n"
    preview = upload(client, "district", content)
    token = confirm_token(preview)
    assert token

    District.objects.filter(slug="hannover").delete()
    again = confirm(client, "district", token)

    assert confirm_token(again) is None
    text = page(again).find(id="import-errors").get_text(" ", strip=True)
    assert "nothing has been imported" in text
    assert "hannover" in rows(again)[2][2]
    assert not District.objects.exists()


def test_a_confirmation_imports_its_file_once(client, world):
    login(client, world, "city")
    token = confirm_token(upload(client, "partner", PARTNERS_CSV))
    confirm(client, "partner", token)
    Partner.objects.all().delete()

    again = confirm(client, "partner", token)

    assert "imported already" in page(again).find(id="import-errors").get_text()
    assert not Partner.objects.exists()


def test_a_double_clicked_import_button_imports_the_file_once(client, world):
    login(client, world, "city")
    token = confirm_token(upload(client, "partner", PARTNERS_CSV))

    first = confirm(client, "partner", token)
    second = confirm(client, "partner", token)

    assert first.status_code == 302
    assert Partner.objects.count() == 2
    assert "imported already" in page(second).find(id="import-errors").get_text()
    # Only the first click's success message, still waiting to be shown.
    assert messages_of(second) == ["Partners imported: 2 new, 0 changed, 0 unchanged."]


def test_a_second_click_while_the_first_import_runs_imports_nothing(client, world):
    user = world["users"]["city"]
    login(client, world, "city")
    token = confirm_token(upload(client, "partner", PARTNERS_CSV))
    # The first click has claimed the upload and is still importing.
    stored = signing.loads(token, salt=SIGNING_SALT)["file"]
    assert claim_upload(user, stored)

    second = confirm(client, "partner", token)

    assert "imported already" in page(second).find(id="import-errors").get_text()
    assert not Partner.objects.exists()


def test_a_confirmation_that_failed_may_be_sent_again_once_the_data_are_back(client, world):
    login(client, world, "city")
    factories.make_district("Hannover", level=District.Level.POLITICAL_DISTRICT, slug="hannover")
    token = confirm_token(
        upload(client, "district", "name,slug,level,parent\nMitte,mitte,Quarter,hannover\n")
    )
    District.objects.filter(slug="hannover").delete()
    failed = confirm(client, "district", token)
    assert "nothing has been imported" in page(failed).find(id="import-errors").get_text()

    factories.make_district("Hannover", level=District.Level.POLITICAL_DISTRICT, slug="hannover")
    done = confirm(client, "district", token)

    assert done.status_code == 302
    assert District.objects.get(slug="mitte").parent.slug == "hannover"
    assert "imported already" in page(confirm(client, "district", token)).get_text()


def test_the_import_buttons_are_marked_for_the_script_that_sends_them_once(client, world):
    login(client, world, "city")
    form = page(client.get(import_url("partner"))).find(
        "form", attrs={"data-stadtteil-import": True}
    )
    assert form.find("button", attrs={"data-stadtteil-import-submit": True}) is not None

    preview = page(upload(client, "partner", PARTNERS_CSV))
    button = preview.find("button", attrs={"data-stadtteil-import-submit": True})
    assert button.get_text(strip=True) == "Import" and not button.has_attr("disabled")


# Forged confirmations ------------------------------------------------------------------------


def test_a_tampered_confirmation_is_refused_and_saves_nothing(client, world):
    login(client, world, "city")
    token = confirm_token(upload(client, "partner", PARTNERS_CSV))
    payload = signing.loads(token, salt="wagtail_stadtteil.core.import_views.upload")

    # Another file name, signed with a made-up key, or altered by a character.
    forged = signing.dumps(
        {**payload, "file": "/etc/passwd"},
        salt="wagtail_stadtteil.core.import_views.upload",
        key="not-the-secret-key",
        compress=True,
    )
    altered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    for bad in [forged, altered, "", "rubbish"]:
        assert confirm(client, "partner", bad).status_code == 400

    # The confirmation of a partner list does not import into districts.
    assert is_refusal(confirm(client, "district", token))
    assert not Partner.objects.exists()
    assert not District.objects.exists()


def test_a_confirmation_works_only_for_the_user_who_checked_the_file(client, world):
    login(client, world, "city")
    token = confirm_token(upload(client, "partner", PARTNERS_CSV))

    login(client, world, "superuser")
    assert is_refusal(confirm(client, "partner", token))
    assert not Partner.objects.exists()


# Who may import -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["editor_a", "editor_b"])
def test_a_centre_editor_may_not_import_shared_data(client, world, role):
    login(client, world, role)

    assert is_refusal(client.get(import_url("partner")))
    assert is_refusal(upload(client, "partner", PARTNERS_CSV))
    assert not Partner.objects.exists()


def test_unknown_models_and_export_only_models_have_no_import(client, world):
    login(client, world, "superuser")
    assert client.get(import_url("unicorn")).status_code == 404
    assert client.get(import_url("booking")).status_code == 404
    assert client.get(reverse("stadtteil_export", args=["unicorn"])).status_code == 404


def test_the_import_needs_a_login(client, world):
    response = client.get(import_url("partner"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# Progress --------------------------------------------------------------------------------------


def test_the_progress_of_a_check_is_shown_to_its_user_only(client, world):
    login(client, world, "city")
    form = page(client.get(import_url("partner"))).find(
        "form", attrs={"data-stadtteil-import": True}
    )
    key = form.find("input", attrs={"name": "progress"})["value"]
    assert form["data-progress-url"] == reverse("stadtteil_import_progress", args=[key])
    progress_url = reverse("stadtteil_import_progress", args=[PROGRESS_KEY])
    assert client.get(progress_url).status_code == 404, "nothing before it starts"

    upload(client, "partner", PARTNERS_CSV)

    response = client.get(progress_url)
    assert response.status_code == 200
    assert json.loads(response.content) == {"done": 2, "total": 2, "phase": "checking"}
    assert "no-cache" in response["Cache-Control"]

    login(client, world, "superuser")
    assert client.get(progress_url).status_code == 404


def test_the_import_page_loads_its_progress_script_without_inline_code(client, world):
    login(client, world, "city")
    html = page(client.get(import_url("partner")))

    scripts = [script for script in html.find_all("script") if "import-progress" in str(script)]
    assert scripts and scripts[0]["src"].endswith("wagtail_stadtteil/core/import-progress.js")
    box = html.find(id="import-progress")
    assert box.has_attr("hidden")
    assert box.find("progress") is not None
    assert box.find(attrs={"aria-live": "polite"}) is not None


# Exports ---------------------------------------------------------------------------------------


def test_city_staff_download_every_column_of_the_partners(client, world):
    login(client, world, "city")
    factories.make_partner("Chor Laatzen", slug="chor", kind="club", phone="+49 511 1")
    factories.make_partner("=HYPERLINK()", slug="evil", kind="club")

    url, params = export_url("partner", format="csv", headers="keys")
    response = client.get(url, params)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert re.fullmatch(
        r'attachment; filename="partner-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"]
    )
    assert "no-cache" in response["Cache-Control"]
    header, *data = csv_rows(response)
    assert header[:4] == ["name", "slug", "kind", "non_profit"]
    by_slug = {row[1]: row for row in data}
    assert by_slug["evil"][0] == "'=HYPERLINK()"
    assert by_slug["chor"][header.index("phone")] == "+49 511 1"


@pytest.mark.parametrize("format_name", ["xlsx", "ods", "json"])
def test_the_full_export_comes_in_every_spreadsheet_format(client, world, format_name):
    login(client, world, "city")
    factories.make_partner("Chor Laatzen", slug="chor")

    url, params = export_url("partner", format=format_name)
    response = client.get(url, params)

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{format_name}"')
    if format_name == "json":
        assert json.loads(response.content)[0]["slug"] == "chor"
    if format_name == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert sheet["A2"].value == "Chor Laatzen"


def test_an_unknown_export_format_is_a_bad_request(client, world):
    login(client, world, "city")
    url, params = export_url("partner", format="pdf")
    assert client.get(url, params).status_code == 400


@pytest.mark.parametrize("role", ["editor_a", "editor_b"])
def test_a_centre_editor_may_not_download_shared_data_exports(client, world, role):
    login(client, world, role)
    url, params = export_url("partner", format="csv")
    assert is_refusal(client.get(url, params))


# Listing buttons --------------------------------------------------------------------------------


def header_links(response):
    html = page(response)
    return {link["href"] for link in html.select("header a[href]")}


def test_the_partner_listing_offers_import_and_full_export_to_city_staff(client, world):
    login(client, world, "city")
    links = header_links(client.get(reverse(Partner.snippet_viewset.get_url_name("list"))))

    assert import_url("partner") in links
    assert reverse("stadtteil_export", args=["partner"]) + "?format=xlsx&headers=labels" in links


def test_the_listings_show_import_and_export_only_to_those_allowed(client, world):
    factories.make_partner("Chor Laatzen", slug="chor")
    room_listing = reverse(Room.snippet_viewset.get_url_name("list"))
    room_export = reverse("stadtteil_export", args=["room"]) + "?format=xlsx&headers=labels"

    login(client, world, "editor_a")
    links = header_links(client.get(room_listing))
    assert import_url("room") in links and room_export in links

    # City staff see every centre's rooms (and the listing's own export), but
    # the import and the full export are for the centres' staff.
    login(client, world, "city")
    links = header_links(client.get(room_listing))
    assert not [link for link in links if "/admin/stadtteil/" in link]

    login(client, world, "superuser")
    booking_links = header_links(
        client.get(reverse("wagtailsnippets_stadtteil_booking_bookingrequest:list"))
    )
    assert reverse("stadtteil_export", args=["booking"]) + "?format=xlsx&headers=labels" in (
        booking_links
    )
    assert not [link for link in booking_links if "/stadtteil/import/" in link]


# Rooms: each centre imports into its own --------------------------------------------------------


def rooms_csv(*rows):
    return "centre,slug,name,capacity\n" + "".join(f"{','.join(row)}\n" for row in rows)


def centre_options(response):
    select = page(response).find("select", attrs={"name": "centre"})
    return {option["value"] for option in select.find_all("option")}


def test_a_centre_editor_chooses_only_among_their_own_centres(client, world):
    a, b = world["a"], world["b"]
    login(client, world, "editor_a")
    assert centre_options(client.get(import_url("room"))) == {"", str(a.pk)}

    login(client, world, "superuser")
    assert centre_options(client.get(import_url("room"))) >= {"", str(a.pk), str(b.pk)}


def test_a_centre_editor_cannot_pick_another_centre(client, world):
    a, b = world["a"], world["b"]
    login(client, world, "editor_a")

    response = upload(client, "room", rooms_csv((a.slug, "saal", "Saal", "80")), centre=b.pk)

    errors = page(response).find(id="import-errors")
    assert errors is not None and errors.find("a", href="#id_centre") is not None
    assert confirm_token(response) is None
    assert not Room.objects.exists()


def test_a_centre_editor_imports_rooms_only_into_their_own_centre(client, world):
    a, b = world["a"], world["b"]
    login(client, world, "editor_a")

    mixed = upload(
        client,
        "room",
        rooms_csv((a.slug, "saal", "Saal", "80"), (b.slug, "keller", "Keller", "20")),
    )

    assert confirm_token(mixed) is None
    table = rows(mixed)
    assert table[3][0] == "invalid"
    assert "centre:" in table[3][2] and "manage" in table[3][2]
    assert not Room.objects.exists()

    own = upload(client, "room", rooms_csv((a.slug, "saal", "Saal", "80")), centre=a.pk)
    assert rows(own) == {2: ("new", f"{a.slug} · Saal", "")}
    done = confirm(client, "room", confirm_token(own))

    assert done["Location"] == reverse(Room.snippet_viewset.get_url_name("list"))
    assert list(Room.objects.values_list("centre_id", "slug", "capacity")) == [(a.pk, "saal", 80)]


def test_a_row_for_another_centre_is_refused_when_one_centre_is_chosen(client, world):
    a, b = world["a"], world["b"]
    login(client, world, "superuser")

    response = upload(client, "room", rooms_csv((b.slug, "saal", "Saal", "80")), centre=a.pk)

    assert rows(response)[2][0] == "invalid"
    assert "one centre only" in rows(response)[2][2]
    assert not Room.objects.exists()


def test_city_staff_without_a_centre_import_no_rooms(client, world):
    login(client, world, "city")
    assert is_refusal(client.get(import_url("room")))
    assert is_refusal(upload(client, "room", rooms_csv((world["a"].slug, "saal", "Saal", "8"))))
    assert not Room.objects.exists()


def test_room_exports_hold_only_the_rooms_one_may_see(client, world):
    from tests.calendar_helpers import make_room

    make_room(world["a"], "Werkraum Laatzen")
    make_room(world["b"], "Werkraum Hüttenstraße")
    url, params = export_url("room", format="csv", headers="keys")

    def exported(role):
        login(client, world, role)
        response = client.get(url, params)
        assert response.status_code == 200
        header, *data = csv_rows(response)
        return {row[header.index("name")] for row in data}

    assert exported("editor_a") == {"Werkraum Laatzen"}
    assert exported("editor_b") == {"Werkraum Hüttenstraße"}
    assert exported("superuser") == {"Werkraum Laatzen", "Werkraum Hüttenstraße"}
    login(client, world, "city")
    assert is_refusal(client.get(url, params))


def test_room_requests_are_exported_with_personal_data_to_their_centre_only(client, world):
    from tests.booking_helpers import bookable_room, open_centre, request_room, slot, workday

    for key, name in [("a", "Anna Ansprechpartnerin"), ("b", "Berta Beispielfrau")]:
        room = bookable_room(open_centre(world[key]), name=f"Saal {key}")
        request_room(room, slot(workday()), contact_name=name, email=f"{key}@example.org")
    url, params = export_url("booking", format="csv", headers="keys")

    login(client, world, "editor_a")
    text = client.get(url, params).content.decode("utf-8-sig")
    assert "Anna Ansprechpartnerin" in text and "a@example.org" in text
    assert "Berta" not in text and "b@example.org" not in text

    login(client, world, "city")
    assert is_refusal(client.get(url, params))


# Offers: imported as drafts unless published, listed per centre -----------------------------------

OFFERS_CSV = (
    "centre,slug,title,rule,start_time,end_time\n"
    "{centre},elterncafe,Offenes Elterncafé,RRULE:FREQ=WEEKLY;BYDAY=TU,09:30,11:30\n"
)


def offer_listing():
    from wagtail_stadtteil.centres.models import OfferPage
    from wagtail_stadtteil.centres.viewsets import page_listing_url

    return page_listing_url(OfferPage)


def test_a_centre_editor_imports_offers_as_drafts_into_their_centre(client, world):
    from wagtail_stadtteil.centres.models import OfferPage

    a = world["a"]
    login(client, world, "editor_a")
    form = page(client.get(import_url("offer")))
    publish = form.find("input", attrs={"name": "publish"})
    assert publish is not None and not publish.has_attr("checked")
    assert form.find("fieldset").legend.get_text(strip=True) == "Options"

    preview = upload(client, "offer", OFFERS_CSV.format(centre=a.slug), centre=a.pk)
    assert rows(preview) == {2: ("new", "Offenes Elterncafé", "")}
    done = confirm(client, "offer", confirm_token(preview))

    assert done["Location"] == reverse("wagtailadmin_explore", args=[a.pk])
    offer = OfferPage.objects.get(slug="elterncafe")
    assert offer.centre_id == a.pk
    assert not offer.live, "saved as a draft"


def test_offers_are_published_when_the_editor_chooses_so(client, world):
    from wagtail_stadtteil.centres.models import OfferPage

    a = world["a"]
    login(client, world, "editor_a")
    preview = upload(client, "offer", OFFERS_CSV.format(centre=a.slug), publish="on")
    done = confirm(client, "offer", confirm_token(preview))

    assert done["Location"] == offer_listing()
    assert OfferPage.objects.get(slug="elterncafe").live


def test_an_editor_imports_no_offers_into_another_centre(client, world):
    from wagtail_stadtteil.centres.models import OfferPage

    login(client, world, "editor_a")
    preview = upload(client, "offer", OFFERS_CSV.format(centre=world["b"].slug))

    assert confirm_token(preview) is None
    assert rows(preview)[2][0] == "invalid"
    assert not OfferPage.objects.filter(slug="elterncafe").exists()


ICAL = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Stadthaus Laatzen//Kalender//DE\r
BEGIN:VEVENT\r
UID:elterncafe@stadthaus-laatzen.example\r
DTSTAMP:20250101T000000Z\r
DTSTART;TZID=Europe/Berlin:20300108T093000\r
DTEND;TZID=Europe/Berlin:20300108T113000\r
RRULE:FREQ=WEEKLY;BYDAY=TU\r
SUMMARY:Offenes Elterncaf\xc3\xa9\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_centre_imports_its_external_calendar_into_offers(client, world):
    from wagtail_stadtteil.centres.models import OfferPage

    a = world["a"]
    login(client, world, "editor_a")

    without_centre = page(upload(client, "offer", ICAL, filename="kalender.ics"))
    assert without_centre.find(id="import-errors").find("a", href="#id_centre") is not None

    preview = upload(client, "offer", ICAL, filename="kalender.ics", centre=a.pk)
    assert rows(preview) == {2: ("new", "Offenes Elterncafé", "")}
    confirm(client, "offer", confirm_token(preview))

    offer = OfferPage.objects.get(external_uid="elterncafe@stadthaus-laatzen.example")
    assert (offer.title, offer.centre_id, offer.live) == ("Offenes Elterncafé", a.pk, False)


def ical_file(*events):
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Stadthaus Laatzen//Kalender//DE")
    cal.add("version", "2.0")
    for fields in events:
        event = icalendar.Event()
        for name, value in fields.items():
            event.add(name, value)
        cal.add_component(event)
    return cal.to_ical()


BERLIN = dt.timezone(dt.timedelta(hours=1))

SUMMER_PARTY = {
    "uid": "<b>sommerfest</b>@stadthaus-laatzen.example",
    "summary": "Sommerfest für alle",
    "dtstart": dt.date(2030, 7, 6),
    "dtend": dt.date(2030, 7, 7),
}
SEWING_CAFE = {
    "uid": "naehcafe@stadthaus-laatzen.example",
    "summary": "Nähcafé",
    "dtstart": dt.datetime(2030, 1, 9, 15, 0, tzinfo=BERLIN),
    "dtend": dt.datetime(2030, 1, 9, 17, 0, tzinfo=BERLIN),
}


def skipped_events(response):
    section = page(response).find(id="import-skipped")
    if section is None:
        return None
    return [" ".join(item.get_text().split()) for item in section.find_all("li")]


def test_the_preview_lists_the_calendar_events_that_are_not_imported(client, world):
    from wagtail_stadtteil.centres.models import OfferPage

    a = world["a"]
    login(client, world, "editor_a")

    preview = upload(
        client, "offer", ical_file(SUMMER_PARTY, SEWING_CAFE), filename="kalender.ics", centre=a.pk
    )

    assert rows(preview) == {2: ("new", "Nähcafé", "")}
    section = page(preview).find(id="import-skipped")
    assert section.find("h2").get_text(strip=True) == "Events not imported"
    [item] = skipped_events(preview)
    assert item.startswith("<b>sommerfest</b>@stadthaus-laatzen.example:")
    assert "Sommerfest für alle" in item and "all-day event" in item
    assert section.find("b") is None, "the calendar's text is escaped"

    confirm(client, "offer", confirm_token(preview))
    assert list(OfferPage.objects.values_list("external_uid", flat=True)) == [SEWING_CAFE["uid"]]


def test_a_calendar_without_importable_events_says_which_and_why(client, world):
    a = world["a"]
    login(client, world, "editor_a")

    preview = upload(client, "offer", ical_file(SUMMER_PARTY), filename="kalender.ics", centre=a.pk)

    assert confirm_token(preview) is None
    [item] = skipped_events(preview)
    assert "all-day event" in item
    text = page(preview).find(id="import-skipped").get_text(" ", strip=True)
    assert "no event that can be imported" in text
    assert counts(preview)["New"] == "0"


def test_the_preview_of_a_spreadsheet_lists_no_skipped_events(client, world):
    login(client, world, "city")
    assert skipped_events(upload(client, "partner", PARTNERS_CSV)) is None


def test_calendar_files_are_for_offers_only(client, world):
    login(client, world, "editor_a")
    form = page(upload(client, "room", ICAL, filename="kalender.ics", centre=world["a"].pk))
    assert "Upload a CSV, XLSX or ODS file." in form.find(id="import-errors").get_text()


def test_the_offer_listing_shows_the_offers_of_ones_own_centres(client, world):
    a, b = world["a"], world["b"]
    factories.make_offer(a.get_children().first().specific, "Nähcafé Laatzen")
    factories.make_offer(b.get_children().first().specific, "Nähcafé Hüttenstraße")

    def listed(role, **params):
        login(client, world, role)
        response = client.get(offer_listing(), params)
        if is_refusal(response):
            return None
        text = response.content.decode()
        return {title for title in ["Nähcafé Laatzen", "Nähcafé Hüttenstraße"] if title in text}

    assert listed("editor_a") == {"Nähcafé Laatzen"}
    assert b.title not in client.get(offer_listing()).content.decode()
    assert listed("editor_b") == {"Nähcafé Hüttenstraße"}
    assert listed("superuser") == {"Nähcafé Laatzen", "Nähcafé Hüttenstraße"}
    assert listed("superuser", centre=b.pk) == {"Nähcafé Hüttenstraße"}
    assert listed("city") is None

    login(client, world, "editor_a")
    links = header_links(client.get(offer_listing()))
    assert import_url("offer") in links
    export = client.get(offer_listing(), {"export": "csv"})
    text = b"".join(export.streaming_content).decode()
    assert "Nähcafé Laatzen" in text and "Hüttenstraße" not in text


def test_exporting_the_offer_listing_takes_as_many_queries_for_8_offers_as_for_2(client, world):
    from tests.calendar_helpers import make_offer, schedule

    section = world["a"].get_children().first().specific
    login(client, world, "editor_a")

    def export_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(offer_listing(), {"export": "csv"})
            text = b"".join(response.streaming_content).decode()
        return len(queries), text

    for number in range(2):
        make_offer(section, f"Gruppe {number}", slug=f"gruppe-{number}", schedules=[schedule()])
    few, text = export_queries()
    assert "Gruppe 1" in text and world["a"].title in text
    for number in range(2, 8):
        make_offer(section, f"Gruppe {number}", slug=f"gruppe-{number}", schedules=[schedule()])
    many, text = export_queries()

    assert "Gruppe 7" in text
    assert many == few


def test_the_centre_choice_says_what_happens_to_rows_of_other_centres(client, world):
    login(client, world, "editor_a")
    field = page(client.get(import_url("room"))).find("select", attrs={"name": "centre"})
    help_text = page(client.get(import_url("room"))).find(id=field["aria-describedby"])
    assert " ".join(help_text.get_text().split()) == (
        "Rows without a centre are imported into this centre; "
        "rows naming another centre are refused."
    )


def test_the_menu_offers_the_offer_listing_to_centre_staff_only(client, world):
    login(client, world, "editor_a")
    assert offer_listing() in client.get("/admin/").content.decode()
    login(client, world, "city")
    assert offer_listing() not in client.get("/admin/").content.decode()


def test_adding_an_offer_from_the_listing_is_for_centre_staff(client, world):
    from wagtail_stadtteil.centres.viewsets import offer_listing_viewset

    url = reverse(offer_listing_viewset.get_url_name("choose_parent"))
    login(client, world, "editor_a")
    assert client.get(url).status_code == 200

    login(client, world, "city")
    assert is_refusal(client.get(url))
