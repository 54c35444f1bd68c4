"""Several centres share one installation: each centre's staff sees and
touches only its own centre; city staff manage the shared data and see every
centre's rooms, but nobody's requesters (issue 5, DESIGN decision 4).

The matrix discovers every admin URL of the package from Django's URL
resolver (each registered viewset's views, the package's own admin views), so
a view added later cannot escape it: a URL without an expectation here fails
the test. Each URL is opened by four roles (superuser, city staff, editor of
centre A, editor of centre B) for centre B's objects, and no response may
name what the role must not see.
"""

import datetime as dt
import html
import io
import re
from urllib.parse import urlsplit

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Site,
    Workflow,
    WorkflowTask,
)
from wagtail.snippets.models import get_snippet_models

from tests import factories
from tests.booking_helpers import bookable_room, open_centre, request_room, slot, workday
from wagtail_stadtteil.booking import services
from wagtail_stadtteil.booking.models import BookingRequest
from wagtail_stadtteil.centres.creation import create_centre, create_city_group
from wagtail_stadtteil.centres.models import CentrePage, OfferPage
from wagtail_stadtteil.centres.models.schedules import OfferSchedule
from wagtail_stadtteil.centres.permissions import managed_centre_ids
from wagtail_stadtteil.core.models import District, FundingProgramme, Partner, TargetGroup, Theme
from wagtail_stadtteil.reports.models import SurveyResult, VisitorCount
from wagtail_stadtteil.rooms.models import Room, RoomUse
from wagtail_stadtteil.schedules.dates import local_today

ROLES = ["superuser", "city", "editor_a", "editor_b"]


# The world: two centres, each with a room, a regular room use and requests ----------


class Centre:
    """A centre's objects and the strings only its staff (and superusers) may read."""

    def __init__(self, label, title, hostname, home, requester_name, email, phone, purpose):
        created = create_centre(title, parent=home, hostname=hostname)
        self.page = created.centre
        self.group = created.group
        self.site = created.site
        self.room = bookable_room(open_centre(self.page), name=f"Werkraum {label}")
        self.room_use = RoomUse.objects.create(
            room=self.room,
            title=f"Nähtreff {label}",
            recurrence="RRULE:FREQ=WEEKLY;BYDAY=MO",
            start_time=dt.time(9),
            end_time=dt.time(10),
            starts_on=workday(20),
        )
        self.booking = request_room(
            self.room,
            slot(workday(), "18:00", "20:00"),
            purpose=purpose,
            contact_name=requester_name,
            email=email,
            phone=phone,
            organisation=f"Verein {label}",
        )
        confirmed = request_room(
            self.room,
            slot(workday(12), "18:00", "20:00"),
            purpose=purpose,
            contact_name=requester_name,
            email=email,
            phone=phone,
        )
        self.confirmed = services.confirm(confirmed, None)
        #: What a room's page, listing or calendar may show to city staff.
        self.room_names = [self.room.name, self.room_use.title]
        #: Personal data of requesters: the booked centre's staff only.
        self.personal = [requester_name, email, phone, purpose]
        # Evaluation (issue 9): city staff read them, other centres' editors do not.
        self.visitor_count = VisitorCount.objects.create(
            centre=self.page, date=workday(-30), count=42, note=f"Zählnotiz {label}"
        )
        self.survey = SurveyResult.objects.create(
            centre=self.page,
            title=f"Nutzerbefragung {label}",
            period_start=workday(-90),
            period_end=workday(-60),
            respondents=30,
        )
        self.room_names += [self.visitor_count.note, self.survey.title]


