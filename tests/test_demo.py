"""The example site's demo (``manage.py stadtteil_demo``): the seeds as content.

The demo is built once for this module inside a transaction that is rolled
back afterwards; each test runs in a savepoint inside it.
"""

import datetime as dt
import html
import re
from decimal import Decimal
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
import recurrence
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Q as models_q
from django.test.utils import CaptureQueriesContext
from home.demo_content import DEMO_REQUESTS, FEE_TABLES, next_summer_holidays
from home.models import HomePage
from wagtail.models import GroupPagePermission, Locale, Page, Revision, Site
from wagtail.snippets.models import get_snippet_models

from wagtail_stadtteil.booking.models import BookingDate, BookingRequest, Notification, RoomFee
from wagtail_stadtteil.centres.creation import CITY_GROUP_NAME
from wagtail_stadtteil.centres.models import (
    CentreIndexPage,
    CentrePage,
    CentreSectionPage,
    ConsultationHourPage,
    ConsultationHourSchedule,
    OfferPage,
    OfferSchedule,
    OfficePage,
    ProgrammePage,
)
from wagtail_stadtteil.core.models import (
    District,
    DistrictIndicator,
    FundingProgramme,
    Partner,
    StadtteilSiteSettings,
    TargetGroup,
    Theme,
)
from wagtail_stadtteil.rooms.models import Room, RoomUse
from wagtail_stadtteil.schedules.dates import local_today, local_zone
from wagtail_stadtteil.schedules.models import Occurrence

pytestmark = pytest.mark.django_db

EDITORS = {
    "redaktion-laatzen": "stadthaus-laatzen",
    "redaktion-laatzen-mitte": "stadtteilbuero-laatzen-mitte",
    "redaktion-sennestadt": "stadtteilzentrum-sennestadt",
    "redaktion-huettenstrasse": "mittelpunkt-huettenstrasse",
}
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/")
# Links marked rel="nofollow" (the calendars' previous/next periods, which go
# on for years) are left out, as a search engine leaves them.
HREF = re.compile(r"""href=["']([^"']*)["'](?![^>]*\brel=["'][^"']*nofollow)""")


def run_demo(*args, **kwargs):
    out = StringIO()
    call_command("stadtteil_demo", *args, stdout=out, **kwargs)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Build the demo once for the module; roll it back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = run_demo()
        yield output
        transaction.set_rollback(True)
    # Wagtail caches the site root paths; the rolled-back site must not linger.
    cache.clear()


def counts():
    models = {
        *get_snippet_models(),
        Page,
        Revision,
        DistrictIndicator,
        get_user_model(),
        Group,
        GroupPagePermission,
        Site,
        StadtteilSiteSettings,
        Room,
        RoomUse,
        OfferSchedule,
        ConsultationHourSchedule,
        Occurrence,
        BookingRequest,
        BookingDate,
        RoomFee,
        Notification,
    }
    return {model._meta.label: model._default_manager.count() for model in models}


def live_pages():
    return Page.objects.live().filter(depth__gt=1).specific().order_by("path")


def internal_links(content, base):
    """Internal links of a page as absolute paths (with query), without fragments."""
    for href in HREF.findall(content):
        href = html.unescape(href).split("#")[0]
        if not href or not href.startswith(("/", "?")):
            continue
        url = urljoin(base, href)
        if urlsplit(url).path.startswith(SKIPPED_PREFIXES):
            continue
        yield url


# --- loading the demo ------------------------------------------------------------


def test_demo_can_be_loaded_twice_without_changing_anything(demo):
    before = counts()
    revisions = dict(Page.objects.values_list("pk", "latest_revision_id"))
    with CaptureQueriesContext(connection) as queries:
        output = run_demo()
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert counts() == before
    assert dict(Page.objects.values_list("pk", "latest_revision_id")) == revisions
    assert "nothing changed" in output


def test_a_deleted_demo_page_comes_back_when_the_demo_runs_again(demo):
    cafe = OfferPage.objects.get(slug="stadthaus-cafe", locale__language_code="de")
    parent = cafe.get_parent()
    cafe.delete()

    output = run_demo()

    restored = OfferPage.objects.child_of(parent).get(slug="stadthaus-cafe")
    assert restored.live
    assert "1 pages" in output


