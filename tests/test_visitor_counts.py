"""Staff record how many people came and what their users' surveys found
(issue 9, seeds 001 and 002): visitor counts per offer date or per day of the
house, survey results per period, each centre's staff only their own, and the
figures the reports read from them."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.test.utils.form_data import nested_form_data

from tests import factories
from wagtail_stadtteil.centres.creation import create_centre, create_city_group
from wagtail_stadtteil.centres.models import CentrePage
from wagtail_stadtteil.reports.counts import survey_results, visitor_totals
from wagtail_stadtteil.reports.models import SurveyResult, VisitorCount
from wagtail_stadtteil.schedules.dates import local_today

pytestmark = pytest.mark.django_db

PAST_DAY = dt.date(2025, 3, 4)


# The world: two centres with an offer each, and their editors ------------------------------


@pytest.fixture
def centres(home):
    a = create_centre("Stadthaus Laatzen", parent=home)
    b = create_centre("Mittelpunkt Hüttenstraße", parent=home)
    a.offer = factories.make_offer(a.sections[0], "Offenes Elterncafé")
    b.offer = factories.make_offer(b.sections[0], "Nähtreff Hüttenstraße")
    return a, b


@pytest.fixture
def editor_a(client, centres):
    client.force_login(factories.make_user("redaktion-a", groups=[centres[0].group]))
    return client


@pytest.fixture
def editor_b(client, centres):
    client.force_login(factories.make_user("redaktion-b", groups=[centres[1].group]))
    return client


def url(model, view, obj=None):
    name = model.snippet_viewset.get_url_name(view)
    return reverse(name, args=[obj.pk]) if obj is not None else reverse(name)


def count_data(created, **overrides):
    """What the add form posts: a count for ``created``'s offer (a CreatedCentre)."""
    fields = {
        "centre": created.centre.pk,
        "date": PAST_DAY.isoformat(),
        "offer": created.offer.pk,
        "start_time": "15:00",
        "count": "23",
        "note": "Regen, weniger Familien als sonst",
    }
    fields.update(overrides)
    return nested_form_data(fields)


def survey_data(created, **overrides):
    fields = {
        "centre": created.centre.pk,
        "title": "Nutzerbefragung 2025",
        "period_start": "2025-01-01",
        "period_end": "2025-03-31",
        "respondents": "87",
        "satisfied_percent": "81",
        "summary": "Mehr Angebote am Wochenende gewünscht.",
        "document": "",
    }
    fields.update(overrides)
    return nested_form_data(fields)


def rows():
    return sorted(
        VisitorCount.objects.values_list(
            "pk", "centre_id", "date", "offer_id", "start_time", "count", "note"
        )
    )


def text_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        book = openpyxl.load_workbook(io.BytesIO(content))
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return content.decode("utf-8")


def is_refusal(response):
    if response.status_code in (403, 404):
        return True
    # Wagtail answers PermissionDenied with a redirect to the dashboard.
    return response.status_code == 302 and response["Location"] in ("/admin/", "/admin")


# Recording visitors ------------------------------------------------------------------------


def test_an_editor_records_the_visitors_of_an_offer_date_of_her_centre(editor_a, centres):
    a, b = centres
    page = editor_a.get(url(VisitorCount, "add"))
    assert b.offer.title not in text_of(page)
    form = page.context["form"]
    assert list(form.fields["centre"].queryset) == [a.centre.specific] or set(
        form.fields["centre"].queryset
    ) == {a.centre}
    assert set(form.fields["offer"].queryset) == {a.offer}
    assert form.fields["centre"].initial == a.centre.pk  # her only centre, chosen for her

    response = editor_a.post(url(VisitorCount, "add"), count_data(a))

    assert response.status_code == 302
    count = VisitorCount.objects.get()
    assert (count.centre_id, count.date, count.offer_id, count.start_time, count.count) == (
        a.centre.pk,
        PAST_DAY,
        a.offer.pk,
        dt.time(15),
        23,
    )
    listing = text_of(editor_a.get(url(VisitorCount, "list")))
    assert a.offer.title in listing