@pytest.fixture(params=["one site", "a site per centre"])
def world(request, home):
    separate = request.param == "a site per centre"
    a = Centre(
        "Laatzen",
        "Stadthaus Laatzen",
        "laatzen.stadt.example" if separate else None,
        home,
        "Anna Ansprechpartnerin",
        "anna.vertraulich@example.org",
        "0511 7777001",
        "Geburtstag von Anna",
    )
    b = Centre(
        "Hüttenstraße",
        "Mittelpunkt Hüttenstraße",
        "mittelpunkt.stadt.example" if separate else None,
        home,
        "Berta Beispielfrau",
        "berta.vertraulich@example.org",
        "0511 7777002",
        "Hochzeitsfeier von Berta",
    )
    city_group, _created = create_city_group()
    users = {
        "superuser": factories.make_user("admin-city"),
        "city": factories.make_user("stadt", groups=[city_group]),
        "editor_a": factories.make_user("redaktion-a", groups=[a.group]),
        "editor_b": factories.make_user("redaktion-b", groups=[b.group]),
    }
    users["superuser"].is_superuser = True
    users["superuser"].save()
    shared = {
        Partner: factories.make_partner("Kinderschutzbund Laatzen"),
        FundingProgramme: factories.make_funding_programme("Gute Nachbarschaft"),
        District: factories.make_district("Laatzen-Mitte"),
        Theme: factories.make_theme("bewegung", "Bewegung"),
        TargetGroup: factories.make_target_group("familien", "Familien"),
    }
    return {"a": a, "b": b, "users": users, "shared": shared}


def forbidden_for(world, role):
    """Strings no response to ``role`` may contain."""
    a, b = world["a"], world["b"]
    if role == "superuser":
        return []
    if role == "city":
        return [*a.personal, *b.personal]
    other = b if role == "editor_a" else a
    return [*other.room_names, *other.personal, other.page.title]


# Discovering the package's admin URLs ---------------------------------------------------


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            callback = pattern.callback
            module = getattr(callback, "view_class", callback).__module__
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield prefix + str(pattern.pattern), name, module


def package_admin_urls():
    """(URL name, route) of every admin URL the package adds: its own views
    and every view of the viewsets registered for its models."""
    found = []
    for route, name, module in walk(get_resolver().url_patterns):
        if not route.startswith("admin/") or name is None:
            continue
        if "stadtteil" in name or module.startswith("wagtail_stadtteil"):
            found.append((name, route))
    return found


def model_of(name):
    """The package model a viewset URL name belongs to, with its short key."""
    shared = [model for model in get_snippet_models() if model._meta.app_label == "stadtteil_core"]
    for model, key in [
        (Room, "room"),
        (RoomUse, "roomuse"),
        (BookingRequest, "booking"),
        (VisitorCount, "visitorcount"),
        (SurveyResult, "surveyresult"),
        *[(model, "shared") for model in shared],
    ]:
        viewset = model.snippet_viewset
        namespaces = {viewset.url_namespace, viewset.chooser_viewset.url_namespace}
        if name.split(":")[0] in namespaces:
            return model, key
    return None, None


# What each role may open, for centre B's objects ------------------------------------------

ALL = set(ROLES)
EDITORS = {"editor_a", "editor_b"}
MANAGE_B = {"superuser", "editor_b"}
SEE_B = {"superuser", "city", "editor_b"}
CITY_LEVEL = {"superuser", "city"}
BOOKING_STAFF = {"superuser", *EDITORS}
CENTRE_STAFF = {"superuser", *EDITORS}
NOBODY = set()