def test_demo_prints_the_address_and_the_logins(demo, monkeypatch):
    assert "http://127.0.0.1:8000/" in demo
    assert "admin / admin" in demo
    for username in EDITORS:
        assert f"{username} / demo" in demo

    monkeypatch.setenv("PORT", "8123")
    assert "http://127.0.0.1:8123/" in run_demo()
    assert "https://stadtteil.example.org/" in run_demo(base_url="https://stadtteil.example.org")


# --- site and pages --------------------------------------------------------------


def test_home_page_replaces_the_wagtail_welcome_page(demo, client):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert site.site_name == "Stadtteilzentren – Beispielregion"
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()

    menu = home.get_children().live().in_menu().specific()
    assert {type(page) for page in menu} == {CentreIndexPage, ProgrammePage}

    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    for page in menu:
        assert f'href="{page.url}"' in content


def test_every_demo_page_is_published_and_renders(demo, client):
    assert not Page.objects.filter(depth__gt=1, live=False).exists()
    assert not Page.objects.filter(depth__gt=1, has_unpublished_changes=True).exists()
    pages = list(live_pages())
    assert len(pages) > 50
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_every_internal_link_on_the_demo_pages_works(demo, client):
    to_visit = [page.url for page in live_pages()]
    seen = set(to_visit)
    while to_visit:
        url = to_visit.pop()
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        if "text/html" not in response.get("Content-Type", ""):
            continue
        if "start=" in urlsplit(url).query:
            # Another period of a calendar: checked, but its "previous"/"next"
            # links would lead on for years.
            continue
        final_url = response.redirect_chain[-1][0] if response.redirect_chain else url
        for link in internal_links(
            response.content.decode(), urljoin("http://testserver", final_url)
        ):
            parts = urlsplit(link)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path not in seen:
                seen.add(path)
                to_visit.append(path)
    assert "/programm/?page=2" in seen  # the programme has more than one page of offers


def test_site_settings_link_privacy_house_rules_and_accessibility(demo, client):
    settings = StadtteilSiteSettings.for_site(Site.objects.get(is_default_site=True))
    for url in [
        settings.privacy_url,
        settings.house_rules_url,
        settings.accessibility_statement_url,
    ]:
        assert url.startswith("https://www.example.org/")
    assert settings.sender_email.endswith("@example.org")
    content = client.get("/").content.decode()
    assert settings.privacy_url in content
    assert settings.accessibility_statement_url in content


# --- accounts ------------------------------------------------------------------------


def test_demo_users_can_log_in_with_their_passwords(demo, client):
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert client.login(username="admin", password="admin")
    assert client.get("/admin/").status_code == 200
    for username in EDITORS:
        client.logout()
        user = User.objects.get(username=username)
        assert not user.is_superuser
        assert user.first_name and user.last_name
        assert user.email.endswith("@example.org")
        assert client.login(username=username, password="demo"), username
        assert client.get("/admin/").status_code == 200, username


def test_each_editor_belongs_to_the_editors_group_of_their_centre(demo):
    User = get_user_model()
    for username, centre_slug in EDITORS.items():
        centre = CentrePage.objects.get(slug=centre_slug, locale__language_code="de")
        group = User.objects.get(username=username).groups.get()
        assert group.name == f"{centre.title} – Redaktion"
        assert GroupPagePermission.objects.filter(group=group, page=centre).exists()


def test_the_city_account_belongs_to_the_city_group_and_is_no_superuser(demo, client):
    user = get_user_model().objects.get(username="stadt")
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [CITY_GROUP_NAME]
    assert "stadt / demo" in demo
    assert client.login(username="stadt", password="demo")
    assert client.get("/admin/").status_code == 200


