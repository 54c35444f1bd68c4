"""Read-only admin panels of the centre pages."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .profile import check_profile, profile_is_met

CALENDAR_URL_NAME = "stadtteil_centre_calendar"


def admin_calendar_url(centre):
    """The admin calendar of ``centre`` (served by the rooms app), or None."""
    try:
        return reverse(CALENDAR_URL_NAME, args=[centre.pk])
    except NoReverseMatch:
        return None


class ProfileCheckPanel(Panel):
    """Whether the centre meets the profile of a funded district centre
    (centres.profile), with a link to the centre's admin calendar."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Centre profile"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_stadtteil/centres/admin/profile_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            centre = self.instance
            saved = centre is not None and centre.pk is not None
            context["saved"] = saved
            if saved:
                criteria = check_profile(centre)
                context["criteria"] = criteria
                context["profile_met"] = profile_is_met(criteria)
                context["calendar_url"] = admin_calendar_url(centre)
            return context