#: view name → roles that open it (status 200); everyone else is refused.
EXPECTED = {
    "shared": {
        **dict.fromkeys(
            [
                "list",
                "list_results",
                "add",
                "edit",
                "delete",
                "usage",
                "history",
                "history_results",
                "copy",
            ],
            CITY_LEVEL,
        ),
        # Centre editors choose shared snippets in their pages, but do not edit them.
        **dict.fromkeys(["choose", "choose_results", "chosen", "chosen_multiple"], ALL),
        "create": NOBODY,  # no creation form in the chooser
    },
    "room": {
        "list": ALL,  # each sees their own (city staff all)
        "list_results": ALL,
        "add": {"superuser", *EDITORS},
        # City staff look at rooms; their edit history is the centre's business.
        **dict.fromkeys(
            ["edit", "delete", "copy", "usage", "history", "history_results"], MANAGE_B
        ),
        **dict.fromkeys(["inspect", "chosen"], SEE_B),
        **dict.fromkeys(["choose", "choose_results", "chosen_multiple"], ALL),
        "create": NOBODY,
    },
    "booking": {
        "list": BOOKING_STAFF,
        "list_results": BOOKING_STAFF,
        "add": NOBODY,  # requests come through the website's form
        "delete": {"superuser"},
        **dict.fromkeys(
            [
                "edit",
                "usage",
                "history",
                "history_results",
                "inspect",
                "confirm",
                "decline",
                "cancel",
                "chosen",
            ],
            MANAGE_B,
        ),
        # The chooser lists only the requests one manages (none for city staff).
        **dict.fromkeys(["choose", "choose_results", "chosen_multiple"], ALL),
        "create": NOBODY,
    },
    "other": {
        "stadtteil_recurrence_js_catalog": ALL,
        "stadtteil_calendars": ALL,
        "stadtteil_centre_calendar": SEE_B,
        "stadtteil_booking_requester_data": BOOKING_STAFF,
        # Figures: each their own centres (city staff all); another centre's
        # figures are a form error, never its numbers (below).
        "stadtteil_report": ALL,
        # Spreadsheets of rooms (filled in below): each editor their own centre's.
        "stadtteil_import": CENTRE_STAFF,
        "stadtteil_export": CENTRE_STAFF,
        "stadtteil_import_progress": NOBODY,  # only one's own running import
        **dict.fromkeys(
            [
                f"stadtteil_{listing}:{view}"
                for listing in ("offers", "consultation_hours")
                for view in ("index", "index_results", "choose_parent")
            ],
            CENTRE_STAFF,
        ),
    },
}
EXPECTED["roomuse"] = EXPECTED["room"]
# Visitor counts and survey results are scoped exactly like rooms.
EXPECTED["visitorcount"] = EXPECTED["room"]
EXPECTED["surveyresult"] = EXPECTED["room"]


def expectation(name):
    model, key = model_of(name)
    if model is None:
        return EXPECTED["other"].get(name)
    return EXPECTED[key].get(name.split(":")[-1])


def object_kwargs(name, route, world):
    """Arguments for ``route``: centre B's object of the URL's model."""
    b = world["b"]
    model, key = model_of(name)
    objects = {
        "room": b.room,
        "roomuse": b.room_use,
        "booking": b.booking,
        "visitorcount": b.visitor_count,
        "surveyresult": b.survey,
        "shared": world["shared"].get(model),
    }
    kwargs = {}
    for argument in re.findall(r"<(?:\w+:)?(\w+)>", route):
        if argument == "pk":
            kwargs["pk"] = objects[key].pk
        elif argument == "centre_id":
            kwargs["centre_id"] = b.page.pk
        elif argument == "model":
            kwargs["model"] = "room"  # import and export: a centre-scoped model
        elif argument == "key":
            kwargs["key"] = "k" * 22  # an import progress key nobody started
        else:
            raise AssertionError(f"The matrix does not know how to fill <{argument}> in {route}")
    return kwargs