def test_each_editor_may_edit_their_own_centre_only(demo, client):
    own = CentrePage.objects.get(slug="stadthaus-laatzen", locale__language_code="de")
    other = CentrePage.objects.get(slug="mittelpunkt-huettenstrasse", locale__language_code="de")
    offer = OfferPage.objects.get(slug="stadthaus-cafe", locale__language_code="de")
    assert client.login(username="redaktion-laatzen", password="demo")
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{offer.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code != 200


# --- the seeds -----------------------------------------------------------------------


def test_each_centre_has_its_sections_and_its_kind(demo):
    kinds = {
        "stadthaus-laatzen": CentrePage.Kind.CIVIC_CENTRE,
        "stadtteilbuero-laatzen-mitte": CentrePage.Kind.NEIGHBOURHOOD_OFFICE,
        "stadtteilzentrum-sennestadt": CentrePage.Kind.DISTRICT_CENTRE,
        "mittelpunkt-huettenstrasse": CentrePage.Kind.MEETING_POINT,
    }
    index = CentreIndexPage.objects.get(locale__language_code="de")
    for slug, kind in kinds.items():
        centre = CentrePage.objects.child_of(index).get(slug=slug)
        assert centre.kind == kind
        assert centre.has_address and centre.has_coordinates
        assert centre.get_children().type(CentreSectionPage).count() == 2
        assert centre.get_offers().exists()
        assert centre.team_members.exists()


def test_stadthaus_laatzen_has_its_offices_kuratorium_and_open_offers(demo):
    stadthaus = CentrePage.objects.get(slug="stadthaus-laatzen", locale__language_code="de")
    offices = {office.office_kind for office in stadthaus.get_offices()}
    assert offices >= {
        OfficePage.Kind.FAMILY_SERVICE,
        OfficePage.Kind.SENIOR_CITIZENS,
        OfficePage.Kind.INITIATIVE,
        OfficePage.Kind.VOLUNTEERING,
    }
    assert all(office.tasks for office in stadthaus.get_offices())
    assert stadthaus.partner_roles.filter(role="advisory_board").count() >= 3
    titles = set(stadthaus.get_offers().values_list("title", flat=True))
    assert {
        "Stadthaus-Café",
        "Café Top – Integrationscafé",
        "Seniorentreff Laatzen-Mitte",
    } <= titles
    migration = stadthaus.get_consultation_hours().get(slug="migrationsberatung")
    assert {"tr", "ru", "ar"} <= set(migration.languages)


def test_stadtteilbuero_names_the_five_tasks_of_seed_001(demo):
    office = OfficePage.objects.get(slug="stadtteilmanagement", locale__language_code="de")
    assert [task.value["title"] for task in office.tasks] == [
        "Aktivierung und Beteiligung",
        "Projektmanagement/Projektcoaching",
        "Fördermittelakquise",
        "Netzwerkarbeit",
        "Prozessmanagement/Programmevaluation",
    ]
    assert all(task.value["description"] for task in office.tasks)
    assert office.centre.funding_programmes.filter(slug="sozialer-zusammenhalt").exists()


def test_sennestadt_follows_the_bielefeld_profile(demo):
    centre = CentrePage.objects.get(slug="stadtteilzentrum-sennestadt", locale__language_code="de")
    themes = set(
        Theme.objects.filter(
            pk__in=OfferPage.objects.filter(centre=centre).values("themes")
        ).values_list("slug", flat=True)
    )
    assert themes >= {
        "family",
        "education",
        "welcome-culture",
        "inclusion",
        "sustainability",
        "self-help",
        "sport",
        "art-culture",
    }
    citizens = ConsultationHourPage.objects.get(centre=centre, consultation_kind="citizens")
    assert len(citizens.referrals) >= 3
    assert any(block.value["page"] for block in citizens.referrals)
    assert centre.district.slug == "bielefeld-sennestadt"


def test_mittelpunkt_huettenstrasse_shows_its_project_profile(demo, client):
    centre = CentrePage.objects.get(slug="mittelpunkt-huettenstrasse", locale__language_code="de")
    assert centre.operator.name == "AWO Kreisverband Schaumburg e.V."
    assert centre.operator.street == "Rathauspassage 4"
    assert centre.operator.phone == "+49 5721 939830"
    assert centre.contact_name == "Stephan Hartmann"
    assert centre.district.slug == "huettenstrassen-quartier"
    programme = FundingProgramme.objects.get(slug="gute-nachbarschaft")
    assert list(centre.funding_programmes.all()) == [programme]

    groups = set(
        TargetGroup.objects.filter(
            pk__in=OfferPage.objects.filter(centre=centre).values("target_groups")
        ).values_list("slug", flat=True)
    )
    assert {"all-residents", "migrants"} <= groups
    languages = {code for offer in centre.get_offers() for code in offer.languages}
    assert {"ar", "fa", "tr", "ru"} <= languages

    content = client.get(centre.url).content.decode()
    assert "Stephan Hartmann" in content
    assert programme.funding_notice in content


def test_huettenstrasse_quarter_has_the_seed_003_indicators(demo):
    quarter = District.objects.get(slug="huettenstrassen-quartier")
    assert quarter.name == "Hüttenstraßen-Quartier"
    assert quarter.level == District.Level.QUARTER
    assert quarter.population == 3508
    assert quarter.population_as_of.isoformat() == "2016-12-31"
    indicators = {
        indicator.label: (indicator.value_area, indicator.value_city, indicator.note)
        for indicator in quarter.indicators.all()
    }

    def values(label):
        return indicators[label][:2]

    assert values("Anteil Kinder (bis 14 Jahre)") == (Decimal("15"), Decimal("12"))
    assert values("Jugendliche/junge Erwachsene (bis 26 Jahre)") == (Decimal("17"), Decimal("15"))
    assert values("Anteil der älteren Bewohner*innen (ab 60 Jahre)") == (
        Decimal("26"),
        Decimal("31"),
    )
    assert values("Ausländische Bewohner*innen") == (Decimal("44"), Decimal("24"))
    assert values("Menschen mit Zuwanderungsgeschichte") == (Decimal("55"), Decimal("30"))
    assert "Schätzung" in indicators["Menschen mit Zuwanderungsgeschichte"][2]
    transfer = indicators["Menschen, die Transferleistungen beziehen (gesamt)"]
    assert transfer[:2] == (Decimal("70"), None)
    assert "keine statistischen Zahlen" in transfer[2]


def test_hamm_is_divided_into_districts_social_spaces_and_quarters(demo):
    Level = District.Level
    political = set(
        District.objects.filter(
            level=Level.POLITICAL_DISTRICT, slug__startswith="hamm-"
        ).values_list("name", flat=True)
    )
    assert political == {
        "Hamm-Mitte",
        "Uentrop",
        "Rhynern",
        "Pelkum",
        "Herringen",
        "Bockum-Hövel",
        "Heessen",
    }
    spaces = District.objects.filter(level=Level.SOCIAL_SPACE, parent__name__in=political)
    assert spaces.count() == 9
    norden = District.objects.get(name="Hamm-Norden")
    assert norden.level == Level.QUARTER
    assert [d.name for d in norden.get_ancestors()] == ["Hamm-Mitte", "Sozialraum Norden"]
    laatzen_mitte = District.objects.get(slug="laatzen-mitte")
    assert laatzen_mitte.parent.name == "Laatzen"


def test_partners_and_funding_programmes_come_from_the_seeds(demo):
    kinds = set(Partner.objects.values_list("kind", flat=True))
    assert kinds >= {
        "public_authority",
        "welfare",
        "education",
        "club",
        "migrant_organisation",
        "press",
    }
    assert Partner.objects.get(slug="stadt-laatzen").kind == "public_authority"
    assert Partner.objects.filter(name__startswith="Integrationsbeirat").exists()
    assert Partner.objects.filter(name__startswith="Jobcenter").exists()
    for slug in ["sozialer-zusammenhalt", "gute-nachbarschaft"]:
        assert FundingProgramme.objects.get(slug=slug).funding_notice
    offers = OfferPage.objects.all()
    assert {offer.cost for offer in offers} == {"free", "amount", "donation"}
    assert any(offer.registration_required and offer.registration_how for offer in offers)
    assert any(offer.step_free for offer in offers)
    assert any(offer.provider_id for offer in offers)


# --- rooms, dates and opening hours (issue 3) ------------------------------------------


def test_each_centre_has_real_rooms_with_facts_and_booking_rules(demo):
    stadthaus = CentrePage.objects.get(slug="stadthaus-laatzen", locale__language_code="de")
    rooms = {room.name: room for room in stadthaus.rooms.all()}
    assert set(rooms) == {
        "Saal",
        "Gruppenraum 1",
        "Gruppenraum 2",
        "Beratungsraum",
        "Café",
        "Küche",
    }
    assert rooms["Beratungsraum"].kind == Room.Kind.COUNSELLING
    assert not rooms["Beratungsraum"].publicly_bookable
    assert rooms["Saal"].publicly_bookable and rooms["Saal"].hearing_loop
    assert rooms["Küche"].kind == Room.Kind.KITCHEN and rooms["Café"].kind == Room.Kind.CAFE
    for centre in CentrePage.objects.filter(locale__language_code="de").exclude(pk=stadthaus.pk):
        assert 2 <= centre.rooms.count() <= 4, centre.title
        assert centre.rooms.filter(publicly_bookable=True).exists(), centre.title
    for room in Room.objects.all():
        assert room.capacity and room.area_m2 and room.equipment, room.name
        assert room.step_free is not None, room.name


def test_every_offer_and_consultation_hour_has_dates_in_the_calendar(demo):
    for model in (OfferPage, ConsultationHourPage):
        for page in model.objects.live():
            # Translations show the German page's dates; they store none themselves.
            assert page.upcoming_occurrences().exists(), page.title
            stored = Occurrence.objects.filter(page_id=page.pk).exists()
            assert stored == (page.locale.language_code == "de"), page.title
    rules = [
        recurrence.serialize(schedule.recurrence)
        for model in (OfferSchedule, ConsultationHourSchedule)
        for schedule in model.objects.all()
    ]
    assert any("FREQ=WEEKLY" in rule and "INTERVAL" not in rule for rule in rules)
    assert any("FREQ=WEEKLY;INTERVAL=2" in rule for rule in rules)  # every other week
    assert any("FREQ=MONTHLY" in rule and "BYDAY=1SU" in rule for rule in rules)  # first Sunday
    assert any(rule.startswith("RDATE") for rule in rules)  # single-date events
    for centre in CentrePage.objects.filter(locale__language_code="de"):
        in_rooms = Occurrence.objects.filter(centre=centre, room_id__isnull=False)
        assert in_rooms.exclude(kind=Occurrence.Kind.OPENING).exists(), centre.title


def test_rooms_have_regular_groups_some_private_some_self_managed(demo):
    uses = RoomUse.objects.select_related("room")
    assert uses.filter(title__icontains="chor").exists()
    assert uses.filter(room__kind=Room.Kind.SPORTS, group__isnull=False).exists()
    assert uses.filter(self_managed=True, pauses_on_closures=False).exists()
    private = uses.get(title="Selbsthilfegruppe Sucht")
    assert not private.public
    rows = Occurrence.objects.filter(kind=Occurrence.Kind.ROOM_USE, source_id=private.pk)
    assert rows.exists() and not rows.filter(public=True).exists()


def weekly_hours(page):
    """Hours a week of ``page``'s weekly schedules."""
    total = 0
    for schedule in page.schedules.all():
        minutes = (
            dt.datetime.combine(dt.date.min, schedule.end_time)
            - dt.datetime.combine(dt.date.min, schedule.start_time)
        ).seconds / 60
        for rule in schedule.recurrence.rrules:
            if rule.freq == recurrence.WEEKLY and rule.interval in (None, 1):
                total += len(rule.byday) * minutes / 60
    return total


def test_sennestadt_meets_the_bielefeld_opening_profile_and_laatzen_mitte_does_not(demo):
    sennestadt = CentrePage.objects.get(
        slug="stadtteilzentrum-sennestadt", locale__language_code="de"
    )
    days, hours = sennestadt.weekly_totals()
    assert days >= 5 and hours >= 40
    citizens = ConsultationHourPage.objects.get(centre=sennestadt, consultation_kind="citizens")
    assert weekly_hours(citizens) >= 10
    saturdays = [
        row.start.astimezone(local_zone()).weekday() == 5
        for row in Occurrence.objects.filter(
            centre=sennestadt, kind=Occurrence.Kind.OFFER, status=Occurrence.Status.SCHEDULED
        )
    ]
    assert any(saturdays)

    laatzen_mitte = CentrePage.objects.get(
        slug="stadtteilbuero-laatzen-mitte", locale__language_code="de"
    )
    assert laatzen_mitte.weekly_totals() == (3, 15)
    citizens = ConsultationHourPage.objects.get(centre=laatzen_mitte, consultation_kind="citizens")
    assert weekly_hours(citizens) < 10


def test_stadthaus_takes_a_summer_break_in_the_lower_saxony_school_holidays(demo):
    states = dict(CentrePage.objects.values_list("slug", "holiday_state"))
    assert states == {
        "stadthaus-laatzen": "NI",
        "stadtteilbuero-laatzen-mitte": "NI",
        "stadtteilzentrum-sennestadt": "NW",
        "mittelpunkt-huettenstrasse": "NI",
    }
    stadthaus = CentrePage.objects.get(slug="stadthaus-laatzen", locale__language_code="de")
    summer = stadthaus.closures.get(reason="Sommerpause")
    first, last = next_summer_holidays(summer.starts_on)
    assert first <= summer.starts_on <= summer.ends_on <= last
    assert (summer.ends_on - summer.starts_on).days >= 14

    during = Occurrence.objects.filter(
        centre=stadthaus, original_date__range=(summer.starts_on, summer.ends_on)
    )
    assert not during.filter(kind=Occurrence.Kind.OPENING).exists()
    paused = during.exclude(kind=Occurrence.Kind.OPENING)
    assert paused.exists()
    assert set(paused.values_list("status", "note")) == {("cancelled", "Sommerpause")}


def test_some_dates_are_cancelled_or_moved_and_residents_see_why(demo, client):
    today = local_today()
    sick = Occurrence.objects.filter(status="cancelled", note="fällt aus: Krankheit")
    assert sick.count() >= 2
    assert all(today < row.original_date <= today + dt.timedelta(weeks=4) for row in sick)
    moved = Occurrence.objects.filter(status=Occurrence.Status.MOVED)
    assert moved.count() >= 3
    choir = moved.get(page__slug="chorprobe")
    assert Room.objects.get(pk=choir.room_id).name == "Gruppenraum 1"

    cafe_top = OfferPage.objects.get(slug="cafe-top", locale__language_code="de")
    assert "fällt aus: Krankheit" in client.get(cafe_top.url).content.decode()


def test_the_calendar_of_the_current_week_is_complete(demo):
    """Built midweek, the demo still shows this week's earlier days."""
    today = local_today()
    monday = today - dt.timedelta(days=today.weekday())
    earlier = Occurrence.objects.filter(original_date__gte=monday, original_date__lt=today)
    assert earlier.exists() or today == monday


# --- room booking (issue 4) ------------------------------------------------------------


def test_the_stadthaus_saal_has_the_citys_fee_table(demo):
    saal = Room.objects.get(centre__slug="stadthaus-laatzen", slug="saal")
    fees = {fee.requester_kind: fee for fee in saal.fees.all()}
    commercial = fees["commercial"]
    assert (commercial.hourly_rate, commercial.daily_rate) == (Decimal("25"), Decimal("150"))
    assert not fees["private"].allowed
    assert fees["volunteer"].allowed and not fees["volunteer"].hourly_rate
    assert not fees["volunteer"].daily_rate


def test_rooms_book_differently_instantly_or_outside_the_opening_hours(demo):
    instant = Room.objects.get(centre__slug="stadthaus-laatzen", slug="gruppenraum-2")
    assert instant.confirms_instantly and instant.publicly_bookable
    self_managed = Room.objects.get(centre__slug="mittelpunkt-huettenstrasse", slug="treffraum")
    assert self_managed.outside_opening_hours and self_managed.bookable_until
    assert self_managed.fees.get(requester_kind="private").allowed


def test_the_demo_has_room_requests_in_every_state(demo):
    requests = BookingRequest.objects.all()
    assert set(requests.values_list("status", flat=True)) == set(BookingRequest.Status)
    confirmed = requests.filter(status=BookingRequest.Status.CONFIRMED)
    # A weekly series, an instantly confirmed request, a commercial booking that pays.
    assert any(booking.dates.count() >= 4 for booking in confirmed)
    assert confirmed.filter(room__confirms_instantly=True, decided_by__isnull=True).exists()
    assert confirmed.filter(requester_kind="commercial", fee__gt=0).exists()
    assert requests.filter(status="declined").exclude(decision_message="").exists()
    # Confirmed dates occupy their rooms; the others do not.
    for booking in requests:
        rows = Occurrence.objects.filter(kind=Occurrence.Kind.BOOKING, source_id=booking.pk)
        assert rows.exists() is (booking.status == BookingRequest.Status.CONFIRMED)
        assert not rows.filter(public=True).exists()


def test_a_self_managed_group_books_the_treffraum_after_closing_time(demo):
    bookings = BookingRequest.objects.filter(
        room__slug="treffraum", status=BookingRequest.Status.CONFIRMED
    )
    zone = local_zone()
    latest = max(date.end.astimezone(zone).time() for b in bookings for date in b.dates.all())
    assert latest > dt.time(19, 0)  # the centre closes at 19:00 at the latest


def test_the_demo_requests_keep_the_booking_rules_and_their_status_pages_work(demo, client):
    from wagtail_stadtteil.booking.rules import Slot, check_request
    from wagtail_stadtteil.booking.tokens import status_path

    for booking in BookingRequest.objects.filter(status="confirmed"):
        slots = [Slot(date.start, date.end) for date in booking.dates.all()]
        own = Occurrence.objects.filter(source_id=booking.pk, kind=Occurrence.Kind.BOOKING)
        # As staff decided them: the year's past bookings were fine then.
        assert not check_request(
            booking.room,
            slots,
            staff=True,
            exclude=models_q(pk__in=own.values("pk")),
            now=booking.decided_at,
        ), booking.purpose
    for booking in BookingRequest.objects.all():
        response = client.get(status_path(booking))
        assert response.status_code == 200, booking.purpose
        assert booking.reference in response.content.decode()


def test_no_demo_mail_waits_to_be_sent(demo, mailoutbox):
    assert Notification.objects.exists()
    assert not Notification.objects.exclude(status=Notification.Status.SENT).exists()
    assert mailoutbox == []


def test_a_demo_built_before_booking_existed_gets_its_rules_fees_and_requests(demo):
    for booking in BookingRequest.objects.all():
        booking.delete()
    RoomFee.objects.all().delete()
    Room.objects.filter(slug="gruppenraum-2").update(confirms_instantly=False)
    Room.objects.filter(slug="treffraum").update(
        outside_opening_hours=False, bookable_from=None, bookable_until=None
    )
    total = len(DEMO_REQUESTS)

    output = run_demo()

    assert f"{total} booking requests" in output and "2 booking rules" in output
    assert Room.objects.get(slug="gruppenraum-2").confirms_instantly
    assert Room.objects.get(slug="treffraum").outside_opening_hours
    assert BookingRequest.objects.count() == total
    assert RoomFee.objects.count() == sum(len(rows) for rows in FEE_TABLES.values())


# Languages (issue 6) ----------------------------------------------------------------


def demo_translations(language):
    from home.demo_languages import texts

    return texts(language)


def stadthaus():
    return CentrePage.objects.get(slug="stadthaus-laatzen", locale__language_code="de")


@pytest.mark.parametrize("language", ["en", "ar", "tr"])
def test_stadthaus_laatzen_can_be_read_in_english_arabic_and_turkish(demo, client, language):
    german = stadthaus()
    translated = german.get_translation(Locale.objects.get(language_code=language))
    response = client.get(translated.url)
    assert response.status_code == 200
    body = response.content.decode()
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}"' in body
    assert translated.url.startswith(f"/{language}/")
    assert html.escape(demo_translations(language)[german.intro]) in body
    for endonym in ["Deutsch", "English", "العربية", "Türkçe"]:
        assert endonym in body  # the language switcher


