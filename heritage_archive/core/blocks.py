"""The one StreamBlock every page body uses (as bakerydemo's BaseStreamBlock)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtailmedia.blocks import AudioChooserBlock, VideoChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("图片"))
    caption = blocks.CharBlock(label=_("说明"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("图片")
        template = "blocks/captioned_image_block.html"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("标题"), max_length=120)
    size = blocks.ChoiceBlock(label=_("级别"), choices=[("h2", "H2"), ("h3", "H3")], default="h2")

    class Meta:
        icon = "title"
        label = _("小标题")
        template = "blocks/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("引文"))
    attribution = blocks.CharBlock(label=_("出处"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("引文")
        template = "blocks/quote_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("段落"),
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        icon="pilcrow",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    audio = AudioChooserBlock(label=_("音频"), icon="media")
    video = VideoChooserBlock(label=_("视频"), icon="media")
    document = DocumentChooserBlock(label=_("文档"), icon="doc-full")

    class Meta:
        label = _("正文")