def matrix_urls(world):
    """(URL, roles that open it) for every admin URL of the package, plus
    the query strings that reach further: search, filters, exports,
    chooser search, requester data."""
    b = world["b"]
    urls = []
    for name, route in package_admin_urls():
        roles = expectation(name)
        assert roles is not None, (
            f"The admin URL {name} ({route}) has no expectation in the isolation matrix: "
            "add what each role may do there."
        )
        url = reverse(name, kwargs=object_kwargs(name, route, world))
        urls.append((url, roles))
        last = name.split(":")[-1]
        if last in ("list", "choose_results"):
            # Parts of names: the search box repeats what was searched for.
            for query in ["q=Werkraum", "q=Berta", "q=vertraulich", "q=Nähtreff"]:
                urls.append((f"{url}?{query}", roles))
        if last == "list":
            urls.append((f"{url}?export=csv", roles))
            urls.append((f"{url}?export=xlsx", roles))
        if last == "chosen_multiple":
            key = model_of(name)[1]
            pk = {"room": b.room.pk, "roomuse": b.room_use.pk, "booking": b.booking.pk}.get(key)
            pk = pk or {"visitorcount": b.visitor_count.pk, "surveyresult": b.survey.pk}.get(key)
            if pk:
                urls.append((f"{url}?id={pk}", roles))
        if name == "stadtteil_report":
            year = local_today().year
            for extra in ("", "&format=xlsx", "&format=json"):
                urls.append((f"{url}?centre={b.page.pk}&year={year}{extra}", ALL))
        if name == "stadtteil_booking_requester_data":
            urls.append((f"{url}?request={b.booking.pk}", MANAGE_B))
            # In capitals: the form repeats the address it was given.
            urls.append((f"{url}?email={b.booking.email.upper()}", BOOKING_STAFF))
    # Admin URLs of Wagtail's that the package uses: bulk actions on its
    # models, the site settings, the centre's pages.
    for app_model, pk, actions in [
        ("stadtteil_rooms/room", b.room.pk, {"delete": MANAGE_B}),
        ("stadtteil_rooms/roomuse", b.room_use.pk, {"delete": MANAGE_B}),
        ("stadtteil_reports/visitorcount", b.visitor_count.pk, {"delete": MANAGE_B}),
        ("stadtteil_reports/surveyresult", b.survey.pk, {"delete": MANAGE_B}),
        (
            "stadtteil_booking/bookingrequest",
            b.booking.pk,
            {"delete": {"superuser"}, "confirm": MANAGE_B, "decline": MANAGE_B, "cancel": MANAGE_B},
        ),
    ]:
        for action, roles in actions.items():
            urls.append((f"/admin/bulk/{app_model}/{action}/?id={pk}", roles))
        urls.append((f"/admin/bulk/{app_model}/delete/?id=all", roles_for_all(app_model)))
    site = b.site or Site.objects.get(is_default_site=True)
    urls.append(
        (
            reverse(
                "wagtailsettings:edit",
                args=["stadtteil_core", "stadtteilsitesettings", site.pk],
            ),
            {"superuser"},  # its staff address receives requesters' data
        )
    )
    for page in [b.page, b.page.get_children().first()]:
        urls.append((reverse("wagtailadmin_pages:edit", args=[page.pk]), MANAGE_B))
    return urls


def roles_for_all(app_model):
    """Who may open bulk delete of "all": each deletes only what they may."""
    if app_model.endswith("bookingrequest"):
        return {"superuser"}
    return {"superuser", *EDITORS}


def response_text(response):
    if response.get("Content-Type", "").startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    ):
        content = b"".join(response.streaming_content) if response.streaming else response.content
        book = openpyxl.load_workbook(io.BytesIO(content))
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return html.unescape(content.decode("utf-8", errors="replace"))


def is_refusal(response):
    if response.status_code in (403, 404):
        return True
    # Wagtail answers PermissionDenied with a redirect to the dashboard.
    return response.status_code == 302 and response["Location"] in ("/admin/", "/admin")


def test_every_admin_url_of_the_package_is_in_the_matrix(db):
    names = {name for name, _route in package_admin_urls()}
    # The discovery finds the viewsets of every centre-owned and shared model.
    for model in [Room, RoomUse, BookingRequest, Partner, FundingProgramme, District, Theme]:
        assert f"{model.snippet_viewset.url_namespace}:edit" in names
        assert f"{model.snippet_viewset.chooser_viewset.url_namespace}:choose" in names
    for model in [VisitorCount, SurveyResult]:
        assert f"{model.snippet_viewset.url_namespace}:edit" in names
        assert f"{model.snippet_viewset.chooser_viewset.url_namespace}:choose" in names
    assert "stadtteil_centre_calendar" in names
    for name in names:
        assert expectation(name) is not None, f"{name} is missing from the isolation matrix"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_exactly_what_it_may_and_reads_nothing_of_other_centres(
    client, world, role
):
    client.force_login(world["users"][role])
    forbidden = forbidden_for(world, role)
    problems = []
    for url, roles in matrix_urls(world):
        response = client.get(url)
        text = response_text(response)
        if role in roles and response.status_code != 200:
            problems.append(f"{url}: expected 200, got {response.status_code}")
        if role not in roles and not is_refusal(response):
            problems.append(f"{url}: expected a refusal, got {response.status_code}")
        leaked = [value for value in forbidden if value in text]
        if leaked:
            problems.append(f"{url} ({response.status_code}) shows {leaked}")
    assert not problems, "\n".join(problems)