def test_all_of_stadthaus_laatzen_is_translated_to_english_and_part_of_it_to_arabic(demo):
    german = stadthaus().get_descendants(inclusive=True)
    keys = set(german.values_list("translation_key", flat=True))
    english = Page.objects.live().filter(translation_key__in=keys, locale__language_code="en")
    arabic = Page.objects.live().filter(translation_key__in=keys, locale__language_code="ar")
    assert english.count() == len(keys)
    assert 0 < arabic.count() < len(keys)


def test_the_demos_translations_are_synced_translations_editors_can_update(demo):
    from wagtail_localize.models import Translation

    offer = OfferPage.objects.get(slug="stadthaus-cafe", locale__language_code="de")
    targets = set(
        Translation.objects.filter(source__object_id=offer.translation_key).values_list(
            "target_locale__language_code", flat=True
        )
    )
    assert targets == {"en", "ar", "tr"}
    english = offer.get_translation(Locale.objects.get(language_code="en")).specific
    assert english.intro == demo_translations("en")[offer.intro] != offer.intro
    assert [s.start_time for s in english.schedules.all()] == [
        s.start_time for s in offer.schedules.all()
    ]


# A year of history for the reports (issue 9) ----------------------------------------


def last_twelve_months_report(slug):
    from wagtail_stadtteil.reports.figures import Period, report

    today = local_today()
    centre = CentrePage.objects.get(slug=slug, locale__language_code="de")
    return report([centre], Period(today - dt.timedelta(days=365), today))


