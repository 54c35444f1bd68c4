"""What all the package's page types share."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList, TabbedInterface
from wagtail.models import Orderable, Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from wagtail_stadtteil.core.app_settings import stadtteil_settings
from wagtail_stadtteil.core.fields import LanguageCodesField
from wagtail_stadtteil.core.languages import get_language

from ..forms import StadtteilPageForm


def page_tabs(content_panels, *tabs):
    """The editor of a page type: "Content", then ``tabs`` as (panels, heading)
    pairs, then Wagtail's "Promote" and "Settings"."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            *(ObjectList(panels, heading=heading) for panels, heading in tabs),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )


#: What wagtail-localize translates of every page: its title, slug and search
#: texts; whether it shows in menus follows the source.
PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("show_in_menus"),
]


class StadtteilPageMixin(models.Model):
    """Context every public template of the package needs, and the admin form
    that offers snippets in the page's own language only."""

    base_form_class = StadtteilPageForm
    translatable_fields = PAGE_TRANSLATABLE_FIELDS

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from ..localizing import source_language

        context = super().get_context(request, *args, **kwargs)
        context["stadtteil_base_template"] = stadtteil_settings.BASE_TEMPLATE
        context["stadtteil_include_css"] = stadtteil_settings.INCLUDE_CSS
        context["json_ld"] = self.get_json_ld(request)
        # The language of texts synchronised from the default-locale page
        # (notes, roles, reasons) when this page is in another one, else "".
        context["stadtteil_source_lang"] = source_language(self, request)
        return context

    def reading(self, request=None):
        """Who reads this page: its locale and the default one (see
        ``wagtail_stadtteil.centres.localizing``)."""
        from ..localizing import Reading

        return Reading.of(self, request)

    def get_json_ld(self, request):
        """schema.org data for the page head, or None."""
        return None

    def in_page_language(self, snippet, request=None):
        """A shared snippet this page refers to, as the city translated it into
        the page's language (itself where there is no translation)."""
        from ..localizing import Reading, localize

        return localize([snippet], Reading.of(self, request))[0]


class CentreMemberBehaviour(models.Model):
    """A page that belongs to a centre: it lives somewhere below a CentrePage.

    The centre is stored (not looked up through the tree on every request) so
    that programme filters, and later scoping by centre, are plain joins. It is
    set on every save and kept right when pages move (signal_handlers).
    """

    centre = models.ForeignKey(
        "stadtteil_centres.CentrePage",
        verbose_name=_("centre"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.centre = find_centre(self)
        super().save(*args, **kwargs)


def find_centre(page):
    """The nearest CentrePage above ``page`` (by tree path), or None."""
    from .centre import CentrePage

    if not page.path:
        return None
    steplen = page.steplen
    ancestor_paths = [page.path[:end] for end in range(steplen, len(page.path), steplen)]
    return CentrePage.objects.filter(path__in=ancestor_paths).order_by("-depth").first()


class ContactPerson(Orderable):
    """A person residents can turn to, with the languages they speak."""

    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("role"), max_length=255, blank=True)
    languages = LanguageCodesField(_("languages spoken"))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldPanel("languages"),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    ]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.name

    def get_languages(self):
        return [get_language(code) for code in self.languages or []]