# Forged requests change nothing ------------------------------------------------------------


def snapshot(world):
    b = world["b"]
    return {
        "rooms": sorted(Room.objects.values_list("pk", "name", "centre_id")),
        "uses": sorted(RoomUse.objects.values_list("pk", "title", "room_id")),
        "bookings": sorted(BookingRequest.objects.values_list("pk", "status", "email")),
        "b_room": Room.objects.get(pk=b.room.pk).name,
    }


def room_post_data(room, **overrides):
    data = {
        "centre": room.centre_id,
        "name": room.name,
        "slug": room.slug,
        "kind": room.kind,
        "capacity": room.capacity or "",
        "buffer_before": 0,
        "buffer_after": 0,
        "min_duration": 60,
        "max_duration": 240,
        "min_notice_hours": 48,
        "max_advance_days": 180,
        "start_interval": 30,
        "publicly_bookable": "on",
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
        "fees-TOTAL_FORMS": 0,
        "fees-INITIAL_FORMS": 0,
        "fees-MIN_NUM_FORMS": 0,
        "fees-MAX_NUM_FORMS": 1000,
    }
    data.update(overrides)
    return data


def room_use_post_data(use, **overrides):
    data = {
        "title": use.title,
        "room": use.room_id,
        "recurrence": "RRULE:FREQ=WEEKLY;BYDAY=TU",
        "start_time": "09:00",
        "end_time": "10:00",
        "starts_on": use.starts_on.isoformat(),
        "date_changes-TOTAL_FORMS": 0,
        "date_changes-INITIAL_FORMS": 0,
        "date_changes-MIN_NUM_FORMS": 0,
        "date_changes-MAX_NUM_FORMS": 1000,
    }
    data.update(overrides)
    return data


def snippet_url(model, view, obj=None):
    name = model.snippet_viewset.get_url_name(view)
    return reverse(name, args=[obj.pk]) if obj is not None else reverse(name)


@pytest.fixture
def editor_a(client, world):
    client.force_login(world["users"]["editor_a"])
    return client


def test_forged_posts_against_another_centres_objects_change_nothing(editor_a, world):
    b = world["b"]
    before = snapshot(world)
    posts = [
        (snippet_url(Room, "edit", b.room), room_post_data(b.room, name="Übernommen")),
        (snippet_url(Room, "delete", b.room), {}),
        (snippet_url(Room, "copy", b.room), room_post_data(b.room, slug="kopie")),
        (snippet_url(RoomUse, "edit", b.room_use), room_use_post_data(b.room_use)),
        (snippet_url(RoomUse, "delete", b.room_use), {}),
        (f"/admin/bulk/stadtteil_rooms/room/delete/?id={b.room.pk}", {}),
        (f"/admin/bulk/stadtteil_rooms/roomuse/delete/?id={b.room_use.pk}", {}),
        ("/admin/bulk/stadtteil_rooms/room/delete/?id=all", {}),
        (snippet_url(BookingRequest, "edit", b.booking), {"staff_note": "x", "email": "a@b.de"}),
        (
            reverse(f"{BookingRequest.snippet_viewset.url_namespace}:confirm", args=[b.booking.pk]),
            {"message": ""},
        ),
        (f"/admin/bulk/stadtteil_booking/bookingrequest/cancel/?id={b.confirmed.pk}", {}),
    ]
    for url, data in posts:
        response = editor_a.post(url, data)
        assert is_refusal(response) or response.status_code == 200, url
        text = response_text(response)
        assert not [value for value in forbidden_for(world, "editor_a") if value in text], url
    after = snapshot(world)
    # Centre A's own room went with "delete all"; nothing of centre B changed.
    assert [row for row in after["rooms"] if row[2] == b.page.pk] == [
        row for row in before["rooms"] if row[2] == b.page.pk
    ]
    assert [row for row in after["uses"] if row[2] == b.room.pk] == [
        row for row in before["uses"] if row[2] == b.room.pk
    ]
    assert after["bookings"] == before["bookings"]


