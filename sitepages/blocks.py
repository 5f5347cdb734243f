"""StreamField blocks of the portal pages: page bodies, quick links, footer links."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from cms.i18n import is_persian

from .enums import SocialNetwork

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class LinkValue(blocks.StructValue):
    """A link to a page of the site or to an address elsewhere."""

    @cached_property
    def href(self):
        page = self.get("page")
        if page is not None:
            # No ``localized`` here: it costs queries per link on every page.
            return page.url if page.live else ""
        return self.get("url") or ""

    @property
    def text(self):
        # Footer links may carry an English title for English pages.
        english = self.get("title_en")
        if english and not is_persian():
            return english
        if self.get("title"):
            return self["title"]
        page = self.get("page")
        return page.title if page is not None else self.get("url", "")

    @property
    def is_external(self):
        return self.get("page") is None


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("title"),
        required=False,
        max_length=80,
        help_text=_("Leave empty to use the title of the chosen page."),
    )
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or enter an address, not both.")
            raise StructBlockValidationError(
                block_errors={"page": ErrorList([ValidationError(message)])}
            )
        if value.get("url") and not value.get("title"):
            raise StructBlockValidationError(
                block_errors={
                    "title": ErrorList(
                        [ValidationError(_("A link to another site needs a title."))]
                    )
                }
            )
        return value

    class Meta:
        icon = "link"
        label = _("link")
        value_class = LinkValue


class FooterLinkBlock(LinkBlock):
    """A footer link: the portal settings are one for both languages, so the link
    carries its English title (a page's Persian title shows, marked Persian, without)."""

    title_en = blocks.CharBlock(
        label=_("title in English"),
        required=False,
        max_length=80,
        help_text=_("Shown on English pages."),
    )

    class Meta:
        value_class = LinkValue


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(label=_("network"), choices=SocialNetwork.choices)
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "site"
        label = _("social network")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Heading")), ("h3", _("Subheading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("heading")
        template = "sitepages/blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("image")
        template = "sitepages/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's own title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("document")
        template = "sitepages/blocks/document.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("question and answer")


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=200)
    items = blocks.ListBlock(QuestionBlock(), label=_("items"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("accordion / FAQ")
        template = "sitepages/blocks/accordion.html"


class BodyBlock(blocks.StreamBlock):
    """The body of standard pages and announcements."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"),
        features=RICH_TEXT_FEATURES,
        template="sitepages/blocks/paragraph.html",
    )
    image = CaptionedImageBlock()
    document = DocumentBlock()
    table = TableBlock(label=_("table"), template="sitepages/blocks/table.html")
    accordion = AccordionBlock()
