"""传承人: representative inheritors, their designations and who taught whom."""

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
from heritage_archive.core.choices import Gender, Level, highest_level_and_year
from heritage_archive.core.models import (
    ChineseSearchableMixin,
    GalleryImageBase,
    IndexPage,
    MediaItemBase,
    stream_text,
)
from heritage_archive.records.api_fields import (
    ListingsField,
    RelatedRecordsField,
    TagNamesField,
    region_field,
)
from heritage_archive.records.autocomplete import RecordAutocompleteMixin, record_panel
from heritage_archive.records.browsing import browse_context
from heritage_archive.records.registry import RecordType

from .structured_data import inheritor_data


class InheritorIndexPage(IndexPage):
    """传承人: every representative inheritor."""

    parent_page_types = ["heritage.HeritageSectionPage"]
    subpage_types = ["inheritors.InheritorPage"]
    max_count = 1

    class Meta:
        verbose_name = _("传承人名录")

    def get_context(self, request, *args, **kwargs):
        """The inheritors by key, filtered and sorted with the search's parameters."""
        context = super().get_context(request, *args, **kwargs)
        context.update(
            browse_context(
                self.visible_children(InheritorPage),
                request,
                prefetch="portrait__renditions",
                related=("region", "portrait"),
                default_order=("key",),
            )
        )
        return context


class InheritorPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "inheritors.InheritorPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class InheritorPage(RecordAutocompleteMixin, ChineseSearchableMixin, Page):
    """A representative inheritor (代表性传承人); the page title is the name."""

    record_type = RecordType(
        "inheritor", _("传承人"), keyed=True, harvest_label=_("非遗代表性传承人"), position=2
    )

    key = models.CharField(
        _("编号"),
        max_length=50,
        unique=True,
        help_text=_("代表性传承人编号，按认定文件填写，如 安次-Ⅶ-9-1；用于永久链接。"),
    )
    gender = models.CharField(
        _("性别"),
        max_length=10,
        choices=Gender.choices,
        blank=True,
        help_text=_("按传承人申报表填写。"),
    )
    ethnicity = models.CharField(
        _("民族"),
        max_length=20,
        blank=True,
        default="汉族",
        help_text=_("如 汉族、回族、满族。"),
    )
    birth_year = models.SmallIntegerField(
        _("出生年份"),
        null=True,
        blank=True,
        help_text=_("四位年份，如 1948；用于找出年满七十岁、需抢救性记录的传承人。"),
    )
    region = models.ForeignKey(
        "core.Region",
        verbose_name=_("所属地区"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inheritors",
        help_text=_("传承人的居住地或主要传承地所在的乡镇或街道。"),
    )
    summary = models.TextField(
        _("简介"),
        blank=True,
        help_text=_("传承人简介：从艺经历、技艺特点与传承活动，列表和搜索结果中显示。"),
    )
    biography = StreamField(
        BodyStreamBlock(),
        verbose_name=_("详细介绍"),
        blank=True,
        help_text=_("详细介绍：学艺与从艺经历、传承谱系中的位置、代表作品、带徒传艺情况。"),
    )
    portrait = models.ForeignKey(
        "images.ArchiveImage",
        verbose_name=_("肖像"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("传承人肖像照片；请在上传时填写替代文字。"),
    )
    items = ParentalManyToManyField(
        "heritage.HeritageItemPage",
        verbose_name=_("传承项目"),
        blank=True,
        related_name="inheritors",
        help_text=_("传承人被认定的代表性项目，即申报表中的“传承项目”。"),
    )
    # 师承: a directed graph. ``teachers`` are the people who taught this one;
    # the reverse relation ``students`` gives the other direction.
    teachers = ParentalManyToManyField(
        "self",
        verbose_name=_("师承（师父）"),
        blank=True,
        symmetrical=False,
        related_name="students",
        help_text=_("传承谱系中传授技艺给本人的师父；徒弟一方会自动显示。"),
    )
    tags = ClusterTaggableManager(
        through=InheritorPageTag,
        blank=True,
        verbose_name=_("标签"),
        help_text=_("关键词，可用“，”“、”“；”或英文逗号分隔。"),
    )
    is_sample = models.BooleanField(
        _("示例数据"), default=False, help_text=_("演示用的示例内容，正式著录的传承人不勾选。")
    )
    level = models.CharField(
        _("最高级别"), max_length=20, choices=Level.choices, blank=True, editable=False
    )
    level_year = models.PositiveSmallIntegerField(
        _("最高级别认定年份"), null=True, blank=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("key"),
                FieldPanel("gender"),
                FieldPanel("ethnicity"),
                FieldPanel("birth_year"),
                FieldPanel("region"),
                FieldPanel("portrait"),
            ],
            heading=_("基本信息"),
        ),
        record_panel("items"),
        InlinePanel("designations", label=_("传承人认定")),
        record_panel("teachers"),
        FieldPanel("summary"),
        FieldPanel("biography"),
        InlinePanel("gallery_images", label=_("图集")),
        InlinePanel("media_items", label=_("音视频")),
        FieldPanel("tags"),
        FieldPanel("is_sample"),
    ]
    search_fields = [
        *ChineseSearchableMixin.search_fields,
        index.SearchField("key"),
        index.FilterField("level"),
        index.FilterField("region"),
    ]
    api_fields = [
        APIField("key"),
        APIField("gender"),
        APIField("ethnicity"),
        APIField("birth_year"),
        APIField("region", serializer=region_field()),
        APIField("summary"),
        APIField("level"),
        APIField("level_year"),
        APIField("designations", serializer=ListingsField(["level", "batch", "year"])),
        APIField("items", serializer=RelatedRecordsField()),
        APIField("teachers", serializer=RelatedRecordsField()),
        APIField("students", serializer=RelatedRecordsField()),
        APIField("tags", serializer=TagNamesField()),
    ]

    parent_page_types = ["inheritors.InheritorIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("传承人")
        verbose_name_plural = _("传承人")

    @classmethod
    def autosave_key_clash(cls, data):
        """Pages holding a submitted form's key (core.drafts)."""
        key = (data.get("key") or "").strip()
        return Q(key=key) if key else Q(pk__in=[])

    def clean(self):
        super().clean()
        if self.pk and any(teacher.pk == self.pk for teacher in self.teachers.all()):
            raise ValidationError({"teachers": _("传承人不能是自己的师父。")})

    def save(self, *args, **kwargs):
        self.level, self.level_year = highest_level_and_year(self.designations.all())
        super().save(*args, **kwargs)

    def structured_data(self, request, *, site_name=""):
        return inheritor_data(self, request, site_name=site_name)

    def search_facets(self):
        return {"level": self.level, "year": self.level_year}

    def get_search_text_parts(self):
        return [self.key, self.ethnicity, self.summary, stream_text(self.biography)]


class InheritorDesignation(Orderable):
    """One designation as representative inheritor: level, batch, year."""

    page = ParentalKey(InheritorPage, on_delete=models.CASCADE, related_name="designations")
    level = models.CharField(
        _("级别"),
        max_length=20,
        choices=Level.choices,
        help_text=_("认定代表性传承人的政府级别：区县级、市级、省级或国家级。"),
    )
    batch = models.CharField(
        _("批次"), max_length=20, blank=True, help_text=_("认定批次，如 第五批。")
    )
    year = models.PositiveSmallIntegerField(
        _("认定年份"), null=True, blank=True, help_text=_("认定文件的发布年份，如 2018。")
    )

    panels = [FieldPanel("level"), FieldPanel("batch"), FieldPanel("year")]

    class Meta(Orderable.Meta):
        verbose_name = _("传承人认定")
        verbose_name_plural = _("传承人认定")


class InheritorImage(GalleryImageBase):
    page = ParentalKey(InheritorPage, on_delete=models.CASCADE, related_name="gallery_images")


class InheritorMedia(MediaItemBase):
    page = ParentalKey(InheritorPage, on_delete=models.CASCADE, related_name="media_items")