def test_an_editor_cannot_create_a_room_in_another_centre(editor_a, world):
    a, b = world["a"], world["b"]
    response = editor_a.get(snippet_url(Room, "add"))
    choices = response.context["form"].fields["centre"].queryset
    assert list(choices) == [a.page.specific] or set(choices) == {a.page}
    response = editor_a.post(
        snippet_url(Room, "add"),
        room_post_data(a.room, centre=b.page.pk, name="Fremdraum", slug=""),
    )
    assert response.status_code == 200
    assert "centre" in response.context["form"].errors
    assert not Room.objects.filter(name="Fremdraum").exists()


def test_a_room_cannot_move_to_another_centre(client, world):
    """Not even by someone who manages both: the room's bookings and
    schedules belong to its centre."""
    a, b = world["a"], world["b"]
    both = factories.make_user("beide", groups=[a.group, b.group])
    client.force_login(both)
    response = client.post(
        snippet_url(Room, "edit", a.room), room_post_data(a.room, centre=b.page.pk, name="Neu")
    )
    assert response.status_code == 302
    room = Room.objects.get(pk=a.room.pk)
    assert room.name == "Neu"
    assert room.centre_id == a.page.pk


def test_a_regular_room_use_takes_only_rooms_of_the_editors_centre(editor_a, world):
    a, b = world["a"], world["b"]
    response = editor_a.get(snippet_url(RoomUse, "add"))
    assert set(response.context["form"].fields["room"].queryset) == {a.room}
    assert b.room.name not in response_text(response)
    data = room_use_post_data(a.room_use, title="Fremdbelegung", room=b.room.pk)
    response = editor_a.post(snippet_url(RoomUse, "add"), data)
    assert "room" in response.context["form"].errors
    assert not RoomUse.objects.filter(title="Fremdbelegung").exists()
    # Nor can an existing use move over.
    response = editor_a.post(
        snippet_url(RoomUse, "edit", a.room_use), room_use_post_data(a.room_use, room=b.room.pk)
    )
    assert "room" in response.context["form"].errors
    assert RoomUse.objects.get(pk=a.room_use.pk).room_id == a.room.pk


def test_a_moved_date_of_a_room_use_stays_in_the_centre(editor_a, world):
    a, b = world["a"], world["b"]
    day = a.room_use.starts_on
    while day.weekday() != 1:  # the posted rule: Tuesdays
        day += dt.timedelta(days=1)
    data = room_use_post_data(
        a.room_use,
        **{
            "date_changes-TOTAL_FORMS": 1,
            "date_changes-0-original_date": day.isoformat(),
            "date_changes-0-action": "move",
            "date_changes-0-new_date": day.isoformat(),
            "date_changes-0-new_start_time": "11:00",
            "date_changes-0-new_end_time": "12:00",
            "date_changes-0-new_room": b.room.pk,
            "date_changes-0-reason": "",
        },
    )
    response = editor_a.post(snippet_url(RoomUse, "edit", a.room_use), data)
    assert response.status_code == 200
    assert not RoomUse.objects.get(pk=a.room_use.pk).date_changes.exists()


def test_centre_editors_bulk_delete_only_their_own_rooms(editor_a, world):
    a, b = world["a"], world["b"]
    url = f"/admin/bulk/stadtteil_rooms/roomuse/delete/?id={a.room_use.pk}&id={b.room_use.pk}"
    response = editor_a.get(url)
    text = response_text(response)
    assert a.room_use.title in text
    assert b.room_use.title not in text
    editor_a.post(url)
    assert not RoomUse.objects.filter(pk=a.room_use.pk).exists()
    assert RoomUse.objects.filter(pk=b.room_use.pk).exists()