def test_the_report_of_the_last_twelve_months_shows_a_year_of_the_huettenstrasse(demo):
    result = last_twelve_months_report("mittelpunkt-huettenstrasse")

    visitors = result.table("visitors").rows
    assert sum(row[2] for row in visitors) > 0
    assert len(visitors) >= 11  # counted in (nearly) every month
    assert result.table("visitors_by_offer").rows
    assert result.table("surveys").rows

    rooms = result.table("rooms").rows
    for room in {row[1] for row in rooms}:
        shares = [row[5] for row in rooms if row[1] == room]
        assert len(shares) >= 12
        assert sum(1 for share in shares if share) >= len(shares) - 2, room

    requests = dict(
        zip(
            [status for status, _label in BookingRequest.Status.choices],
            result.table("requests").rows,
            strict=False,
        )
    )
    for status in (BookingRequest.Status.CONFIRMED, BookingRequest.Status.DECLINED):
        _label, count, average, median = requests[status]
        assert count > 0, status
        assert average is not None and average > 0 and median is not None, status


def test_the_report_of_the_last_twelve_months_shows_a_year_of_the_stadthaus(demo):
    result = last_twelve_months_report("stadthaus-laatzen")

    assert len(result.table("visitors").rows) >= 11
    assert result.table("surveys").rows
    _all, received, _average, _median = result.table("requests").rows[-1]
    assert received >= 15
    fees = {row[0]: row[2] for row in result.table("fees").rows}
    assert sum(fees.values()) > 0


