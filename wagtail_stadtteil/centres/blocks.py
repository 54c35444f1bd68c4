"""StreamField blocks of the package's pages. Each renders semantic HTML from
``templates/wagtail_stadtteil/centres/blocks/``; override a template to restyle."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

TEMPLATE_DIR = "wagtail_stadtteil/centres/blocks/"

RICH_TEXT_FEATURES = ["bold", "italic", "h3", "h4", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"))
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = TEMPLATE_DIR + "heading.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = TEMPLATE_DIR + "figure.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("who said it"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = TEMPLATE_DIR + "quote.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to another website."""

    title = blocks.CharBlock(label=_("link text"))
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or web address"), required=False)
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={
                    "page": ErrorList([ValidationError(_("Choose a page or enter a web address."))])
                }
            )
        return value


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"))
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"), required=False, help_text=_("Leave empty to use the document title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = TEMPLATE_DIR + "document.html"


class BodyBlock(blocks.StreamBlock):
    """The free content of every page type."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template=TEMPLATE_DIR + "paragraph.html",
    )
    image = FigureBlock()
    quote = QuoteBlock()
    links = blocks.ListBlock(
        LinkBlock(), label=_("Link list"), icon="list-ul", template=TEMPLATE_DIR + "links.html"
    )
    questions = blocks.ListBlock(
        QuestionBlock(),
        label=_("Questions and answers"),
        icon="help",
        template=TEMPLATE_DIR + "questions.html",
    )
    document = DocumentLinkBlock()


class TaskBlock(blocks.StructBlock):
    """One task of an office, e.g. "Fördermittelakquise" with a short explanation (seed 001)."""

    title = blocks.CharBlock(label=_("task"))
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "tick"
        label = _("Task")
        template = TEMPLATE_DIR + "task.html"


class ReferralBlock(LinkBlock):
    """Where to go next (Lotsenfunktion): another service, with how to reach it."""

    phone = blocks.CharBlock(label=_("phone"), required=False)

    class Meta:
        icon = "redirect"
        label = _("Referral")
        template = TEMPLATE_DIR + "referral.html"

    def clean(self, value):
        # A referral may be just a name and a phone number.
        if value.get("phone"):
            return blocks.StructBlock.clean(self, value)
        return super().clean(value)