def test_city_staff_see_every_centres_rooms_but_change_none(client, world):
    a, b = world["a"], world["b"]
    client.force_login(world["users"]["city"])
    text = response_text(client.get(snippet_url(Room, "list")))
    assert a.room.name in text and b.room.name in text
    response = client.post(snippet_url(Room, "edit", b.room), room_post_data(b.room, name="X"))
    assert is_refusal(response)
    assert Room.objects.get(pk=b.room.pk).name == b.room.name
    # The calendar shows that the room is booked, not by whom or why.
    text = response_text(
        client.get(
            reverse("stadtteil_centre_calendar", args=[b.page.pk])
            + f"?start={b.confirmed.first_start.date():%Y-%m-%d}"
        )
    )
    assert b.room.name in text
    with translation.override("de"):
        assert gettext("Room booking") in text
    assert b.confirmed.purpose not in text


def test_centre_staff_see_their_own_bookings_purpose_in_the_calendar(client, world):
    b = world["b"]
    client.force_login(world["users"]["editor_b"])
    text = response_text(
        client.get(
            reverse("stadtteil_centre_calendar", args=[b.page.pk])
            + f"?start={b.confirmed.first_start.date():%Y-%m-%d}"
        )
    )
    assert b.confirmed.purpose in text


def test_staff_who_move_to_another_centre_lose_the_old_one_at_once(client, world):
    a, b = world["a"], world["b"]
    user = world["users"]["editor_b"]
    user.groups.set([a.group])
    client.force_login(user)
    assert is_refusal(client.get(snippet_url(Room, "edit", b.room)))
    assert b.room.name not in response_text(client.get(snippet_url(Room, "list")))


def test_deactivated_staff_manage_nothing(world):
    user = world["users"]["editor_b"]
    assert managed_centre_ids(user) == {world["b"].page.pk}
    user.is_active = False
    user.save()
    fresh = type(user).objects.get(pk=user.pk)
    assert managed_centre_ids(fresh) == frozenset()


# What residents see ------------------------------------------------------------------------


def public_urls(centre):
    """(host, path) of the centre's page and every route it serves (calendars,
    feeds, room timetables, availability, booking forms), for the week of its
    confirmed booking."""
    page = centre.page.specific
    parts = urlsplit(page.full_url)
    day = f"{centre.confirmed.first_start.date():%Y-%m-%d}"
    queries = {
        "calendar": f"?start={day}",
        "room": f"?start={day}",
        "room_availability": f"?start={day}&end={day}",
        "room_book": f"?date={day}",
    }
    urls = [(parts.netloc, parts.path)]
    for pattern in page.get_subpage_urls():
        kwargs = {"room_slug": centre.room.slug} if "room_slug" in str(pattern.pattern) else {}
        route = page.reverse_subpage(pattern.name, kwargs=kwargs)
        urls.append((parts.netloc, f"{parts.path}{route}{queries.get(pattern.name, '')}"))
    return urls


def test_residents_pages_and_feeds_never_name_requesters(client, settings, world):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".stadt.example"]
    a, b = world["a"], world["b"]
    personal = [*a.personal, *b.personal]
    for centre in (a, b):
        for host, path in public_urls(centre):
            response = client.get(path, HTTP_HOST=host)
            assert response.status_code == 200, path
            text = response_text(response)
            assert not [value for value in personal if value in text], path
            assert centre.confirmed.reference not in text, path


# Who counts as a centre's staff, and what the page tree allows -------------------------------


@pytest.fixture
def two_centres(home):
    return create_centre("Stadthaus Laatzen", parent=home), create_centre(
        "Mittelpunkt Hüttenstraße", parent=home
    )


