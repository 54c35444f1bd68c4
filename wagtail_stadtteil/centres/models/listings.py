"""Optional listing pages: all centres, and the programme of all offers."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from wagtail_stadtteil.core.app_settings import stadtteil_settings

from .base import PAGE_TRANSLATABLE_FIELDS, StadtteilPageMixin
from .centre import CentrePage
from .pages import OfferPage


class CentreIndexPage(StadtteilPageMixin, Page):
    """Lists the centres below it, filterable by district."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["stadtteil_centres.CentrePage", "stadtteil_centres.ProgrammePage"]
    template = "wagtail_stadtteil/centres/centre_index_page.html"

    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]

    class Meta:
        verbose_name = _("centre index")
        verbose_name_plural = _("centre indexes")

    def get_context(self, request, *args, **kwargs):
        from ..filters import CentreFilter
        from ..localizing import descendants_q, in_reader_language, localize

        context = super().get_context(request, *args, **kwargs)
        reading = self.reading(request)
        # The centres below this index in its language, and those below the
        # default locale's index that are not translated yet.
        centres = in_reader_language(
            CentrePage.objects.live().public().filter(descendants_q(self, reading)), reading
        )
        centres = centres.select_related("district", "image").order_by("title", "pk")
        filterset = CentreFilter(request.GET or None, queryset=centres, reading=reading)
        centres = reading.mark(filterset.qs)
        districts = localize([centre.district for centre in centres], reading)
        for centre, district in zip(centres, districts, strict=True):
            centre.district_shown = district
        context["centres"] = centres
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

    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def get_offers(self, reading=None):
        """Live offers of this page's site in this page's language, and those
        in the default language that are not translated into it yet."""
        from ..localizing import descendants_q, in_reader_language

        reading = reading or self.reading()
        # An offer of an unpublished centre is not part of the programme.
        offers = OfferPage.objects.live().public().filter(centre__live=True)
        site = self.get_site()
        if site is not None:
            offers = offers.filter(descendants_q(site.root_page, reading))
        offers = in_reader_language(offers, reading)
        return offers.select_related("centre", "provider", "image").order_by("title", "pk")

    def get_context(self, request, *args, **kwargs):
        from ..filters import OfferFilter
        from ..localizing import localize

        context = super().get_context(request, *args, **kwargs)
        reading = self.reading(request)
        offers = self.get_offers(reading)
        filterset = OfferFilter(request.GET or None, queryset=offers, reading=reading)
        # Offer only the centres of this site (not those of a city's other sites).
        centre_field = filterset.form.fields["centre"]
        centre_field.queryset = centre_field.queryset.filter(
            translation_key__in=offers.values("centre__translation_key")
        )
        paginator = Paginator(filterset.qs.distinct(), stadtteil_settings.PROGRAMME_PAGE_SIZE)
        filterset.describe_errors()
        context["filter"] = filterset
        listed = paginator.get_page(request.GET.get("page"))
        listed.object_list = reading.mark(listed.object_list)
        # An offer not translated yet names its centre in the reader's
        # language when the centre is.
        centres = localize([offer.centre for offer in listed.object_list], reading)
        for offer, centre in zip(listed.object_list, centres, strict=True):
            offer.centre_shown = centre
        context["offers"] = listed
        return context