def test_an_editor_records_the_visitors_of_the_whole_house_on_a_day(editor_a, centres):
    a, _b = centres
    response = editor_a.post(
        url(VisitorCount, "add"), count_data(a, offer="", start_time="", count="140")
    )
    assert response.status_code == 302
    assert VisitorCount.objects.get().offer is None


def test_an_editor_cannot_pick_another_centres_offer_or_centre(editor_a, centres):
    a, b = centres
    for data, field in [
        (count_data(a, offer=b.offer.pk), "offer"),
        (count_data(a, centre=b.centre.pk, offer="", start_time=""), "centre"),
    ]:
        response = editor_a.post(url(VisitorCount, "add"), data)
        assert response.status_code == 200
        assert field in response.context["form"].errors
        assert b.offer.title not in text_of(response)
    assert not VisitorCount.objects.exists()


def test_an_offer_must_be_one_of_the_chosen_centre(admin_client, centres):
    """Even for someone who manages both centres."""
    a, b = centres
    response = admin_client.post(url(VisitorCount, "add"), count_data(a, offer=b.offer.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["offer"] == [gettext("Choose an offer of this centre.")]
    assert not VisitorCount.objects.exists()


def test_a_start_time_needs_an_offer(editor_a, centres):
    a, _b = centres
    response = editor_a.post(url(VisitorCount, "add"), count_data(a, offer=""))
    assert "start_time" in response.context["form"].errors
    assert not VisitorCount.objects.exists()


def test_visitors_of_a_future_day_are_refused(editor_a, centres):
    a, _b = centres
    tomorrow = local_today() + dt.timedelta(days=1)
    response = editor_a.post(url(VisitorCount, "add"), count_data(a, date=tomorrow.isoformat()))
    assert response.status_code == 200
    assert response.context["form"].errors["date"] == [
        gettext("Visitors can only be counted for today or a past day.")
    ]
    assert not VisitorCount.objects.exists()
    today = editor_a.post(url(VisitorCount, "add"), count_data(a, date=local_today().isoformat()))
    assert today.status_code == 302


@pytest.mark.parametrize("count", ["-1", "10001", "viele"])
def test_a_count_below_zero_or_beyond_reason_is_refused(editor_a, centres, count):
    a, _b = centres
    response = editor_a.post(url(VisitorCount, "add"), count_data(a, count=count))
    assert "count" in response.context["form"].errors
    assert not VisitorCount.objects.exists()


@pytest.mark.parametrize(
    "offer, start_time, message",
    [
        (
            "offer",
            "15:00",
            "The visitors of this offer at this time are already counted. "
            "Change that count instead.",
        ),
        (
            "offer",
            "",
            "The visitors of this offer on this day are already counted. "
            "Change that count instead.",
        ),
        (
            "",
            "",
            "The visitors of the whole house on this day are already counted. "
            "Change that count instead.",
        ),
    ],
)
def test_counting_the_same_date_twice_is_refused_with_a_clear_message(
    editor_a, centres, offer, start_time, message
):
    a, _b = centres
    offer = a.offer if offer else None
    start = dt.time.fromisoformat(start_time) if start_time else None
    factories.make_visitor_count(a.centre, PAST_DAY, 20, offer=offer, start_time=start)
    before = rows()

    data = count_data(a, offer=offer.pk if offer else "", start_time=start_time, count="99")
    response = editor_a.post(url(VisitorCount, "add"), data)

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors == [gettext(message)]  # in the editor's language
    assert rows() == before


def test_a_second_date_of_the_same_offer_on_one_day_is_told_apart_by_its_start_time(
    editor_a, centres
):
    a, _b = centres
    factories.make_visitor_count(a.centre, PAST_DAY, 20, offer=a.offer, start_time=dt.time(10))
    response = editor_a.post(url(VisitorCount, "add"), count_data(a, start_time="15:00"))
    assert response.status_code == 302
    assert VisitorCount.objects.filter(offer=a.offer, date=PAST_DAY).count() == 2


def test_an_offer_is_counted_either_per_date_or_for_the_whole_day_not_both(editor_a, centres):
    a, _b = centres
    factories.make_visitor_count(a.centre, PAST_DAY, 20, offer=a.offer)
    before = rows()
    response = editor_a.post(url(VisitorCount, "add"), count_data(a, start_time="15:00"))
    assert "start_time" in response.context["form"].errors
    assert rows() == before


def test_editing_a_count_keeps_it_unique_only_against_others(editor_a, centres):
    a, _b = centres
    count = factories.make_visitor_count(a.centre, PAST_DAY, 20, offer=a.offer)
    response = editor_a.post(
        url(VisitorCount, "edit", count), count_data(a, start_time="", count="21")
    )
    assert response.status_code == 302
    count.refresh_from_db()
    assert count.count == 21


# Each centre its own ----------------------------------------------------------------------


@pytest.fixture
def a_rows(centres):
    a, _b = centres
    count = factories.make_visitor_count(
        a.centre, PAST_DAY, 31, offer=a.offer, note="Vertrauliche Notiz Laatzen"
    )
    survey = SurveyResult.objects.create(
        centre=a.centre,
        title="Befragung Laatzen geheim",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 3, 31),
        respondents=50,
    )
    return count, survey


def test_another_centres_editor_cannot_open_change_or_delete_the_rows(editor_b, centres, a_rows):
    a, b = centres
    count, survey = a_rows
    before = (rows(), sorted(SurveyResult.objects.values_list("pk", "title", "centre_id")))
    for model, obj in [(VisitorCount, count), (SurveyResult, survey)]:
        for view in ["edit", "delete", "copy", "inspect", "history", "usage"]:
            response = editor_b.get(url(model, view, obj))
            assert is_refusal(response), (model, view, response.status_code)
            assert "Laatzen" not in text_of(response), (model, view)
    forged = [
        (url(VisitorCount, "edit", count), count_data(a, centre=b.centre.pk, offer=b.offer.pk)),
        (url(VisitorCount, "delete", count), {}),
        (url(SurveyResult, "edit", survey), survey_data(b, title="Übernommen")),
        (url(SurveyResult, "delete", survey), {}),
        (f"/admin/bulk/stadtteil_reports/visitorcount/delete/?id={count.pk}", {}),
        (f"/admin/bulk/stadtteil_reports/surveyresult/delete/?id={survey.pk}", {}),
        ("/admin/bulk/stadtteil_reports/visitorcount/delete/?id=all", {}),
    ]
    for target, data in forged:
        assert is_refusal(editor_b.post(target, data)), target
    after = (rows(), sorted(SurveyResult.objects.values_list("pk", "title", "centre_id")))
    assert after == before


def test_another_centres_editor_sees_none_of_the_rows_in_listings_or_exports(
    editor_b, centres, a_rows
):
    a, b = centres
    factories.make_visitor_count(b.centre, PAST_DAY, 7, offer=b.offer, note="Eigene Notiz")
    secrets = [a.offer.title, "Vertrauliche Notiz Laatzen", "Befragung Laatzen geheim"]
    for model in [VisitorCount, SurveyResult]:
        for query in ["", "?q=Laatzen", "?export=csv", "?export=xlsx", "?q=Vertrauliche"]:
            response = editor_b.get(url(model, "list") + query)
            assert response.status_code == 200
            text = text_of(response)
            assert not [secret for secret in secrets if secret in text], (model, query)
        chooser = model.snippet_viewset.chooser_viewset
        for view in ["choose", "choose_results"]:
            response = editor_b.get(reverse(chooser.get_url_name(view)))
            assert response.status_code == 200
            text = text_of(response)
            assert not [secret for secret in secrets if secret in text], (model, view)
    own = text_of(editor_b.get(url(VisitorCount, "list") + "?export=csv"))
    assert "Eigene Notiz" in own


def test_the_export_lists_date_offer_and_count(editor_a, centres, a_rows):
    a, _b = centres
    factories.make_visitor_count(a.centre, dt.date(2025, 3, 5), 140, note="=1+1")
    table = list(
        csv.reader(io.StringIO(text_of(editor_a.get(url(VisitorCount, "list"), {"export": "csv"}))))
    )
    body = {tuple(row[1:5]) for row in table[1:]}
    assert ("2025-03-04", "", a.offer.title, "31") in body
    assert ("2025-03-05", "", "", "140") in body
    assert [row[5] for row in table[1:] if row[4] == "140"] == ["'=1+1"]  # formula kept as text


def test_the_listing_filters_by_date(editor_a, centres, a_rows):
    a, _b = centres
    factories.make_visitor_count(a.centre, dt.date(2025, 5, 1), 140, note="Maifest")
    response = editor_a.get(
        url(VisitorCount, "list"), {"date_from": "2025-04-01", "date_to": "2025-05-31"}
    )
    assert [row.count for row in response.context["object_list"]] == [140]
    response = editor_a.get(url(VisitorCount, "list"), {"q": "Elterncafé"})
    assert [row.count for row in response.context["object_list"]] == [31]


def test_city_staff_see_every_centres_rows_but_change_none(client, centres, a_rows):
    count, survey = a_rows
    group, _created = create_city_group()  # read-only on every centre's evaluation
    client.force_login(factories.make_user("stadt", groups=[group]))
    assert "Vertrauliche Notiz Laatzen" in text_of(
        client.get(url(VisitorCount, "list") + "?export=csv")
    )
    assert survey.title in text_of(client.get(url(SurveyResult, "list")))
    assert client.get(url(VisitorCount, "inspect", count)).status_code == 200
    assert is_refusal(client.get(url(VisitorCount, "add")))
    assert is_refusal(client.post(url(VisitorCount, "edit", count), {"count": "1"}))
    assert is_refusal(client.post(url(SurveyResult, "delete", survey)))
    assert VisitorCount.objects.get(pk=count.pk).count == 31
    assert SurveyResult.objects.filter(pk=survey.pk).exists()


# Survey results ---------------------------------------------------------------------------


def test_an_editor_records_a_survey_result(editor_a, centres):
    a, _b = centres
    response = editor_a.post(url(SurveyResult, "add"), survey_data(a))
    assert response.status_code == 302
    survey = SurveyResult.objects.get()
    assert (survey.centre_id, survey.respondents, survey.satisfied_percent) == (
        a.centre.pk,
        87,
        81,
    )


def test_a_survey_that_ends_before_it_starts_is_refused(editor_a, centres):
    a, _b = centres
    response = editor_a.post(
        url(SurveyResult, "add"), survey_data(a, period_start="2025-04-01", period_end="2025-03-31")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["period_end"] == [
        gettext("The period cannot end before it starts.")
    ]
    assert not SurveyResult.objects.exists()


@pytest.mark.parametrize(
    "field, value", [("satisfied_percent", "101"), ("respondents", "0"), ("centre", "other")]
)
def test_a_survey_with_impossible_figures_or_another_centre_is_refused(
    editor_a, centres, field, value
):
    a, b = centres
    value = b.centre.pk if value == "other" else value
    response = editor_a.post(url(SurveyResult, "add"), survey_data(a, **{field: value}))
    assert field in response.context["form"].errors
    assert not SurveyResult.objects.exists()


def test_the_full_report_comes_from_the_editors_own_documents(editor_a, centres):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    a, b = centres
    Document = get_document_model()
    theirs = Document.objects.create(
        title="Bericht Hüttenstraße", collection=b.collection, file=ContentFile(b"x", "b.pdf")
    )
    ours = Document.objects.create(
        title="Bericht Laatzen", collection=a.collection, file=ContentFile(b"x", "a.pdf")
    )
    response = editor_a.post(url(SurveyResult, "add"), survey_data(a, document=theirs.pk))
    assert "document" in response.context["form"].errors
    response = editor_a.post(url(SurveyResult, "add"), survey_data(a, document=ours.pk))
    assert response.status_code == 302
    assert SurveyResult.objects.get().document == ours


# The figures the reports read --------------------------------------------------------------


@pytest.fixture
def figures(centres):
    """Counts and surveys with totals worked out by hand (see the tests)."""
    a, b = centres
    chor = factories.make_offer(a.sections[0], "Chor")
    count = factories.make_visitor_count
    count(a.centre, dt.date(2025, 1, 10), 12, offer=a.offer, start_time=dt.time(10))
    count(a.centre, dt.date(2025, 1, 10), 8, offer=a.offer, start_time=dt.time(15))
    count(a.centre, dt.date(2025, 1, 31), 25, offer=chor)
    count(a.centre, dt.date(2025, 1, 31), 140)
    count(a.centre, dt.date(2025, 2, 1), 10, offer=a.offer)
    count(a.centre, dt.date(2025, 3, 1), 99)  # after the period
    count(a.centre, dt.date(2024, 12, 31), 30, offer=chor)  # before it
    count(b.centre, dt.date(2025, 1, 15), 7, offer=b.offer)

    def survey(centre, title, start, end):
        return SurveyResult.objects.create(
            centre=centre, title=title, period_start=start, period_end=end, respondents=10
        )

    surveys = {
        "autumn": survey(a.centre, "Herbst", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
        "winter": survey(a.centre, "Winter", dt.date(2024, 12, 1), dt.date(2025, 1, 15)),
        "spring": survey(a.centre, "Frühjahr", dt.date(2025, 2, 28), dt.date(2025, 3, 31)),
        "april": survey(a.centre, "April", dt.date(2025, 3, 1), dt.date(2025, 4, 30)),
        "other": survey(b.centre, "Hüttenstraße", dt.date(2025, 1, 1), dt.date(2025, 1, 31)),
    }
    return {"a": a, "b": b, "chor": chor, "surveys": surveys}


FIRST, LAST = dt.date(2025, 1, 1), dt.date(2025, 2, 28)


def test_visitor_totals_of_one_centre_add_up_by_month_and_offer(figures, django_assert_num_queries):
    a, chor = figures["a"], figures["chor"]
    with django_assert_num_queries(2):
        totals = visitor_totals([a.centre], FIRST, LAST)
    assert totals.total == 12 + 8 + 25 + 140 + 10 == 195
    assert totals.by_month == {dt.date(2025, 1, 1): 185, dt.date(2025, 2, 1): 10}
    assert totals.by_offer == {a.offer.pk: 30, chor.pk: 25}
    assert totals.offer_titles == {a.offer.pk: a.offer.title, chor.pk: "Chor"}
    assert totals.whole_house == 140


def test_visitor_totals_of_several_centres_and_of_none(figures):
    a, b = figures["a"], figures["b"]
    both = visitor_totals(CentrePage.objects.filter(pk__in=[a.centre.pk, b.centre.pk]), FIRST, LAST)
    assert both.total == 202
    assert both.by_month == {dt.date(2025, 1, 1): 192, dt.date(2025, 2, 1): 10}
    assert both.by_offer[b.offer.pk] == 7
    nothing = visitor_totals([], FIRST, LAST)
    assert (nothing.total, nothing.by_month, nothing.by_offer) == (0, {}, {})


def test_survey_results_are_those_overlapping_the_period(figures, django_assert_num_queries):
    a, surveys = figures["a"], figures["surveys"]
    with django_assert_num_queries(1):
        found = list(survey_results([a.centre.pk], FIRST, LAST))
        assert [survey.centre.title for survey in found] == [a.centre.title] * 2
    assert found == [surveys["winter"], surveys["spring"]]
    everyone = survey_results(CentrePage.objects.all(), FIRST, LAST)
    assert set(everyone) == {surveys["winter"], surveys["spring"], surveys["other"]}
