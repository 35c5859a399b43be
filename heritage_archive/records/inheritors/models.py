"""传承人: representative inheritors, their designations and who taught whom."""

from django.core.exceptions import ValidationError
from django.db import models
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

    key = models.CharField(_("编号"), max_length=50, unique=True)
    gender = models.CharField(_("性别"), max_length=10, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(_("民族"), max_length=20, blank=True, default="汉族")
    birth_year = models.SmallIntegerField(_("出生年份"), null=True, blank=True)
    region = models.ForeignKey(
        "core.Region",
        verbose_name=_("所属地区"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inheritors",
    )
    summary = models.TextField(_("简介"), blank=True)
    biography = StreamField(BodyStreamBlock(), verbose_name=_("详细介绍"), blank=True)
    portrait = models.ForeignKey(
        "images.ArchiveImage",
        verbose_name=_("肖像"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    items = ParentalManyToManyField(
        "heritage.HeritageItemPage",
        verbose_name=_("传承项目"),
        blank=True,
        related_name="inheritors",
    )
    # 师承: a directed graph. ``teachers`` are the people who taught this one;
    # the reverse relation ``students`` gives the other direction.
    teachers = ParentalManyToManyField(
        "self",
        verbose_name=_("师承（师父）"),
        blank=True,
        symmetrical=False,
        related_name="students",
    )
    tags = ClusterTaggableManager(through=InheritorPageTag, blank=True, verbose_name=_("标签"))
    is_sample = models.BooleanField(_("示例数据"), default=False)
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
    level = models.CharField(_("级别"), max_length=20, choices=Level.choices)
    batch = models.CharField(_("批次"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("认定年份"), null=True, blank=True)

    panels = [FieldPanel("level"), FieldPanel("batch"), FieldPanel("year")]

    class Meta(Orderable.Meta):
        verbose_name = _("传承人认定")
        verbose_name_plural = _("传承人认定")


class InheritorImage(GalleryImageBase):
    page = ParentalKey(InheritorPage, on_delete=models.CASCADE, related_name="gallery_images")


class InheritorMedia(MediaItemBase):
    page = ParentalKey(InheritorPage, on_delete=models.CASCADE, related_name="media_items")
