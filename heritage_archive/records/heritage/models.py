"""非物质文化遗产: the section, the list of items (项目名录) and each item with its ladder.

An item is listed first by the district and may climb to the city, the
province, the nation and UNESCO; every listing is a HeritageListing row and
the item's ``level`` is its highest one (domain.md).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from heritage_archive.core.blocks import BodyStreamBlock
from heritage_archive.core.choices import (
    LEVEL_RANKS,
    Category,
    Level,
    ListingType,
    highest_level_and_year,
)
from heritage_archive.core.models import (
    ChineseSearchableMixin,
    DocumentItemBase,
    GalleryImageBase,
    IndexPage,
    MediaItemBase,
    stream_text,
)
from heritage_archive.core.text import fold_project_number
from heritage_archive.records.api_fields import (
    ListingsField,
    RelatedRecordsField,
    TagNamesField,
    region_field,
)
from heritage_archive.records.autocomplete import RecordAutocompleteMixin, record_panel
from heritage_archive.records.browsing import browse_context
from heritage_archive.records.registry import RecordType

from .structured_data import heritage_item_data


class HeritageSectionPage(IndexPage):
    """非物质文化遗产: the section holding 项目名录 and 传承人."""

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "heritage.HeritageIndexPage",
        "inheritors.InheritorIndexPage",
        "pages.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("非物质文化遗产栏目")


class HeritageIndexPage(IndexPage):
    """项目名录: every heritage item of the district."""

    parent_page_types = ["heritage.HeritageSectionPage"]
    subpage_types = ["heritage.HeritageItemPage"]
    max_count = 1

    class Meta:
        verbose_name = _("项目名录")

    def get_context(self, request, *args, **kwargs):
        """The items in catalogue order (Ⅰ…Ⅹ, then project number), filtered and sorted.

        The parameters are those of the public search (records.browsing).
        """
        context = super().get_context(request, *args, **kwargs)
        context.update(
            browse_context(
                self.visible_children(HeritageItemPage),
                request,
                prefetch="gallery_images__image__renditions",
                related=("region",),
            )
        )
        return context


class HeritageItemTag(TaggedItemBase):
    content_object = ParentalKey(
        "heritage.HeritageItemPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class HeritageItemPage(RecordAutocompleteMixin, ChineseSearchableMixin, Page):
    """A heritage item (非遗项目), keyed by its project number."""

    record_type = RecordType(
        "heritage", _("非遗项目"), keyed=True, harvest_label=_("非遗项目"), position=1
    )

    key = models.CharField(
        _("项目编号"),
        max_length=50,
        help_text=_(
            "本项目在区级名录中的项目编号，如 Ⅴ-3 或 安次-Ⅴ-3；Ⅴ、V、5 与全角连字符视为相同。"
        ),
    )
    # The folded key (Ⅱ-28 -> 2-28) is what makes a key unique and findable.
    key_folded = models.CharField(max_length=50, unique=True, editable=False)
    category = models.CharField(
        _("类别"),
        max_length=40,
        choices=Category.choices,
        help_text=_("项目类别，按国家级名录的十大门类填写，如 传统美术、民俗。"),
    )
    region = models.ForeignKey(
        "core.Region",
        verbose_name=_("所属地区"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="heritage_items",
        help_text=_("项目主要流布的乡镇或街道。"),
    )
    protection_unit = models.CharField(
        _("保护单位"),
        max_length=200,
        blank=True,
        help_text=_("项目保护单位：承担项目保护传承责任的单位，按名录公布文件填写全称。"),
    )
    applicant = models.CharField(
        _("申报地区或单位"),
        max_length=200,
        blank=True,
        help_text=_("申报书中的申报地区或单位，如 安次区文化馆。"),
    )
    summary = models.TextField(
        _("简介"),
        blank=True,
        help_text=_("项目简介：历史渊源、基本内容与主要特征，列表和搜索结果中显示。"),
    )
    body = StreamField(
        BodyStreamBlock(),
        verbose_name=_("正文"),
        blank=True,
        help_text=_("项目的详细介绍：分布区域、历史渊源、基本内容、传承谱系、主要价值与濒危状况。"),
    )
    tags = ClusterTaggableManager(
        through=HeritageItemTag,
        blank=True,
        verbose_name=_("标签"),
        help_text=_("关键词，可用“，”“、”“；”或英文逗号分隔。"),
    )
    related_items = ParentalManyToManyField(
        "self",
        verbose_name=_("相关项目"),
        blank=True,
        symmetrical=True,
        help_text=_("同一门类或同一地区的相关非遗项目，双向关联。"),
    )
    is_sample = models.BooleanField(
        _("示例数据"), default=False, help_text=_("演示用的示例内容，正式著录的项目不勾选。")
    )
    # Denormalised from the listings on every save, for filters and facets.
    level = models.CharField(
        _("最高级别"), max_length=20, choices=Level.choices, blank=True, editable=False
    )
    level_year = models.PositiveSmallIntegerField(
        _("最高级别公布年份"), null=True, blank=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("key"),
                FieldPanel("category"),
                FieldPanel("region"),
                FieldPanel("protection_unit"),
                FieldPanel("applicant"),
            ],
            heading=_("基本信息"),
        ),
        InlinePanel("listings", label=_("名录"), min_num=1),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("gallery_images", label=_("图集")),
        InlinePanel("media_items", label=_("音视频")),
        InlinePanel("documents", label=_("文档")),
        FieldPanel("tags"),
        record_panel("related_items"),
        FieldPanel("is_sample"),
    ]
    search_fields = [
        *ChineseSearchableMixin.search_fields,
        index.SearchField("key"),
        index.FilterField("category"),
        index.FilterField("level"),
        index.FilterField("region"),
    ]
    api_fields = [
        APIField("key"),
        APIField("category"),
        APIField("region", serializer=region_field()),
        APIField("protection_unit"),
        APIField("applicant"),
        APIField("summary"),
        APIField("level"),
        APIField("level_year"),
        APIField(
            "listings",
            serializer=ListingsField(
                ["level", "batch", "year", "notice_number", "project_number", "listing_type"]
            ),
        ),
        APIField("tags", serializer=TagNamesField()),
        APIField("inheritors", serializer=RelatedRecordsField()),
        APIField("related_items", serializer=RelatedRecordsField()),
    ]

    parent_page_types = ["heritage.HeritageIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("非遗项目")
        verbose_name_plural = _("非遗项目")

    @classmethod
    def autosave_key_clash(cls, data):
        """Pages holding a submitted form's project number, in any spelling (core.drafts)."""
        folded = fold_project_number((data.get("key") or "").strip())
        return Q(key_folded=folded) if folded else Q(pk__in=[])

    def clean(self):
        super().clean()
        self.key = (self.key or "").strip()
        self.key_folded = fold_project_number(self.key)
        if not self.key_folded:
            raise ValidationError({"key": _("项目编号不能为空。")})
        clash = HeritageItemPage.objects.filter(key_folded=self.key_folded).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError(
                {
                    "key": _("项目编号 %(key)s 已被“%(title)s”使用。")
                    % {"key": self.key, "title": clash.first().title}
                }
            )

    def save(self, *args, **kwargs):
        self.key_folded = fold_project_number(self.key)
        self.update_highest_listing()
        super().save(*args, **kwargs)

    def update_highest_listing(self):
        """Set ``level`` and ``level_year`` from the highest listing of the ladder."""
        self.level, self.level_year = highest_level_and_year(self.listings.all())

    def get_ladder(self):
        """The listings from the district up to the highest level, oldest first."""
        return sorted(self.listings.all(), key=ladder_key)

    def structured_data(self, request, *, site_name=""):
        return heritage_item_data(self, request, site_name=site_name)

    def search_facets(self):
        return {
            "level": self.level,
            "year": self.level_year,
            "project_numbers": [
                listing.project_number for listing in self.listings.all() if listing.project_number
            ],
        }

    def get_search_text_parts(self):
        return [
            self.key,
            fold_project_number(self.key),
            self.protection_unit,
            self.applicant,
            self.summary,
            stream_text(self.body),
        ]


