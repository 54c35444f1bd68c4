"""Admin wiring of the reports app: the "Evaluation" menu with visitor counts
and survey results, scoped per centre like rooms; the figures page in
Wagtail's "Reports" menu; the dashboard panel of a centre's staff. Registers
only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from wagtail_stadtteil.centres.permissions import CentreScopedPermissionPolicy
from wagtail_stadtteil.centres.scoped_admin import ScopedDeleteBulkAction

from .models import SurveyResult, VisitorCount
from .viewsets import EvaluationViewSetGroup

# Before the viewsets are registered: Wagtail would otherwise make model
# permission policies for them, and refuse these later.
register_permission_policy(VisitorCount, CentreScopedPermissionPolicy(VisitorCount, "centre"))
register_permission_policy(SurveyResult, CentreScopedPermissionPolicy(SurveyResult, "centre"))
register_snippet(EvaluationViewSetGroup)


class ReportsDeleteBulkAction(ScopedDeleteBulkAction):
    scoped_models = (VisitorCount, SurveyResult)


# After Wagtail's own delete action (order 0), which it replaces for these models.
hooks.register("register_bulk_action", ReportsDeleteBulkAction, order=100)


# The figures: a page under Wagtail's "Reports" menu, and a dashboard panel --


@hooks.register("register_admin_urls")
def register_report_urls():
    from .views import ReportView

    return [path("stadtteil/reports/", ReportView.as_view(), name="stadtteil_report")]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        from .views import report_centres

        return report_centres(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        _("Figures of the district centres"),
        reverse("stadtteil_report"),
        name="stadtteil-figures",
        icon_name="table",
        order=50,
    )


@hooks.register("construct_homepage_panels")
def add_centre_panel(request, panels):
    from .panels import centre_panel

    panel = centre_panel(request)
    if panel is not None:
        panels.append(panel)
