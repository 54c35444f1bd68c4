"""Optional listing pages: all centres, and the programme of all offers."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from wagtail_stadtteil.core.app_settings import stadtteil_settings

from .base import StadtteilPageMixin
from .centre import CentrePage
from .pages import OfferPage


class CentreIndexPage(StadtteilPageMixin, Page):
    """Lists the centres below it, filterable by district."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["stadtteil_centres.CentrePage", "stadtteil_centres.ProgrammePage"]
    template = "wagtail_stadtteil/centres/centre_index_page.html"

    class Meta:
        verbose_name = _("centre index")
        verbose_name_plural = _("centre indexes")

    def get_context(self, request, *args, **kwargs):
        from ..filters import CentreFilter

        context = super().get_context(request, *args, **kwargs)
        centres = (
            CentrePage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("district", "image")
            .order_by("title")
        )
        filterset = CentreFilter(request.GET or None, queryset=centres, locale=self.locale)
        context["centres"] = filterset.qs
        filterset.describe_errors()
        context["filter"] = filterset
        return context


class ProgrammePage(StadtteilPageMixin, Page):
    """The programme: every offer of the site's centres, with filters by theme,
    target group, centre, district, language, cost and step-free access."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = []
    template = "wagtail_stadtteil/centres/programme_page.html"

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def get_offers(self):
        """Live offers of this page's site, in this page's language."""
        # An offer of an unpublished centre is not part of the programme.
        offers = (
            OfferPage.objects.live().public().filter(locale_id=self.locale_id, centre__live=True)
        )
        site = self.get_site()
        if site is not None:
            root = site.root_page.get_translation_or_none(self.locale) or site.root_page
            offers = offers.descendant_of(root)
        return offers.select_related("centre", "provider", "image").order_by("title")

    def get_context(self, request, *args, **kwargs):
        from ..filters import OfferFilter

        context = super().get_context(request, *args, **kwargs)
        offers = self.get_offers()
        filterset = OfferFilter(request.GET or None, queryset=offers, locale=self.locale)
        # Offer only the centres of this site (not those of a city's other sites).
        centre_field = filterset.form.fields["centre"]
        centre_field.queryset = centre_field.queryset.filter(pk__in=offers.values("centre"))
        paginator = Paginator(filterset.qs.distinct(), stadtteil_settings.PROGRAMME_PAGE_SIZE)
        filterset.describe_errors()
        context["filter"] = filterset
        context["offers"] = paginator.get_page(request.GET.get("page"))
        return context