def ladder_key(listing):
    """Where a listing stands in the ladder: level, then year, then the rest of its fields.

    Every field takes part so that the order never depends on the database's
    order of rows (listings written without a sort_order tie on it, and
    PostgreSQL, unlike SQLite, returns tied rows in no fixed order). Works on
    anything with a listing's fields (HeritageListing, the importer's Listing).
    """
    return (
        LEVEL_RANKS[Level(listing.level)],
        listing.year or 0,
        listing.batch or "",
        listing.notice_number or "",
        listing.listing_type or "",
        getattr(listing, "project_number", "") or "",
    )


class HeritageListing(Orderable):
    """One listing of an item: a rung of its ladder (domain.md, 名录级别)."""

    page = ParentalKey(HeritageItemPage, on_delete=models.CASCADE, related_name="listings")
    level = models.CharField(
        _("级别"),
        max_length=20,
        choices=Level.choices,
        help_text=_("公布该名录的政府级别：区县级、市级、省级、国家级或联合国教科文组织。"),
    )
    batch = models.CharField(
        _("批次"), max_length=20, blank=True, help_text=_("公布批次，如 第三批。")
    )
    year = models.PositiveSmallIntegerField(
        _("公布年份"), null=True, blank=True, help_text=_("名录公布文件的发布年份，如 2011。")
    )
    notice_number = models.CharField(
        _("文号"),
        max_length=100,
        blank=True,
        help_text=_("公布文件的文号，如 国发〔2011〕14号。"),
    )
    project_number = models.CharField(
        _("该级别项目编号"),
        max_length=50,
        blank=True,
        help_text=_("该级别名录中的项目编号，如 Ⅶ-9；与本项目的项目编号可以不同。"),
    )
    listing_type = models.CharField(
        _("类型"),
        max_length=20,
        choices=ListingType.choices,
        default=ListingType.NEW,
        help_text=_("新增项目或扩展项目（已列入名录项目的新申报地区或单位）。"),
    )

    panels = [
        FieldPanel("level"),
        FieldPanel("batch"),
        FieldPanel("year"),
        FieldPanel("notice_number"),
        FieldPanel("project_number"),
        FieldPanel("listing_type"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("名录")
        verbose_name_plural = _("名录")

    def __str__(self):
        return " ".join(
            str(part) for part in (self.get_level_display(), self.batch, self.year) if part
        )


class HeritageItemImage(GalleryImageBase):
    page = ParentalKey(HeritageItemPage, on_delete=models.CASCADE, related_name="gallery_images")


class HeritageItemMedia(MediaItemBase):
    page = ParentalKey(HeritageItemPage, on_delete=models.CASCADE, related_name="media_items")


class HeritageItemDocument(DocumentItemBase):
    page = ParentalKey(HeritageItemPage, on_delete=models.CASCADE, related_name="documents")
