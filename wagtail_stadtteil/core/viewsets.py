"""Admin for the shared snippets: one menu "District centres data" with filters,
search and spreadsheet export on every listing."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetCreateView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .exports import ImportExportViewSetMixin, SnippetIndexView
from .models import District, FundingProgramme, Partner, TargetGroup, Theme


class NoCreationView(SnippetCreateView):
    """Wagtail registers a chooser's "create" URL even when the chooser offers
    no creation form; there, an empty form would save an incomplete object.
    The package's choosers only choose: objects are made in their editors."""

    def can_create(self):
        return False


class ChooseOnlyViewSet(SnippetChooserViewSet):
    create_view_class = NoCreationView


class SharedSnippetViewSet(ImportExportViewSetMixin, SnippetViewSet):
    """Snippet admin whose CSV export escapes formulas, with spreadsheet
    import and the full export (``import_export_name``)."""

    index_view_class = SnippetIndexView
    chooser_viewset_class = ChooseOnlyViewSet


class PartnerViewSet(SharedSnippetViewSet):
    model = Partner
    import_export_name = "partner"
    icon = "group"
    menu_order = 100
    list_display = ["name", "kind", "non_profit", "city"]
    list_filter = ["kind", "non_profit"]
    list_export = [
        "name",
        "slug",
        "kind",
        "non_profit",
        "contact_person",
        "street",
        "postcode",
        "city",
        "phone",
        "email",
        "website",
    ]
    export_filename = "partners"
    search_fields = ["name", "description"]
    # Search with the ORM: the SQLite search backend cannot restrict a search to
    # fields (a 500), and name/description substrings are what editors type.
    search_backend_name = None
    ordering = ["name"]


class FundingProgrammeViewSet(SharedSnippetViewSet):
    model = FundingProgramme
    import_export_name = "funding-programme"
    icon = "tag"
    menu_order = 200
    list_display = ["name", "funder", "funder_level", "starts_on", "ends_on"]
    list_filter = ["funder_level"]
    list_export = [
        "name",
        "slug",
        "funder",
        "funder_level",
        "starts_on",
        "ends_on",
        "funding_notice",
        "website",
    ]
    export_filename = "funding-programmes"
    search_fields = ["name", "funder", "description"]
    search_backend_name = None
    ordering = ["name"]


class DistrictViewSet(SharedSnippetViewSet):
    model = District
    import_export_name = "district"
    icon = "site"
    menu_order = 300
    list_display = ["name", "level", "parent", "population"]
    list_filter = ["level"]
    list_export = ["name", "slug", "level", "parent", "population", "population_as_of", "area_km2"]
    export_filename = "districts"
    search_fields = ["name", "description"]
    search_backend_name = None
    ordering = ["level", "name"]


class ThemeViewSet(SharedSnippetViewSet):
    model = Theme
    import_export_name = "theme"
    icon = "tag"
    menu_order = 400
    list_display = ["name", "slug"]
    list_export = ["name", "slug", "description"]
    export_filename = "themes"
    search_fields = ["name", "description"]
    search_backend_name = None
    ordering = ["name"]


class TargetGroupViewSet(SharedSnippetViewSet):
    model = TargetGroup
    import_export_name = "target-group"
    icon = "user"
    menu_order = 500
    list_display = ["name", "slug"]
    list_export = ["name", "slug", "description"]
    export_filename = "target-groups"
    search_fields = ["name", "description"]
    search_backend_name = None
    ordering = ["name"]


class SharedDataViewSetGroup(SnippetViewSetGroup):
    menu_label = _("District data")
    menu_icon = "folder-open-inverse"
    menu_name = "stadtteil-shared-data"
    menu_order = 300
    items = [
        PartnerViewSet,
        FundingProgrammeViewSet,
        DistrictViewSet,
        ThemeViewSet,
        TargetGroupViewSet,
    ]