def test_every_demo_centre_has_a_year_of_past_dates_in_the_store(demo):
    today = local_today()
    year_ago = today - dt.timedelta(days=365)
    for centre in CentrePage.objects.filter(locale__language_code="de"):
        past = Occurrence.objects.filter(
            centre=centre, original_date__lt=year_ago + dt.timedelta(weeks=2)
        )
        assert past.filter(kind=Occurrence.Kind.OPENING).exists(), centre.title
        assert past.exclude(kind=Occurrence.Kind.OPENING).exists(), centre.title


def test_past_room_requests_kept_the_rules_when_they_were_decided(demo, client):
    from wagtail_stadtteil.booking.rules import Slot, check_request
    from wagtail_stadtteil.booking.tokens import status_path

    now = dt.datetime.now(dt.UTC)
    past = BookingRequest.objects.filter(created_at__lt=now - dt.timedelta(days=20))
    assert 30 <= past.count() <= 60
    assert set(past.values_list("status", flat=True)) == {
        "confirmed",
        "declined",
        "cancelled",
        "expired",
    }
    assert len(set(past.values_list("requester_kind", flat=True))) == 5
    for booking in past:
        assert booking.created_at <= booking.decided_at < now, booking.purpose
        assert client.get(status_path(booking)).status_code == 200, booking.purpose
        if booking.status in ("confirmed", "declined") and not booking.room.confirms_instantly:
            wait = booking.decided_at - booking.created_at
            assert dt.timedelta(hours=1) < wait < dt.timedelta(days=7), booking.purpose
        if booking.status != "confirmed":
            continue
        slots = [Slot(date.start, date.end) for date in booking.dates.all()]
        own = Occurrence.objects.filter(source_id=booking.pk, kind=Occurrence.Kind.BOOKING)
        assert own.count() == len(slots), booking.purpose  # utilisation counts them
        assert not check_request(
            booking.room,
            slots,
            now=booking.decided_at,
            staff=True,
            exclude=models_q(pk__in=own.values("pk")),
        ), booking.purpose


def test_the_demos_visitor_counts_keep_the_rules_and_the_surveys_cover_last_year(demo):
    from wagtail_stadtteil.reports.models import SurveyResult, VisitorCount

    today = local_today()
    counts = VisitorCount.objects.select_related("offer", "centre")
    slugs = set(counts.values_list("centre__slug", flat=True))
    assert slugs == {"stadthaus-laatzen", "mittelpunkt-huettenstrasse"}
    assert counts.filter(offer__isnull=True).count() >= 4  # event days of the whole house
    for count in counts:
        count.full_clean()
        assert today - dt.timedelta(days=365) <= count.date < today
    surveys = SurveyResult.objects.all()
    assert surveys.count() == CentrePage.objects.filter(locale__language_code="de").count()
    for survey in surveys:
        assert survey.period_start.year == today.year - 1
        assert survey.respondents > 0 and 0 < survey.satisfied_percent <= 100
        assert survey.summary
