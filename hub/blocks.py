from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock
from wagtailmedia.blocks import AbstractMediaChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Climate neutral and smart cities", "level": "h2"}
        group = _("Text")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "No one can make a city climate neutral alone.",
            "attribution": "Smart Cities Hub",
        }
        group = _("Text")


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("Figure"), max_length=20)
    caption = blocks.CharBlock(label=_("Caption"), max_length=200)

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"))

    class Meta:
        icon = "list-ul"
        label = _("Key figures")
        template = "blocks/key_figures_block.html"
        preview_value = {
            "figures": [
                {"figure": "55%", "caption": "of people live in cities today"},
                {"figure": "70%", "caption": "will by 2050"},
            ]
        }
        group = _("Highlights")


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_page = blocks.PageChooserBlock(label=_("Link to a page"), required=False)
    link_url = blocks.URLBlock(label=_("or to an address"), required=False)
    link_text = blocks.CharBlock(label=_("Link text"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        preview_value = {
            "heading": "Working on a smart-city initiative?",
            "text": "Tell us about it and find partners.",
            "link_url": "https://example.org/",
            "link_text": "Register your initiative",
        }
        group = _("Highlights")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("link_page")) == bool(value.get("link_url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "link_url": ValidationError(
                        _("Choose either a page or an address to link to.")
                    )
                }
            )
        return value


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "link", "ul", "ol"]
    )

    class Meta:
        icon = "info-circle"
        label = _("Fact box")
        template = "blocks/fact_box_block.html"
        preview_value = {
            "title": "Did you know?",
            "text": "<p>Cities cover 3% of the land and use 78% of the energy.</p>",
        }
        group = _("Highlights")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    link_text = blocks.CharBlock(
        label=_("Link text"),
        max_length=120,
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "blocks/document_link_block.html"
        group = _("Media")


class RelatedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("Pages"))

    class Meta:
        icon = "link"
        label = _("Related pages")
        template = "blocks/related_pages_block.html"
        group = _("Highlights")


class MediaBlock(AbstractMediaChooserBlock):
    """Audio or video from our own media library: nothing embedded from
    other hosts, so no tracking and no Content-Security-Policy exceptions."""

    class Meta:
        icon = "media"
        label = _("Audio or video")
        template = "blocks/media_block.html"
        group = _("Media")


class BaseStreamBlock(blocks.StreamBlock):
    """The body blocks every content page offers, grouped in the picker."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="blocks/paragraph_block.html",
        preview_value="<p>Cities are systems of systems.</p>",
        group=_("Text"),
    )
    quote = QuoteBlock()
    image = ImageBlock(
        label=_("Image"), group=_("Media"), template="blocks/image_block.html"
    )
    media = MediaBlock()
    document_link = DocumentLinkBlock()
    key_figures = KeyFiguresBlock()
    fact_box = FactBoxBlock()
    call_to_action = CallToActionBlock()
    related_pages = RelatedPagesBlock()