def test_owning_a_centre_page_or_reviewing_it_does_not_make_staff(two_centres):
    """Wagtail lets a page's owner edit it with only "add", and a workflow
    task's reviewers while it waits for them; neither is the centre's staff."""
    b = two_centres[1]
    owner = factories.make_user("besitzerin")
    adders = Group.objects.create(name="Anlegen")
    GroupPagePermission.objects.create(
        group=adders,
        page=b.centre.get_parent(),
        permission=Permission.objects.get(codename="add_page"),
    )
    owner.groups.add(adders)
    b.centre.owner = owner
    b.centre.save()
    reviewers = Group.objects.create(name="Prüfung")
    reviewer = factories.make_user("pruefer", groups=[reviewers])
    task = GroupApprovalTask.objects.create(name="Freigabe")
    task.groups.set([reviewers])
    workflow = Workflow.objects.create(name="Freigabe")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    workflow.start(b.centre, owner)
    fresh = CentrePage.objects.get(pk=b.centre.pk)
    assert fresh.permissions_for_user(owner).can_edit()  # Wagtail says yes …
    assert fresh.permissions_for_user(reviewer).can_edit()
    assert managed_centre_ids(owner) == frozenset()  # … the centre says no
    assert managed_centre_ids(reviewer) == frozenset()


def test_setup_names_groups_that_manage_several_centres(two_centres):
    moderators = Group.objects.get(name="Moderators")  # Wagtail's own, "Edit" on the root
    out = io.StringIO()
    call_command("stadtteil_setup", stdout=out)
    assert f"“{moderators.name}”" in out.getvalue()
    assert "Redaktion" not in out.getvalue()  # each centre's group has one centre


def test_the_page_chooser_shows_other_centres_published_pages_not_their_drafts(client, two_centres):
    a, b = two_centres
    draft = factories.make_offer(b.sections[0], "Geheimer Entwurf", publish=False)
    client.force_login(factories.make_user("redaktion-a", groups=[a.group]))
    listing = response_text(
        client.get(reverse("wagtailadmin_choose_page_child", args=[b.sections[0].pk]))
    )
    search = response_text(
        client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Geheimer"})
    )
    assert draft.title not in listing and draft.title not in search
    search = response_text(
        client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Angebote"})
    )
    assert b.sections[0].title in search


def test_a_page_with_dates_in_a_centres_rooms_does_not_move_to_another_centre(
    admin_client, two_centres
):
    a, b = two_centres
    room = bookable_room(a.centre, name="Saal")
    offer = factories.make_offer(a.sections[0], "Chor")
    OfferSchedule.objects.create(
        page=offer,
        room=room,
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU",
        start_time=dt.time(18),
        end_time=dt.time(19),
        starts_on=workday(),
    )
    url = reverse("wagtailadmin_pages:move_confirm", args=[offer.pk, b.sections[0].pk])
    response = admin_client.post(url, follow=True)
    assert offer.title in response_text(response)
    assert OfferPage.objects.get(pk=offer.pk).get_parent().pk == a.sections[0].pk
    # Without rooms it moves; within its centre it moves anyway.
    plain = factories.make_offer(a.sections[0], "Spaziergang")
    admin_client.post(reverse("wagtailadmin_pages:move_confirm", args=[plain.pk, b.sections[0].pk]))
    assert OfferPage.objects.get(pk=plain.pk).get_parent().pk == b.sections[0].pk
    admin_client.post(reverse("wagtailadmin_pages:move_confirm", args=[offer.pk, a.sections[1].pk]))
    assert OfferPage.objects.get(pk=offer.pk).get_parent().pk == a.sections[1].pk


def test_a_room_photo_comes_from_the_editors_own_collections(client, two_centres):
    a, b = two_centres
    room = bookable_room(a.centre, name="Saal")
    theirs = factories.make_image("Foto Hüttenstraße")
    theirs.collection = b.collection
    theirs.save()
    ours = factories.make_image("Foto Laatzen")
    ours.collection = a.collection
    ours.save()
    client.force_login(factories.make_user("redaktion-a", groups=[a.group]))
    for image, saved in [(theirs, False), (ours, True)]:
        data = room_post_data(
            room,
            **{"photos-TOTAL_FORMS": 1, "photos-0-image": image.pk, "photos-0-ORDER": 1},
        )
        client.post(snippet_url(Room, "edit", room), data)
        assert room.photos.filter(image=image).exists() is saved
