"""艺术欣赏: galleries (albums of images) and single artworks."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Page

from heritage_archive.core.models import ChineseSearchableMixin, GalleryImageBase, IndexPage
from heritage_archive.core.visibility import visible_pages
from heritage_archive.records.registry import RecordType


class GalleryIndexPage(IndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["galleries.GalleryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("艺术欣赏")

    def get_galleries(self):
        return self.visible_children(GalleryPage).order_by("-date", "-pk")


class GalleryPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "galleries.GalleryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class GalleryPage(ChineseSearchableMixin, Page):
    """An album: an exhibition, a competition, a season of works."""

    date = models.DateField(_("日期"), default=timezone.localdate)
    introduction = models.TextField(_("简介"), blank=True)
    tags = ClusterTaggableManager(through=GalleryPageTag, blank=True, verbose_name=_("标签"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("introduction"),
        InlinePanel("gallery_images", label=_("图集")),
        FieldPanel("tags"),
    ]

    parent_page_types = ["galleries.GalleryIndexPage"]
    subpage_types = ["galleries.ArtworkPage"]

    class Meta:
        verbose_name = _("图集")
        verbose_name_plural = _("图集")

    def get_artworks(self):
        return (
            visible_pages(ArtworkPage.objects.all())
            .child_of(self)
            .select_related("image")
            .order_by("path")
        )

    def get_search_text_parts(self):
        return [self.introduction]


class GalleryImage(GalleryImageBase):
    page = ParentalKey(GalleryPage, on_delete=models.CASCADE, related_name="gallery_images")


class ArtworkPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "galleries.ArtworkPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArtworkPage(ChineseSearchableMixin, Page):
    """One work of art: calligraphy, painting, paper-cut, photograph."""

    record_type = RecordType("artwork", _("艺术作品"), position=5)

    artist = models.CharField(_("作者"), max_length=100)
    year = models.SmallIntegerField(_("创作年份"), null=True, blank=True)
    medium = models.CharField(_("形式/材质"), max_length=100, blank=True)
    dimensions = models.CharField(_("尺寸"), max_length=100, blank=True)
    image = models.ForeignKey(
        "images.ArchiveImage",
        verbose_name=_("作品图片"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("作品介绍"), blank=True)
    tags = ClusterTaggableManager(through=ArtworkPageTag, blank=True, verbose_name=_("标签"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("artist"),
                FieldPanel("year"),
                FieldPanel("medium"),
                FieldPanel("dimensions"),
            ],
            heading=_("作品信息"),
        ),
        FieldPanel("image"),
        FieldPanel("description"),
        FieldPanel("tags"),
    ]

    parent_page_types = ["galleries.GalleryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("艺术作品")
        verbose_name_plural = _("艺术作品")

    def get_search_text_parts(self):
        return [self.artist, self.medium, self.description]
