"""Flat admin listings "Offers" and "Consultation hours": every offer (or
consultation hour) of the centres the user manages, across their sections,
with filters by centre and kind, spreadsheet export (formulas escaped) and the
spreadsheet import and full export (core.import_views).

Pages of the site's default language only: translations follow their source
page (wagtail-localize) and are reached from it. Superusers see every
centre's pages; everyone else the pages of the centres they manage, even
where Wagtail's page permissions would let them explore further.
"""

from collections import OrderedDict

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.choose_parent import ChooseParentView
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.coreutils import multigetattr
from wagtail.models import Locale

from wagtail_stadtteil.core.exports import (
    FormulaSafeExportMixin,
    ImportExportButtonsMixin,
    ImportExportViewSetMixin,
)
from wagtail_stadtteil.core.importing import YesNoWidget

from .models import CentrePage, ConsultationHourPage, OfferPage
from .permissions import is_active_user, managed_centre_ids


def manages_any_centre(user):
    return is_active_user(user) and (user.is_superuser or bool(managed_centre_ids(user)))


def listed_centres(request):
    """The centres whose pages the user sees here, for the filter."""
    centres = CentrePage.objects.filter(locale=Locale.get_default()).order_by("title")
    if request is None or not is_active_user(request.user):
        return centres.none()
    if request.user.is_superuser:
        return centres
    return centres.filter(pk__in=managed_centre_ids(request.user))


class CentrePagesMenuItem(MenuItem):
    """Shown to staff who manage a centre (and superusers)."""

    def is_shown(self, request):
        return manages_any_centre(request.user)


class CentreChooseParentView(ChooseParentView):
    """Adding an offer from the listing is for staff who manage a centre:
    Wagtail's view would show everyone else an empty chooser."""

    def dispatch(self, request, *args, **kwargs):
        if not manages_any_centre(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CentrePageIndexView(ImportExportButtonsMixin, FormulaSafeExportMixin, IndexView):
    """The flat listing of one page type of the centres, limited to the
    centres the user manages."""

    #: The page type's "kind" field (``offer_kind``).
    kind_field = None

    def get_base_queryset(self):
        pages = super().get_base_queryset().filter(locale=Locale.get_default())
        user = self.request.user
        if not user.is_superuser:
            pages = pages.filter(centre_id__in=managed_centre_ids(user))
        # What the columns and the export read, fetched with the pages rather
        # than once per page (Wagtail fetches the specific pages anew).
        return pages.select_related("centre", for_specific_subqueries=True).prefetch_related(
            "schedules", for_specific_subqueries=True
        )

    def to_row_dict(self, item):
        return OrderedDict((field, self.export_value(item, field)) for field in self.list_export)

    def export_value(self, item, field):
        if field == "centre":
            return item.centre.title if item.centre_id else ""
        if field == "kind":
            return item._get_FIELD_display(item._meta.get_field(self.kind_field))
        if field == "live":
            return YesNoWidget.label(item.live)
        if field == "dates":
            from wagtail_stadtteil.schedules.summary import describe

            return "\n".join(describe(schedule) for schedule in item.schedules.all())
        return multigetattr(item, field)


class CentrePageFilterSet(WagtailFilterSet):
    """By centre and kind. Not Wagtail's page filters: their site and user
    choices name other centres' sites and staff."""

    centre = django_filters.ModelChoiceFilter(queryset=listed_centres, label=capfirst(_("centre")))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Pages in the site's default language only: no language to choose.
        self.filters.pop("locale", None)


class OfferFilterSet(CentrePageFilterSet):
    offer_kind = django_filters.ChoiceFilter(
        choices=OfferPage.Kind.choices, label=capfirst(_("kind of offer"))
    )

    class Meta:
        model = OfferPage
        fields = []


class ConsultationHourFilterSet(CentrePageFilterSet):
    consultation_kind = django_filters.ChoiceFilter(
        choices=ConsultationHourPage.Kind.choices, label=capfirst(_("kind of consultation hour"))
    )

    class Meta:
        model = ConsultationHourPage
        fields = []


def listing_columns(kind_field, kind_label):
    """Wagtail's page listing columns with the centre and the kind instead
    of the parent (a section such as "Offers")."""
    base = {column.name: column for column in IndexView.base_columns}
    return [
        base["bulk_actions"],
        base["title"],
        Column("centre", label=capfirst(_("centre")), accessor="centre", sort_key="centre__title"),
        Column(
            kind_field,
            label=capfirst(kind_label),
            accessor=f"get_{kind_field}_display",
            sort_key=kind_field,
        ),
        base["latest_revision_created_at"],
        base["status"],
    ]


class CentrePageListingViewSet(ImportExportViewSetMixin, PageListingViewSet):
    add_to_admin_menu = True
    index_view_class = CentrePageIndexView
    choose_parent_view_class = CentreChooseParentView
    list_export = ["title", "centre", "kind", "live", "dates"]
    ordering = "title"

    @cached_property
    def menu_item_class(self):
        return CentrePagesMenuItem

    @property
    def export_headings(self):
        return {
            "title": capfirst(_("title")),
            "centre": capfirst(_("centre")),
            "kind": capfirst(self.model._meta.get_field(self.kind_field).verbose_name),
            "live": capfirst(_("published")),
            "dates": capfirst(_("dates")),
        }

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(kind_field=self.kind_field, **kwargs)


class OfferListingViewSet(CentrePageListingViewSet):
    model = OfferPage
    kind_field = "offer_kind"
    import_export_name = "offer"
    filterset_class = OfferFilterSet
    columns = listing_columns("offer_kind", _("kind of offer"))
    icon = "list-ul"
    menu_label = _("Offers")
    menu_name = "stadtteil-offers"
    menu_order = 302
    export_filename = "offers"


class ConsultationHourListingViewSet(CentrePageListingViewSet):
    model = ConsultationHourPage
    kind_field = "consultation_kind"
    import_export_name = "consultation-hour"
    filterset_class = ConsultationHourFilterSet
    columns = listing_columns("consultation_kind", _("kind of consultation hour"))
    icon = "help"
    menu_label = _("Consultation hours")
    menu_name = "stadtteil-consultation-hours"
    menu_order = 303
    export_filename = "consultation-hours"


offer_listing_viewset = OfferListingViewSet("stadtteil_offers", url_prefix="stadtteil/offers")
consultation_hour_listing_viewset = ConsultationHourListingViewSet(
    "stadtteil_consultation_hours", url_prefix="stadtteil/consultation-hours"
)

LISTING_VIEWSETS = {
    OfferPage: offer_listing_viewset,
    ConsultationHourPage: consultation_hour_listing_viewset,
}


def page_listing_url(model):
    """The admin listing of ``model`` (OfferPage, ConsultationHourPage)."""
    return reverse(LISTING_VIEWSETS[model].get_url_name("index"))
