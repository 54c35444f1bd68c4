"""Content in several languages (wagtail-localize): texts are translated, the
facts behind them (dates, rooms, prices, addresses, shared snippets) are
synchronised from the German page, and a room is occupied once, whatever the
language a resident reads or books in."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail.models import COMMENTS_RELATION_NAME, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from tests import factories
from tests.booking_helpers import bookable_room, open_centre, workday
from tests.calendar_helpers import make_offer, make_room, schedule
from tests.test_booking_form import answers
from wagtail_stadtteil.booking.models import BookingRequest
from wagtail_stadtteil.centres.models import OfferPage
from wagtail_stadtteil.core.localize import translate
from wagtail_stadtteil.schedules.models import Occurrence

pytestmark = pytest.mark.django_db

PACKAGE_APPS = {"stadtteil_core", "stadtteil_centres", "stadtteil_rooms", "stadtteil_booking"}
PAGE_INTERNALS = {"go_live_at", "expire_at", "first_published_at", "content_type", "owner"}


def translated_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in PACKAGE_APPS and issubclass(model, TranslatableMixin)
    ]


def field_names(model):
    """Everything an editor can change on ``model``: its own editable fields,
    many-to-many fields and child relations (inlines)."""
    names = set()
    for field in model._meta.get_fields():
        if field.auto_created or not getattr(field, "editable", False):
            continue
        if issubclass(model, Page) and (
            field.model is not model and field.name not in {"title", "slug", "seo_title"}
        ):
            continue  # Page's own fields: the shared list covers the ones to translate
        if isinstance(field, models.ForeignKey) and field.remote_field.parent_link:
            continue
        names.add(field.name)
    names |= {relation.name for relation in get_all_child_relations(model)}
    names.discard(COMMENTS_RELATION_NAME)
    return names - {"locale", "translation_key", "centre"} - PAGE_INTERNALS


@pytest.fixture
def english():
    return factories.make_locale("en")


@pytest.fixture
def centre():
    return open_centre(factories.make_centre())


@pytest.fixture
def english_centre(centre, english):
    factories.translate_tree_root(english)
    return translate(centre, english, {"Stadthaus Laatzen": "Town hall Laatzen"})


def tuesday_offer(centre, room=None):
    return make_offer(
        centre,
        "Offenes Elterncafé",
        intro="Eltern treffen sich bei Kaffee.",
        schedules=[schedule(weekdays=(1,), start="09:00", end="11:00", room=room)],
    )


# What is translated and what is synchronised --------------------------------


@pytest.mark.parametrize("model", translated_models(), ids=lambda model: model.__name__)
def test_every_page_type_and_shared_snippet_says_for_each_field_whether_it_is_translated(model):
    declared = {field.field_name: field for field in model.translatable_fields}
    assert "translatable_fields" in {
        name for klass in model.__mro__ for name in vars(klass) if klass is not TranslatableMixin
    }
    missing = field_names(model) - set(declared)
    assert not missing, f"{model.__name__}: no translation rule for {sorted(missing)}"
    for name, field in declared.items():
        model._meta.get_field(name)  # every rule names a real field
        if name in {"schedules", "date_changes", "opening_hours", "closures"}:
            assert type(field) is SynchronizedField, f"{model.__name__}.{name}"


def test_texts_are_translated_and_facts_are_synchronised_on_an_offer():
    rules = {field.field_name: type(field) for field in OfferPage.translatable_fields}
    for text in ["title", "slug", "intro", "body", "cost_note", "registration_how"]:
        assert rules[text] is TranslatableField, text
    for fact in ["schedules", "date_changes", "cost", "cost_amount", "age_min", "languages"]:
        assert rules[fact] is SynchronizedField, fact
    for shared in ["themes", "target_groups", "provider", "funding_programmes"]:
        assert rules[shared] is SynchronizedField, shared


def test_a_translated_theme_keeps_its_slug_so_filters_work_in_every_language(english):
    theme = factories.make_theme("familie", "Familie")
    english_theme = translate(theme, english, {"Familie": "Family"})
    assert (english_theme.name, english_theme.slug) == ("Family", "familie")
    assert english_theme.translation_key == theme.translation_key


# Dates: one series, one set of stored dates ---------------------------------


def test_a_translated_offer_shows_the_same_dates_without_storing_them_twice(
    centre, english_centre, english
):
    room = make_room(centre, "Saal")
    offer = tuesday_offer(centre, room)
    stored = Occurrence.objects.filter(page__translation_key=offer.translation_key)
    before = sorted(stored.values_list("start", flat=True))
    assert before

    english_offer = translate(
        offer,
        english,
        {
            "Offenes Elterncafé": "Open parents' café",
            "Eltern treffen sich bei Kaffee.": "Parents meet over coffee.",
        },
    )

    assert (english_offer.title, english_offer.intro) == (
        "Open parents' café",
        "Parents meet over coffee.",
    )
    assert english_offer.locale == english and english_offer.live
    copied = english_offer.schedules.get()
    assert (copied.start_time, copied.end_time) == (dt.time(9), dt.time(11))
    assert str(copied.recurrence) == str(offer.schedules.get().recurrence)
    # The English page writes nothing: the stored dates are the German page's.
    assert sorted(stored.values_list("start", flat=True)) == before
    assert set(stored.values_list("page_id", flat=True)) == {offer.pk}
    assert [o.start for o in english_offer.upcoming_occurrences(limit=50)] == [
        o.start for o in offer.upcoming_occurrences(limit=50)
    ]


def test_moving_the_series_in_the_german_page_reaches_the_english_page_on_sync(
    centre, english_centre, english
):
    offer = tuesday_offer(centre)
    english_offer = translate(offer, english, {"Offenes Elterncafé": "Open parents' café"})

    series = offer.schedules.get()
    series.recurrence = schedule(weekdays=(3,)).recurrence  # Tuesdays → Thursdays
    series.save()
    offer.save_revision().publish()

    # Residents reading English see the new dates at once (one store) …
    weekdays = {o.start.astimezone().weekday() for o in english_offer.upcoming_occurrences(20)}
    assert weekdays == {3}
    # … and the English page's own copy of the rule follows on sync.
    english_offer = translate(OfferPage.objects.get(pk=offer.pk), english, {})
    assert english_offer.title == "Open parents' café"  # the translation stays
    assert [rule.byday for rule in english_offer.schedules.get().recurrence.rrules] == [
        rule.byday for rule in series.recurrence.rrules
    ]
    assert Occurrence.objects.filter(page_id=english_offer.pk).count() == 0


def test_unpublishing_the_german_page_hands_the_dates_to_its_translation(
    centre, english_centre, english
):
    offer = tuesday_offer(centre)
    english_offer = translate(offer, english, {"Offenes Elterncafé": "Open parents' café"})
    count = Occurrence.objects.filter(page_id=offer.pk).count()

    OfferPage.objects.get(pk=offer.pk).unpublish()

    assert Occurrence.objects.filter(page_id=offer.pk).count() == 0
    assert Occurrence.objects.filter(page_id=english_offer.pk).count() == count


# Rooms and booking: one room in every language -------------------------------


def test_a_room_requested_through_the_english_centre_page_is_the_german_room(
    client, centre, english_centre
):
    room = bookable_room(centre)
    day = workday(days_ahead=10)
    url = f"{english_centre.url}rooms/{room.slug}/book/"
    assert url.startswith("/en/")

    page = client.get(url)
    assert page.status_code == 200
    assert '<html lang="en"' in page.content.decode()

    response = client.post(url, answers(day))
    assert response.status_code in (200, 302)
    request = BookingRequest.objects.get()
    assert request.room == room
    assert request.language == "en"


def test_a_german_offer_in_the_room_blocks_the_same_time_on_the_english_booking_form(
    client, centre, english_centre
):
    room = bookable_room(centre)
    day = workday(days_ahead=10, weekday=1)
    make_offer(
        centre,
        "Chor",
        schedules=[schedule(weekdays=(1,), start="18:00", end="20:00", room=room)],
    )
    response = client.post(f"{english_centre.url}rooms/{room.slug}/book/", answers(day))

    assert response.status_code == 200
    assert not BookingRequest.objects.exists()
    assert "The room is in use on" in response.content.decode()  # in English


def test_a_resident_who_asked_in_english_gets_english_mails_with_an_english_status_link(
    client, centre, english_centre, mailoutbox, django_capture_on_commit_callbacks
):
    room = bookable_room(centre)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{english_centre.url}rooms/{room.slug}/book/", answers(workday(10)))

    receipt = next(mail for mail in mailoutbox if mail.to == ["ayse@example.org"])
    link = re.search(r"https?://\S+/stadtteil/booking/\S+/", receipt.body).group(0)
    assert "/en/stadtteil/booking/" in link
    assert "Thank you for your request." in receipt.body
    status = client.get(urlsplit(link).path)
    assert status.status_code == 200
    assert '<html lang="en"' in status.content.decode()
    assert BookingRequest.objects.get().reference in status.content.decode()


def test_with_the_german_page_unpublished_only_one_translation_occupies_the_room(
    centre, english_centre, english
):
    turkish = factories.make_locale("tr")
    factories.translate_tree_root(turkish)
    translate(centre, turkish, {})
    room = make_room(centre, "Saal")
    offer = tuesday_offer(centre, room)
    english_offer = translate(offer, english, {"Offenes Elterncafé": "Open parents' café"})
    turkish_offer = translate(offer, turkish, {"Offenes Elterncafé": "Açık veli kafesi"})
    dates = Occurrence.objects.filter(room_id=room.pk).count()

    OfferPage.objects.get(pk=offer.pk).unpublish()
    in_room = Occurrence.objects.filter(room_id=room.pk)
    assert in_room.count() == dates  # once, not once per language
    assert set(in_room.values_list("page_id", flat=True)) == {english_offer.pk}

    OfferPage.objects.get(pk=english_offer.pk).unpublish()
    assert in_room.count() == dates
    assert set(in_room.values_list("page_id", flat=True)) == {turkish_offer.pk}

    OfferPage.objects.get(pk=offer.pk).save_revision().publish()
    assert in_room.count() == dates
    assert set(in_room.values_list("page_id", flat=True)) == {offer.pk}
