"""Shared models: places, site settings and the page mixin for Chinese search.

Dependencies run one way: every content app imports from core; core imports
from no content app.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page
from wagtail.search import index

from heritage_archive.core.text import index_text, pinyin_tokens
from heritage_archive.core.visibility import visible_pages


class Region(index.Indexed, models.Model):
    """A township or street (乡镇/街道) of the district; data curators edit."""

    class Kind(models.TextChoices):
        TOWNSHIP = "township", _("乡镇")
        STREET = "street", _("街道")
        VILLAGE = "village", _("村")
        OTHER = "other", _("其他")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.TOWNSHIP)
    is_sample = models.BooleanField(_("示例数据"), default=False)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("is_sample")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("地区")
        verbose_name_plural = _("地区（乡镇/街道）")

    def __str__(self):
        return self.name


class ChineseSearchableMixin:
    """Makes a page findable in the admin by any word inside its Chinese text.

    The database search backend splits text on spaces only, so the page also
    indexes ``search_text``: the CJK unigrams and bigrams and the pinyin of
    the title made by core.text, the same tokens the public search uses.
    Subclasses list extra text in ``get_search_text_parts``.
    """

    search_fields = [
        *Page.search_fields,
        index.SearchField("search_text"),
        index.AutocompleteField("search_text"),
    ]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Wagtail's search backends look for the model that defines a search
        # field's attribute and read its _meta; defined only on this plain
        # mixin, Wagtail's Elasticsearch backend cannot map the field. So each
        # page class carries ``search_text`` itself.
        cls.search_text = ChineseSearchableMixin._search_text

    def get_search_text_parts(self):
        return []

    def search_facets(self):
        """A record's own facet values for the public search, beyond title, tags and region.

        Keys: ``level``, ``year``, ``era``, ``project_numbers`` (besides the
        key) and ``media`` (kinds besides the page's images and media items).
        """
        return {}

    def _search_text(self):
        parts = [self.title, *self.get_search_text_parts()]
        text = " ".join(strip_tags(str(part)) for part in parts if part)
        return " ".join([index_text(text), *pinyin_tokens(self.title)])


class IndexPage(ChineseSearchableMixin, Page):
    """A section's list page: an introduction above the visible pages below it."""

    introduction = models.TextField(_("导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        abstract = True

    def visible_children(self, model):
        """The children of type ``model`` the public may see (core.visibility)."""
        return visible_pages(model.objects.child_of(self))


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    site_name = models.CharField(_("站点名称"), max_length=100, default="安次区文化馆")
    logo = models.ForeignKey(
        "images.ArchiveImage",
        verbose_name=_("标志"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    icp_number = models.CharField(_("备案编号"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=100, blank=True)
    email = models.EmailField(_("邮箱"), blank=True)
    wechat = models.CharField(_("微信"), max_length=100, blank=True)
    website = models.URLField(_("网站"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("logo")], heading=_("站点")),
        MultiFieldPanel(
            [
                FieldPanel("icp_number"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("wechat"),
                FieldPanel("website"),
            ],
            heading=_("页脚"),
        ),
        InlinePanel("friendly_links", label=_("友情链接")),
    ]

    class Meta:
        verbose_name = _("站点设置")


class FriendlyLink(Orderable):
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="friendly_links")
    title = models.CharField(_("名称"), max_length=100)
    url = models.URLField(_("链接"))

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("友情链接")

    def __str__(self):
        return self.title


class GalleryImageBase(Orderable):
    """One image of a record's gallery. Gallery images must carry alt text."""

    image = models.ForeignKey(
        "images.ArchiveImage", verbose_name=_("图片"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("说明"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("图集图片")

    def clean(self):
        super().clean()
        if self.image_id and not (self.image.description or "").strip():
            raise ValidationError(
                {"image": _("图集中的图片必须填写替代文字（图片的“描述”字段），供读屏软件使用。")}
            )


class MediaItemBase(Orderable):
    """One audio or video recording attached to a record."""

    media = models.ForeignKey(
        "mediafiles.ArchiveMedia",
        verbose_name=_("音视频"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(_("说明"), max_length=255, blank=True)

    panels = [FieldPanel("media"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("音视频")


class DocumentItemBase(Orderable):
    document = models.ForeignKey(
        "mediafiles.ArchiveDocument",
        verbose_name=_("文档"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(_("说明"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("文档")


def format_year(year, approximate=False):
    """A year as Chinese readers write it: 约1820年, 公元前221年; "" when unknown."""
    if year is None:
        return ""
    text = _("公元前%(year)s年") % {"year": -year} if year < 0 else _("%(year)s年") % {"year": year}
    return _("约") + text if approximate else text


def stream_text(value):
    """The plain searchable text of a StreamField value."""
    if not value:
        return ""
    return " ".join(value.stream_block.get_searchable_content(value))
